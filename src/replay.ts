/** The post step's work: replay undo records newest first; every problem is a warning, never a failure. */
import * as fs from 'node:fs/promises'
import { isDeepStrictEqual } from 'node:util'
import * as core from '@actions/core'
import * as exec from '@actions/exec'
import type { UndoRecord } from './undo.js'

export async function replay(records: UndoRecord[]): Promise<void> {
  for (const record of [...records].reverse()) {
    try {
      await undoOne(record)
      if (record.kind !== 'run') core.info(`${record.description}: done`)
    } catch (error) {
      core.warning(`Could not ${record.description}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

async function undoOne(record: UndoRecord): Promise<void> {
  switch (record.kind) {
    case 'run':
      return runQuietly(record.command, record.args, record.env)
    case 'restore':
      return restoreFile(record.path, record.backup, record.mode)
    case 'docker-config':
      return restoreDockerConfig(record.path, record.backup, record.hosts)
    case 'remove':
      return fs.rm(record.path, { recursive: true, force: true })
  }
}

async function runQuietly(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  const result = await exec.getExecOutput(command, args, {
    silent: true,
    ignoreReturnCode: true,
    env: { ...(process.env as Record<string, string>), ...env },
  })
  if (result.exitCode !== 0) {
    throw new Error(`${command} exited with code ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim() || 'no output'}`)
  }
  core.info(`${command} ${args.join(' ')}: done`)
}

async function restoreFile(file: string, backup: string | null, mode?: number): Promise<void> {
  if (backup === null) {
    await fs.rm(file, { force: true })
    return
  }
  await fs.copyFile(backup, file)
  if (mode !== undefined) await fs.chmod(file, mode)
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** docker's config.json minus the `auths` entries of `hosts`: what logging out should leave. */
export function withoutHosts(config: unknown, hosts: string[]): unknown {
  if (!config || typeof config !== 'object') return config
  const { auths, ...rest } = config as { auths?: Record<string, unknown> }
  if (!auths) return config
  const kept = Object.fromEntries(Object.entries(auths).filter(([host]) => !hosts.includes(host)))
  return { ...rest, auths: kept }
}

/**
 * After the logouts, docker has rewritten config.json in its own format. When nothing but our logins
 * changed it, the original bytes go back (entries we overwrote included); when another step changed
 * it meanwhile, it stays as it is, without our logins.
 */
async function restoreDockerConfig(file: string, backup: string | null, hosts: string[]): Promise<void> {
  const current = await readJson(file)
  if (backup === null) {
    const left = withoutHosts(current, hosts)
    if (current !== undefined && isDeepStrictEqual(left, { auths: {} })) await fs.rm(file, { force: true })
    return
  }
  const original = JSON.parse(await fs.readFile(backup, 'utf8')) as unknown
  if (isDeepStrictEqual(withoutHosts(current, hosts), withoutHosts(original, hosts))) {
    await fs.copyFile(backup, file)
  } else {
    core.info(`${file} was changed by another step meanwhile; left as it is, without this action's logins`)
  }
}
