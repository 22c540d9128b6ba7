/**
 * The few places where Linux, macOS and Windows runners differ for us: the home directory, path
 * syntax, and how an executable is found on PATH (`docker.exe`, `npm.cmd` on Windows). Pure, with the
 * platform and environment as arguments, so every platform is testable anywhere.
 */
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

export type Env = Record<string, string | undefined>

export const pathFor = (platform: NodeJS.Platform): path.PlatformPath => (platform === 'win32' ? path.win32 : path.posix)

/** `%USERPROFILE%` (or HOMEDRIVE+HOMEPATH) on Windows, `$HOME` elsewhere. */
export function userHome(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.USERPROFILE || `${env.HOMEDRIVE ?? ''}${env.HOMEPATH ?? ''}`
  return env.HOME ?? ''
}

/** This runner's home directory: userHome() of the environment, else the account's. */
export const homeDirectory = (): string => userHome(process.env) || os.homedir()

/** Every file that would run as `name` from PATH, in lookup order (with PATHEXT on Windows). */
export function executableCandidates(name: string, env: Env, platform: NodeJS.Platform = process.platform): string[] {
  const paths = pathFor(platform)
  const windows = platform === 'win32'
  const dirs = (env.PATH ?? env.Path ?? '').split(windows ? ';' : ':').filter(Boolean)
  const extensions = windows
    ? (env.PATHEXT || '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean).map((ext) => ext.toLowerCase())
    : ['']
  const hasExtension = windows && extensions.includes(paths.extname(name).toLowerCase())
  return dirs.flatMap((dir) => (hasExtension ? [paths.join(dir, name)] : extensions.map((ext) => paths.join(dir, `${name}${ext}`))))
}

/** Whether any of `names` is on PATH (checked with this machine's file system). */
export async function isInstalled(names: string[], env: Env = process.env): Promise<boolean> {
  for (const candidate of names.flatMap((name) => executableCandidates(name, env))) {
    try {
      const stat = await fs.stat(candidate)
      if (stat.isFile() && (process.platform === 'win32' || (stat.mode & 0o111) !== 0)) return true
    } catch {
      // not there: try the next one
    }
  }
  return false
}
