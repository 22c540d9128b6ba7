/**
 * The post step's work: load the saved undo records, keep only those this action can have written,
 * and replay them newest first; every problem is a warning, never a failure.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as core from '@actions/core'
import { checkDockerRecord, undoDocker } from './clients/docker.js'
import { checkSwiftRecord, undoSwift } from './clients/swift-logout.js'
import { ENTRY_FORMATS } from './entries.js'
import { undoFile } from './restore.js'
import { USER_FILES } from './clients/catalog.js'
import { PRIVATE_DIR_PREFIX, STATE_KEY, type UndoRecord } from './undo.js'
import { showValue } from './text.js'

export async function replay(records: UndoRecord[]): Promise<void> {
  for (const record of [...records].reverse()) {
    try {
      await undoOne(record)
    } catch (error) {
      core.warning(`Could not ${record.description}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

async function undoOne(record: UndoRecord): Promise<void> {
  switch (record.kind) {
    case 'file':
      return undoFile(record)
    case 'docker':
      return undoDocker(record)
    case 'swift':
      return undoSwift(record)
    case 'remove':
      fs.rmSync(record.path, { recursive: true, force: true })
      core.info(`${record.description}: done`)
  }
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

const DIGEST = /^[0-9a-f]{64}$/

const isString = (value: unknown): value is string => typeof value === 'string'
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Keeps only records this action can have written: known kinds; the private directory directly in
 * `tempRoot`; backups inside it; user files by their known names at absolute paths; docker records
 * as docker.ts checks them. Everything else is refused with its reason.
 */
export function checkRecords(saved: unknown, tempRoot: string): { records: UndoRecord[]; refused: string[] } {
  if (!Array.isArray(saved)) return { records: [], refused: ['the saved undo list is not a list'] }
  const privateDirs = new Set(saved.flatMap((record) => (isObject(record) && record.kind === 'remove' && !checkPrivateDir(record.path, tempRoot) ? [record.path as string] : [])))
  const inPrivateDir: Check = (value) => (isString(value) && privateDirs.has(path.dirname(value)) && path.isAbsolute(value) ? undefined : `${showValue(value)} is not a file in this run's private directory`)
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
  if (!isString(record.description)) return `a ${showValue(record.kind)} record has no description`
  switch (record.kind) {
    case 'remove':
      return checkPrivateDir(record.path, tempRoot)
    case 'file':
      return checkFileChange(record, inPrivateDir)
    case 'docker':
      return checkDockerRecord(record, inPrivateDir) ?? checkFileChange(record, inPrivateDir)
    case 'swift':
      return checkSwiftRecord(record)
    default:
      return `${showValue(record.kind)} is not a kind of undo record`
  }
}

function checkPrivateDir(value: unknown, tempRoot: string): string | undefined {
  const ok = isString(value) && path.isAbsolute(value) && path.dirname(value) === tempRoot
    && new RegExp(`^${PRIVATE_DIR_PREFIX}[A-Za-z0-9]{6}$`).test(path.basename(value))
  return ok ? undefined : `${showValue(value)} is not a private directory of this action in ${tempRoot}`
}

function checkFileChange(record: Record<string, unknown>, inPrivateDir: Check): string | undefined {
  const file = record.path
  if (!isString(file) || !path.isAbsolute(file) || !USER_FILES.includes(path.basename(file))) return `${showValue(file)} is not a config file this action changes`
  if (record.backup !== null) {
    const backup = inPrivateDir(record.backup)
    if (backup) return backup
  }
  if (record.mode !== undefined && !(Number.isInteger(record.mode) && (record.mode as number) >= 0 && (record.mode as number) <= 0o7777)) return `${showValue(record.mode)} is not a file mode`
  if (record.written !== undefined && !(isString(record.written) && DIGEST.test(record.written))) return `${showValue(record.written)} is not a SHA-256 digest`
  // Made for the file: its own ancestors, none of them a root (and only ever removed when empty).
  const dirs = record.madeDirs
  const isAncestor = (dir: unknown) => isString(dir) && path.isAbsolute(dir) && path.dirname(dir) !== dir && file.startsWith(`${dir}${path.sep}`)
  if (dirs !== undefined && !(Array.isArray(dirs) && dirs.every(isAncestor))) return `${showValue(dirs)} are not directories made for ${showValue(file)}`
  const entries = record.entries
  if (entries !== undefined) {
    const valid = isObject(entries) && (ENTRY_FORMATS as readonly unknown[]).includes(entries.format) && Array.isArray(entries.keys)
      && entries.keys.every((key) => Array.isArray(key) && key.length > 0 && key.every(isString))
    if (!valid) return `${showValue(entries)} is not a list of entries`
  }
  return undefined
}

