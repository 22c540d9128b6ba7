// @ts-check
/**
 * Runs the real OCI clients (skopeo, podman, buildah, the docker CLI) in isolation: a temp HOME and
 * XDG_RUNTIME_DIR (so no auth file of this machine is read), podman and buildah storage in temp dirs
 * (vfs: no overlay mounts left behind, works where overlayfs does not), and a way to remove the one
 * file containers/image writes outside them when run as root.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { requireCommand } from './require-command.js'

/** The Debian 12 package of each client. */
export const DEBIAN_PACKAGES = { skopeo: 'skopeo', podman: 'podman', buildah: 'buildah', docker: 'docker.io' }

/**
 * Throws unless the client is on PATH, naming the Debian package that provides it.
 * @param {keyof typeof DEBIAN_PACKAGES} client
 * @returns {string} its path
 */
export function requireClient(client) {
  return requireCommand(client, DEBIAN_PACKAGES[client])
}

/**
 * podman's global flags that keep its state under `dir`: graph root, run root, libpod's tmp dir
 * (else /run/libpod), vfs, and no systemd for cgroups or events. podman 4.3 refuses a run root
 * longer than 50 characters ("the specified runroot is longer than 50 characters"), so keep `dir` short.
 * @param {string} dir
 */
export function podmanFlags(dir) {
  const runroot = join(dir, 'rr')
  if (runroot.length > 50) throw new Error(`podman's run root must be at most 50 characters: ${runroot}`)
  return [
    '--root', join(dir, 'storage'), '--runroot', runroot, '--tmpdir', join(dir, 'libpod'),
    '--storage-driver', 'vfs', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file',
  ]
}

/**
 * buildah's global flags that keep its state under `dir`.
 * @param {string} dir
 */
export const buildahFlags = (dir) => ['--root', join(dir, 'storage'), '--runroot', join(dir, 'runroot'), '--storage-driver', 'vfs']

/**
 * An environment with nothing of this machine's but PATH: HOME and XDG_RUNTIME_DIR under `dir`
 * (created), so the clients' default auth files (`$XDG_RUNTIME_DIR/containers/auth.json`,
 * `~/.config/containers/auth.json`, `~/.docker/config.json`, `~/.dockercfg`) are all under `dir`.
 * @param {string} dir
 * @param {Record<string, string>} [extra]
 */
export function clientEnv(dir, extra = {}) {
  const env = { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: join(dir, 'home'), XDG_RUNTIME_DIR: join(dir, 'xdg-runtime') }
  mkdirSync(env.HOME, { recursive: true })
  mkdirSync(env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 })
  return { ...env, ...extra }
}

/**
 * Runs a client; `output` is stdout and stderr together.
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} env the whole environment
 * @param {number} [timeoutMs]
 */
export function runClient(command, args, env, timeoutMs = 30000) {
  const result = spawnSync(command, args, { env, encoding: 'utf8', timeout: timeoutMs })
  if (result.error) throw result.error
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` }
}

/**
 * Run as root, skopeo copy, podman pull and buildah pull write containers/image's blob info cache
 * to /var/lib/containers/cache/blob-info-cache-v1.boltdb whatever the storage flags (no flag or
 * variable moves it). Call this before the clients run; the function it returns removes that file
 * and the directories above it again, but only those that did not exist before.
 */
export function tidySystemBlobCache() {
  const paths = ['/var/lib/containers', '/var/lib/containers/cache', '/var/lib/containers/cache/blob-info-cache-v1.boltdb']
  const absent = paths.filter((path) => !existsSync(path))
  return () => {
    for (const path of [...absent].reverse()) {
      try {
        if (path.endsWith('.boltdb')) rmSync(path, { force: true })
        else if (existsSync(path)) rmdirSync(path) // only when empty
      } catch { /* something else put files there: leave it */ }
    }
  }
}
