/**
 * Where Java tools look for their user files. Maven (~/.m2) and Gradle (~/.gradle) take them from
 * Java's `user.home`, not from $HOME: on Linux and macOS the JVM reads the account's entry in the
 * user database, so on a container job (HOME=/github/home, account root) they read /root/.m2 while
 * $HOME points elsewhere. A `-Duser.home=` in the options the JVM gets wins over that.
 */
import { accountHome, pathFor, type Env } from '../platform.js'

/** The last `-Dname=value` in JVM options (quotes around the value dropped), or undefined. */
export function systemProperty(options: string | undefined, name: string): string | undefined {
  const pattern = new RegExp(`(?:^|\\s)-D${name.replace(/\./g, '\\.')}=("[^"]*"|'[^']*'|\\S*)`, 'g')
  const values = [...(options ?? '').matchAll(pattern)].map((match) => (match[1] ?? '').replace(/^(["'])(.*)\1$/, '$2'))
  return values.at(-1) || undefined
}

/**
 * Java's `user.home` for a tool whose launcher passes `toolOptions` (MAVEN_OPTS; JAVA_OPTS and
 * GRADLE_OPTS) to the JVM. The JVM applies JAVA_TOOL_OPTIONS first, then the command line, then
 * _JAVA_OPTIONS, so a later source wins. Without any: the account's home on Linux and macOS, and on
 * Windows the profile directory, which is `home` (%USERPROFILE%).
 */
export function javaUserHome(env: Env, toolOptions: string[], home: string, platform: NodeJS.Platform = process.platform, account: () => string | undefined = () => accountHome() || undefined): string {
  const sources = [env.JAVA_TOOL_OPTIONS, ...toolOptions.map((name) => env[name]), env._JAVA_OPTIONS]
  const given = sources.map((options) => systemProperty(options, 'user.home')).filter(Boolean).at(-1)
  if (given && pathFor(platform).isAbsolute(given)) return given
  return (platform === 'win32' ? undefined : account()) ?? home
}
