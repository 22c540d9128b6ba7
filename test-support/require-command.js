// @ts-check
/**
 * Tests that need a program from a Debian package fail with the package to install, never with
 * `spawn … ENOENT` and never by skipping.
 */
import { spawnSync } from 'node:child_process'

/**
 * Throws unless `command` is on PATH (or is an existing path), naming the Debian package that provides it.
 * @param {string} command
 * @param {string} debianPackage
 * @returns {string} its path
 */
export function requireCommand(command, debianPackage) {
  const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { encoding: 'utf8' })
  if (found.status !== 0) throw new Error(`${command} is not installed; run: apt-get install ${debianPackage}`)
  return found.stdout.trim()
}
