/**
 * cargo (1.74 or later: the first with authenticated registries): the registry `registry-name` from
 * the environment alone — CARGO_REGISTRIES_<NAME>_INDEX (the sparse index), _TOKEN (the bare token,
 * which cargo sends as Authorization to that registry only) and _CREDENTIAL_PROVIDER=cargo:token
 * (cargo refuses a token for an authenticated registry without a provider). A dependency with
 * `registry = "<name>"` resolves from it; crates.io stays. With public-registry: replace,
 * `[source.crates-io] replace-with = "<name>"` goes into $CARGO_HOME/config.toml (cargo reads
 * source replacement from files only) after a byte-exact backup; the post step puts the file back,
 * or takes out only that key when another step changed the file meanwhile.
 */
import { existsSync } from 'node:fs'
import * as core from '@actions/core'
import { absoluteFromEnv, pathFor, type Env } from '../platform.js'
import { changeUserFile } from '../user-file.js'
import type { PackageClient, PackageContext } from './context.js'

/** The key cargo reads the registry's settings from: `corp-rs` → `CARGO_REGISTRIES_CORP_RS_`. */
export const cargoVariablePrefix = (name: string): string => `CARGO_REGISTRIES_${name.toUpperCase().replace(/-/g, '_')}_`

/** The key path the action sets in config.toml to make CodeArtifact take crates.io's place. */
export const REPLACE_KEY = ['source', 'crates-io', 'replace-with']

/** cargo's home: CARGO_HOME (absolute only), else ~/.cargo (also on Windows: %USERPROFILE%\.cargo). */
export function cargoHome(env: Env, home: string, platform: NodeJS.Platform = process.platform): string {
  return env.CARGO_HOME ? absoluteFromEnv('CARGO_HOME', env.CARGO_HOME, platform) : pathFor(platform).join(home, '.cargo')
}

export function cargoEnvironment(endpoint: string, token: string, name: string): Record<string, string> {
  const prefix = cargoVariablePrefix(name)
  return {
    [`${prefix}INDEX`]: `sparse+${endpoint}`,
    [`${prefix}TOKEN`]: token,
    [`${prefix}CREDENTIAL_PROVIDER`]: 'cargo:token',
  }
}

export const cargo: PackageClient = {
  async configure({ endpoint, token, settings, env, home, workspace }: PackageContext): Promise<Record<string, string>> {
    const name = settings.registryName
    if (settings.publicRegistry === 'replace') {
      const dir = cargoHome(env, home)
      const paths = pathFor(process.platform)
      const file = paths.join(dir, 'config.toml')
      // With both, cargo reads the legacy `config` and warns: the replacement would not apply.
      const legacy = paths.join(dir, 'config')
      if (existsSync(legacy)) core.warning(`cargo reads ${legacy} instead of ${file} while both exist: rename it to config.toml for public-registry: replace to take effect`)
      // The TOML editor is its own chunk: runs that keep crates.io never load it.
      const { withTomlValues } = await import('../toml-entries.js')
      await changeUserFile({
        file,
        description: `restore ${file}`,
        entries: { format: 'toml', keys: [REPLACE_KEY] },
        edit: (text) => {
          try {
            return withTomlValues(text ?? '', [[REPLACE_KEY, name]])
          } catch (error) {
            throw new Error(`cannot set ${REPLACE_KEY.join('.')} in ${file}: ${error instanceof Error ? error.message : String(error)}`)
          }
        },
      }, workspace)
    }
    return cargoEnvironment(endpoint, token, name)
  },
}
