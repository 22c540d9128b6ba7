// @ts-check
/** A test server in a child process: output to a log file, stopped with SIGTERM, then SIGKILL after 5 s. */
import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { get } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ logFile: string, env?: NodeJS.ProcessEnv }} options
 * @returns {{ pid: number | undefined, running: () => boolean, stop: () => Promise<void> }}
 */
export function spawnServer(command, args, { logFile, env }) {
  const fd = openSync(logFile, 'w')
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], ...(env ? { env } : {}) })
  closeSync(fd)
  let running = true
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => child.once('exit', () => { running = false; resolve() }))
  return {
    pid: child.pid,
    running: () => running,
    stop: async () => {
      if (running && child.pid) process.kill(child.pid, 'SIGTERM')
      await Promise.race([exited, sleep(5000, undefined, { ref: false })])
      if (running && child.pid) process.kill(child.pid, 'SIGKILL')
      await exited
    },
  }
}

/**
 * The HTTP status a server answers at `url`, or 0 when nothing answers within a second.
 * @param {string} url
 * @returns {Promise<number>}
 */
export function statusOf(url) {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.setTimeout(1000, () => request.destroy())
    request.once('error', () => resolve(0))
  })
}
