/**
 * Gradle: an init script in the user's Gradle home (`init.d/registry-auth.gradle`; Gradle has no
 * variable that names init scripts, so this is the one file written there) gives credentials to every
 * Maven repository whose URL is the endpoint or lies under it — in projects, buildscript blocks,
 * pluginManagement, settings-level repositories (Gradle 6.8+) and publishing — and with
 * `public-registry: replace` adds the repository for dependencies and plugins. The script is the same
 * text for every run and holds no endpoint and no secret (Gradle keeps compiled init scripts in its
 * cache): it reads CODEARTIFACT_GRADLE_REPOSITORIES, which each instance of the action extends with
 * `<registry-name>,<endpoint>,<token variable>,<keep|replace>`, and takes the token from that
 * variable. The post step removes it. Also exported: the project properties
 * `<registry-name>Username`/`Password` (ORG_GRADLE_PROJECT_*), for builds that name them or use
 * `credentials(PasswordCredentials)`; `System.env.CODEARTIFACT_AUTH_TOKEN` builds keep working
 * since that variable is always exported.
 */
import * as core from '@actions/core'
import { absoluteFromEnv, pathFor, type Env } from '../platform.js'
import { changeUserFile } from '../user-file.js'
import { CODEARTIFACT_HOST, isLoopbackHost } from '../aws/answers.js'
import { CODEARTIFACT_USERNAME, domainTokenVariable, type PackageClient, type PackageContext } from './context.js'
import { javaUserHome, systemProperty } from './java-home.js'

export const REPOSITORIES_VARIABLE = 'CODEARTIFACT_GRADLE_REPOSITORIES'
export const INIT_SCRIPT = 'registry-auth.gradle'

/**
 * Groovy, valid from Gradle 4.4 on (an init script is Groovy for Kotlin DSL builds too). Hooks run
 * when a repository is added, after its `maven { }` block, so its URL is known; credentials set here
 * win over the build's own, which are the same token or missing.
 */
export const INIT_SCRIPT_TEXT = `// Written by registry-auth for this job and removed by its post step. It holds no secret: the
// CodeArtifact repositories come from ${REPOSITORIES_VARIABLE} ("name,endpoint,TOKEN_VARIABLE,keep|replace"
// each) and their tokens from those variables.
def codeartifact = (System.getenv('${REPOSITORIES_VARIABLE}') ?: '').tokenize(' ').collect { entry ->
    def fields = entry.tokenize(',')
    [name: fields[0], url: fields[1], variable: fields[2], replace: fields[3] == 'replace']
}
def trimmed = { url -> url.toString().replaceAll('/+$', '') }
// A repository is CodeArtifact's when its URL is an endpoint (with or without the final slash) or lies under it.
def endpointOf = { repo ->
    repo.url == null ? null : codeartifact.find { trimmed(repo.url) == trimmed(it.url) || repo.url.toString().startsWith(it.url) }
}
def authenticate = { repositories ->
    repositories.withType(MavenArtifactRepository) { repo ->
        def found = endpointOf(repo)
        if (found == null) return
        try {
            repo.credentials {
                username = '${CODEARTIFACT_USERNAME}'
                password = System.getenv(found.variable)
            }
        } catch (IllegalStateException ignored) {
            // The build gave this repository another kind of credentials (HTTP header, AWS): its choice.
        }
    }
}
// replace: the endpoint first, before the repositories the build declares.
def addFirst = { repositories ->
    codeartifact.findAll { it.replace }.reverse().each { wanted ->
        if (repositories.withType(MavenArtifactRepository).any { endpointOf(it) == wanted }) return
        def added = repositories.maven { name = wanted.name; url = wanted.url }
        repositories.remove(added)
        repositories.addFirst(added)
    }
}
def settingsRepositories = false
settingsEvaluated { settings ->
    authenticate(settings.pluginManagement.repositories)
    addFirst(settings.pluginManagement.repositories)
    // Gradle 6.8+: repositories declared once in settings.gradle; projects may be forbidden their own.
    if (settings.hasProperty('dependencyResolutionManagement')) {
        def shared = settings.dependencyResolutionManagement.repositories
        authenticate(shared)
        if (!shared.isEmpty()) {
            settingsRepositories = true
            addFirst(shared)
        }
    }
}
allprojects { project ->
    authenticate(project.buildscript.repositories)
    authenticate(project.repositories)
    if (!settingsRepositories) addFirst(project.repositories)
    // Gradle 4.x configures the publishing extension late: touching it earlier breaks the build.
    project.afterEvaluate {
        project.pluginManager.withPlugin('maven-publish') { authenticate(project.publishing.repositories) }
    }
}
`

/** Gradle's user home: -Dgradle.user.home in its options, GRADLE_USER_HOME, else `.gradle` under Java's user.home. */
export function gradleUserHome(env: Env, home: string, platform: NodeJS.Platform = process.platform, account?: () => string | undefined): string {
  const paths = pathFor(platform)
  const options = [env.JAVA_OPTS, env.GRADLE_OPTS].map((value) => systemProperty(value, 'gradle.user.home')).filter(Boolean).at(-1)
  if (options && paths.isAbsolute(options)) return options
  if (env.GRADLE_USER_HOME) return absoluteFromEnv('GRADLE_USER_HOME', env.GRADLE_USER_HOME, platform)
  return paths.join(javaUserHome(env, ['JAVA_OPTS', 'GRADLE_OPTS'], home, platform, account), '.gradle')
}

/**
 * An entry an earlier instance of this action can have written: a CodeArtifact endpoint with the token
 * variable of its own domain (or a loopback test server). The init script sends the variable's value
 * to the URL, so an entry another step put in the variable must not pair our token with another host.
 */
function isEarlierEntry(item: string): boolean {
  const [name = '', endpoint = '', variable = '', mode = '', ...rest] = item.split(',')
  if (rest.length > 0 || !/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name) || !['keep', 'replace'].includes(mode)) return false
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return false
  }
  if (isLoopbackHost(url.hostname)) return ['http:', 'https:'].includes(url.protocol)
  const host = CODEARTIFACT_HOST.exec(url.hostname)
  return url.protocol === 'https:' && host !== null && [domainTokenVariable(host[1] ?? ''), domainTokenVariable(host[1] ?? '', host[2])].includes(variable)
}

/** The repositories the init script reads: those of earlier instances (another endpoint), then this one. */
export function repositoriesValue(current: string | undefined, entry: { name: string; endpoint: string; tokenVariable: string; replace: boolean }): string {
  if (/[\s,]/.test(entry.endpoint)) throw new Error(`the endpoint ${JSON.stringify(entry.endpoint)} has a space or comma`)
  const others = (current ?? '').split(/\s+/).filter((item) => isEarlierEntry(item) && item.split(',')[1] !== entry.endpoint)
  return [...others, [entry.name, entry.endpoint, entry.tokenVariable, entry.replace ? 'replace' : 'keep'].join(',')].join(' ')
}

export const gradle: PackageClient = {
  async configure({ endpoint, token, tokenVariable, settings, workspace, env, home }: PackageContext): Promise<Record<string, string>> {
    const name = settings.registryName
    const repositories = repositoriesValue(env[REPOSITORIES_VARIABLE], { name, endpoint, tokenVariable, replace: settings.publicRegistry === 'replace' })
    const file = pathFor(process.platform).join(gradleUserHome(env, home), 'init.d', INIT_SCRIPT)
    await changeUserFile({ file, description: `remove ${file}`, edit: () => INIT_SCRIPT_TEXT }, workspace)
    const password = `ORG_GRADLE_PROJECT_${name}Password`
    const earlier = env[password]
    if (earlier && earlier !== token) {
      core.warning(`gradle: ${password} was set by an earlier step (another instance of this action?); it now holds this token: give each instance its own registry-name`)
    }
    return {
      [tokenVariable]: token,
      [REPOSITORIES_VARIABLE]: repositories,
      [`ORG_GRADLE_PROJECT_${name}Username`]: CODEARTIFACT_USERNAME,
      [password]: token,
    }
  },
}
