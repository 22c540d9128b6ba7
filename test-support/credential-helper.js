// @ts-check
/**
 * A docker credential helper for tests (`docker-credential-<name>`: store, get, erase, list), keeping
 * its credentials in one owner-only JSON file named by REGAUTH_TEST_HELPER_STORE, as a keychain would.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const SCRIPT = `#!/usr/bin/env node
const fs = require('node:fs')
const file = process.env.REGAUTH_TEST_HELPER_STORE
const load = () => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {})
const input = fs.readFileSync(0, 'utf8').trim()
const all = load()
switch (process.argv[2]) {
  case 'store': { const c = JSON.parse(input); all[c.ServerURL] = c; fs.writeFileSync(file, JSON.stringify(all), { mode: 0o600 }); break }
  case 'get': if (!all[input]) { process.stdout.write('credentials not found in native keychain'); process.exit(1) } process.stdout.write(JSON.stringify(all[input])); break
  case 'erase': delete all[input]; fs.writeFileSync(file, JSON.stringify(all), { mode: 0o600 }); break
  case 'list': process.stdout.write(JSON.stringify(Object.fromEntries(Object.values(all).map((c) => [c.ServerURL, c.Username])))); break
}
`

/**
 * Writes `<dir>/docker-credential-<name>` and returns its store file and the environment it needs.
 * @param {string} dir
 * @param {string} name
 * @param {string} store the JSON file holding its credentials
 */
export function writeCredentialHelper(dir, name, store) {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `docker-credential-${name}`)
  writeFileSync(file, SCRIPT)
  chmodSync(file, 0o755)
  return {
    env: { REGAUTH_TEST_HELPER_STORE: store },
    /** @returns {Record<string, { ServerURL: string, Username: string, Secret: string }>} */
    read: () => (existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : {}),
    /** @param {Record<string, { ServerURL: string, Username: string, Secret: string }>} all */
    write: (all) => writeFileSync(store, JSON.stringify(all), { mode: 0o600 }),
  }
}
