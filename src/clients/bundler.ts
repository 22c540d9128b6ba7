/**
 * bundler: the credentials for the CodeArtifact host in bundler's own per-host variable,
 * BUNDLE_<HOST> = `aws:<percent-encoded token>` (bundler refuses `+`, `/` and `=` unescaped, and
 * unescapes before it sends Basic auth). The key is the host alone, without port, as bundler looks
 * it up (`credentials_for`: the source URL, then its host), so only that host gets the token. A
 * Gemfile `source` naming the endpoint installs. With public-registry: replace, bundler's mirror of
 * rubygems.org points at the endpoint: BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/, the name bundler's
 * `key_for("mirror.https://rubygems.org/")` gives it (bash passes such names on; dash drops them).
 */
import { CODEARTIFACT_USERNAME, type PackageClient, type PackageContext } from './context.js'

/** bundler's `key_for`: `.` → `__`, `-` → `___`, upper case, `BUNDLE_` before it. */
export const bundlerKey = (key: string): string => `BUNDLE_${key.replace(/\./g, '__').replace(/-/g, '___').toUpperCase()}`

/** The variable bundler reads a host's credentials from: the host without its port. */
export const bundlerHostVariable = (endpoint: string): string => bundlerKey(new URL(endpoint).hostname)

/** The variable of bundler's mirror for rubygems.org (the URL normalised with a trailing slash, as bundler does). */
export const RUBYGEMS_MIRROR_VARIABLE = bundlerKey('mirror.https://rubygems.org/')

export const bundler: PackageClient = {
  async configure({ endpoint, token, settings }: PackageContext): Promise<Record<string, string>> {
    return {
      [bundlerHostVariable(endpoint)]: `${CODEARTIFACT_USERNAME}:${encodeURIComponent(token)}`,
      ...(settings.publicRegistry === 'replace' ? { [RUBYGEMS_MIRROR_VARIABLE]: endpoint } : {}),
    }
  },
}
