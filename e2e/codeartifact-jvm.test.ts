/**
 * CodeArtifact for Maven and Gradle through dist/: the emulator's maven endpoint is a local
 * CodeArtifact-style repository that answers 401 + Basic challenge unless it gets `aws:<token>`. A
 * later step runs Debian's real mvn (3.8) and gradle (4.4) with only what the action exported or
 * wrote, and resolves a parent POM, a dependency and a plugin that only the private repository has
 * (the rest from a public stand-in that must never see a credential), and deploys. Plugins of Maven
 * itself come from Debian's /usr/share/maven-repo through a global settings file (`-gs`): that is
 * this machine's Maven installation, not the action's business.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { buildJar, startMavenRepo } from '../test-support/maven-repo/index.js'
import { MAVEN_PLUGINS, debianGlobalSettings, requireCommand, requireMavenPlugins } from '../test-support/maven-repo/jvm.js'
import { makeSandbox, shown, type Emulator, type Sandbox } from './fixture.js'
import { runClient, stepEnv, type ClientRun } from './clients.js'

const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.amF2YQ+/bWF2ZW4=.Z3JhZGxl+/c2ln=='
const SLOW = 240000
const PARENT = { groupId: 'com.acme', artifactId: 'acme-parent', version: '1.0.0', packaging: 'pom' }
const HELLO = { groupId: 'com.acme', artifactId: 'hello', version: '1.0.0' }
const PLUGIN = { groupId: 'com.acme', artifactId: 'hello-plugin', version: '1.0.0' }
const CA = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared' }
const COPY_DEPENDENCIES = `${MAVEN_PLUGINS.dependency.goal}:copy-dependencies`

type Repo = Awaited<ReturnType<typeof startMavenRepo>>
let emu: Emulator
let repo: Repo
let open: Repo
let sandbox: Sandbox
let globalSettings: string

beforeAll(async () => {
  requireCommand('mvn', 'maven')
  requireCommand('gradle', 'gradle')
  requireMavenPlugins()
  repo = await startMavenRepo({ token: TOKEN })
  repo.publish(PARENT)
  repo.publish(HELLO)
  // A Gradle plugin `com.acme.hello` (marker POM → jar) whose class ships with Gradle.
  repo.publish({ ...PLUGIN, jar: buildJar(PLUGIN, { 'META-INF/gradle-plugins/com.acme.hello.properties': 'implementation-class=org.gradle.api.plugins.BasePlugin\n' }) })
  repo.publish({ groupId: 'com.acme.hello', artifactId: 'com.acme.hello.gradle.plugin', version: '1.0.0', packaging: 'pom', dependencies: [PLUGIN] })
  open = await startMavenRepo({ repository: 'public', auth: false })
  open.publish({ groupId: 'org.public', artifactId: 'lib', version: '2.0.0' })
  emu = await startEmulator({
    token: () => TOKEN,
    repositoryEndpoint: ({ format }: { format: string }) => (format === 'maven' ? repo.url : `https://unused.example/${format}/`),
  })
})
afterAll(async () => {
  await Promise.all([emu?.stop(), repo?.stop(), open?.stop()])
})
beforeEach(() => {
  emu.reset()
  repo.clearRequests()
  open.clearRequests()
  sandbox = makeSandbox(emu)
  globalSettings = path.join(sandbox.dir, 'debian-global-settings.xml')
  fs.writeFileSync(globalSettings, debianGlobalSettings())
})
afterEach(() => sandbox.cleanup())

/** Writes `files` under `<sandbox>/<name>` and returns that directory. */
function project(name: string, files: Record<string, string>): string {
  const dir = path.join(sandbox.dir, name)
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  return dir
}

/** The public repository was asked and never saw an Authorization header; the private one never refused a credential. */
function expectCredentialsOnlyWhereTheyBelong() {
  expect(open.requests.some((r) => r.status === 200)).toBe(true)
  expect(open.requests.filter((r) => r.scheme !== null)).toEqual([])
  expect(repo.requests.some((r) => r.authorized)).toBe(true)
  expect(repo.requests.filter((r) => r.scheme !== null && !r.authorized)).toEqual([])
}

const expectSuccess = (run: ClientRun | undefined, marker: string) => expect([run?.status, run?.output]).toEqual([0, expect.stringContaining(marker)])

describe('maven', () => {
  const repository = (id: string, url: string) => `<repository><id>${id}</id><url>${url}</url></repository>`
  const pom = (artifactId: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>acme-parent</artifactId><version>1.0.0</version></parent>
  <artifactId>${artifactId}</artifactId>
  <version>0.1.0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>com.acme</groupId><artifactId>hello</artifactId><version>1.0.0</version></dependency>
    <dependency><groupId>org.public</groupId><artifactId>lib</artifactId><version>2.0.0</version></dependency>
  </dependencies>
  <repositories>${repository('public', open.url)}</repositories>${extra}
</project>
`
  /** mvn in `cwd` with a later step's environment (MAVEN_OPTS as the job set it, plus a quicker JIT). */
  const mvn = (env: Record<string, string>, cwd: string, args: string[]) =>
    runClient(['mvn'], ['-B', '-gs', globalSettings, ...args], stepEnv(env, { LANG: 'C.UTF-8', MAVEN_OPTS: `${env.MAVEN_OPTS ?? ''} -XX:TieredStopAtLevel=1` }), cwd)

  test('the settings go where Maven reads them (user.home from MAVEN_OPTS, not HOME): a parent, a dependency and deploys; nothing left', async () => {
    const javaHome = path.join(sandbox.dir, 'java-home')
    const consumer = project('consumer', { 'pom.xml': pom('consumer') })
    const deployed = project('deployed', { 'pom.xml': pom('deployed', `\n  <distributionManagement>${repository('codeartifact', repo.url)}</distributionManagement>`) })
    const other = project('other', { 'pom.xml': pom('other') })
    const runs: Record<string, ClientRun> = {}
    let settings = ''
    const result = await sandbox.run({
      with: { ...CA, tools: 'maven' },
      env: { MAVEN_OPTS: `-Duser.home=${javaHome}` },
      beforePost: async (_main, later) => {
        settings = fs.readFileSync(path.join(javaHome, '.m2', 'settings.xml'), 'utf8')
        runs.validate = await mvn(later.env, consumer, ['validate'])
        runs.copy = await mvn(later.env, consumer, [COPY_DEPENDENCIES])
        runs.deploy = await mvn(later.env, deployed, ['deploy'])
        // Without <distributionManagement>, the deploy target comes from the command line.
        runs.alternative = await mvn(later.env, other, ['deploy', `-DaltDeploymentRepository=codeartifact::${repo.url}`])
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(result.main.env).toMatchObject({ CODEARTIFACT_AUTH_TOKEN_ACME_123456789012: TOKEN, CODEARTIFACT_USERNAME: 'aws' })
    expect(settings).toContain('<password>${env.CODEARTIFACT_AUTH_TOKEN_ACME_123456789012}</password>')
    expect(settings).toContain('<activeProfile>codeartifact</activeProfile>')
    expect(settings).not.toContain(TOKEN)
    expectSuccess(runs.validate, `Downloaded from codeartifact: ${repo.url}com/acme/acme-parent/1.0.0/acme-parent-1.0.0.pom`)
    expectSuccess(runs.copy, 'BUILD SUCCESS')
    expect(fs.readdirSync(path.join(consumer, 'target', 'dependency')).sort()).toEqual(['hello-1.0.0.jar', 'lib-2.0.0.jar'])
    expectSuccess(runs.deploy, 'BUILD SUCCESS')
    expectSuccess(runs.alternative, 'BUILD SUCCESS')
    for (const artifact of ['deployed', 'other']) {
      expect(repo.file(`com/acme/${artifact}/0.1.0/${artifact}-0.1.0.pom`)).toEqual(fs.readFileSync(path.join(sandbox.dir, artifact, 'pom.xml')))
    }
    expect(repo.requests.filter((r) => r.method === 'PUT').every((r) => r.authorized && r.status === 201)).toBe(true)
    expectCredentialsOnlyWhereTheyBelong()
    // The post step removed the file it created; nothing was ever written under HOME.
    expect(result.post?.exitCode).toBe(0)
    expect(fs.existsSync(path.join(javaHome, '.m2', 'settings.xml'))).toBe(false)
    expect(fs.existsSync(path.join(sandbox.home, '.m2'))).toBe(false)
    expect(result.leaks).toEqual([])
  }, SLOW)

  /** actions/setup-java's settings.xml with its default server. */
  const SETUP_JAVA = `<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
      xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">
  <servers>
    <server>
      <id>github</id>
      <username>\${env.GITHUB_ACTOR}</username>
      <password>\${env.GITHUB_TOKEN}</password>
    </server>
  </servers>
</settings>`

  test('public-registry replace after setup-java: a mirror of central resolves everything, the public repository stays unauthenticated; setup-java\'s file comes back byte for byte', async () => {
    const settingsFile = path.join(sandbox.home, '.m2', 'settings.xml')
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true })
    fs.writeFileSync(settingsFile, SETUP_JAVA)
    const consumer = project('consumer', { 'pom.xml': pom('consumer') })
    let run: ClientRun | undefined
    let during = ''
    const result = await sandbox.run({
      with: { ...CA, tools: 'maven', 'public-registry': 'replace' },
      beforePost: async (_main, later) => {
        during = fs.readFileSync(settingsFile, 'utf8')
        run = await mvn(later.env, consumer, [COPY_DEPENDENCIES])
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(during).toContain('<mirrorOf>central</mirrorOf>')
    expect(during).toContain('<id>github</id>')
    expectSuccess(run, `Downloading from codeartifact: ${repo.url}com/acme/acme-parent/1.0.0/acme-parent-1.0.0.pom`)
    expect(fs.readdirSync(path.join(consumer, 'target', 'dependency')).sort()).toEqual(['hello-1.0.0.jar', 'lib-2.0.0.jar'])
    expectCredentialsOnlyWhereTheyBelong()
    expect(result.post?.warnings).toEqual([])
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(SETUP_JAVA)
    expect(result.leaks).toEqual([])
  }, SLOW)

  test('setup-java run after this step (overwrite-settings) replaced settings.xml: the post step warns and leaves its file', async () => {
    const settingsFile = path.join(sandbox.home, '.m2', 'settings.xml')
    const result = await sandbox.run({
      with: { ...CA, tools: 'maven' },
      beforePost: () => {
        fs.writeFileSync(settingsFile, SETUP_JAVA)
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(result.post?.exitCode).toBe(0)
    expect(result.post?.warnings).toEqual([expect.stringMatching(new RegExp(`${settingsFile}.*another step replaced it \\(actions/setup-java with overwrite-settings`))])
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(SETUP_JAVA)
    expect(shown(result)).not.toContain(TOKEN)
  })
})

describe('gradle', () => {
  /** A build that fetches `hello` (private) and `lib` (public); `repositories` is the body of its repositories block. */
  const build = (repositories: string, head = '') => `${head}
repositories {
${repositories}
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
  const PLUGINS = "plugins { id 'com.acme.hello' version '1.0.0' }\n"
  const settingsWith = (repositories: string) => `pluginManagement {\n  repositories {\n${repositories}\n  }\n}\nrootProject.name = 'consumer'\n`

  /**
   * gradle in `cwd` with a later step's environment; the module cache is emptied first (it ignores
   * credentials). `clean` exists only where the plugin from the private repository was applied.
   */
  const gradle = (env: Record<string, string>, cwd: string, tasks = ['fetch']) => {
    fs.rmSync(path.join(env.GRADLE_USER_HOME ?? '', 'caches'), { recursive: true, force: true })
    return runClient(['gradle'], ['--no-daemon', '--console=plain', ...tasks],
      stepEnv(env, { LANG: 'C.UTF-8', GRADLE_OPTS: `${env.GRADLE_OPTS ?? ''} -XX:TieredStopAtLevel=1` }), cwd)
  }
  const fetched = (cwd: string) => fs.readdirSync(path.join(cwd, 'build', 'deps')).sort()

  test('builds with and without a credentials block resolve a plugin and a dependency; the init script holds no secret and goes afterwards', async () => {
    const gradleHome = path.join(sandbox.dir, 'gradle-home')
    const open_ = `  maven { url '${open.url}' }`
    const projects = {
      // No credentials anywhere: the init script gives them (the URL without its final slash).
      bare: project('bare', {
        'settings.gradle': settingsWith(`    maven { url '${repo.url.replace(/\/$/, '')}' }`),
        'build.gradle': build(`${open_}\n  maven { url '${repo.url}' }`, PLUGINS),
      }),
      // The project properties the action exports.
      properties: project('properties', {
        'settings.gradle': "rootProject.name = 'consumer'\n",
        'build.gradle': build(`${open_}\n  maven {\n    url '${repo.url}'\n    credentials {\n      username codeartifactUsername\n      password codeartifactPassword\n    }\n  }`),
      }),
      // The way AWS documents it.
      documented: project('documented', {
        'settings.gradle': "rootProject.name = 'consumer'\n",
        'build.gradle': build(`${open_}\n  maven {\n    url '${repo.url}'\n    credentials {\n      username 'aws'\n      password System.env.CODEARTIFACT_AUTH_TOKEN\n    }\n  }`),
      }),
    }
    const runs: Record<string, ClientRun> = {}
    let script = ''
    let propertiesAlone: ClientRun | undefined
    const result = await sandbox.run({
      with: { ...CA, tools: 'gradle' },
      env: { GRADLE_USER_HOME: gradleHome },
      beforePost: async (_main, later) => {
        script = fs.readFileSync(path.join(gradleHome, 'init.d', 'registry-auth.gradle'), 'utf8')
        for (const [name, cwd] of Object.entries(projects)) runs[name] = await gradle(later.env, cwd, name === 'bare' ? ['clean', 'fetch'] : ['fetch'])
        // The properties alone, without the init script: another Gradle home.
        propertiesAlone = await gradle({ ...later.env, GRADLE_USER_HOME: path.join(sandbox.dir, 'other-gradle-home') }, projects.properties)
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(result.main.env).toMatchObject({
      ORG_GRADLE_PROJECT_codeartifactUsername: 'aws',
      ORG_GRADLE_PROJECT_codeartifactPassword: TOKEN,
      CODEARTIFACT_GRADLE_REPOSITORIES: `codeartifact,${repo.url},CODEARTIFACT_AUTH_TOKEN_ACME_123456789012,keep`,
    })
    expect(script).not.toContain(TOKEN)
    expect(script).not.toContain(repo.url)
    for (const [name, run] of Object.entries({ ...runs, propertiesAlone })) {
      expect([name, run?.status, run?.output]).toEqual([name, 0, expect.stringContaining('BUILD SUCCESSFUL')])
    }
    expect(runs.bare?.output).toContain(':clean')
    for (const cwd of Object.values(projects)) expect(fetched(cwd)).toEqual(['hello-1.0.0.jar', 'lib-2.0.0.jar'])
    expectCredentialsOnlyWhereTheyBelong()
    expect(result.post?.exitCode).toBe(0)
    expect(fs.existsSync(path.join(gradleHome, 'init.d'))).toBe(false)
    expect(result.leaks).toEqual([])
  }, SLOW)

  test('public-registry replace: a build that names only the public repository gets the endpoint for plugins and dependencies', async () => {
    const gradleHome = path.join(sandbox.dir, 'gradle-home')
    const cwd = project('replace', { 'settings.gradle': "rootProject.name = 'consumer'\n", 'build.gradle': build(`  maven { url '${open.url}' }`, PLUGINS) })
    let run: ClientRun | undefined
    let without: ClientRun | undefined
    const result = await sandbox.run({
      with: { ...CA, tools: 'gradle', 'public-registry': 'replace', 'registry-name': 'corp' },
      env: { GRADLE_USER_HOME: gradleHome },
      beforePost: async (_main, later) => {
        run = await gradle(later.env, cwd, ['clean', 'fetch'])
        without = await gradle({ ...stepEnv(sandbox.env), GRADLE_USER_HOME: path.join(sandbox.dir, 'other-gradle-home') }, cwd)
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(result.main.env).toMatchObject({ ORG_GRADLE_PROJECT_corpUsername: 'aws', ORG_GRADLE_PROJECT_corpPassword: TOKEN })
    expectSuccess(run, 'BUILD SUCCESSFUL')
    expect(fetched(cwd)).toEqual(['hello-1.0.0.jar', 'lib-2.0.0.jar'])
    expect(without?.status).not.toBe(0)
    expectCredentialsOnlyWhereTheyBelong()
    expect(fs.existsSync(path.join(gradleHome, 'init.d'))).toBe(false)
    expect(result.leaks).toEqual([])
  }, SLOW)
})
