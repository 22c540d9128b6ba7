// @ts-check
/**
 * Runs one entry point as the runner does: `node <script>` in the workspace, no stdin, stdout and
 * stderr into ONE file description, so the file holds the lines in the order they were written.
 */
import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

/**
 * @typedef {{ exitCode: number | null, signal: NodeJS.Signals | null, timedOut: boolean,
 *   durationMs: number, raw: string }} ProcessResult
 */

/**
 * @param {{ script: string, cwd: string, env: Record<string, string>, outputFile: string,
 *   timeoutMs: number, node?: string }} options
 * @returns {Promise<ProcessResult>}
 */
export async function runNodeScript({ script, cwd, env, outputFile, timeoutMs, node = process.execPath }) {
  const fd = openSync(outputFile, 'a')
  const started = performance.now()
  let timedOut = false
  try {
    // detached: the child leads its own process group, so a timeout also ends what it started.
    const child = spawn(node, [script], { cwd, env, stdio: ['ignore', fd, fd], detached: true })
    /** @param {NodeJS.Signals} signal */
    const killGroup = (signal) => {
      try {
        if (child.pid) process.kill(-child.pid, signal)
      } catch {
        // already gone
      }
    }
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let forceKill
    const timer = setTimeout(() => {
      timedOut = true
      killGroup('SIGTERM')
      forceKill = setTimeout(() => killGroup('SIGKILL'), 2000)
    }, timeoutMs)
    /** @type {[number | null, NodeJS.Signals | null]} */
    const [exitCode, signal] = await new Promise((resolve, reject) => {
      child.once('error', reject)
      child.once('exit', (code, sig) => resolve([code, sig]))
    }).finally(() => {
      clearTimeout(timer)
      clearTimeout(forceKill)
    })
    if (timedOut) killGroup('SIGKILL')
    const durationMs = Math.round(performance.now() - started)
    return { exitCode, signal, timedOut, durationMs, raw: readFileSync(outputFile, 'utf8') }
  } finally {
    closeSync(fd)
  }
}
