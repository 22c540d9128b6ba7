/**
 * Changing a config file of the user's that a client reads only from its own place (~/.yarnrc.yml,
 * and for later clients settings.xml, config.toml, NuGet.Config): a byte-exact backup and the undo
 * record first, then the write, then the digest of what was written — so the post step can tell an
 * untouched file (put back byte for byte) from one another step changed since (only the action's
 * entries are taken out; see replay.ts).
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type { FileChange, FileRecord } from './undo.js'
import { backupFile, fileHash, readIfExists, realFile, type Workspace } from './workspace.js'

export interface FileEdit {
  /** Where the client reads it. A symlink is written through, never replaced. */
  file: string
  description: string
  /** The keys the edit sets: what the post step takes out if the file changed meanwhile. */
  entries: NonNullable<FileChange['entries']>
  /** The new text from the current one (undefined: no such file yet). */
  edit: (text: string | undefined) => string
}

export async function changeUserFile(change: FileEdit, workspace: Workspace): Promise<FileRecord> {
  await realFile(change.file) // a link to a missing file is an error before anything is written
  const text = readIfExists(change.file)?.toString('utf8')
  const updated = change.edit(text)
  const { backup, mode } = await backupFile(change.file, workspace)
  const record: FileRecord = { kind: 'file', description: change.description, path: change.file, backup, mode, entries: change.entries }
  workspace.undo.add(record)
  await fs.mkdir(path.dirname(change.file), { recursive: true })
  await fs.writeFile(change.file, updated, { mode: 0o600 })
  record.written = await fileHash(change.file)
  workspace.undo.save()
  return record
}
