// @ts-check
/**
 * The local servers of the self-test workflow (.github/workflows/self-test.yml), started together and
 * kept running until SIGTERM/SIGINT (the runner ends them with the job):
 * - an npm registry (Verdaccio behind a CodeArtifact-style `/npm/shared/` path) holding
 *   `@acme/self-test` 1.0.0;
 * - a PyPI index (`/pypi/shared/`) that accepts `aws:<token>` and holds `registry-auth-self-test` 1.0.0,
 *   where `<token>` is the npm registry's token, so that one CodeArtifact token works for both;
 * - with `--docker` (Linux, Debian's docker-registry and htpasswd installed): a Distribution registry
 *   with basic auth `AWS:<password>`;
 * - the project's AWS emulator (test-support/emulator/cli.js), told to hand out that token and
 *   password and to answer with those servers' addresses as the CodeArtifact repository endpoints and
 *   the ECR registry.
 * When all of them answer, it writes `--out FILE` (mode 0600; written whole, then renamed into place):
 *   { emulator: { url, env }, token, password, npm: { url, package, version },
 *     pypi: { url, package, version }, docker: { host } | null, secrets: [token, password] }
 * Usage: node scripts/self-test/servers.mjs --out FILE [--docker]
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { renameSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startNpmRegistry } from '../../test-support/npm-registry.js'
import { startPypiIndex } from '../../test-support/pypi-index/index.js'
import { startRegistry } from '../../test-support/registry.js'

const EMULATOR = fileURLToPath(new URL('../../test-support/emulator/cli.js', import.meta.url))
const NPM_PACKAGE = { name: '@acme/self-test', version: '1.0.0' }
const PYPI_PACKAGE = { name: 'registry-auth-self-test', version: '1.0.0' }
const TIMEOUT_MS = 120_000

const args = process.argv.slice(2)
const outIndex = args.indexOf('--out')
const out = outIndex >= 0 ? args[outIndex + 1] : undefined
if (!out) {
  process.stderr.write('usage: node scripts/self-test/servers.mjs --out FILE [--docker]\n')
  process.exit(2)
}

/** @type {Array<() => Promise<unknown> | void>} */
const stops = []
const stopAll = async () => {
  for (const stop of stops.splice(0).reverse()) await Promise.resolve(stop()).catch(() => {})
}

/**
 * The emulator CLI as a child process; resolves with its `{url, env}` line.
 * @param {string[]} options
 * @returns {Promise<{ url: string, env: Record<string, string> }>}
 */
function startEmulator(options) {
  const child = spawn(process.execPath, [EMULATOR, ...options], { stdio: ['ignore', 'pipe', 'inherit'] })
  stops.push(() => { child.kill('SIGTERM') })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator printed nothing in time')), TIMEOUT_MS)
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)))
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer)
      resolve(JSON.parse(line))
    })
  })
}

try {
  const npm = await startNpmRegistry({ packages: [NPM_PACKAGE], timeoutMs: TIMEOUT_MS })
  stops.push(npm.stop)
  const pypi = await startPypiIndex({ token: npm.token, packages: [PYPI_PACKAGE] })
  stops.push(pypi.stop)
  const password = randomBytes(24).toString('base64')
  const docker = args.includes('--docker') ? await startRegistry({ password, timeoutMs: TIMEOUT_MS }) : null
  if (docker) stops.push(docker.stop)

  const emulator = await startEmulator([
    '--password', password,
    '--token', npm.token,
    '--endpoint', `npm=${npm.url}`,
    '--endpoint', `pypi=${pypi.url}`,
    // ECR answers with the local registry (docker logs in to it); without one, the emulator's default hosts.
    ...(docker ? ['--proxy-endpoint', `https://${docker.host}`] : []),
  ])

  const state = {
    emulator,
    token: npm.token,
    password,
    npm: { url: npm.url, package: NPM_PACKAGE.name, version: NPM_PACKAGE.version },
    pypi: { url: pypi.url, package: PYPI_PACKAGE.name, version: PYPI_PACKAGE.version },
    docker: docker ? { host: docker.host } : null,
    // What the cleanup check looks for after the post steps.
    secrets: [npm.token, password],
  }
  writeFileSync(`${out}.partial`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 })
  renameSync(`${out}.partial`, out)
  process.stdout.write(`ready: emulator ${emulator.url}, npm ${npm.url}, pypi ${pypi.url}${docker ? `, docker ${docker.host}` : ''}\n`)
} catch (error) {
  process.stderr.write(`self-test servers failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  await stopAll()
  process.exit(1)
}

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.once(signal, () => { stopAll().then(() => process.exit(0)) })
}
