// @ts-check
/**
 * Finds a cargo new enough for authenticated registries (1.74, the first that sends a token to a
 * registry whose config.json says `auth-required`; AWS documents the same minimum for CodeArtifact).
 * A rustup proxy in ~/.cargo/bin needs the real HOME to find its toolchain, and tests give cargo a
 * temp HOME, so the toolchain's own binary is resolved once with `rustup which cargo`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

export const MINIMUM_CARGO = { major: 1, minor: 74 }

/**
 * @param {string} command
 * @param {string[]} args
 */
function output(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20000 })
  return result.status === 0 ? result.stdout.trim() : null
}

/**
 * @returns {{ cargo: string, binDir: string, version: string }}
 * @throws {Error} naming what to install when there is no cargo ≥ 1.74
 */
export function findCargo() {
  const dirs = [...(process.env.PATH ?? '').split(':').filter((d) => d.startsWith('/')), join(homedir(), '.cargo', 'bin')]
  const onPath = (/** @type {string} */ name) => dirs.map((d) => join(d, name)).find((file) => existsSync(file))
  const rustup = onPath('rustup')
  const cargo = (rustup && output(rustup, ['which', 'cargo'])) || onPath('cargo')
  const version = cargo ? output(cargo, ['--version']) : null
  const [major = 0, minor = 0] = (/^cargo (\d+)\.(\d+)/.exec(version ?? '') ?? []).slice(1).map(Number)
  if (!cargo || !version || major < MINIMUM_CARGO.major || (major === MINIMUM_CARGO.major && minor < MINIMUM_CARGO.minor)) {
    throw new Error(`These tests need cargo >= ${MINIMUM_CARGO.major}.${MINIMUM_CARGO.minor} (found: ${version ?? 'none'}). ` +
      'Debian 12\'s `cargo` package is too old for authenticated registries; install a toolchain with rustup ' +
      '(`rustup toolchain install stable`) or a newer Debian `cargo`.')
  }
  return { cargo, binDir: dirname(cargo), version }
}
