/**
 * NuGet (nuget, dotnet): a package source named `registry-name` at `<endpoint>v3/index.json` in the
 * user-level NuGet.Config, and its credentials in NuGetPackageSourceCredentials_<name>, so no file
 * holds the token. NuGet has no variable that points it at another user config, so the user's file is
 * changed after a byte-exact backup and put back by the post step (or, when another step changed it
 * meanwhile, only this source and the `<clear/>` before it are taken out).
 *
 * How NuGet reads them (NuGet.Client, NuGet.Configuration):
 * - The user-level file is `%APPDATA%\NuGet\NuGet.Config` on Windows and `$HOME/.nuget/NuGet/NuGet.Config`
 *   elsewhere (NuGetEnvironment: UserSettingsDirectory); when it is missing NuGet creates it with
 *   nuget.org as the only source (SettingsFile, NuGetConfiguration), so a file we create starts so too.
 * - Config files merge from the machine-wide ones through the user-level one to the nuget.config files
 *   from the drive root down to the project; a `<clear/>` drops every source merged before it
 *   (AbstractSettingSection.Merge), and a source of the same name in a file closer to the project wins.
 * - PackageSourceProvider.ReadCredentialFromEnvironment reads `NuGetPackageSourceCredentials_` + the
 *   source's name before any credentials in config files, and takes the value (trimmed) only when it
 *   matches `^Username=(?<user>.*?);\s*Password=(?<pass>.*?)(?:;ValidAuthenticationTypes=(?<authTypes>.*?))?$`
 *   (case-insensitive; older NuGet: without the ValidAuthenticationTypes part, so none is added here).
 *   The password is used as clear text, sent after the source answers 401 (Basic).
 * The variable names a source, not a host: whichever source carries that name gets the token. So a
 * nuget.config in the workspace or above it (actions/setup-dotnet writes one next to the checkout) that
 * names another host under the same name is an error here. NUGET_AUTH_TOKEN, which setup-dotnet's
 * config sends to its own feed, is never set.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { changeUserFile } from '../user-file.js'
import { absoluteFromEnv, pathFor, type Env } from '../platform.js'
import type { Element } from '@xmldom/xmldom'
import { appendIndented, keyed, parseXml, removeIndented, section, serializeXml } from '../nuget-entries.js'
import { CODEARTIFACT_USERNAME, type PackageClient, type PackageContext } from './context.js'

/** What NuGet writes when it creates the user-level file itself (NuGetConfiguration's default). */
export const NUGET_DEFAULT_CONFIG = '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />\n  </packageSources>\n</configuration>\n'

/** The user-level NuGet.Config: `%APPDATA%\NuGet\NuGet.Config` on Windows, `~/.nuget/NuGet/NuGet.Config` elsewhere. */
export function nugetConfigPath(env: Env, home: string, platform: NodeJS.Platform = process.platform): string {
  const paths = pathFor(platform)
  if (platform !== 'win32') return paths.join(home, '.nuget', 'NuGet', 'NuGet.Config')
  const appData = env.APPDATA ? absoluteFromEnv('APPDATA', env.APPDATA, platform) : paths.join(home, 'AppData', 'Roaming')
  return paths.join(appData, 'NuGet', 'NuGet.Config')
}

export const nugetSourceUrl = (endpoint: string): string => `${endpoint}v3/index.json`

export const credentialVariable = (name: string): string => `NuGetPackageSourceCredentials_${name}`

export const credentialValue = (token: string): string => `Username=${CODEARTIFACT_USERNAME};Password=${token}`

/** The action's entries in NuGet.Config (see nuget-entries.ts): its source, and with `replace` the `<clear/>` before it. */
export const nugetConfigKeys = (name: string, replace: boolean): string[][] => [['packageSources', 'add', 'key', name, ...(replace ? ['clear'] : [])]]

/**
 * The config with the source `name` at `url`: in place of a source of that name (compared as NuGet
 * does, ignoring case), else last. With `replace`, a `<clear/>` and the source go last, so nuget.org
 * and every other source of the machine-wide and user-level files are dropped; a project's own
 * nuget.config still adds its sources.
 */
export function nugetConfigWithSource(text: string | undefined, name: string, url: string, replace: boolean): string {
  const file = parseXml(text ?? NUGET_DEFAULT_CONFIG, 'NuGet.Config')
  if (file.root.tagName !== 'configuration') throw new Error(`NuGet.Config has the root element <${file.root.tagName}>, not <configuration>`)
  const sources = section(file.root, 'packageSources', true) as Element
  const source = file.doc.createElement('add')
  source.setAttribute('key', name)
  source.setAttribute('value', url)
  const [first, ...others] = keyed(sources, 'add', 'key', name)
  for (const other of others) removeIndented(other)
  if (first && !replace) {
    sources.replaceChild(source, first)
  } else {
    if (first) removeIndented(first)
    if (replace) appendIndented(sources, file.doc.createElement('clear'))
    appendIndented(sources, source)
  }
  return serializeXml(file)
}

/** nuget.config, NuGet.Config, … in `dir` (NuGet looks for each casing of the name). */
function configsIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((name) => name.toLowerCase() === 'nuget.config').map((name) => path.join(dir, name))
  } catch {
    return []
  }
}

/** Directories NuGet never reads a project's config from, and that can be large. */
const NOT_PROJECTS = new Set(['node_modules', 'bin', 'obj', 'packages'])
/** How deep under the workspace project directories are looked for: solutions keep projects a few levels down. */
const PROJECT_DEPTH = 4

/** The directories under `dir` (not itself) to `depth` levels, without hidden and build directories. */
function dirsBelow(dir: string, depth: number): string[] {
  if (depth === 0) return []
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NOT_PROJECTS.has(entry.name.toLowerCase()))
    .flatMap((entry) => [path.join(dir, entry.name), ...dirsBelow(path.join(dir, entry.name), depth - 1)])
}

/**
 * The nuget.config files that name a source `name` on another host than `url`'s: NuGet would send
 * it the token, since the variable names the source, not the host. NuGet reads the config of the
 * project's directory and every one above it, so: the workspace and every directory above it (where
 * actions/setup-dotnet writes its own), and the project directories under it. Each is `file: url`.
 */
export function sourcesElsewhere(workspace: string, name: string, url: string): string[] {
  const host = new URL(url).host.toLowerCase()
  const found: string[] = []
  const start = path.resolve(workspace)
  const ancestors: string[] = []
  for (let dir = start; ; dir = path.dirname(dir)) {
    ancestors.push(dir)
    if (path.dirname(dir) === dir) break
  }
  for (const dir of [...dirsBelow(start, PROJECT_DEPTH), ...ancestors]) {
    for (const file of configsIn(dir)) {
      let sources: Element | undefined
      try {
        sources = section(parseXml(fs.readFileSync(file, 'utf8'), file).root, 'packageSources', false)
      } catch {
        continue // NuGet stops on it with its own error
      }
      for (const source of sources ? keyed(sources, 'add', 'key', name) : []) {
        const value = source.getAttribute('value') ?? ''
        if (hostOf(value) !== host) found.push(`${file}: ${value}`)
      }
    }
  }
  return found
}

const hostOf = (value: string): string | undefined => {
  try {
    return new URL(value).host.toLowerCase()
  } catch {
    return undefined // a local folder: no host at all
  }
}

export const nuget: PackageClient = {
  async configure({ endpoint, token, settings, workspace, env, home }: PackageContext): Promise<Record<string, string>> {
    const name = settings.registryName
    const url = nugetSourceUrl(endpoint)
    const replace = settings.publicRegistry === 'replace'
    const elsewhere = env.GITHUB_WORKSPACE ? sourcesElsewhere(env.GITHUB_WORKSPACE, name, url) : []
    if (elsewhere.length > 0) {
      throw new Error(`a nuget.config names its own NuGet source '${name}' (${elsewhere.join('; ')}); NuGet would send it the CodeArtifact token, since ${credentialVariable(name)} goes to whichever source has that name. Choose another registry-name`)
    }
    const file = nugetConfigPath(env, home)
    await changeUserFile({
      file,
      description: `restore ${file}`,
      entries: { format: 'nuget', keys: nugetConfigKeys(name, replace) },
      edit: (text) => nugetConfigWithSource(text, name, url, replace),
    }, workspace)
    return { [credentialVariable(name)]: credentialValue(token) }
  },
}
