/** twine: the repository URL and credentials, from the environment twine reads. */
import { CODEARTIFACT_USERNAME, type PackageClient, type PackageContext } from './context.js'

export const twine: PackageClient = {
  async configure({ endpoint, token }: PackageContext): Promise<Record<string, string>> {
    return { TWINE_REPOSITORY_URL: endpoint, TWINE_USERNAME: CODEARTIFACT_USERNAME, TWINE_PASSWORD: token }
  },
}
