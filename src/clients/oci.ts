/**
 * Registry login for docker and the other OCI clients: `<cli> login --password-stdin` per registry,
 * undone by `<cli> logout` in the post step. docker's config.json is also backed up byte for byte.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import * as core from '@actions/core'
import pLimit from 'p-limit'
import type { RegistryCredential } from '../aws/authorization.js'
import type { Deadline } from '../deadline.js'
import { maskSecret } from '../mask.js'
import { untrusted } from '../text.js'
import { LOGOUT_ARGS, type DockerRecord, type HelperLogin, type UndoLog } from '../undo.js'
import { absoluteFromEnv, pathFor, userHome, type Env } from '../platform.js'
import { backupFile, fileHash, readIfExists, realFile, type Workspace } from '../workspace.js'
import { runCommand } from '../command.js'

/** At most this many client processes at once: 200 registries must not start 200 docker processes. */
export const LOGIN_CONCURRENCY = 4

const LOGIN_ARGS: Record<string, (host: string, username: string) => string[]> = {
  docker: (host, username) => ['login', '--username', username, '--password-stdin', host],
  podman: (host, username) => ['login', '--username', username, '--password-stdin', host],
  buildah: (host, username) => ['login', '--username', username, '--password-stdin', host],
  skopeo: (host, username) => ['login', '--username', username, '--password-stdin', host],
  helm: (host, username) => ['registry', 'login', host, '--username', username, '--password-stdin'],
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json` (`%USERPROFILE%\\.docker` on Windows). */
export function dockerConfigPath(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const paths = pathFor(platform)
  const dir = env.DOCKER_CONFIG ? absoluteFromEnv('DOCKER_CONFIG', env.DOCKER_CONFIG, platform) : paths.join(userHome(env, platform), '.docker')
  return paths.join(dir, 'config.json')
}

/** Logs `tool` in to every registry; the first failure throws with the client's own message. */
export async function loginRegistries(
  tool: string,
  credentials: RegistryCredential[],
  undo: UndoLog,
  workspace: Workspace,
  deadline: Deadline,
): Promise<void> {
  const logout = LOGOUT_ARGS[tool]
  if (!LOGIN_ARGS[tool] || !logout) throw new Error(`${tool} is not a registry client`)
  if (tool === 'docker') return loginDocker(credentials, undo, workspace, deadline)
  const env: Record<string, string> = process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {}
  for (const credential of credentials) {
    undo.add({ kind: 'run', description: `${tool} logout ${credential.host}`, command: tool, args: logout(credential.host), env })
    await login(tool, credential, env, deadline)
    core.info(`${tool}: logged in to ${credential.host}`)
  }
}

async function login(command: string, credential: RegistryCredential, env: Record<string, string>, deadline: Deadline): Promise<void> {
  const args = (LOGIN_ARGS[command] as (host: string, username: string) => string[])(credential.host, credential.username)
  const result = await runCommand(command, args, { input: credential.password, env, timeoutMs: deadline.remainingMs(), limit: deadline.describe() })
  if (result.exitCode !== 0) {
    const said = untrusted(result.stderr.trim() || result.stdout.trim(), 2000)
    throw new Error(`${command} login to ${credential.host} failed (exit code ${result.exitCode}): ${said || `${command} printed nothing`}`)
  }
}

type Auths = Record<string, unknown>
interface DockerConfig {
  auths?: Auths
  credsStore?: unknown
  credHelpers?: Record<string, unknown>
  currentContext?: unknown
}

const parseConfig = (text: string | undefined, file: string): DockerConfig => {
  if (text === undefined) return {}
  try {
    const config: unknown = JSON.parse(text)
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('not a JSON object')
    return config as DockerConfig
  } catch (error) {
    throw new Error(`cannot parse ${file}: ${(error as Error).message}`)
  }
}

const HELPER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/

/** The credential helper docker uses for `host`: `credHelpers[host]`, else `credsStore`, else none. */
export function helperFor(config: DockerConfig, host: string, file: string): string | undefined {
  const name = config.credHelpers?.[host] ?? config.credsStore
  if (name === undefined || name === '') return undefined
  if (typeof name !== 'string' || !HELPER.test(name)) throw new Error(`${file} names the credential helper ${JSON.stringify(name)}, which is not a program name`)
  return name
}

/**
 * docker logs in to all registries (a few at a time): each `docker login` runs against its own private
 * copy of config.json (so credsStore and credHelpers apply as usual), and the entries it adds are
 * merged into the real config.json in one write — concurrent logins on one file would lose each
 * other's entries.
 */
async function loginDocker(credentials: RegistryCredential[], undo: UndoLog, workspace: Workspace, deadline: Deadline): Promise<void> {
  const record = await prepareDocker(credentials, undo, workspace)
  try {
    await loginAll(record, credentials, workspace, undo, deadline)
  } finally {
    await workspace.discardIfUnrecorded()
  }
}

async function loginAll(record: DockerRecord, credentials: RegistryCredential[], workspace: Workspace, undo: UndoLog, deadline: Deadline): Promise<void> {
  const file = await realFile(record.path)
  const original = readIfExists(file)?.toString('utf8')
  const config = parseConfig(original, file)
  const before: Auths = config.auths ?? {}
  record.helpers = await helperLogins(config, credentials, file, workspace, deadline)
  undo.save()
  // The private copies hold what login needs; a context there would have to exist beside the copy.
  const { currentContext: _context, ...forLogin } = config
  const copy = original === undefined ? undefined : JSON.stringify(forLogin)
  const limit = pLimit(LOGIN_CONCURRENCY)
  const results = await Promise.allSettled(credentials.map((credential, index) => limit(async () => {
    const dir = await workspace.privateDir(`docker-${index}`)
    try {
      if (copy !== undefined) await fs.writeFile(path.join(dir, 'config.json'), copy, { mode: 0o600 })
      await login('docker', credential, { DOCKER_CONFIG: dir, DOCKER_CONTEXT: '' }, deadline)
      core.info(`docker: logged in to ${credential.host}`)
      const after = parseConfig(readIfExists(path.join(dir, 'config.json'))?.toString('utf8'), 'the private copy of config.json').auths ?? {}
      return Object.entries(after).filter(([host, entry]) => !isDeepStrictEqual(before[host], entry))
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })))
  const added = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
  if (added.length > 0) {
    const merged = { ...config, auths: { ...config.auths, ...Object.fromEntries(added) } }
    try {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
      await fs.writeFile(file, `${JSON.stringify(merged, null, '\t')}\n`, { mode: 0o600 })
    } catch (error) {
      throw new Error(`cannot write ${file}: ${(error as Error).message}`)
    }
  }
  record.written = await fileHash(record.path)
  record.storedInFile = added.filter(([, entry]) => holdsCredential(entry)).map(([host]) => host)
  undo.save()
  const failed = results.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
}

/**
 * The hosts whose credential a helper will hold, each with the user's own credential for it when the
 * helper has one already (it would be overwritten by the login and erased by the logout): saved in
 * the private directory, masked, and stored back by the post step.
 */
async function helperLogins(config: DockerConfig, credentials: RegistryCredential[], file: string, workspace: Workspace, deadline: Deadline): Promise<HelperLogin[]> {
  const logins: HelperLogin[] = []
  for (const [index, { host }] of credentials.entries()) {
    const helper = helperFor(config, host, file)
    if (!helper) continue
    const login: HelperLogin = { host, helper }
    // With logout: false nothing is put back, so nothing is kept either.
    const saved = workspace.undo.enabled ? await helperCredential(helper, host, deadline) : undefined
    if (saved) login.backup = await workspace.writePrivate(`helper-${index}.json`, saved)
    logins.push(login)
  }
  return logins
}

/** What `docker-credential-<helper> get` has for `host`, masked; undefined when nothing (or it fails). */
async function helperCredential(helper: string, host: string, deadline: Deadline): Promise<string | undefined> {
  let result
  try {
    result = await runCommand(`docker-credential-${helper}`, ['get'], { input: host, timeoutMs: Math.min(deadline.remainingMs(), 30_000) })
  } catch {
    return undefined // not installed: docker login fails with its own message
  }
  if (result.exitCode !== 0) return undefined
  try {
    const entry = JSON.parse(result.stdout) as { Username?: unknown; Secret?: unknown }
    if (typeof entry.Secret !== 'string' || entry.Secret === '') return undefined
    maskSecret(entry.Secret, typeof entry.Username === 'string' ? [entry.Username] : [])
    core.info(`docker: docker-credential-${helper} already has a credential for ${host}; it is put back after the job`)
    return result.stdout
  } catch {
    return undefined
  }
}

/** An `auths` entry with the credential itself in it; with a credential helper docker writes `{}`. */
const holdsCredential = (entry: unknown): boolean => {
  const auth = (entry as { auth?: unknown } | null | undefined)?.auth
  return typeof auth === 'string' && auth !== ''
}

/**
 * Before docker logs in: a byte-exact backup of config.json and the undo record. A config.json
 * readable by others is made owner-only while it holds our credentials.
 */
async function prepareDocker(credentials: RegistryCredential[], undo: UndoLog, workspace: Workspace): Promise<DockerRecord> {
  const file = dockerConfigPath()
  await workspace.dir() // first, so that its removal is replayed after the restore that may need the backup
  const { backup, mode } = await backupFile(file, workspace)
  const record: DockerRecord = {
    kind: 'docker',
    description: `log docker out and restore ${file}`,
    path: file,
    backup,
    mode,
    hosts: credentials.map((credential) => credential.host),
    env: { DOCKER_CONFIG: path.dirname(file) },
  }
  undo.add(record)
  if (undo.enabled && mode !== undefined && (mode & 0o077) !== 0) await fs.chmod(file, mode & 0o700)
  return record
}
