/**
 * Undo records: what each configured client did and how to take it back. The main step saves them
 * as JSON state after every change, so a main step that fails halfway still leaves a complete list;
 * the post step replays them in reverse. The post step checks every record before it acts
 * (checkRecords): only kinds, commands and paths this action can have written are replayed.
 */
import * as os from 'node:os'
import * as path from 'node:path'
import * as core from '@actions/core'

/** A user config file the action changed, and how to put it back. */
export interface FileChange {
  path: string
  /** Byte-exact copy in the run's private directory, or null: the file did not exist. */
  backup: string | null
  /** The file's permission bits before, to put back with its bytes. */
  mode?: number
  /** SHA-256 of the file as the action last wrote it: unchanged since means a byte-exact restore is safe. */
  written?: string
  /**
   * The action's own entries (key paths), for a file another step changed since: only these are
   * put back to their earlier values (or removed), the rest of the file is kept.
   */
  entries?: { format: 'json' | 'yaml'; keys: string[][] }
}

export interface FileRecord extends FileChange {
  kind: 'file'
  description: string
}

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
 * docker: config.json as a FileChange whose entries are `auths.<host>`. A credential docker wrote into
 * config.json goes with the file; one a credential helper holds is erased there (or the user's earlier
 * one stored back). Hosts of neither list (a login cut short) get `docker logout`.
 */
export interface DockerRecord extends FileChange {
  kind: 'docker'
  description: string
  hosts: string[]
  env: Record<string, string>
  /** Hosts whose credential docker wrote into config.json itself. */
  storedInFile?: string[]
  helpers?: HelperLogin[]
}

export type UndoRecord =
  /** Run a logout command; its failure is a warning. */
  | { kind: 'run'; description: string; command: string; args: string[]; env?: Record<string, string> }
  | FileRecord
  | DockerRecord
  /** Remove the run's private directory. */
  | { kind: 'remove'; description: string; path: string }

export const STATE_KEY = 'undo'

/** The logout command of each registry CLI: the only commands a post step runs besides credential helpers. */
export const LOGOUT_ARGS: Record<string, (host: string) => string[]> = {
  docker: (host) => ['logout', host],
  podman: (host) => ['logout', host],
  buildah: (host) => ['logout', host],
  skopeo: (host) => ['logout', host],
  helm: (host) => ['registry', 'logout', host],
}

/** The user config files a client of this action may change (by name). */
export const USER_FILES = ['.yarnrc.yml', 'config.json']

/** The run's private directory: `registry-auth-XXXXXX` (mkdtemp) directly in RUNNER_TEMP. */
export const PRIVATE_DIR_PREFIX = 'registry-auth-'

export class UndoLog {
  readonly records: UndoRecord[] = []

  constructor(readonly enabled: boolean) {}

  /** Records `record` before the change it undoes is made, so a half-made change is still undone. */
  add(record: UndoRecord): void {
    if (!this.enabled) return
    this.records.push(record)
    this.save()
  }

  /** Saves the records again after one of them was updated in place. */
  save(): void {
    if (this.enabled) core.saveState(STATE_KEY, JSON.stringify(this.records))
  }
}

/** Saves an empty list: what the post step replays when the main step records nothing. */
export function saveNoRecords(): void {
  core.saveState(STATE_KEY, '[]')
}

/** The saved records that pass checkRecords; a warning names each one refused. */
export function loadUndoRecords(env: Record<string, string | undefined> = process.env): UndoRecord[] {
  const text = core.getState(STATE_KEY)
  if (!text) return []
  let saved: unknown
  try {
    saved = JSON.parse(text)
  } catch {
    core.warning('The saved undo list is not JSON; nothing is undone')
    return []
  }
  const { records, refused } = checkRecords(saved, runnerTemp(env))
  for (const reason of refused) core.warning(`Ignored an undo record this action cannot have written: ${reason}`)
  return records
}

/** Where the private directory lives: RUNNER_TEMP, else the system's temp directory. */
export const runnerTemp = (env: Record<string, string | undefined> = process.env): string => path.resolve(env.RUNNER_TEMP || os.tmpdir())

type Check = (value: unknown) => string | undefined

const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})(?::\d{1,5})?$/
const HELPER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/
const DIGEST = /^[0-9a-f]{64}$/

const isString = (value: unknown): value is string => typeof value === 'string'
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Keeps only records this action can have written: known kinds; logout commands of the known CLIs
 * for plain hosts; the private directory directly in `tempRoot`; backups inside it; user files by
 * their known names at absolute paths. Everything else is refused with its reason.
 */
export function checkRecords(saved: unknown, tempRoot: string): { records: UndoRecord[]; refused: string[] } {
  if (!Array.isArray(saved)) return { records: [], refused: ['the saved undo list is not a list'] }
  const privateDirs = new Set(saved.flatMap((record) => (isObject(record) && record.kind === 'remove' && !checkPrivateDir(record.path, tempRoot) ? [record.path as string] : [])))
  const inPrivateDir: Check = (value) => (isString(value) && privateDirs.has(path.dirname(value)) && path.isAbsolute(value) ? undefined : `${show(value)} is not a file in this run's private directory`)
  const records: UndoRecord[] = []
  const refused: string[] = []
  for (const record of saved) {
    const reason = isObject(record) ? checkRecord(record, tempRoot, inPrivateDir) : 'a record is not an object'
    if (reason) refused.push(reason)
    else records.push(record as unknown as UndoRecord)
  }
  return { records, refused }
}

function checkRecord(record: Record<string, unknown>, tempRoot: string, inPrivateDir: Check): string | undefined {
  if (!isString(record.description)) return `a ${show(record.kind)} record has no description`
  switch (record.kind) {
    case 'remove':
      return checkPrivateDir(record.path, tempRoot)
    case 'run': {
      const host = Array.isArray(record.args) ? record.args.at(-1) : undefined
      const logout = isString(record.command) ? LOGOUT_ARGS[record.command] : undefined
      if (!logout || !isString(host) || !HOST.test(host) || JSON.stringify(record.args) !== JSON.stringify(logout(host))) {
        return `${show(record.command)} ${show(record.args)} is not a logout of a known registry client`
      }
      return checkEnv(record.env)
    }
    case 'file':
      return checkFileChange(record, inPrivateDir)
    case 'docker': {
      const hosts = record.hosts
      if (!Array.isArray(hosts) || !hosts.every((host) => isString(host) && HOST.test(host))) return `docker hosts ${show(hosts)} are not registry hosts`
      if (path.basename(String(record.path)) !== 'config.json') return `${show(record.path)} is not docker's config.json`
      if (record.storedInFile !== undefined && !(Array.isArray(record.storedInFile) && record.storedInFile.every((host) => hosts.includes(host)))) {
        return `docker storedInFile ${show(record.storedInFile)} names other hosts`
      }
      for (const login of Array.isArray(record.helpers) ? record.helpers : record.helpers === undefined ? [] : [null]) {
        if (!isObject(login) || !isString(login.helper) || !HELPER.test(login.helper) || !hosts.includes(login.host)) return `docker helper ${show(login)} is not a credential helper of a logged-in host`
        const backup = login.backup === undefined ? undefined : inPrivateDir(login.backup)
        if (backup) return backup
      }
      return checkFileChange(record, inPrivateDir) ?? checkEnv(record.env)
    }
    default:
      return `${show(record.kind)} is not a kind of undo record`
  }
}

function checkPrivateDir(value: unknown, tempRoot: string): string | undefined {
  const ok = isString(value) && path.isAbsolute(value) && path.dirname(value) === tempRoot
    && new RegExp(`^${PRIVATE_DIR_PREFIX}[A-Za-z0-9]{6}$`).test(path.basename(value))
  return ok ? undefined : `${show(value)} is not a private directory of this action in ${tempRoot}`
}

function checkFileChange(record: Record<string, unknown>, inPrivateDir: Check): string | undefined {
  const file = record.path
  if (!isString(file) || !path.isAbsolute(file) || !USER_FILES.includes(path.basename(file))) return `${show(file)} is not a config file this action changes`
  if (record.backup !== null) {
    const backup = inPrivateDir(record.backup)
    if (backup) return backup
  }
  if (record.mode !== undefined && !(Number.isInteger(record.mode) && (record.mode as number) >= 0 && (record.mode as number) <= 0o7777)) return `${show(record.mode)} is not a file mode`
  if (record.written !== undefined && !(isString(record.written) && DIGEST.test(record.written))) return `${show(record.written)} is not a SHA-256 digest`
  const entries = record.entries
  if (entries !== undefined) {
    const valid = isObject(entries) && ['json', 'yaml'].includes(entries.format as string) && Array.isArray(entries.keys)
      && entries.keys.every((key) => Array.isArray(key) && key.length > 0 && key.every(isString))
    if (!valid) return `${show(entries)} is not a list of entries`
  }
  return undefined
}

/** A command's environment may only point docker at its config directory. */
function checkEnv(env: unknown): string | undefined {
  if (env === undefined) return undefined
  const valid = isObject(env) && Object.entries(env).every(([name, value]) => name === 'DOCKER_CONFIG' && isString(value) && path.isAbsolute(value))
  return valid ? undefined : `the environment ${show(env)} is not DOCKER_CONFIG alone`
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}
