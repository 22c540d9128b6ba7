/**
 * npm and pnpm: a private npmrc under RUNNER_TEMP that starts as a copy of the user's current npmrc
 * (the one NPM_CONFIG_USERCONFIG points at, e.g. actions/setup-node's, or ~/.npmrc), plus the
 * registry (or per-scope registries) and `//host/path/:_authToken=${CODEARTIFACT_AUTH_TOKEN_<DOMAIN>}`.
 * Later steps get it through NPM_CONFIG_USERCONFIG; the user's files are never written.
 */
import * as ini from 'ini'
import { readIfExists } from '../files.js'
import { pathFor, type Env } from '../platform.js'
import type { PackageClient, PackageContext } from './context.js'

/** `https://host/npm/repo/` → `//host/npm/repo/`, the key npm uses for per-registry settings. */
export function nerfDart(url: string): string {
  const parsed = new URL(url)
  return `//${parsed.host}${parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`}`
}

/** The user's npmrc with CodeArtifact as the registry (or the registry of each scope) and its token reference. */
export function npmrcWithRegistry(text: string, endpoint: string, scopes: string[], tokenVariable: string): string {
  const config = ini.parse(text) as Record<string, unknown>
  if (scopes.length === 0) config.registry = endpoint
  for (const scope of scopes) config[`${scope}:registry`] = endpoint
  config[`${nerfDart(endpoint)}:_authToken`] = `\${${tokenVariable}}`
  return ini.stringify(config)
}

export function userNpmrcPath(env: Env, homedir: string, platform: NodeJS.Platform = process.platform): string {
  return env.NPM_CONFIG_USERCONFIG || env.npm_config_userconfig || pathFor(platform).join(homedir, '.npmrc')
}

/**
 * The private npmrc: a copy of the user's current one with CodeArtifact's registry (or scopes) and
 * token reference. npm, pnpm and yarn classic read it through NPM_CONFIG_USERCONFIG.
 */
export async function privateNpmrc({ endpoint, token, tokenVariable, settings, workspace, env, home }: PackageContext): Promise<Record<string, string>> {
  const current = userNpmrcPath(env, home)
  const text = npmrcWithRegistry(readIfExists(current)?.toString('utf8') ?? '', endpoint, settings.npmScopes, tokenVariable)
  const file = await workspace.writePrivate('npmrc', text)
  const exported: Record<string, string> = { NPM_CONFIG_USERCONFIG: file, [tokenVariable]: token }
  // With both spellings set, which one npm takes depends on their order in the environment: a
  // lowercase one set by an earlier step must point at our file too.
  if (env.npm_config_userconfig) exported.npm_config_userconfig = file
  // NODE_AUTH_TOKEN is left alone: setup-node's npmrc sends it to its own registry (npmjs.org,
  // GitHub Packages), so it must never hold the CodeArtifact token.
  return exported
}

export const npm: PackageClient = { configure: privateNpmrc }
