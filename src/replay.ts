/**
 * The post step's work: replay undo records newest first; every problem is a warning, never a failure.
 * File calls are synchronous: the post step then never starts libuv's thread pool (2–6 ms here).
 */
import * as fs from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import * as core from '@actions/core'
import { runCommand } from './command.js'
import type { UndoRecord } from './undo.js'
import { fileHash, readIfExists, sha256Js } from './workspace.js'

type DockerRecord = Extract<UndoRecord, { kind: 'docker' }>

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
    case 'run':
      return runLogged(record.command, record.args, record.env)
    case 'restore':
      if (restoreFile(record.path, record.backup, record.mode)) core.info(`${record.description}: done`)
      return
    case 'docker':
      return undoDocker(record)
    case 'remove':
      fs.rmSync(record.path, { recursive: true, force: true })
      core.info(`${record.description}: done`)
  }
}

async function runLogged(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  const result = await runCommand(command, args, { env })
  if (result.exitCode !== 0) {
    throw new Error(`${command} exited with code ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim() || 'no output'}`)
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

/** docker's config.json minus the `auths` entries of `hosts` (a missing `auths` counts as empty). */
export function withoutHosts(config: unknown, hosts: string[]): unknown {
  if (!config || typeof config !== 'object') return config
  const { auths = {}, ...rest } = config as { auths?: Record<string, unknown> }
  const kept = Object.fromEntries(Object.entries(auths).filter(([host]) => !hosts.includes(host)))
  return { ...rest, auths: kept }
}

const parse = (content: Buffer | undefined): unknown => {
  try {
    return content === undefined ? undefined : (JSON.parse(content.toString('utf8')) as unknown)
  } catch {
    return null
  }
}

/**
 * Logs docker out of every host (so credential helpers forget the password too), then puts
 * config.json back. Byte for byte when nobody touched the file after our last login; otherwise only
 * when what differs is our logins alone — another step's changes are kept. A credential docker kept
 * in config.json itself goes with the byte-exact restore, so no `docker logout` is spawned for it.
 */
async function undoDocker(record: DockerRecord): Promise<void> {
  const beforeLogout = await fileHash(record.path, sha256Js)
  const untouched = record.hashAfterLogin !== undefined && beforeLogout === record.hashAfterLogin
  const inFile = new Set(untouched ? record.storedInFile : [])
  for (const host of [...record.hosts].reverse()) {
    if (inFile.has(host)) continue
    try {
      await runLogged('docker', ['logout', host], record.env)
    } catch (error) {
      core.warning(`Could not run docker logout ${host}: ${(error as Error).message}`)
    }
  }
  if (!untouched && !onlyOurLoginsDiffer(record)) {
    core.info(`${record.path} was changed by another step meanwhile; kept as it is, without this action's logins`)
    return
  }
  if (restoreFile(record.path, record.backup, record.mode)) {
    core.info(`${record.backup === null ? 'removed' : 'restored'} ${record.path}`)
  }
  for (const host of inFile) core.info(`docker: logged out of ${host} (its credential was only in ${record.path})`)
}

/** Whether config.json and its backup differ only in the `auths` entries of our hosts. */
function onlyOurLoginsDiffer(record: DockerRecord): boolean {
  const current = parse(readIfExists(record.path))
  const original = record.backup === null ? { auths: {} } : parse(fs.readFileSync(record.backup))
  return current !== undefined && isDeepStrictEqual(withoutHosts(current, record.hosts), withoutHosts(original, record.hosts))
}
