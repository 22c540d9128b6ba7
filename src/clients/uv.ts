/**
 * uv: the default index (credentials in the URL) or a named extra index `registry-name` with
 * UV_INDEX_<NAME>_USERNAME/PASSWORD; and the publish URL and credentials for `uv publish`.
 */
import { CODEARTIFACT_USERNAME, variablePart, type PackageClient, type PackageContext } from './context.js'
import { simpleIndexUrl } from './pip.js'

export const uv: PackageClient = {
  async configure({ endpoint, token, settings, env }: PackageContext): Promise<Record<string, string>> {
    const publish = { UV_PUBLISH_URL: endpoint, UV_PUBLISH_USERNAME: CODEARTIFACT_USERNAME, UV_PUBLISH_PASSWORD: token }
    if (settings.pipIndex === 'index') return { UV_DEFAULT_INDEX: simpleIndexUrl(endpoint, token), ...publish }
    const named = `${settings.registryName}=${simpleIndexUrl(endpoint)}`
    const existing = env.UV_INDEX?.trim()
    const variable = variablePart(settings.registryName)
    return {
      UV_INDEX: existing ? `${existing} ${named}` : named,
      [`UV_INDEX_${variable}_USERNAME`]: CODEARTIFACT_USERNAME,
      [`UV_INDEX_${variable}_PASSWORD`]: token,
      ...publish,
    }
  },
}
