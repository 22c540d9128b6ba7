import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { ClientSettings } from '../../src/clients/context.js'

const warning = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn(), info: jest.fn(), warning }))
const { maven, mavenSettingsPath, settingsWithRepository } = await import('../../src/clients/maven.js')
const { gradle, gradleUserHome, repositoriesValue, INIT_SCRIPT_TEXT } = await import('../../src/clients/gradle.js')
const { javaUserHome, systemProperty } = await import('../../src/clients/java-home.js')
const { UndoLog } = await import('../../src/undo.js')
const { Workspace } = await import('../../src/workspace.js')
const { Deadline } = await import('../../src/deadline.js')

const MAVEN = 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/shared/'
const TOKEN = 'eyJ2ZXIiOjF9.a+b/c=d'
const VARIABLE = 'CODEARTIFACT_AUTH_TOKEN_ACME'

let temp: string
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'jvm-clients-'))
  warning.mockClear()
})
afterEach(() => fs.rm(temp, { recursive: true, force: true }))

function context(settings: Partial<ClientSettings> = {}, env: Record<string, string> = {}) {
  const home = path.join(temp, 'home')
  return {
    token: TOKEN,
    tokenVariable: VARIABLE,
    endpoint: MAVEN,
    settings: { npmScopes: [], pipIndex: 'index' as const, registryName: 'codeartifact', publicRegistry: 'keep' as const, ...settings },
    workspace: new Workspace(new UndoLog(true), path.join(temp, 'runner')),
    // Java's user.home is given, as the tests of real clients give it: never this machine's account home.
    env: { MAVEN_OPTS: `-Duser.home=${home}`, GRADLE_USER_HOME: path.join(home, '.gradle'), ...env },
    home,
    deadline: new Deadline(600),
  }
}

describe("Java's user.home", () => {
  test('systemProperty: the last -D of a name, quotes dropped', () => {
    expect(systemProperty('-Xmx1g -Duser.home=/a -Duser.home="/b c"', 'user.home')).toBe('/b c')
    expect(systemProperty('-Duser.homeX=/a -Dxuser.home=/b', 'user.home')).toBeUndefined()
    expect(systemProperty(undefined, 'user.home')).toBeUndefined()
  })

  test('the account\'s home (what the JVM reads), not $HOME; -Duser.home in the options wins, later sources over earlier', () => {
    const account = () => '/root'
    expect(javaUserHome({}, ['MAVEN_OPTS'], '/github/home', 'linux', account)).toBe('/root')
    expect(javaUserHome({ MAVEN_OPTS: '-Duser.home=/github/home' }, ['MAVEN_OPTS'], '/x', 'linux', account)).toBe('/github/home')
    expect(javaUserHome({ JAVA_TOOL_OPTIONS: '-Duser.home=/a', MAVEN_OPTS: '-Duser.home=/b' }, ['MAVEN_OPTS'], '/x', 'linux', account)).toBe('/b')
    expect(javaUserHome({ MAVEN_OPTS: '-Duser.home=/b', _JAVA_OPTIONS: '-Duser.home=/c' }, ['MAVEN_OPTS'], '/x', 'linux', account)).toBe('/c')
    expect(javaUserHome({ GRADLE_OPTS: '-Duser.home=/g' }, ['MAVEN_OPTS'], '/x', 'linux', account)).toBe('/root')
    expect(javaUserHome({ MAVEN_OPTS: '-Duser.home=relative' }, ['MAVEN_OPTS'], '/x', 'linux', account)).toBe('/root')
    expect(javaUserHome({}, ['MAVEN_OPTS'], '/home/runner', 'linux', () => undefined)).toBe('/home/runner')
  })

  test('settings.xml and the Gradle home on Linux and Windows', () => {
    expect(mavenSettingsPath({}, '/github/home', 'linux', () => '/root')).toBe('/root/.m2/settings.xml')
    expect(mavenSettingsPath({}, 'C:\\Users\\runneradmin', 'win32', () => 'C:\\other')).toBe('C:\\Users\\runneradmin\\.m2\\settings.xml')
    expect(gradleUserHome({}, '/github/home', 'linux', () => '/root')).toBe('/root/.gradle')
    expect(gradleUserHome({ GRADLE_USER_HOME: '/cache/gradle' }, '/h', 'linux')).toBe('/cache/gradle')
    expect(gradleUserHome({ GRADLE_USER_HOME: '/cache/gradle', GRADLE_OPTS: '-Dgradle.user.home=/opt/g' }, '/h', 'linux')).toBe('/opt/g')
    expect(gradleUserHome({}, 'C:\\Users\\runneradmin', 'win32')).toBe('C:\\Users\\runneradmin\\.gradle')
    expect(() => gradleUserHome({ GRADLE_USER_HOME: 'gradle-home' }, '/h', 'linux')).toThrow(/GRADLE_USER_HOME is the relative path "gradle-home"/)
  })
})

describe('maven', () => {
  const options = { endpoint: MAVEN, name: 'codeartifact', tokenVariable: VARIABLE, publicRegistry: 'keep' as const }

  test('no settings yet: a server with the token by reference, an active profile with repository and plugin repository', () => {
    const { text, warnings } = settingsWithRepository(undefined, options)
    expect(warnings).toEqual([])
    expect(text).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>
    <server>
      <id>codeartifact</id>
      <username>aws</username>
      <password>\${env.${VARIABLE}}</password>
    </server>
  </servers>
  <profiles>
    <profile>
      <id>codeartifact</id>
      <repositories>
        <repository>
          <id>codeartifact</id>
          <url>${MAVEN}</url>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>codeartifact</id>
          <url>${MAVEN}</url>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>codeartifact</activeProfile>
  </activeProfiles>
</settings>
`)
  })

  test('replace: a mirror of central only, no profile; registry-name names every entry', () => {
    const { text } = settingsWithRepository(undefined, { ...options, name: 'corp', publicRegistry: 'replace' })
    expect(text).toContain(`<mirror>\n      <id>corp</id>\n      <mirrorOf>central</mirrorOf>\n      <url>${MAVEN}</url>\n    </mirror>`)
    expect(text).toContain('<server>\n      <id>corp</id>')
    expect(text).not.toContain('<profile>')
  })

  test('setup-java\'s settings.xml: its server, comments and layout kept', () => {
    const setupJava = '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">\n  <!-- setup-java -->\n  <servers>\n    <server>\n      <id>github</id>\n      <username>${env.GITHUB_ACTOR}</username>\n      <password>${env.GITHUB_TOKEN}</password>\n    </server>\n  </servers>\n</settings>\n'
    const { text } = settingsWithRepository(setupJava, options)
    expect(text.startsWith(setupJava.split('  </servers>')[0] as string)).toBe(true)
    expect(text).toContain('<!-- setup-java -->')
    expect(text).not.toContain('xmlns=""')
    expect(text.match(/<servers>/g)).toHaveLength(1)
  })

  test.each([
    ['not XML', 'this is not xml', /^it is not valid XML/],
    ['another root', '<project/>', /^it is not a Maven settings file: its root element is <project>/],
  ])('%s: an error', (_label, text, message) => {
    expect(() => settingsWithRepository(text, options)).toThrow(message)
  })

  test('warnings: a mirror that catches the repository, a server of another instance under the same name', () => {
    const text = '<settings><mirrors><mirror><id>nexus</id><mirrorOf>*</mirrorOf><url>https://nexus/</url></mirror>' +
      '<mirror><id>ok</id><mirrorOf>*,!codeartifact</mirrorOf><url>https://ok/</url></mirror></mirrors>' +
      '<servers><server><id>codeartifact</id><password>${env.CODEARTIFACT_AUTH_TOKEN_TOOLS}</password></server></servers></settings>'
    expect(settingsWithRepository(text, options).warnings).toEqual([
      expect.stringMatching(/server 'codeartifact' from another instance .*own registry-name/),
      expect.stringMatching(/mirror 'nexus' \(mirrorOf \*\) also takes repository 'codeartifact'.*add !codeartifact/),
    ])
  })

  test('configure: settings.xml under Java\'s user.home after a backup; the record names the XML entries; no token in the file', async () => {
    const ctx = context()
    const file = path.join(ctx.home, '.m2', 'settings.xml')
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(file, '<settings>\n  <offline>false</offline>\n</settings>\n', { mode: 0o644 })
    expect(await maven.configure(ctx)).toEqual({ [VARIABLE]: TOKEN, CODEARTIFACT_USERNAME: 'aws' })
    const record = ctx.workspace.undo.records.find((item) => item.kind === 'file') as { backup: string; entries: unknown; mode: number }
    expect(record).toMatchObject({ path: file, mode: 0o644, entries: { format: 'xml', keys: [['servers', 'server', 'codeartifact'], ['profiles', 'profile', 'codeartifact'], ['activeProfiles', 'activeProfile', 'codeartifact']] } })
    expect(await fs.readFile(record.backup, 'utf8')).toBe('<settings>\n  <offline>false</offline>\n</settings>\n')
    const written = await fs.readFile(file, 'utf8')
    expect(written).toContain('<offline>false</offline>')
    expect(written).not.toContain(TOKEN)
    expect(warning).not.toHaveBeenCalled()
  })

  test('configure: a settings.xml that is not XML fails naming the file, and nothing is written or recorded', async () => {
    const ctx = context()
    const file = path.join(ctx.home, '.m2', 'settings.xml')
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(file, '<settings><servers></settings>')
    await expect(maven.configure(ctx)).rejects.toThrow(`cannot use ${file}: it is not valid XML`)
    expect(await fs.readFile(file, 'utf8')).toBe('<settings><servers></settings>')
    expect(ctx.workspace.undo.records.filter((item) => item.kind === 'file')).toEqual([])
  })

  test('configure: a home without .m2 — the directory made is recorded, to be removed afterwards', async () => {
    const ctx = context()
    await maven.configure(ctx)
    expect(ctx.workspace.undo.records.find((item) => item.kind === 'file')).toMatchObject({ backup: null, madeDirs: [ctx.home, path.join(ctx.home, '.m2')] })
  })
})

describe('gradle', () => {
  test('repositoriesValue: earlier instances kept, the same endpoint replaced', () => {
    const entry = { name: 'codeartifact', endpoint: MAVEN, tokenVariable: VARIABLE, replace: false }
    expect(repositoriesValue(undefined, entry)).toBe(`codeartifact,${MAVEN},${VARIABLE},keep`)
    const other = 'tools,https://tools-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/x/,CODEARTIFACT_AUTH_TOKEN_TOOLS,replace'
    const owned = 'corp,https://tools-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/y/,CODEARTIFACT_AUTH_TOKEN_TOOLS_123456789012,keep'
    const local = 'codeartifact,http://127.0.0.1:8081/maven/shared/,CODEARTIFACT_AUTH_TOKEN_ACME,keep'
    expect(repositoriesValue(`${other} ${owned} ${local} codeartifact,${MAVEN},${VARIABLE},keep`, { ...entry, replace: true }))
      .toBe(`${other} ${owned} ${local} codeartifact,${MAVEN},${VARIABLE},replace`)
    expect(() => repositoriesValue('', { ...entry, endpoint: 'https://a/b c/' })).toThrow(/space or comma/)
  })

  test.each([
    ['another host with our token variable', `x,https://evil.example/maven/,${VARIABLE},keep`],
    ['another domain\'s host with our token variable', `x,https://evil-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/r/,${VARIABLE},keep`],
    ['plain http to a CodeArtifact host', 'x,http://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/r/,CODEARTIFACT_AUTH_TOKEN_ACME,keep'],
    ['a variable that is no token variable', 'x,https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/r/,AWS_SECRET_ACCESS_KEY,keep'],
    ['a fifth field', `x,${MAVEN.replace('shared', 'r')},${VARIABLE},keep,more`],
    ['an unknown mode', `x,${MAVEN.replace('shared', 'r')},${VARIABLE},always`],
    ['a name Gradle cannot take', `1x,${MAVEN.replace('shared', 'r')},${VARIABLE},keep`],
  ])('repositoriesValue: an entry another step put there is dropped: %s', (_label, planted) => {
    const entry = { name: 'codeartifact', endpoint: MAVEN, tokenVariable: VARIABLE, replace: false }
    expect(repositoriesValue(planted, entry)).toBe(`codeartifact,${MAVEN},${VARIABLE},keep`)
  })

  test('configure: the init script (no endpoint, no secret) in init.d, recorded to be removed; properties and the repository list exported', async () => {
    const ctx = context({ registryName: 'corp', publicRegistry: 'replace' })
    const env = await gradle.configure(ctx)
    expect(env).toEqual({
      [VARIABLE]: TOKEN,
      CODEARTIFACT_GRADLE_REPOSITORIES: `corp,${MAVEN},${VARIABLE},replace`,
      ORG_GRADLE_PROJECT_corpUsername: 'aws',
      ORG_GRADLE_PROJECT_corpPassword: TOKEN,
    })
    const file = path.join(ctx.home, '.gradle', 'init.d', 'registry-auth.gradle')
    expect(await fs.readFile(file, 'utf8')).toBe(INIT_SCRIPT_TEXT)
    expect(INIT_SCRIPT_TEXT).not.toMatch(/codeartifact\.us-east-1|eyJ/)
    const record = ctx.workspace.undo.records.find((item) => item.kind === 'file')
    expect(record).toMatchObject({ path: file, backup: null, madeDirs: [ctx.home, path.join(ctx.home, '.gradle'), path.join(ctx.home, '.gradle', 'init.d')] })
    expect(record).not.toHaveProperty('entries.format')
  })

  test('configure: a second instance with the same registry-name warns; its repository is added to the list', async () => {
    const first = 'codeartifact,https://tools-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/x/,CODEARTIFACT_AUTH_TOKEN_TOOLS,keep'
    const env = await gradle.configure(context({}, { CODEARTIFACT_GRADLE_REPOSITORIES: first, ORG_GRADLE_PROJECT_codeartifactPassword: 'the-other-token' }))
    expect(env.CODEARTIFACT_GRADLE_REPOSITORIES).toBe(`${first} codeartifact,${MAVEN},${VARIABLE},keep`)
    expect(warning).toHaveBeenCalledWith(expect.stringMatching(/ORG_GRADLE_PROJECT_codeartifactPassword was set by an earlier step.*own registry-name/))
  })
})
