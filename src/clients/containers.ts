/**
 * podman, buildah and skopeo: a private copy of the containers auth file they would read, with the
 * logins added, exported as REGISTRY_AUTH_FILE; no process runs. The copy holds every login they
 * could see before — their auth files merged in their own lookup order (containers-auth.json(5)) —
 * plus the new ones; they still fall back to docker's config.json themselves.
 */
import { pathFor, type Env } from '../platform.js'
import { formatAuthFile, mergeAuthFiles, readAuthFile, withLogins } from './auth-files.js'
import type { RegistryClient, RegistryContext } from './context.js'

/**
 * The containers auth files podman, buildah and skopeo read, first match first (seen in their debug
 * output here): the primary one — REGISTRY_AUTH_FILE, else on Linux `$XDG_RUNTIME_DIR/containers/
 * auth.json` (`/run/containers/<uid>/auth.json` without XDG_RUNTIME_DIR) — then
 * `$XDG_CONFIG_HOME/containers/auth.json` (`~/.config/…`). docker's config.json comes after those;
 * they read it themselves, and its `{}` entries of credential-helper logins must not shadow ours.
 */
export function containersAuthFiles(env: Env, home: string, platform: NodeJS.Platform = process.platform, uid: number = process.getuid?.() ?? 0): string[] {
  const paths = pathFor(platform)
  const config = paths.join(env.XDG_CONFIG_HOME || paths.join(home, '.config'), 'containers', 'auth.json')
  const runtime = env.XDG_RUNTIME_DIR ? paths.join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : `/run/containers/${uid}/auth.json`
  const primary = env.REGISTRY_AUTH_FILE || (platform === 'linux' ? runtime : undefined)
  return primary ? [primary, config] : [config]
}

export const containers: RegistryClient = {
  async configure({ credentials, workspace, env, home }: RegistryContext): Promise<Record<string, string>> {
    const current = mergeAuthFiles(containersAuthFiles(env, home).map(readAuthFile))
    const file = await workspace.writePrivate('containers-auth.json', formatAuthFile(withLogins(current, credentials)))
    return { REGISTRY_AUTH_FILE: file }
  },
}
