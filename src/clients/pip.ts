/** pip: PIP_INDEX_URL (CodeArtifact replaces PyPI) or PIP_EXTRA_INDEX_URL (beside it), credentials in the URL. */
import { CODEARTIFACT_USERNAME, type PackageClient, type PackageContext } from './context.js'

/** `https://host/pypi/repo/` → `https://aws:<percent-encoded token>@host/pypi/repo/simple/`. */
export function simpleIndexUrl(endpoint: string, token?: string): string {
  const url = new URL('simple/', endpoint)
  if (token !== undefined) {
    url.username = CODEARTIFACT_USERNAME
    url.password = encodeURIComponent(token)
  }
  return url.toString()
}

export const pip: PackageClient = {
  async configure({ endpoint, token, settings, env }: PackageContext): Promise<Record<string, string>> {
    const url = simpleIndexUrl(endpoint, token)
    if (settings.pipIndex === 'index') return { PIP_INDEX_URL: url }
    const existing = env.PIP_EXTRA_INDEX_URL?.trim()
    return { PIP_EXTRA_INDEX_URL: existing ? `${existing} ${url}` : url }
  },
}
