/**
 * swift (SwiftPM's package registry). SwiftPM reads the user-level registries config,
 * `~/.swiftpm/configuration/registries.json` (`swift package-registry set --global` writes it): its
 * `registries["[default]"]` is the registry for every scope, and it sends a credential to a registry
 * only when `authentication["<host>"]` names the type (RegistryClient: `token` → `Bearer <password>`,
 * `basic` → `Basic user:password`). The credential itself comes from the keychain on macOS and from
 * `~/.netrc` elsewhere (SwiftCommandState.getRegistryAuthorizationProvider), looked up by host.
 *
 * - Linux (and Windows): registries.json gets the endpoint as the default registry and a `token`
 *   authentication for its host, as `swift package-registry login <endpoint>login --token` writes it
 *   (AWS documents that login for CodeArtifact), and ~/.netrc an entry `machine <host> login aws
 *   password <token>` in front of the user's own (the first entry for a host wins). The token in a user
 *   file cannot be avoided there: the file is owner-only (0600) while it holds it, and both files come
 *   back byte for byte in the post step.
 * - macOS: only the keychain is read, and only `swift package-registry login` can store the token there.
 *   It runs with the token on stdin (`--token-file /dev/stdin`: the prompt would read the terminal and
 *   takes at most 512 characters, and --token would put it on argv); the post step logs out. swift
 *   must be installed before this step there.
 */
import { runCommand } from '../command.js'
import { fileHash } from '../files.js'
import { netrcWithMachine } from '../netrc-entries.js'
import { isInstalled, pathFor } from '../platform.js'
import { notParsable, untrusted } from '../text.js'
import { changeUserFile } from '../user-file.js'
import { CODEARTIFACT_USERNAME, type PackageClient, type PackageContext } from './context.js'
import type { SwiftRecord } from './swift-logout.js'

export function swiftPaths(home: string, platform: NodeJS.Platform = process.platform): { registries: string; netrc: string } {
  const paths = pathFor(platform)
  return { registries: paths.join(home, '.swiftpm', 'configuration', 'registries.json'), netrc: paths.join(home, '.netrc') }
}

/** The key SwiftPM files a registry's authentication under: its host in lower case, with a port when the URL has one. */
export const authenticationKey = (endpoint: string): string => new URL(endpoint).host.toLowerCase()

/** The URL `swift package-registry login` takes for CodeArtifact: the endpoint's `login` path. */
export const loginUrl = (endpoint: string): string => `${endpoint}login`

/** The action's entries in registries.json: the default registry and the endpoint host's authentication. */
export const registriesKeys = (endpoint: string): string[][] => [['registries', '[default]'], ['authentication', authenticationKey(endpoint)]]

type Json = Record<string, unknown>
const isMap = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** registries.json with the endpoint as the default registry and a token authentication for its host; the rest kept. */
export function registriesWithEndpoint(text: string | undefined, endpoint: string): string {
  let config: unknown = {}
  if (text !== undefined && text.trim() !== '') {
    try {
      config = JSON.parse(text)
    } catch (error) {
      throw new Error(`cannot parse registries.json: ${notParsable('JSON', error, text)}`)
    }
  }
  if (!isMap(config)) throw new Error('registries.json is not a JSON object')
  const registries = isMap(config.registries) ? config.registries : {}
  const authentication = isMap(config.authentication) ? config.authentication : {}
  const updated = {
    ...config,
    registries: { ...registries, '[default]': { supportsAvailability: false, url: endpoint } },
    authentication: { ...authentication, [authenticationKey(endpoint)]: { loginAPIPath: new URL(loginUrl(endpoint)).pathname, type: 'token' } },
    version: config.version ?? 1,
  }
  return `${JSON.stringify(updated, null, 2)}\n`
}

export async function configureSwift(context: PackageContext, platform: NodeJS.Platform = process.platform): Promise<Record<string, string>> {
  const { endpoint, token, workspace, home, env, deadline } = context
  const files = swiftPaths(home, platform)
  if (platform === 'darwin' && !(await isInstalled(['swift'], env))) {
    throw new Error('swift is not installed (not found on PATH): on macOS SwiftPM reads registry credentials only from the keychain, where only swift package-registry login can store them; install Swift (Xcode) before this step')
  }
  const registries = await changeUserFile({
    file: files.registries,
    description: `restore ${files.registries}`,
    entries: { format: 'json', keys: registriesKeys(endpoint) },
    edit: (text) => registriesWithEndpoint(text, endpoint),
  }, workspace)
  if (platform !== 'darwin') {
    await changeUserFile({
      file: files.netrc,
      description: `restore ${files.netrc}`,
      entries: { format: 'netrc', keys: [[new URL(endpoint).hostname.toLowerCase()]] },
      edit: (text) => netrcWithMachine(text, new URL(endpoint).hostname.toLowerCase(), CODEARTIFACT_USERNAME, token),
      mode: 0o600,
    }, workspace)
    return {}
  }
  // The logout is recorded before the login, so a login cut short is still undone.
  const url = loginUrl(endpoint)
  const record: SwiftRecord = { kind: 'swift', description: `log swift out of ${url}`, urls: [url] }
  workspace.undo.add(record)
  const result = await runCommand('swift', ['package-registry', 'login', url, '--token-file', '/dev/stdin'], {
    input: token,
    env: { PATH: env.PATH ?? '' },
    timeoutMs: deadline.remainingMs(),
    limit: deadline.describe(),
  })
  if (result.exitCode !== 0) {
    // SwiftPM stores the credential only after the registry accepted the login.
    if (!result.stdout.includes('Login successful')) record.urls = []
    workspace.undo.save()
    const said = untrusted(result.stderr.trim() || result.stdout.trim(), 2000)
    throw new Error(`swift package-registry login to ${url} failed (exit code ${result.exitCode}): ${said || 'swift printed nothing'}`)
  }
  // The login rewrote registries.json (its authentication entry): that is the version to compare with afterwards.
  registries.written = await fileHash(files.registries)
  workspace.undo.save()
  return {}
}

export const swift: PackageClient = { configure: (context) => configureSwift(context) }
