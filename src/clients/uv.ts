/**
 * uv: the default index (credentials in the URL) or a named extra index `registry-name` with
 * UV_INDEX_<NAME>_USERNAME/PASSWORD. Nothing for `uv publish`: its UV_PUBLISH_USERNAME/PASSWORD go
 * to whatever URL a later command names (PyPI with `--index pypi`, and they switch off trusted
 * publishing), so the README has the step-level variables for publishing to CodeArtifact instead.
 */
import { CODEARTIFACT_USERNAME, variablePart, type PackageClient, type PackageContext } from './context.js'
import { simpleIndexUrl } from './pip.js'

export const uv: PackageClient = {
  async configure({ endpoint, token, settings, env }: PackageContext): Promise<Record<string, string>> {
    if (settings.pipIndex === 'index') return { UV_DEFAULT_INDEX: simpleIndexUrl(endpoint, token) }
    const named = `${settings.registryName}=${simpleIndexUrl(endpoint)}`
    const existing = env.UV_INDEX?.trim()
    const variable = variablePart(settings.registryName)
    return {
      UV_INDEX: existing ? `${existing} ${named}` : named,
      [`UV_INDEX_${variable}_USERNAME`]: CODEARTIFACT_USERNAME,
      [`UV_INDEX_${variable}_PASSWORD`]: token,
    }
  },
}
