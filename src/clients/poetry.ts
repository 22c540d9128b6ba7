/**
 * poetry: a repository named `codeartifact` (for `poetry publish -r codeartifact`) and HTTP basic
 * credentials for it, which poetry also uses for a pyproject source of that name.
 */
import { CODEARTIFACT_USERNAME, endpointFor, type PackageClient, type PackageContext } from './context.js'

export const POETRY_REPOSITORY = 'codeartifact'

export const poetry: PackageClient = {
  format: 'pypi',
  async configure(context: PackageContext): Promise<Record<string, string>> {
    const name = POETRY_REPOSITORY.toUpperCase()
    return {
      [`POETRY_REPOSITORIES_${name}_URL`]: endpointFor(context, 'pypi'),
      [`POETRY_HTTP_BASIC_${name}_USERNAME`]: CODEARTIFACT_USERNAME,
      [`POETRY_HTTP_BASIC_${name}_PASSWORD`]: context.token,
    }
  },
}
