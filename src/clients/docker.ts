/**
 * docker. Where no credential helper applies to a host, the login is an `auths` entry the action
 * writes into config.json itself — what `docker login` would write — and no docker process runs.
 * Where `credsStore` or `credHelpers` names a helper for the host, only docker can put the password
 * there: `docker login --password-stdin` runs (a few at a time, each against a private copy of
 * config.json, the new entries merged in one write). The post step (undoDocker) takes it all back.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import * as core from '@actions/core'
import pLimit from 'p-limit'
import type { RegistryCredential } from '../aws/authorization.js'
import { runCommand } from '../command.js'
import type { Deadline } from '../deadline.js'
import { fileHash, readIfExists, realFile, sha256 } from '../files.js'
import { maskSecret } from '../mask.js'
import { absoluteFromEnv, isInstalled, pathFor, userHome, type Env } from '../platform.js'
import { runLogged, undoFile } from '../restore.js'
import { showValue, untrusted } from '../text.js'
import type { FileChange } from '../undo.js'
import { backupFile, missingDirs } from '../user-file.js'
import type { Workspace } from '../workspace.js'
import { authValue, formatAuthFile, parseAuthFile, type AuthFile } from './auth-files.js'
import type { RegistryClient, RegistryContext } from './context.js'

/** At most this many docker processes at once: 200 registries must not start 200 of them. */
export const LOGIN_CONCURRENCY = 4

/** A host whose credential a docker credential helper holds (credsStore or credHelpers). */
export interface HelperLogin {
  host: string
  /** The helper's name: the program is `docker-credential-<helper>`. */
  helper: string
  /**
   * The user's own credential for the host that the login replaced: a file in the private directory
   * with the helper's JSON (ServerURL, Username, Secret), stored back afterwards. Absent: erased.
   */
  backup?: string
}

/**
 * config.json as a FileChange whose entries are `auths.<host>`. A credential written into config.json
 * goes with the file; one a credential helper holds is erased there (or the user's earlier one stored
 * back). Hosts of neither list (a login cut short) get `docker logout`.
 */
export interface DockerRecord extends FileChange {
  kind: 'docker'
  description: string
  hosts: string[]
  env: Record<string, string>
  /** Hosts whose credential is in config.json itself. */
  storedInFile?: string[]
  helpers?: HelperLogin[]
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json` (`%USERPROFILE%\\.docker` on Windows). */
export function dockerConfigPath(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const paths = pathFor(platform)
  const dir = env.DOCKER_CONFIG ? absoluteFromEnv('DOCKER_CONFIG', env.DOCKER_CONFIG, platform) : paths.join(userHome(env, platform), '.docker')
  return paths.join(dir, 'config.json')
}

const HELPER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/

/** The credential helper docker uses for `host`: `credHelpers[host]`, else `credsStore`, else none. */
export function helperFor(config: AuthFile, host: string, file: string): string | undefined {
  const name = config.credHelpers?.[host] ?? config.credsStore
  if (name === undefined || name === '') return undefined
  if (typeof name !== 'string' || !HELPER.test(name)) throw new Error(`${file} names the credential helper ${JSON.stringify(name)}, which is not a program name`)
  return name
}

export const docker: RegistryClient = {
  async configure({ credentials, workspace, deadline, env }: RegistryContext): Promise<Record<string, string>> {
    const file = dockerConfigPath(env)
    await requireDockerForHelpers(file, credentials)
    const record = await prepare(file, credentials, workspace)
    try {
      await logIn(record, credentials, workspace, deadline)
    } finally {
      await workspace.discardIfUnrecorded()
    }
    return {}
  },
}

/**
 * Before anything changes: a byte-exact backup of config.json and the undo record. A config.json
 * readable by others is made owner-only while it holds our credentials.
 */
async function prepare(file: string, credentials: RegistryCredential[], workspace: Workspace): Promise<DockerRecord> {
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
  const dirs = await missingDirs(path.dirname(file))
  if (dirs.length > 0) record.madeDirs = dirs
  workspace.undo.add(record)
  // Also with logout: false (no backup, no mode recorded): the password stays in the file then.
  const current = mode ?? (await fs.stat(file).catch(() => undefined))?.mode
  if (current !== undefined && (current & 0o077) !== 0) await fs.chmod(file, current & 0o700)
  return record
}

/** Where a credential helper applies, only docker login can store the password: docker must be there. */
async function requireDockerForHelpers(configFile: string, credentials: RegistryCredential[]): Promise<void> {
  const file = await realFile(configFile)
  const config = parseAuthFile(readIfExists(file)?.toString('utf8'), file)
  const hosts = credentials.filter((credential) => helperFor(config, credential.host, file)).map((credential) => credential.host)
  if (hosts.length > 0 && !(await isInstalled(['docker']))) {
    throw new Error(`docker is not installed (not found on PATH), and ${file} names a credential helper for ${hosts.join(', ')}: only docker login can store the password there; install docker before this step`)
  }
}

async function logIn(record: DockerRecord, credentials: RegistryCredential[], workspace: Workspace, deadline: Deadline): Promise<void> {
  const file = await realFile(record.path)
  const original = readIfExists(file)?.toString('utf8')
  const config = parseAuthFile(original, file)
  const viaHelper = credentials.filter((credential) => helperFor(config, credential.host, file))
  const inFile = credentials.filter((credential) => !viaHelper.includes(credential))
  record.helpers = await helperLogins(config, viaHelper, file, workspace, deadline)
  record.storedInFile = inFile.map((credential) => credential.host)
  workspace.undo.save()
  const results = await loginsThroughHelpers(config, viaHelper, workspace, deadline)
  const added = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
  const own = inFile.map(({ host, username, password }) => [host, { auth: authValue(username, password) }] as const)
  if (added.length + own.length > 0) {
    const merged = { ...config, auths: { ...config.auths, ...Object.fromEntries(added), ...Object.fromEntries(own) } }
    try {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
      await fs.writeFile(file, formatAuthFile(merged), { mode: 0o600 })
    } catch (error) {
      throw new Error(`cannot write ${file}: ${(error as Error).message}`)
    }
  }
  // A failed docker login stored nothing (docker stores only after the registry accepted the
  // login): its host needs no undo, and its helper no erase.
  const failed = viaHelper.filter((_, index) => results[index]?.status === 'rejected').map((credential) => credential.host)
  record.hosts = record.hosts.filter((host) => !failed.includes(host))
  record.helpers = record.helpers.filter((login) => !failed.includes(login.host))
  record.written = await fileHash(record.path)
  workspace.undo.save()
  // In input order, whichever login finished first.
  for (const { host } of credentials) {
    const login = record.helpers.find((item) => item.host === host)
    if (login) core.info(`docker: logged in to ${host} (through docker-credential-${login.helper})`)
    else if (!failed.includes(host)) core.info(`docker: logged in to ${host} (in ${file})`)
  }
  const rejected = results.find((result) => result.status === 'rejected')
  if (rejected) throw rejected.reason
}

/**
 * `docker login` for the hosts a credential helper keeps, a few at a time, each against a private
 * copy of config.json (without currentContext: the context would have to exist beside the copy);
 * returns the `auths` entries each login added.
 */
async function loginsThroughHelpers(config: AuthFile, credentials: RegistryCredential[], workspace: Workspace, deadline: Deadline) {
  const { currentContext: _context, ...forLogin } = config
  const limit = pLimit(LOGIN_CONCURRENCY)
  return Promise.allSettled(credentials.map((credential, index) => limit(async () => {
    const dir = await workspace.privateDir(`docker-${index}`)
    try {
      await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify(forLogin), { mode: 0o600 })
      await dockerLogin(credential, { DOCKER_CONFIG: dir, DOCKER_CONTEXT: '' }, deadline)
      const after = parseAuthFile(readIfExists(path.join(dir, 'config.json'))?.toString('utf8'), 'the private copy of config.json').auths ?? {}
      return Object.entries(after).filter(([host, entry]) => !isDeepStrictEqual(config.auths?.[host], entry))
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })))
}

async function dockerLogin(credential: RegistryCredential, env: Record<string, string>, deadline: Deadline): Promise<void> {
  const args = ['login', '--username', credential.username, '--password-stdin', credential.host]
  const result = await runCommand('docker', args, { input: credential.password, env, timeoutMs: deadline.remainingMs(), limit: deadline.describe() })
  if (result.exitCode !== 0) {
    const said = untrusted(result.stderr.trim() || result.stdout.trim(), 2000)
    throw new Error(`docker login to ${credential.host} failed (exit code ${result.exitCode}): ${said || 'docker printed nothing'}`)
  }
}

/**
 * The hosts whose credential a helper will hold, each with the user's own credential for it when the
 * helper has one already (the login would overwrite it and the logout erase it): saved in the
 * private directory, masked, and stored back by the post step.
 */
async function helperLogins(config: AuthFile, credentials: RegistryCredential[], file: string, workspace: Workspace, deadline: Deadline): Promise<HelperLogin[]> {
  const logins: HelperLogin[] = []
  for (const [index, { host }] of credentials.entries()) {
    const helper = helperFor(config, host, file) as string
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

/**
 * The post step for a docker record: a credential a helper holds is erased there — or the user's
 * earlier credential for the host stored back — by the helper itself; then config.json is put back
 * (undoFile: its entries are `auths.<host>`). A login cut short, whose storage is unknown, gets
 * `docker logout`.
 */
export async function undoDocker(record: DockerRecord): Promise<void> {
  const inFile = new Set(record.storedInFile ?? [])
  const helpers = new Map((record.helpers ?? []).map((login) => [login.host, login]))
  // Whether config.json is as the login left it: decided before anything below may change it.
  const current = readIfExists(record.path)
  const untouched = record.written !== undefined && current !== undefined && (await sha256(current)) === record.written
  for (const host of [...record.hosts].reverse()) {
    if (inFile.has(host)) continue
    const login = helpers.get(host)
    try {
      if (login?.backup) {
        await runLogged(`docker-credential-${login.helper}`, ['store'], record.env, readIfExists(login.backup)?.toString('utf8'))
        core.info(`docker: the earlier credential for ${host} is back in docker-credential-${login.helper}`)
      } else if (login) {
        await runLogged(`docker-credential-${login.helper}`, ['erase'], record.env, host)
      } else {
        await runLogged('docker', ['logout', host], record.env)
      }
    } catch (error) {
      core.warning(`Could not log docker out of ${host}: ${(error as Error).message}`)
    }
  }
  const keys = record.hosts.map((host) => ['auths', host])
  await undoFile({ ...record, entries: { format: 'json', keys } }, untouched)
  for (const host of inFile) core.info(`docker: logged out of ${host} (its credential was only in ${record.path})`)
}

const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})(?::\d{1,5})?$/

/** Checks a saved docker record (see undo.ts checkRecords): plain hosts, known helpers, private backups, DOCKER_CONFIG only. */
export function checkDockerRecord(record: Record<string, unknown>, inPrivateDir: (value: unknown) => string | undefined): string | undefined {
  const hosts = record.hosts
  if (!Array.isArray(hosts) || !hosts.every((host) => typeof host === 'string' && HOST.test(host))) return `docker hosts ${showValue(hosts)} are not registry hosts`
  if (path.basename(String(record.path)) !== 'config.json') return `${showValue(record.path)} is not docker's config.json`
  if (record.storedInFile !== undefined && !(Array.isArray(record.storedInFile) && record.storedInFile.every((host) => hosts.includes(host)))) {
    return `docker storedInFile ${showValue(record.storedInFile)} names other hosts`
  }
  const helpers = Array.isArray(record.helpers) ? record.helpers : record.helpers === undefined ? [] : [null]
  for (const login of helpers as unknown[]) {
    const item = login as Partial<HelperLogin> | null
    if (!item || typeof item.helper !== 'string' || !HELPER.test(item.helper) || !hosts.includes(item.host)) return `docker helper ${showValue(login)} is not a credential helper of a logged-in host`
    const backup = item.backup === undefined ? undefined : inPrivateDir(item.backup)
    if (backup) return backup
  }
  const env = record.env
  const envOk = typeof env === 'object' && env !== null && Object.entries(env).every(([name, value]) => name === 'DOCKER_CONFIG' && typeof value === 'string' && path.isAbsolute(value))
  return envOk ? undefined : `the environment ${showValue(env)} is not DOCKER_CONFIG alone`
}

