#!/usr/bin/env node
// @ts-check
/**
 * Runs the emulator until SIGTERM/SIGINT and prints one JSON line {url, env}.
 * Usage: node test-support/emulator/cli.js [--port N] [--account ID]
 */
import { startEmulator } from './index.js'

/** @param {string} name */
function arg(name) {
  const args = process.argv.slice(2)
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`))
  if (i < 0) return undefined
  const a = args[i] ?? ''
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1]
}

const portText = arg('--port')
const port = portText === undefined ? 0 : Number(portText)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`invalid --port ${portText}\n`)
  process.exit(2)
}
const emu = await startEmulator({ port, account: arg('--account') })
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
