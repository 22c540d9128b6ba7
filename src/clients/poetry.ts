/**
 * poetry: a repository named `registry-name` (for `poetry publish -r <name>`) and HTTP basic
 * credentials for it, which poetry also uses for a pyproject source of that name. poetry takes
 * sources only from pyproject.toml, so installs need a source of that name there (README).
 */
import { CODEARTIFACT_USERNAME, variablePart, type PackageClient, type PackageContext } from './context.js'

export const poetry: PackageClient = {
  async configure({ endpoint, token, settings }: PackageContext): Promise<Record<string, string>> {
    const name = variablePart(settings.registryName)
    return {
      [`POETRY_REPOSITORIES_${name}_URL`]: endpoint,
      [`POETRY_HTTP_BASIC_${name}_USERNAME`]: CODEARTIFACT_USERNAME,
      [`POETRY_HTTP_BASIC_${name}_PASSWORD`]: token,
    }
  },
}
