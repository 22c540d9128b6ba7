/**
 * helm: a private copy of its registry config (docker's format) with the logins added, exported as
 * HELM_REGISTRY_CONFIG; no process runs.
 */
import * as core from '@actions/core'
import { pathFor, type Env } from '../platform.js'
import { show } from '../text.js'
import { formatAuthFile, readAuthFile, withLogins } from './auth-files.js'
import type { RegistryClient, RegistryContext } from './context.js'

/**
 * The registry config helm reads: HELM_REGISTRY_CONFIG, else `registry/config.json` in helm's config
 * home — HELM_CONFIG_HOME, else `$XDG_CONFIG_HOME/helm` (`~/.config/helm`) on Linux,
 * `~/Library/Preferences/helm` on macOS, `%APPDATA%\helm` on Windows.
 */
export function helmRegistryConfig(env: Env, home: string, platform: NodeJS.Platform = process.platform): string {
  const paths = pathFor(platform)
  if (env.HELM_REGISTRY_CONFIG) return env.HELM_REGISTRY_CONFIG
  const base = env.HELM_CONFIG_HOME
    || (platform === 'darwin' ? paths.join(home, 'Library', 'Preferences', 'helm')
      : platform === 'win32' ? paths.join(env.APPDATA || paths.join(home, 'AppData', 'Roaming'), 'helm')
        : paths.join(env.XDG_CONFIG_HOME || paths.join(home, '.config'), 'helm'))
  return paths.join(base, 'registry', 'config.json')
}

export const helm: RegistryClient = {
  async configure({ credentials, workspace, env, home }: RegistryContext): Promise<Record<string, string>> {
    const source = helmRegistryConfig(env, home)
    const { credsStore, ...current } = readAuthFile(source)
    // helm (oras) asks a credsStore for every registry without a credHelpers entry of its own, so it
    // would never read the logins in `auths`: the copy goes without it.
    if (credsStore !== undefined) {
      core.warning(`helm: ${source} sets credsStore ${show(String(credsStore))}, which helm would ask instead of reading this login; the copy helm reads in later steps leaves it out, so credentials only that store holds are not available to helm there`)
    }
    const file = await workspace.writePrivate('helm-registry-config.json', formatAuthFile(withLogins(current, credentials)))
    return { HELM_REGISTRY_CONFIG: file }
  },
}
