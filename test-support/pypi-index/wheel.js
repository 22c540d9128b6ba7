// @ts-check
/** Real, installable pure-Python wheels built in-process, and the PEP 503 / PEP 427 name rules. */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { zip } from './zip.js'

/**
 * PEP 503 normalized project name: `Acme_Hello` → `acme-hello`.
 * @param {string} name
 */
export const normalizeName = (name) => name.replace(/[-_.]+/g, '-').toLowerCase()

/**
 * PEP 427 distribution name as used in file names: `acme-hello` → `acme_hello`.
 * @param {string} name
 */
export const distributionName = (name) => name.replace(/[-_.]+/g, '_').toLowerCase()

/**
 * @param {Buffer} data
 * @returns {string} the RECORD form of a sha256: urlsafe base64 without padding
 */
const recordHash = (data) => `sha256=${createHash('sha256').update(data).digest('base64url')}`

/**
 * Builds `<dist>-<version>-py3-none-any.whl` holding a module `<dist>` whose `__version__` is version.
 * @param {string} name project name, e.g. `acme-hello`
 * @param {string} version
 * @returns {{ filename: string, data: Buffer }}
 */
export function buildWheel(name, version) {
  const dist = distributionName(name)
  const info = `${dist}-${version}.dist-info`
  /** @type {[string, string][]} */
  const files = [
    [`${dist}/__init__.py`, `__version__ = ${JSON.stringify(version)}\n\n\ndef hello():\n    return "hello from ${name} ${version}"\n`],
    [`${info}/METADATA`, `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nSummary: Test package ${name}\n\n`],
    [`${info}/WHEEL`, 'Wheel-Version: 1.0\nGenerator: test-support\nRoot-Is-Purelib: true\nTag: py3-none-any\n'],
  ]
  const record = files.map(([path, text]) => `${path},${recordHash(Buffer.from(text))},${Buffer.byteLength(text)}\n`).join('')
  const entries = [...files, [`${info}/RECORD`, `${record}${info}/RECORD,,\n`]].map(([path, data]) => ({ name: String(path), data: String(data) }))
  return { filename: `${dist}-${version}-py3-none-any.whl`, data: zip(entries) }
}

/**
 * Writes the wheel of buildWheel into dir (created if missing).
 * @param {string} dir
 * @param {string} name
 * @param {string} version
 * @returns {string} the wheel's path
 */
export function makeWheel(dir, name, version) {
  const { filename, data } = buildWheel(name, version)
  mkdirSync(dir, { recursive: true })
  const path = join(dir, filename)
  writeFileSync(path, data)
  return path
}
