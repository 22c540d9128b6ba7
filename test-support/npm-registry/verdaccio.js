// @ts-check
/**
 * Runs verdaccio (a devDependency) as a private registry on 127.0.0.1: no uplinks, every package
 * readable and publishable only by authenticated users, htpasswd auth, logs in files.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { spawnServer, statusOf } from '../server-process.js'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { stringify } from 'yaml'

export const VERDACCIO = fileURLToPath(new URL('../../node_modules/verdaccio/bin/verdaccio', import.meta.url))


/**
 * Writes `<dir>/config.yaml`.
 * @param {{ dir: string, port: number, urlPrefix: string }} options
 */
export function writeConfig({ dir, port, urlPrefix }) {
  const config = {
    storage: join(dir, 'storage'),
    listen: `127.0.0.1:${port}`,
    // Tarball URLs in the metadata are built from the request's Host plus this prefix.
    url_prefix: urlPrefix,
    uplinks: {},
    // One user: the one the harness registers at start; later registrations are refused.
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
    packages: { '**': { access: '$authenticated', publish: '$authenticated', unpublish: '$authenticated' } },
    // With expiresIn the API tokens are JWTs (URL-safe); the legacy AES tokens may contain `/+=`.
    security: { api: { legacy: false, jwt: { sign: { expiresIn: '1d' } } }, web: { sign: { expiresIn: '1d' } } },
    web: { enable: false },
    log: { type: 'file', path: join(dir, 'verdaccio.log'), level: 'info' },
  }
  const path = join(dir, 'config.yaml')
  writeFileSync(path, stringify(config))
  return path
}

/**
 * Starts verdaccio with `<dir>/config.yaml` and waits until it logs its address and answers
 * `/-/ping`.
 * @param {{ dir: string, port: number, timeoutMs: number }} options
 * @returns {Promise<{ pid: number, logFile: string, stop: () => Promise<void> }>}
 */
export async function launchVerdaccio({ dir, port, timeoutMs }) {
  const logFile = join(dir, 'verdaccio.log')
  const outFile = join(dir, 'verdaccio.out')
  // Without NODE_OPTIONS: a parent jest's --experimental-vm-modules is of no use to verdaccio.
  const env = { ...process.env, NODE_OPTIONS: '' }
  const server = spawnServer(process.execPath, [VERDACCIO, '--config', join(dir, 'config.yaml')], { logFile: outFile, env })
  const stop = server.stop
  /** @param {string} file */
  const read = (file) => { try { return readFileSync(file, 'utf8') } catch { return '' } }
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (!server.running()) throw new Error(`verdaccio exited before it was ready:\n${read(outFile)}\n${read(logFile)}`)
    // The log line proves the answer comes from this process, not from another one on the port.
    const listening = read(logFile).includes(`http address - http://127.0.0.1:${port}/`)
    const status = listening ? await statusOf(`http://127.0.0.1:${port}/-/ping`) : 0
    if (status === 200) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`verdaccio on port ${port} not ready after ${timeoutMs} ms:\n${read(outFile)}\n${read(logFile)}`)
    }
    await sleep(50)
  }
  return { pid: server.pid ?? 0, logFile, stop }
}
