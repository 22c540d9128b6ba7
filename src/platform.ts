/**
 * The few places where Linux, macOS and Windows runners differ for us: the home directory, path
 * syntax, and how an executable is found on PATH (`docker.exe`, `npm.cmd` on Windows). The platform
 * and environment are arguments, so every platform is testable anywhere; only `isInstalled` and the
 * account's home directory look at this machine.
 */
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

export type Env = Record<string, string | undefined>

export const pathFor = (platform: NodeJS.Platform): path.PlatformPath => (platform === 'win32' ? path.win32 : path.posix)

/** The account's home directory from the user database ('' when it has none): what the JVM and Node's os.homedir() fall back to. */
export const accountHome = (): string => {
  try {
    return os.userInfo().homedir
  } catch {
    return ''
  }
}

/**
 * The home directory as the clients find it: `%USERPROFILE%` (or HOMEDRIVE+HOMEPATH) on Windows,
 * `$HOME` elsewhere, and when that is unset or empty the account's own (what docker, npm and Node do).
 * Never relative: a relative home would put credentials into the working directory (the checkout).
 */
export function userHome(env: Env, platform: NodeJS.Platform = process.platform, fallback: () => string = accountHome): string {
  const fromEnv = platform === 'win32' ? env.USERPROFILE || `${env.HOMEDRIVE ?? ''}${env.HOMEPATH ?? ''}` : env.HOME
  const home = fromEnv || fallback()
  if (!pathFor(platform).isAbsolute(home)) {
    const named = platform === 'win32' ? 'USERPROFILE' : 'HOME'
    throw new Error(`cannot tell the home directory: ${named} is ${fromEnv ? `the relative path ${JSON.stringify(fromEnv)}` : 'not set'} and the account has none; set ${named} to an absolute path`)
  }
  return home
}

/** This runner's home directory (see userHome). */
export const homeDirectory = (): string => userHome(process.env)

/** A path from an environment variable, refused unless absolute (a relative one would point into the checkout). */
export function absoluteFromEnv(name: string, value: string, platform: NodeJS.Platform = process.platform): string {
  if (!pathFor(platform).isAbsolute(value)) throw new Error(`${name} is the relative path ${JSON.stringify(value)}; set it to an absolute path or unset it`)
  return value
}

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
      // Stryker disable next-line ConditionalExpression: the unit tests run on Linux, where `process.platform === 'win32'` is always false
      if (stat.isFile() && (process.platform === 'win32' || (stat.mode & 0o111) !== 0)) return true
    } catch {
      // not there: try the next one
    }
  }
  return false
}
