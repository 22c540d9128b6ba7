/**
 * Putting user files back in the post step: byte for byte when nobody changed them since the
 * action's last write, otherwise only the action's entries (see entries.ts); and running the few
 * commands an undo needs, with a time limit each. File calls are synchronous: the post step then
 * never starts libuv's thread pool (2–6 ms here).
 */
import * as fs from 'node:fs'
import * as core from '@actions/core'
import { runCommand } from './command.js'
import { revertJson, type EntryFormat, type Reverted } from './entries.js'
import { readIfExists, sha256 } from './files.js'
import { untrusted } from './text.js'
import type { FileChange } from './undo.js'

/** The time limit of each command the post step runs (a logout, a credential helper)… */
export const POST_COMMAND_TIMEOUT_MS = 30_000
/** …and of all of them together, counted from the first: many hosts must not mean many times 30 s. */
export const POST_COMMANDS_TIMEOUT_MS = 120_000
let commandsUntil: number | undefined

export async function runLogged(command: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<void> {
  commandsUntil ??= Date.now() + POST_COMMANDS_TIMEOUT_MS
  const timeoutMs = Math.min(POST_COMMAND_TIMEOUT_MS, commandsUntil - Date.now())
  if (timeoutMs <= 0) throw new Error(`not run: the post step's commands have used up their time limit of ${POST_COMMANDS_TIMEOUT_MS / 1000} s`)
  const result = await runCommand(command, args, { env, input, timeoutMs })
  if (result.exitCode !== 0) {
    throw new Error(`${command} exited with code ${result.exitCode}: ${untrusted(result.stderr) || untrusted(result.stdout) || 'no output'}`)
  }
  core.info(`${command} ${args.join(' ')}: done`)
}

/**
 * Puts `file` back from `backup` with its mode, or removes it when it did not exist (a symlink is
 * never removed). Returns whether anything had to change.
 */
export function restoreFile(file: string, backup: string | null, mode?: number): boolean {
  if (backup === null) {
    const stat = fs.lstatSync(file, { throwIfNoEntry: false })
    if (!stat || stat.isSymbolicLink()) return false
    fs.rmSync(file, { force: true })
    return true
  }
  const original = fs.readFileSync(backup)
  const current = readIfExists(file)
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  if (current?.equals(original) && (mode === undefined || (stat && (stat.mode & 0o7777) === mode))) return false
  fs.writeFileSync(file, original)
  if (mode !== undefined) fs.chmodSync(file, mode)
  return true
}

/**
 * Puts a user file back. Byte for byte when nobody changed it since the action's last write
 * (`untouchedBefore`, when the caller had to decide that before changing the file itself), or when
 * what is left after taking out the action's entries is the file as it was; otherwise only the
 * action's entries get their earlier values and another step's changes stay.
 */
export async function undoFile(change: FileChange, untouchedBefore?: boolean): Promise<void> {
  const current = readIfExists(change.path)
  if (current === undefined) {
    if (change.backup !== null) core.info(`${change.path} was removed by another step meanwhile; left so`)
    else removeEmptyDirs(change.madeDirs ?? [])
    return
  }
  const untouched = untouchedBefore ?? (change.written !== undefined && (await sha256(current)) === change.written)
  let reverted: Reverted | undefined
  if (!untouched && change.entries) {
    const original = change.backup === null ? undefined : fs.readFileSync(change.backup, 'utf8')
    reverted = await revert(change.entries.format, current.toString('utf8'), original, change.entries.keys)
  }
  if (!reverted || reverted.asBefore) {
    if (restoreFile(change.path, change.backup, change.mode)) core.info(`${change.backup === null ? 'removed' : 'restored'} ${change.path}`)
    removeEmptyDirs(change.madeDirs ?? [])
    return
  }
  if (reverted.text !== undefined) fs.writeFileSync(change.path, reverted.text)
  core.info(`${change.path} was changed by another step meanwhile: took out only this action's entries and kept the rest`)
}

/** Removes the directories the action created for a file, innermost first, as long as they are empty. */
function removeEmptyDirs(dirs: string[]): void {
  for (const dir of [...dirs].reverse()) {
    try {
      fs.rmdirSync(dir)
    } catch {
      return // not empty (or gone): it and those above it stay
    }
  }
}

async function revert(format: EntryFormat, current: string, original: string | undefined, keys: string[][]): Promise<Reverted> {
  if (format === 'json') return revertJson(current, original, keys)
  // The other formats' parsers are files of their own in dist/: only a post step that needs one loads it.
  return (await REVERTERS[format]())(current, original, keys)
}

type Revert = (current: string, original: string | undefined, keys: string[][]) => Reverted

/** Each format's revert, from its own `<format>-entries` module (a file of its own in dist/, see bundle.mjs). */
const REVERTERS: Record<Exclude<EntryFormat, 'json'>, () => Promise<Revert>> = {
  yaml: async () => (await import('./yaml-entries.js')).revertYaml,
  toml: async () => (await import('./toml-entries.js')).revertToml,
  xml: async () => (await import('./xml-entries.js')).revertXml,
  nuget: async () => (await import('./nuget-entries.js')).revertXml,
  netrc: async () => (await import('./netrc-entries.js')).revertNetrc,
}
