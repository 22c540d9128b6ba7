/** The post step: undo everything the main step recorded. Never fails the job. */
import * as core from '@actions/core'
import { loadUndoRecords, replay } from './replay.js'

export async function runPost(): Promise<void> {
  try {
    const records = loadUndoRecords()
    if (records.length === 0) {
      core.debug('Nothing to undo')
      return
    }
    await core.group('Putting back what the main step changed', () => replay(records))
  } catch (error) {
    core.warning(`Cleanup failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
