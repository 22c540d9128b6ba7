/**
 * What a CodeArtifact client module gets, and the one shape every such module has: `configure`
 * writes files only under the run's workspace (or backs up what it must change), records how to undo
 * it, and returns the environment later steps need. Exporting is left to the caller.
 */
import type { Inputs } from '../inputs.js'
import type { UndoLog } from '../undo.js'
import type { Workspace } from '../workspace.js'

export interface PackageContext {
  token: string
  /** The variable that holds the token for files that refer to it (see domainTokenVariable). */
  tokenVariable: string
  /** Package format → repository endpoint URL, with a trailing slash. */
  endpoints: Record<string, string>
  inputs: Inputs
  workspace: Workspace
  undo: UndoLog
  /** The environment as it is now (the caller's process.env in production). */
  env: Record<string, string | undefined>
  homedir: string
}

export interface PackageClient {
  /** The CodeArtifact package format whose endpoint this client uses. */
  format: 'npm' | 'pypi' | 'maven' | 'nuget' | 'swift'
  /** Configures the client; returns environment variables for later steps. */
  configure(context: PackageContext): Promise<Record<string, string>>
}

export { CODEARTIFACT_USERNAME } from '../aws/usernames.js'

/** Always exported with the token, as `aws codeartifact` users expect. */
export const TOKEN_VARIABLE = 'CODEARTIFACT_AUTH_TOKEN'

/**
 * The variable files we write refer to (`${CODEARTIFACT_AUTH_TOKEN_ACME}`): one per domain (and
 * owner), so that two instances for two domains in one job do not overwrite each other's token.
 */
export function domainTokenVariable(domain: string, owner?: string): string {
  return [TOKEN_VARIABLE, domain, owner].filter(Boolean).join('_').toUpperCase().replace(/[^A-Z0-9_]/g, '_')
}

export function endpointFor(context: PackageContext, format: string): string {
  const endpoint = context.endpoints[format]
  if (!endpoint) throw new Error(`CodeArtifact returned no ${format} endpoint for repository ${context.inputs.repository}`)
  return endpoint
}
