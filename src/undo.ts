/**
 * Undo records: what each configured client did and how to take it back. The main step saves them
 * as JSON state after every change, so a main step that fails halfway still leaves a complete list;
 * the post step replays them in reverse (replay.ts), after checking that each is one this action can
 * have written.
 */
import * as core from '@actions/core'
import type { DockerRecord } from './clients/docker.js'

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
  entries?: { format: 'json' | 'yaml' | 'xml'; keys: string[][] }
  /** Directories made for the file (outermost first): removed after it when they are empty. */
  madeDirs?: string[]
}

export interface FileRecord extends FileChange {
  kind: 'file'
  description: string
}

export type UndoRecord =
  | FileRecord
  | DockerRecord
  /** Remove the run's private directory. */
  | { kind: 'remove'; description: string; path: string }

export const STATE_KEY = 'undo'

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
