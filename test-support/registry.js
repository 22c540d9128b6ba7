// @ts-check
/**
 * Test helpers around docker: a real Distribution registry with htpasswd auth on 127.0.0.1, an
 * isolated DOCKER_CONFIG, and a fake `docker` executable that records how it was called.
 */
import { execFileSync } from 'node:child_process'
import { requireCommand } from './require-command.js'
import { spawnServer, statusOf } from './server-process.js'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { stringify } from 'yaml'

export const REGISTRY_BINARY = '/usr/bin/docker-registry'

/** @returns {Promise<number>} a port that was free on 127.0.0.1 a moment ago */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}


/**
 * @typedef {{ host: string, url: string, port: number, username: string, password: string, dir: string,
 *   logFile: string, pid: number, stop: () => Promise<void> }} Registry
 */

/**
 * Starts Debian's docker-registry (Distribution 2.8) with basic auth, in a temp dir, and waits
 * until it logs that it listens and `GET /v2/` answers 401. A port lost to a race is retried.
 * @param {{ username?: string, password: string, timeoutMs?: number }} options
 * @returns {Promise<Registry>}
 */
export async function startRegistry({ username = 'AWS', password, timeoutMs = 15000 }) {
  const dir = mkdtempSync(join(tmpdir(), 'registry-'))
  try {
    // -i: the password goes in on stdin, not on argv.
    requireCommand(REGISTRY_BINARY, 'docker-registry')
    const htpasswd = execFileSync(requireCommand('htpasswd', 'apache2-utils'), ['-inB', username], { input: password, encoding: 'utf8' })
    writeFileSync(join(dir, 'htpasswd'), htpasswd)
    for (let attempt = 1; ; attempt++) {
      try {
        const launched = await launch(dir, await freePort(), timeoutMs)
        return { ...launched, username, password, dir }
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('address already in use')) throw error
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

/**
 * @param {string} dir
 * @param {number} port
 * @param {number} timeoutMs
 */
async function launch(dir, port, timeoutMs) {
  const host = `127.0.0.1:${port}`
  const config = {
    version: 0.1,
    log: { level: 'info', formatter: 'text' },
    storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
    // draintimeout makes the registry handle SIGTERM and exit promptly.
    http: { addr: host, draintimeout: '1s', secret: randomBytes(16).toString('hex') },
    auth: { htpasswd: { realm: 'basic-realm', path: join(dir, 'htpasswd') } },
  }
  writeFileSync(join(dir, 'config.yml'), stringify(config))
  const logFile = join(dir, 'registry.log')
  const server = spawnServer(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], { logFile })
  const stop = async () => {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (!server.running()) throw new Error(`docker-registry exited before it was ready:\n${readFileSync(logFile, 'utf8')}`)
    // The log line proves the 401 comes from this process, not from another one on the same port.
    const listening = readFileSync(logFile, 'utf8').includes(`listening on ${host}`)
    const status = listening ? await statusOf(`http://${host}/v2/`) : 0
    if (status === 401) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`docker-registry on ${host} not ready after ${timeoutMs} ms (last status ${status})`)
    }
    await sleep(50)
  }
  return { host, url: `http://${host}`, port, logFile, pid: server.pid ?? 0, stop }
}

/**
 * An isolated DOCKER_CONFIG directory, optionally with a config.json.
 * @param {string} dir created if missing
 * @param {string | object} [content] config.json content (objects are written as JSON)
 * @returns {string} dir
 */
export function makeDockerConfig(dir, content) {
  mkdirSync(dir, { recursive: true })
  if (content !== undefined) {
    const text = typeof content === 'string' ? content : `${JSON.stringify(content, null, '\t')}\n`
    writeFileSync(join(dir, 'config.json'), text)
  }
  return dir
}

/** @param {string} dir */
export const readDockerConfig = (dir) =>
  existsSync(join(dir, 'config.json')) ? JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) : null

/**
 * @typedef {{ exitCode?: number, stdout?: string, stderr?: string, sleepSeconds?: number }} FakeBehaviour
 *   sleepSeconds: wait that long first (a client that hangs)
 * @typedef {{ argv: string[], stdin: string | null, dockerConfig: string }} FakeDockerCall
 */

/** @param {string} text */
const shellQuote = (text) => `'${text.replace(/'/g, "'\\''")}'`

/** @param {FakeBehaviour} behaviour */
const behave = ({ exitCode = 0, stdout = '', stderr = '', sleepSeconds = 0 }) =>
  `${sleepSeconds ? `sleep ${Number(sleepSeconds)}; ` : ''}printf '%s' ${shellQuote(stdout)}; printf '%s' ${shellQuote(stderr)} >&2; exit ${Number(exitCode)}`

/**
 * Writes `<dir>/docker`, a shell script that appends each call (argv, DOCKER_CONFIG, and stdin when
 * `--password-stdin` is given) to `<dir>/docker-calls.log`, prints `stdout`/`stderr` exactly as given
 * and exits with `exitCode`. `bySubcommand` overrides the behaviour per first argument (`login`, ...).
 * @param {string} dir
 * @param {FakeBehaviour & { bySubcommand?: Record<string, FakeBehaviour> }} [options]
 */
export function fakeDocker(dir, options = {}) {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'docker')
  const logFile = join(dir, 'docker-calls.log')
  const cases = Object.entries(options.bySubcommand ?? {})
    .map(([sub, b]) => `  ${shellQuote(sub)}) ${behave(b)} ;;`).join('\n')
  const script = `#!/bin/sh
log=${shellQuote(logFile)}
b64() { printf '%s' "$1" | base64 -w0; }
# One write per call, so that concurrent calls never interleave their records.
rec="call"
for a in "$@"; do rec="$rec
arg $(b64 "$a")"; done
rec="$rec
docker_config $(b64 "\${DOCKER_CONFIG-}")"
for a in "$@"; do
  if [ "$a" = "--password-stdin" ]; then rec="$rec
stdin $(base64 -w0)"; fi
done
printf '%s\n' "$rec" >> "$log"
case "\${1-}" in
${cases}
  *) ${behave(options)} ;;
esac
`
  writeFileSync(path, script)
  chmodSync(path, 0o755)
  return { dir, path, logFile, calls: () => readFakeDockerCalls(logFile) }
}

/**
 * @param {string} logFile
 * @returns {FakeDockerCall[]}
 */
export function readFakeDockerCalls(logFile) {
  if (!existsSync(logFile)) return []
  const decode = (/** @type {string} */ b64) => Buffer.from(b64, 'base64').toString('utf8')
  /** @type {FakeDockerCall[]} */
  const calls = []
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const [kind, value = ''] = line.split(' ')
    const call = calls[calls.length - 1]
    if (kind === 'call') calls.push({ argv: [], stdin: null, dockerConfig: '' })
    else if (call && kind === 'arg') call.argv.push(decode(value))
    else if (call && kind === 'docker_config') call.dockerConfig = decode(value)
    else if (call && kind === 'stdin') call.stdin = decode(value)
  }
  return calls
}
