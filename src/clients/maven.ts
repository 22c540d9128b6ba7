/**
 * Maven: the user settings file Maven reads (`.m2/settings.xml` under Java's user.home, see
 * java-home.ts) gets a `<server>` named `registry-name` whose password is
 * `${env.CODEARTIFACT_AUTH_TOKEN_<DOMAIN>}` — the token itself is never in the file — and what makes
 * resolution use the endpoint: by default an active profile with the repository and plugin
 * repository (Maven Central stays); with `public-registry: replace`, a mirror of `central` (never
 * `*`, which would also swallow every other repository the build names). A pom whose
 * `<repository>` or `<distributionManagement>` has the same id authenticates too, so `mvn deploy`
 * works there. The file gets a byte-exact backup; the post step puts it back, or takes out only these
 * entries when another step changed it meanwhile (xml-entries.ts).
 *
 * Also exported: CODEARTIFACT_USERNAME, which with CODEARTIFACT_AUTH_TOKEN can be named by
 * actions/setup-java's `server-username`/`server-password` (never MAVEN_USERNAME/MAVEN_PASSWORD,
 * which other steps use for other repositories).
 */
import * as core from '@actions/core'
import { pathFor, type Env } from '../platform.js'
import { changeUserFile } from '../user-file.js'
import { findEntry, parseXml, serializeXml, setEntry, type XmlItem } from '../xml-entries.js'
import { CODEARTIFACT_USERNAME, type PackageClient, type PackageContext } from './context.js'
import { javaUserHome } from './java-home.js'

/** What setup-java's `server-username` can name next to `server-password: CODEARTIFACT_AUTH_TOKEN`. */
export const USERNAME_VARIABLE = 'CODEARTIFACT_USERNAME'

/** The namespace of a settings file the action starts (every Maven 3 reads it). */
const NEW_SETTINGS = '<?xml version="1.0" encoding="UTF-8"?>\n<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">\n</settings>\n'

/** The user settings file of the Maven a later step runs (its launcher passes MAVEN_OPTS to Java). */
export function mavenSettingsPath(env: Env, home: string, platform: NodeJS.Platform = process.platform, account?: () => string | undefined): string {
  return pathFor(platform).join(javaUserHome(env, ['MAVEN_OPTS'], home, platform, account), '.m2', 'settings.xml')
}

/** The entries the action sets (see xml-entries.ts for the key form). */
export function settingsKeys(name: string, publicRegistry: 'keep' | 'replace'): string[][] {
  const server = ['servers', 'server', name]
  if (publicRegistry === 'replace') return [server, ['mirrors', 'mirror', name]]
  return [server, ['profiles', 'profile', name], ['activeProfiles', 'activeProfile', name]]
}

const item = (name: string, children: string | XmlItem[]): XmlItem => ({ name, children })
const repository = (kind: string, name: string, url: string) => item(kind, [item('id', name), item('url', url)])

interface Settings {
  endpoint: string
  name: string
  tokenVariable: string
  publicRegistry: 'keep' | 'replace'
}

/** The settings text with the action's entries, and warnings about settings that would defeat them. */
export function settingsWithRepository(text: string | undefined, settings: Settings): { text: string; warnings: string[] } {
  const { endpoint, name, tokenVariable, publicRegistry } = settings
  const document = parseXml(text ?? NEW_SETTINGS)
  const root = document.documentElement
  if (root?.localName !== 'settings') throw new Error(`it is not a Maven settings file: its root element is <${root?.tagName}>, not <settings>`)
  const warnings = conflicts(text, settings)
  const [server, second, third] = settingsKeys(name, publicRegistry) as [string[], string[], string[] | undefined]
  setEntry(document, server, item('server', [item('id', name), item('username', CODEARTIFACT_USERNAME), item('password', `\${env.${tokenVariable}}`)]))
  if (publicRegistry === 'replace') {
    setEntry(document, second, item('mirror', [item('id', name), item('mirrorOf', 'central'), item('url', endpoint)]))
  } else {
    setEntry(document, second, item('profile', [
      item('id', name),
      item('repositories', [repository('repository', name, endpoint)]),
      item('pluginRepositories', [repository('pluginRepository', name, endpoint)]),
    ]))
    setEntry(document, third as string[], item('activeProfile', name))
  }
  return { text: serializeXml(document, text ?? NEW_SETTINGS), warnings }
}

/**
 * What in the user's settings would take the action's repository away: a mirror that catches it
 * (`*`, `external:*`), or a server of that name that refers to another domain's token (another
 * instance of this action with the same registry-name).
 */
function conflicts(text: string | undefined, { name, tokenVariable, publicRegistry }: Settings): string[] {
  if (text === undefined) return []
  const document = parseXml(text)
  const warnings: string[] = []
  const password = findEntry(document, ['servers', 'server', name])?.getElementsByTagName('password')[0]?.textContent?.trim() ?? ''
  if (/^\$\{env\.CODEARTIFACT_AUTH_TOKEN_[A-Z0-9_]+\}$/.test(password) && password !== `\${env.${tokenVariable}}`) {
    warnings.push(`settings.xml already has a server '${name}' from another instance of this action (${password}); it is replaced for the rest of the job: give each instance its own registry-name`)
  }
  if (publicRegistry === 'keep') {
    for (const mirror of Array.from(document.getElementsByTagName('mirror'))) {
      const of = (mirror.getElementsByTagName('mirrorOf')[0]?.textContent ?? '').split(',').map((part) => part.trim())
      if (of.includes(`!${name}`) || !of.some((part) => part === '*' || part === 'external:*' || part === name)) continue
      const id = mirror.getElementsByTagName('id')[0]?.textContent?.trim() ?? ''
      warnings.push(`settings.xml's mirror '${id}' (mirrorOf ${of.join(',')}) also takes repository '${name}': Maven sends those requests to the mirror; add !${name} to its mirrorOf`)
    }
  }
  return warnings
}

export const maven: PackageClient = {
  async configure({ endpoint, token, tokenVariable, settings, workspace, env, home }: PackageContext): Promise<Record<string, string>> {
    const file = mavenSettingsPath(env, home)
    if (!file.startsWith(pathFor(process.platform).join(home, '.m2'))) {
      core.info(`maven: Java's user.home is not ${home}; Maven reads ${file}, so the settings go there`)
    }
    const options = { endpoint, name: settings.registryName, tokenVariable, publicRegistry: settings.publicRegistry }
    let warnings: string[] = []
    await changeUserFile({
      file,
      description: `restore ${file}`,
      entries: { format: 'xml', keys: settingsKeys(options.name, options.publicRegistry) },
      edit: (text) => {
        try {
          const result = settingsWithRepository(text, options)
          warnings = result.warnings
          return result.text
        } catch (error) {
          throw new Error(`cannot use ${file}: ${(error as Error).message}`)
        }
      },
    }, workspace)
    for (const warning of warnings) core.warning(`maven: ${warning}`)
    return { [tokenVariable]: token, [USERNAME_VARIABLE]: CODEARTIFACT_USERNAME }
  },
}
