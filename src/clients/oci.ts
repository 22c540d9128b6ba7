/**
 * Registry login for docker and the other OCI clients: `<cli> login --password-stdin` per registry,
 * undone by `<cli> logout` in the post step. docker's config.json is also backed up byte for byte.
 */
import * as fs from 'node:fs/promises'
import * as core from '@actions/core'
import type { RegistryCredential } from '../aws/authorization.js'
import type { UndoLog } from '../undo.js'
import { pathFor, userHome, type Env } from '../platform.js'
import { backupFile, fileHash, type Workspace } from '../workspace.js'
import { runCommand } from '../command.js'

interface LoginCli {
  command: string
  login: (host: string, username: string) => string[]
  logout: (host: string) => string[]
}

export const OCI_CLIS: Record<string, LoginCli> = {
  docker: loginCli('docker'),
  podman: loginCli('podman'),
  buildah: loginCli('buildah'),
  skopeo: loginCli('skopeo'),
  helm: {
    command: 'helm',
    login: (host, username) => ['registry', 'login', host, '--username', username, '--password-stdin'],
    logout: (host) => ['registry', 'logout', host],
  },
}

function loginCli(command: string): LoginCli {
  return {
    command,
    login: (host, username) => ['login', '--username', username, '--password-stdin', host],
    logout: (host) => ['logout', host],
  }
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json` (`%USERPROFILE%\\.docker` on Windows). */
export function dockerConfigPath(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const paths = pathFor(platform)
  return paths.join(env.DOCKER_CONFIG || paths.join(userHome(env, platform), '.docker'), 'config.json')
}

/** Logs `tool` in to every registry; the first failure throws with the client's own message. */
export async function loginRegistries(
  tool: string,
  credentials: RegistryCredential[],
  undo: UndoLog,
  workspace: Workspace,
): Promise<void> {
  const cli = OCI_CLIS[tool]
  if (!cli) throw new Error(`${tool} is not a registry client`)
  const env: Record<string, string> = process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {}
  const docker = tool === 'docker' ? await prepareDocker(credentials, env, undo, workspace) : undefined
  for (const credential of credentials) {
    if (!docker) {
      undo.add({ kind: 'run', description: `${tool} logout ${credential.host}`, command: cli.command, args: cli.logout(credential.host), env })
    }
    const result = await runCommand(cli.command, cli.login(credential.host, credential.username), { input: credential.password, env })
    if (result.exitCode !== 0) {
      const said = (result.stderr.trim() || result.stdout.trim()).replace(/\s*\n\s*/g, ' ')
      throw new Error(`${tool} login to ${credential.host} failed (exit code ${result.exitCode}): ${said || `${tool} printed nothing`}`)
    }
    if (docker) {
      docker.hashAfterLogin = await fileHash(docker.path)
      undo.save()
    }
    core.info(`${tool}: logged in to ${credential.host}`)
  }
}

/**
 * Before docker logs in: a byte-exact backup of config.json and the undo record (logouts, then the
 * restore). A config.json readable by others is made owner-only while it holds our credentials.
 */
async function prepareDocker(credentials: RegistryCredential[], env: Record<string, string>, undo: UndoLog, workspace: Workspace) {
  const file = dockerConfigPath()
  const { backup, mode } = await backupFile(file, workspace)
  const record = {
    kind: 'docker' as const,
    description: `log docker out and restore ${file}`,
    path: file,
    backup,
    mode,
    hosts: credentials.map((credential) => credential.host),
    env,
    hashAfterLogin: undefined as string | undefined,
  }
  undo.add(record)
  if (undo.enabled && mode !== undefined && (mode & 0o077) !== 0) await fs.chmod(file, mode & 0o700)
  return record
}
