/**
 * Undo records: what each configured client did and how to take it back. The main step saves them
 * as JSON state after every change, so a main step that fails halfway still leaves a complete list;
 * the post step replays them in reverse.
 */
import * as core from '@actions/core'

export type UndoRecord =
  /** Run a command (a logout); its failure is a warning. */
  | { kind: 'run'; description: string; command: string; args: string[]; env?: Record<string, string> }
  /** Put a file back from a byte-exact backup (or remove it when `backup` is null: it did not exist). */
  | { kind: 'restore'; description: string; path: string; backup: string | null; mode?: number }
  /**
   * docker: log out of `hosts`, then put config.json back — byte for byte when nobody changed it since
   * our last login (`hashAfterLogin`), else only when the change was ours alone. `storedInFile`: hosts
   * whose credential docker wrote into config.json itself (no credential helper); when the file is
   * as our last login left it, putting it back is their logout, and no `docker logout` runs.
   */
  | {
      kind: 'docker'
      description: string
      path: string
      backup: string | null
      mode?: number
      hosts: string[]
      env: Record<string, string>
      hashAfterLogin?: string
      storedInFile?: string[]
    }
  /** Remove a file or directory the action created. */
  | { kind: 'remove'; description: string; path: string }

export const STATE_KEY = 'undo'

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

export function loadUndoRecords(): UndoRecord[] {
  const text = core.getState(STATE_KEY)
  if (!text) return []
  const records: unknown = JSON.parse(text)
  return Array.isArray(records) ? (records as UndoRecord[]) : []
}
