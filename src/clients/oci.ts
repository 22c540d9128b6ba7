/**
 * Registry login for docker and the other OCI clients: `<cli> login --password-stdin` per registry,
 * undone by `<cli> logout` in the post step. docker's config.json is also backed up byte for byte.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import * as core from '@actions/core'
import type { RegistryCredential } from '../aws/authorization.js'
import type { UndoLog, UndoRecord } from '../undo.js'
import { pathFor, userHome, type Env } from '../platform.js'
import { backupFile, fileHash, readIfExists, realFile, type Workspace } from '../workspace.js'
import { runCommand } from '../command.js'

interface LoginCli {
  command: string
  login: (host: string, username: string) => string[]
  logout: (host: string) => string[]
}

export const OCI_CLIS: Record<string, LoginCli> = {
  docker: loginCli('docker'),
  podman: loginCli('podman'),
  buildah: loginCli('buildah'),
  skopeo: loginCli('skopeo'),
  helm: {
    command: 'helm',
    login: (host, username) => ['registry', 'login', host, '--username', username, '--password-stdin'],
    logout: (host) => ['registry', 'logout', host],
  },
}

function loginCli(command: string): LoginCli {
  return {
    command,
    login: (host, username) => ['login', '--username', username, '--password-stdin', host],
    logout: (host) => ['logout', host],
  }
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json` (`%USERPROFILE%\\.docker` on Windows). */
export function dockerConfigPath(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const paths = pathFor(platform)
  return paths.join(env.DOCKER_CONFIG || paths.join(userHome(env, platform), '.docker'), 'config.json')
}

/** Logs `tool` in to every registry; the first failure throws with the client's own message. */
export async function loginRegistries(
  tool: string,
  credentials: RegistryCredential[],
  undo: UndoLog,
  workspace: Workspace,
): Promise<void> {
  const cli = OCI_CLIS[tool]
  if (!cli) throw new Error(`${tool} is not a registry client`)
  const env: Record<string, string> = process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {}
  if (tool === 'docker') return loginDocker(credentials, env, undo, workspace)
  for (const credential of credentials) {
    undo.add({ kind: 'run', description: `${tool} logout ${credential.host}`, command: cli.command, args: cli.logout(credential.host), env })
    await login(cli, credential, env)
    core.info(`${tool}: logged in to ${credential.host}`)
  }
}

async function login(cli: LoginCli, credential: RegistryCredential, env: Record<string, string>): Promise<void> {
  const result = await runCommand(cli.command, cli.login(credential.host, credential.username), { input: credential.password, env })
  if (result.exitCode !== 0) {
    const said = (result.stderr.trim() || result.stdout.trim()).replace(/\s*\n\s*/g, ' ')
    throw new Error(`${cli.command} login to ${credential.host} failed (exit code ${result.exitCode}): ${said || `${cli.command} printed nothing`}`)
  }
}

type Auths = Record<string, unknown>
type DockerRecord = Extract<UndoRecord, { kind: 'docker' }>

const authsOf = (text: string | undefined): Auths => {
  if (text === undefined) return {}
  const config = JSON.parse(text) as { auths?: Auths }
  return config.auths ?? {}
}

/**
 * docker logs in to all registries at once: each `docker login` runs against its own private copy of
 * config.json (so credsStore and credHelpers apply as usual), and the entries it adds are merged into
 * the real config.json in one write — concurrent logins on one file would lose each other's entries.
 */
async function loginDocker(credentials: RegistryCredential[], env: Record<string, string>, undo: UndoLog, workspace: Workspace): Promise<void> {
  const record = await prepareDocker(credentials, env, undo, workspace)
  try {
    await loginAll(record, credentials, workspace, undo)
  } finally {
    await workspace.discardIfUnrecorded()
  }
}

async function loginAll(record: DockerRecord, credentials: RegistryCredential[], workspace: Workspace, undo: UndoLog): Promise<void> {
  const file = await realFile(record.path)
  const original = await readText(file)
  let before: Auths
  try {
    before = authsOf(original)
  } catch (error) {
    throw new Error(`cannot parse ${file}: ${(error as Error).message}`)
  }
  const results = await Promise.allSettled(credentials.map(async (credential, index) => {
    const dir = await workspace.privateDir(`docker-${index}`)
    try {
      if (original !== undefined) await fs.writeFile(path.join(dir, 'config.json'), original, { mode: 0o600 })
      await login(OCI_CLIS.docker as LoginCli, credential, { DOCKER_CONFIG: dir })
      core.info(`docker: logged in to ${credential.host}`)
      const after = authsOf(await readText(path.join(dir, 'config.json')))
      return Object.entries(after).filter(([host, entry]) => !isDeepStrictEqual(before[host], entry))
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  }))
  const added = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
  if (added.length > 0) {
    const config = original === undefined ? {} : (JSON.parse(original) as { auths?: Auths })
    config.auths = { ...config.auths, ...Object.fromEntries(added) }
    try {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
      await fs.writeFile(file, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 })
    } catch (error) {
      throw new Error(`cannot write ${file}: ${(error as Error).message}`)
    }
  }
  record.hashAfterLogin = await fileHash(record.path)
  record.storedInFile = added.filter(([, entry]) => holdsCredential(entry)).map(([host]) => host)
  undo.save()
  const failed = results.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
}

/** An `auths` entry with the credential itself in it; with a credential helper docker writes `{}`. */
const holdsCredential = (entry: unknown): boolean => {
  const auth = (entry as { auth?: unknown } | null | undefined)?.auth
  return typeof auth === 'string' && auth !== ''
}

async function readText(file: string): Promise<string | undefined> {
  return readIfExists(file)?.toString('utf8')
}

/**
 * Before docker logs in: a byte-exact backup of config.json and the undo record (logouts, then the
 * restore). A config.json readable by others is made owner-only while it holds our credentials.
 */
async function prepareDocker(credentials: RegistryCredential[], env: Record<string, string>, undo: UndoLog, workspace: Workspace): Promise<DockerRecord> {
  const file = dockerConfigPath()
  await workspace.dir() // first, so that its removal is replayed after the restore that may need the backup
  const { backup, mode } = await backupFile(file, workspace)
  const record = {
    kind: 'docker' as const,
    description: `log docker out and restore ${file}`,
    path: file,
    backup,
    mode,
    hosts: credentials.map((credential) => credential.host),
    env,
    hashAfterLogin: undefined as string | undefined,
    storedInFile: undefined as string[] | undefined,
  }
  undo.add(record)
  if (undo.enabled && mode !== undefined && (mode & 0o077) !== 0) await fs.chmod(file, mode & 0o700)
  return record
}
