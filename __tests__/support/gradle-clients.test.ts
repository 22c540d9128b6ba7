import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildJar, startMavenRepo } from '../../test-support/maven-repo/index.js'
import { requireCommand, runClient } from '../../test-support/maven-repo/jvm.js'

// Debian's Gradle 4.4.1 on JDK 17, configured by hand three ways: project properties from
// ORG_GRADLE_PROJECT_*, an init script in $GRADLE_USER_HOME/init.d, System.env in the build script.
// A test takes 3-7 s on an idle machine (--no-daemon; C1-only JIT halves the start). Every test gets
// a fresh GRADLE_USER_HOME, because Gradle serves cached artifacts without asking the server again,
// whatever the credentials.
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Zm9v+YmFy/YmF6==.c2ln'
const SLOW = 120000
const HELLO = { groupId: 'com.acme', artifactId: 'hello', version: '1.0.0' }
const PLUGIN = { groupId: 'com.acme', artifactId: 'hello-plugin', version: '1.0.0' }
const HELLO_JAR = 'com/acme/hello/1.0.0/hello-1.0.0.jar'

type Repo = Awaited<ReturnType<typeof startMavenRepo>>
let repo: Repo
let open: Repo
let scratch: string

beforeAll(async () => {
  requireCommand('gradle', 'gradle')
  repo = await startMavenRepo({ token: TOKEN })
  repo.publish(HELLO)
  // A plugin `com.acme.hello` (marker POM → jar) whose class ships with Gradle: nothing to compile,
  // and `clean` exists only once it is applied.
  repo.publish({ ...PLUGIN, jar: buildJar(PLUGIN, { 'META-INF/gradle-plugins/com.acme.hello.properties': 'implementation-class=org.gradle.api.plugins.BasePlugin\n' }) })
  repo.publish({ groupId: 'com.acme.hello', artifactId: 'com.acme.hello.gradle.plugin', version: '1.0.0', packaging: 'pom', dependencies: [PLUGIN] })
  open = await startMavenRepo({ repository: 'public', auth: false })
  open.publish({ groupId: 'org.public', artifactId: 'lib', version: '2.0.0' })
  scratch = mkdtempSync(join(tmpdir(), 'gradle-clients-test-'))
})
afterAll(async () => {
  await repo?.stop()
  await open?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})
beforeEach(() => {
  repo?.clearRequests()
  open?.clearRequests()
})

/** A build resolving `hello` (private) and `lib` (public) into build/deps; `privateRepo` is the maven { } body. */
const buildGradle = (privateRepo: string, head = '') => `${head}
repositories {
  maven { url '${open.url}' }
  maven {
    ${privateRepo}
  }
}
configurations { deps }
dependencies {
  deps 'com.acme:hello:1.0.0'
  deps 'org.public:lib:2.0.0'
}
task fetch(type: Copy) {
  from configurations.deps
  into "$buildDir/deps"
}
`

function project(name: string, files: Record<string, string>) {
  const cwd = join(scratch, name, 'project')
  const gradleHome = join(scratch, name, 'gradle-home')
  mkdirSync(join(gradleHome, 'init.d'), { recursive: true })
  mkdirSync(cwd, { recursive: true })
  writeFileSync(join(cwd, 'settings.gradle'), "rootProject.name = 'consumer'\n")
  for (const [file, content] of Object.entries(files)) writeFileSync(join(scratch, name, file), content)
  return { cwd, gradleHome }
}

function gradle(where: { cwd: string, gradleHome: string }, args: string[], env: Record<string, string> = {}) {
  return runClient('gradle', ['--no-daemon', '--console=plain', ...args], {
    cwd: where.cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(where.gradleHome, '..'), LANG: 'C.UTF-8',
      GRADLE_USER_HOME: where.gradleHome, GRADLE_OPTS: '-XX:TieredStopAtLevel=1', ...env,
    },
    timeout: 110000,
  })
}

const fetched = (cwd: string) => readdirSync(join(cwd, 'build', 'deps')).sort()
/**
 * Gradle 4.4 by default: the first request goes without credentials and gets the 401; after that each
 * request is either another such try or carries aws:<token>.
 */
function expectChallengeThenCredentials() {
  expect(repo.requests[0]).toMatchObject({ scheme: null, status: 401 })
  expect(repo.requests.filter((r) => r.authorized).length).toBeGreaterThan(0)
  expect(repo.requests.filter((r) => !r.authorized && !(r.scheme === null && r.status === 401))).toEqual([])
}
/** The public repository served `lib` and never saw an Authorization header. */
function expectPublicWithoutCredentials() {
  expect(open.requests.some((r) => r.path.endsWith('/lib-2.0.0.jar') && r.status === 200)).toBe(true)
  expect(open.requests.filter((r) => r.scheme !== null)).toEqual([])
}

describe('Gradle 4.4 (Debian) resolving from the private repository', () => {
  const propertiesEnv = (password: string) => ({ ORG_GRADLE_PROJECT_codeartifactUsername: 'aws', ORG_GRADLE_PROJECT_codeartifactPassword: password })
  const propertiesProject = (name: string) => project(name, {
    'project/build.gradle': buildGradle(`url '${repo.url}'\n    credentials {\n      username codeartifactUsername\n      password codeartifactPassword\n    }`),
  })

  test('(a) credentials { } from project properties set as ORG_GRADLE_PROJECT_*', async () => {
    const where = propertiesProject('properties')
    const ok = await gradle(where, ['fetch'], propertiesEnv(TOKEN))
    expect([ok.status, ok.output]).toEqual([0, expect.stringContaining('BUILD SUCCESSFUL')])
    expect(fetched(where.cwd)).toEqual(['hello-1.0.0.jar', 'lib-2.0.0.jar'])
    expect(readFileSync(join(where.cwd, 'build', 'deps', 'hello-1.0.0.jar'))).toEqual(repo.file(HELLO_JAR))
    expectChallengeThenCredentials()
    expectPublicWithoutCredentials()
  }, SLOW)

  test('(a) the same build with a wrong password fails on the 401; without the properties it cannot start', async () => {
    const where = propertiesProject('properties-wrong')
    const wrong = await gradle(where, ['fetch'], propertiesEnv('wrong'))
    expect(wrong.status).toBe(1)
    expect(wrong.output).toContain(`Could not GET '${repo.url}com/acme/hello/1.0.0/hello-1.0.0.pom'. Received status code 401 from server: Unauthorized`)
    expect(repo.requests.map((r) => [r.user, r.authorized, r.status])).toEqual([[null, false, 401], ['aws', false, 401]])

    const missing = await gradle(where, ['fetch'])
    expect(missing.status).toBe(1)
    expect(missing.output).toContain("Could not get unknown property 'codeartifactUsername' for Credentials [username: null]")
  }, SLOW)

  // Repositories get the credentials when added (the maven { } block has run by then, so url is set);
  // settingsEvaluated reaches pluginManagement's repositories. The token stays in the environment.
  const initScript = () => `def endpoint = '${repo.url}'
def withToken = { RepositoryHandler repositories ->
  repositories.withType(MavenArtifactRepository) { repo ->
    if (repo.url.toString().startsWith(endpoint)) {
      repo.credentials {
        username 'aws'
        password System.getenv('CODEARTIFACT_AUTH_TOKEN')
      }
    }
  }
}
settingsEvaluated { settings -> withToken(settings.pluginManagement.repositories) }
allprojects {
  withToken(repositories)
  withToken(buildscript.repositories)
}
`
  /** A build with a plugin from pluginManagement's repository and no credentials anywhere in it. */
  const pluginProject = (name: string, init: string | null) => {
    const where = project(name, { 'project/build.gradle': buildGradle(`url '${repo.url}'`, "plugins { id 'com.acme.hello' version '1.0.0' }\n") })
    writeFileSync(join(where.cwd, 'settings.gradle'), `pluginManagement {\n  repositories {\n    maven { url '${repo.url}' }\n  }\n}\nrootProject.name = 'consumer'\n`)
    if (init !== null) writeFileSync(join(where.gradleHome, 'init.d', 'codeartifact.gradle'), init)
    return where
  }

  test('(b) no credentials in the build: an init.d script adds them to every repository under the endpoint', async () => {
    const init = initScript()
    expect(init).not.toContain(TOKEN)
    const where = pluginProject('init-script', init)
    const ok = await gradle(where, ['clean', 'fetch'], { CODEARTIFACT_AUTH_TOKEN: TOKEN })
    expect([ok.status, ok.output]).toEqual([0, expect.stringContaining('BUILD SUCCESSFUL')])
    expect(ok.output).toContain(':clean')
    expect(fetched(where.cwd)).toEqual(['hello-1.0.0.jar', 'lib-2.0.0.jar'])
    expect(repo.requests.filter((r) => r.status === 200).map((r) => r.path.replace('/maven/shared/', ''))).toEqual([
      'com/acme/hello/com.acme.hello.gradle.plugin/1.0.0/com.acme.hello.gradle.plugin-1.0.0.pom',
      'com/acme/hello-plugin/1.0.0/hello-plugin-1.0.0.pom', 'com/acme/hello-plugin/1.0.0/hello-plugin-1.0.0.jar',
      'com/acme/hello/1.0.0/hello-1.0.0.pom', HELLO_JAR,
    ])
    expectChallengeThenCredentials()
    expectPublicWithoutCredentials()
  }, SLOW)

  test('(b) without the init script the same build cannot even load its plugin', async () => {
    const bare = await gradle(pluginProject('no-init-script', null), ['fetch'], { CODEARTIFACT_AUTH_TOKEN: TOKEN })
    expect(bare.status).toBe(1)
    expect(bare.output).toContain("Plugin [id: 'com.acme.hello', version: '1.0.0'] was not found")
    expect(repo.requests.map((r) => [r.scheme, r.status])).toEqual([[null, 401]])
  }, SLOW)

  test('(c) System.env.CODEARTIFACT_AUTH_TOKEN in the build; a warm cache then ignores the token entirely', async () => {
    const credentials = `url '${repo.url}'\n    credentials {\n      username 'aws'\n      password System.env.CODEARTIFACT_AUTH_TOKEN\n    }`
    const where = project('system-env', { 'project/build.gradle': buildGradle(credentials) })
    const ok = await gradle(where, ['fetch'], { CODEARTIFACT_AUTH_TOKEN: TOKEN })
    expect([ok.status, ok.output]).toEqual([0, expect.stringContaining('BUILD SUCCESSFUL')])
    expect(readFileSync(join(where.cwd, 'build', 'deps', 'hello-1.0.0.jar'))).toEqual(repo.file(HELLO_JAR))
    expectChallengeThenCredentials()

    repo.clearRequests()
    rmSync(join(where.cwd, 'build'), { recursive: true })
    const cached = await gradle(where, ['fetch'], { CODEARTIFACT_AUTH_TOKEN: 'wrong' })
    expect([cached.status, cached.output]).toEqual([0, expect.stringContaining('BUILD SUCCESSFUL')])
    expect(existsSync(join(where.cwd, 'build', 'deps', 'hello-1.0.0.jar'))).toBe(true)
    expect(repo.requests).toEqual([])
  }, SLOW)

  test('authentication { basic(BasicAuthentication) } sends the credentials before any 401', async () => {
    const credentials = `url '${repo.url}'\n    authentication { basic(BasicAuthentication) }\n    credentials {\n      username 'aws'\n      password System.env.CODEARTIFACT_AUTH_TOKEN\n    }`
    const where = project('preemptive', { 'project/build.gradle': buildGradle(credentials) })
    const ok = await gradle(where, ['fetch'], { CODEARTIFACT_AUTH_TOKEN: TOKEN })
    expect([ok.status, ok.output]).toEqual([0, expect.stringContaining('BUILD SUCCESSFUL')])
    expect(repo.requests.length).toBeGreaterThan(0)
    expect(repo.requests.filter((r) => !r.authorized)).toEqual([])
    expectPublicWithoutCredentials()
  }, SLOW)
})
