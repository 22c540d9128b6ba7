#!/usr/bin/env node
// @ts-check
/**
 * Runs the emulator until SIGTERM/SIGINT and prints one JSON line {url, env}.
 * Usage: node test-support/emulator/cli.js [--port N] [--account ID]
 *   [--password P]         the ECR / ECR Public docker password handed out (default: random per call)
 *   [--token T]            the CodeArtifact token handed out for every domain (default: random per call)
 *   [--proxy-endpoint URL] the ECR proxyEndpoint of every account, e.g. https://127.0.0.1:5000 for a
 *                          local registry (default: https://ACCOUNT.dkr.ecr.REGION.amazonaws.com)
 *   [--endpoint FORMAT=URL]  a CodeArtifact repository endpoint per package format, e.g.
 *                          npm=http://127.0.0.1:4873/npm/shared/ (repeatable; default: CodeArtifact-style hosts)
 * With these, a workflow can point the action at local registries it started itself.
 */
import { startEmulator } from './index.js'

const args = process.argv.slice(2)

/**
 * Every value of `name` (`--name value` or `--name=value`), in order.
 * @param {string} name
 */
function all(name) {
  /** @type {string[]} */
  const values = []
  args.forEach((a, i) => {
    if (a === name) values.push(args[i + 1] ?? '')
    else if (a.startsWith(`${name}=`)) values.push(a.slice(name.length + 1))
  })
  return values
}

/** @param {string} name */
const arg = (name) => all(name)[0]

/** @param {string} message */
function fail(message) {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

const portText = arg('--port')
const port = portText === undefined ? 0 : Number(portText)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port ${portText}`)

/** @type {Record<string, string>} */
const endpoints = {}
for (const spec of all('--endpoint')) {
  const match = /^([a-z]+)=(https?:\/\/\S+)$/.exec(spec)
  if (!match?.[1] || !match[2]) fail(`invalid --endpoint ${spec}: expected FORMAT=URL, e.g. npm=http://127.0.0.1:4873/npm/shared/`)
  else endpoints[match[1]] = match[2].endsWith('/') ? match[2] : `${match[2]}/`
}
const proxyEndpoint = arg('--proxy-endpoint')
if (proxyEndpoint !== undefined && !/^https?:\/\/\S+$/.test(proxyEndpoint)) fail(`invalid --proxy-endpoint ${proxyEndpoint}: expected a URL`)
const password = arg('--password')
const token = arg('--token')
if (password === '' || token === '') fail('--password and --token need a value')

const emu = await startEmulator({
  port,
  account: arg('--account'),
  ...(password === undefined ? {} : { password: () => password }),
  ...(token === undefined ? {} : { token: () => token }),
  ...(proxyEndpoint === undefined ? {} : { proxyEndpoint: () => proxyEndpoint }),
  ...(Object.keys(endpoints).length === 0 ? {} : {
    // A format without --endpoint gets undefined, and so the emulator's default host.
    repositoryEndpoint: ({ format }) => /** @type {string} */ (endpoints[format]),
  }),
})
process.stdout.write(`${JSON.stringify({ url: emu.url, env: emu.env })}\n`)

let stopping = false
/** @param {NodeJS.Signals} signal */
const shutdown = (signal) => {
  if (stopping) return
  stopping = true
  emu.stop().then(() => process.exit(0), (err) => {
    process.stderr.write(`emulator stop failed on ${signal}: ${String(err)}\n`)
    process.exit(1)
  })
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
