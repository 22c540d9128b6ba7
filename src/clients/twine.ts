/** twine: the repository URL and credentials, from the environment twine reads. */
import { CODEARTIFACT_USERNAME, endpointFor, type PackageClient, type PackageContext } from './context.js'

export const twine: PackageClient = {
  format: 'pypi',
  async configure(context: PackageContext): Promise<Record<string, string>> {
    return {
      TWINE_REPOSITORY_URL: endpointFor(context, 'pypi'),
      TWINE_USERNAME: CODEARTIFACT_USERNAME,
      TWINE_PASSWORD: context.token,
    }
  },
}
