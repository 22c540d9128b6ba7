/**
 * uv: the default index (credentials in the URL) or a named extra index `codeartifact` with
 * UV_INDEX_CODEARTIFACT_USERNAME/PASSWORD; and the publish URL and credentials for `uv publish`.
 */
import { CODEARTIFACT_USERNAME, endpointFor, type PackageClient, type PackageContext } from './context.js'
import { simpleIndexUrl } from './pip.js'

export const UV_INDEX_NAME = 'codeartifact'

export const uv: PackageClient = {
  format: 'pypi',
  async configure(context: PackageContext): Promise<Record<string, string>> {
    const endpoint = endpointFor(context, 'pypi')
    const publish = { UV_PUBLISH_URL: endpoint, UV_PUBLISH_USERNAME: CODEARTIFACT_USERNAME, UV_PUBLISH_PASSWORD: context.token }
    if (context.inputs.pipIndex === 'index') return { UV_DEFAULT_INDEX: simpleIndexUrl(endpoint, context.token), ...publish }
    const named = `${UV_INDEX_NAME}=${simpleIndexUrl(endpoint)}`
    const existing = context.env.UV_INDEX?.trim()
    const variable = UV_INDEX_NAME.toUpperCase()
    return {
      UV_INDEX: existing ? `${existing} ${named}` : named,
      [`UV_INDEX_${variable}_USERNAME`]: CODEARTIFACT_USERNAME,
      [`UV_INDEX_${variable}_PASSWORD`]: context.token,
      ...publish,
    }
  },
}
