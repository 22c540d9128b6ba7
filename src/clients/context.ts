/**
 * What a client module gets, and the one shape every client module has: `configure` writes files
 * only in the run's private directory (or changes a user file after a backup, see user-file.ts),
 * records how to undo it through the workspace's undo log, and returns the environment later steps
 * need. Exporting is left to the caller. Each client gets only what it uses.
 */
import type { RegistryCredential } from '../aws/authorization.js'
import type { Deadline } from '../deadline.js'
import type { Env } from '../platform.js'
import type { Workspace } from '../workspace.js'

export { CODEARTIFACT_USERNAME } from '../aws/usernames.js'

interface Run {
  workspace: Workspace
  /** The environment as it is now (process.env in production). */
  env: Env
  /** The home directory as the clients find it (platform.ts userHome). */
  home: string
  deadline: Deadline
}

/** An ECR registry client (docker, podman, buildah, skopeo, helm). */
export interface RegistryContext extends Run {
  credentials: RegistryCredential[]
}

export interface RegistryClient {
  configure(context: RegistryContext): Promise<Record<string, string>>
}

/** The inputs that shape CodeArtifact clients' settings (each client honours some; see catalog.ts). */
export interface ClientSettings {
  npmScopes: string[]
  pipIndex: 'index' | 'extra'
  /** The name client settings give the repository (uv index, poetry source, …). */
  registryName: string
  /**
   * For clients beside a public registry (Maven Central, crates.io, rubygems.org, nuget.org): `keep`
   * adds CodeArtifact beside it, `replace` makes CodeArtifact take its place (pip and uv follow
   * pip-index instead; poetry, the priority of its pyproject source).
   */
  publicRegistry: 'keep' | 'replace'
}

/** A CodeArtifact package client (npm, pip, …). */
export interface PackageContext extends Run {
  token: string
  /** The variable that holds the token for files that refer to it (see domainTokenVariable). */
  tokenVariable: string
  /** The repository endpoint of the client's format, with a trailing slash. */
  endpoint: string
  settings: ClientSettings
}

export interface PackageClient {
  configure(context: PackageContext): Promise<Record<string, string>>
}

/** Always exported with the token, as `aws codeartifact` users expect. */
export const TOKEN_VARIABLE = 'CODEARTIFACT_AUTH_TOKEN'

/**
 * The variable files we write refer to (`${CODEARTIFACT_AUTH_TOKEN_ACME}`): one per domain (and
 * owner), so that two instances for two domains in one job do not overwrite each other's token.
 */
export function domainTokenVariable(domain: string, owner?: string): string {
  return [TOKEN_VARIABLE, domain, owner].filter(Boolean).join('_').toUpperCase().replace(/[^A-Z0-9_]/g, '_')
}

/** A registry name as an environment variable part: `my-repo` → `MY_REPO`. */
export const variablePart = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]/g, '_')
