/**
 * Changing a config file of the user's that a client reads only from its own place (~/.yarnrc.yml,
 * settings.xml, config.toml, NuGet.Config, registries.json, .netrc, …): a byte-exact backup and the
 * undo record first, then the write, then the digest of what was written — so the post step can tell
 * an untouched file (put back byte for byte) from one another step changed since (only the action's
 * entries are taken out; see restore.ts).
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { fileHash, readIfExists, realFile } from './files.js'
import type { FileChange, FileRecord } from './undo.js'
import type { Workspace } from './workspace.js'

export interface Backup {
  /** The copy, or null when the file did not exist. */
  backup: string | null
  /** The file's permission bits, to put back with its bytes. */
  mode?: number
}

/**
 * A byte-exact copy of `file` in the workspace, with its mode. Nothing is copied when undo is off
 * (logout: false), since nothing would restore or remove the copy.
 */
export async function backupFile(file: string, workspace: Workspace): Promise<Backup> {
  if (!workspace.undo.enabled) return { backup: null }
  const content = readIfExists(file)
  if (content === undefined) return { backup: null }
  const mode = (await fs.stat(file)).mode & 0o7777
  const name = `${path.basename(file)}.${Date.now().toString(36)}.bak`
  return { backup: await workspace.writePrivate(name, content), mode }
}

export interface FileEdit {
  /** Where the client reads it. A symlink is written through, never replaced. */
  file: string
  description: string
  /**
   * The keys the edit sets: what the post step takes out if the file changed meanwhile. None for a
   * file that is the action's alone (it is removed afterwards whatever it holds).
   */
  entries?: FileChange['entries']
  /** The new text from the current one (undefined: no such file yet). */
  edit: (text: string | undefined) => string
  /** The mode the file gets before the action's text is written into it (0600 for a file that will hold a token). */
  mode?: number
}

export async function changeUserFile(change: FileEdit, workspace: Workspace): Promise<FileRecord> {
  await realFile(change.file) // a link to a missing file is an error before anything is written
  const text = readIfExists(change.file)?.toString('utf8')
  const updated = change.edit(text)
  const { backup, mode } = await backupFile(change.file, workspace)
  const record: FileRecord = { kind: 'file', description: change.description, path: change.file, backup, mode, entries: change.entries }
  const dirs = await missingDirs(path.dirname(change.file))
  if (dirs.length > 0) record.madeDirs = dirs
  workspace.undo.add(record)
  await fs.mkdir(path.dirname(change.file), { recursive: true })
  if (change.mode !== undefined && text !== undefined) await fs.chmod(change.file, change.mode)
  await fs.writeFile(change.file, updated, { mode: change.mode ?? 0o600 })
  record.written = await fileHash(change.file)
  workspace.undo.save()
  return record
}

/** The directories `dir` needs created, outermost first (what the post step removes again when they are empty). */
export async function missingDirs(dir: string): Promise<string[]> {
  const missing: string[] = []
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      await fs.stat(at)
      return missing.reverse()
    } catch {
      missing.push(at)
      if (path.dirname(at) === at) return missing.reverse()
    }
  }
}
