// @ts-check
/**
 * A path-prefix proxy: serves `<prefix>...` (e.g. `/npm/shared/...`, CodeArtifact's layout) by
 * forwarding to an upstream with the prefix cut off, and answers 404 for every other path.
 * The Host header goes through unchanged, so the upstream builds its tarball URLs on this proxy.
 *
 * It runs in a child process (`node proxy.js PREFIX UPSTREAM_PORT LOG_FILE`), so a test may run
 * the clients with spawnSync/execFileSync: an in-process server would be blocked until they time
 * out. Each request is appended to LOG_FILE as a JSON line before its answer is sent.
 */
import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, request as forward } from 'node:http'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

/** @typedef {{ method: string, path: string, authorized: boolean, status: number }} ProxiedRequest */

const SCRIPT = fileURLToPath(import.meta.url)

/**
 * @param {{ prefix: string, upstreamPort: number, onRecord: (record: ProxiedRequest) => void }} options
 *   prefix with leading and trailing slash
 */
export function createPrefixProxy({ prefix, upstreamPort, onRecord }) {
  const bare = prefix.slice(0, -1)
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    const method = req.method ?? 'GET'
    const authorized = Boolean(req.headers.authorization)
    if (!(path.startsWith(prefix) || path === bare || path.startsWith(`${bare}?`))) {
      onRecord({ method, path, authorized, status: 404 })
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'not found' }))
      req.resume()
      return
    }
    const rest = path.slice(bare.length)
    const options = { host: '127.0.0.1', port: upstreamPort, method, path: rest.startsWith('/') ? rest : `/${rest}`, headers: req.headers }
    const upstream = forward(options, (answer) => {
      onRecord({ method, path, authorized, status: answer.statusCode ?? 0 })
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.once('error', (error) => {
      onRecord({ method, path, authorized, status: 502 })
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: String(error) }))
    })
    req.pipe(upstream)
  })
  server.keepAliveTimeout = 1000
  return server
}

/**
 * Starts the proxy in a child process on a free port of 127.0.0.1.
 * @param {{ prefix: string, upstreamPort: number, logFile: string, timeoutMs: number }} options
 * @returns {Promise<{ port: number, pid: number, readRequests: () => ProxiedRequest[], stop: () => Promise<void> }>}
 */
export async function launchPrefixProxy({ prefix, upstreamPort, logFile, timeoutMs }) {
  writeFileSync(logFile, '')
  // stdin stays open: the proxy exits when it closes, so it cannot outlive this process.
  const child = spawn(process.execPath, [SCRIPT, prefix, String(upstreamPort), logFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  let running = true
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => child.once('exit', () => { running = false; resolve() }))
  const stop = async () => {
    child.stdin?.end()
    if (running && child.pid) process.kill(child.pid, 'SIGTERM')
    await Promise.race([exited, sleep(5000, undefined, { ref: false })])
    if (running && child.pid) process.kill(child.pid, 'SIGKILL')
    await exited
  }
  const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) })
  const first = await Promise.race([
    new Promise((resolve) => lines.once('line', resolve)),
    exited.then(() => ''),
    sleep(timeoutMs, '', { ref: false }),
  ])
  lines.close()
  const port = first ? Number(JSON.parse(String(first)).port) : 0
  if (!port) {
    await stop()
    throw new Error('the prefix proxy did not start')
  }
  const readRequests = () => existsSync(logFile)
    ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
    : []
  return { port, pid: child.pid ?? 0, readRequests, stop }
}

if (process.argv[1] === SCRIPT) {
  const [prefix = '/', upstreamPort = '0', logFile = '/dev/null'] = process.argv.slice(2)
  const server = createPrefixProxy({
    prefix,
    upstreamPort: Number(upstreamPort),
    onRecord: (record) => appendFileSync(logFile, `${JSON.stringify(record)}\n`),
  })
  const quit = () => {
    server.close(() => process.exit(0))
    server.closeAllConnections()
  }
  process.once('SIGTERM', quit)
  process.stdin.once('end', quit).resume()
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`)
  })
}
