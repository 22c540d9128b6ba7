import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildJar, startMavenRepo } from '../../test-support/maven-repo/index.js'
import {
  MAVEN_PLUGINS, debianGlobalSettings, requireCommand, requireMavenPlugins, runClient,
} from '../../test-support/maven-repo/jvm.js'

// Maven 3.8.7 (Debian `maven`), configured by hand the way the action will: a <server> whose password
// is `${env.CODEARTIFACT_AUTH_TOKEN}`, the repository in the POM, in an active settings profile, or as
// a mirror of central. Plugins come from Debian's /usr/share/maven-repo (see jvm.js); nothing is online.
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Zm9v+YmFy/YmF6==.c2ln'
const SLOW = 90000
const PARENT = { groupId: 'com.acme', artifactId: 'acme-parent', version: '1.0.0', packaging: 'pom' }
const HELLO = { groupId: 'com.acme', artifactId: 'hello', version: '1.0.0' }
const LIB = { groupId: 'org.public', artifactId: 'lib', version: '2.0.0' }
const PARENT_POM = '/maven/shared/com/acme/acme-parent/1.0.0/acme-parent-1.0.0.pom'

type Repo = Awaited<ReturnType<typeof startMavenRepo>>
let repo: Repo
let open: Repo
let scratch: string
let globalSettings: string

beforeAll(async () => {
  requireCommand('mvn', 'maven')
  requireMavenPlugins()
  repo = await startMavenRepo({ token: TOKEN })
  repo.publish(PARENT)
  repo.publish(HELLO)
  open = await startMavenRepo({ repository: 'public', auth: false })
  open.publish(LIB)
  scratch = mkdtempSync(join(tmpdir(), 'maven-clients-test-'))
  globalSettings = join(scratch, 'global-settings.xml')
  writeFileSync(globalSettings, debianGlobalSettings())
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

const server = (id = 'codeartifact') =>
  `<servers><server><id>${id}</id><username>aws</username><password>\${env.CODEARTIFACT_AUTH_TOKEN}</password></server></servers>`
const repository = (id: string, url: string) => `<repository><id>${id}</id><url>${url}</url></repository>`

/** A consumer: parent and `hello` only in the private repository, `lib` only in the public one. */
const consumerPom = (repositories: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>acme-parent</artifactId><version>1.0.0</version></parent>
  <artifactId>consumer</artifactId>
  <version>0.1.0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>com.acme</groupId><artifactId>hello</artifactId><version>1.0.0</version></dependency>
    <dependency><groupId>org.public</groupId><artifactId>lib</artifactId><version>2.0.0</version></dependency>
  </dependencies>
  <repositories>${repositories}</repositories>${extra}
</project>
`

/**
 * A project and its own home. Maven reads ~/.m2 from Java's user.home (the passwd entry), not from
 * HOME, so the home is passed as -Duser.home; the local repository under it starts empty.
 */
function project(name: string, pom: string, settings: string) {
  const cwd = join(scratch, name, 'project')
  const home = join(scratch, name, 'home')
  mkdirSync(cwd, { recursive: true })
  mkdirSync(join(home, '.m2'), { recursive: true })
  writeFileSync(join(cwd, 'pom.xml'), pom)
  writeFileSync(join(home, '.m2', 'settings.xml'), `<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">\n${settings}\n</settings>\n`)
  return { cwd, home }
}

/** Runs mvn with CODEARTIFACT_AUTH_TOKEN set to token, or unset when token is null. */
function mvn(where: { cwd: string, home: string }, args: string[], token: string | null = TOKEN) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: where.home, LANG: 'C.UTF-8', MAVEN_OPTS: `-Duser.home=${where.home} -XX:TieredStopAtLevel=1` }
  if (token !== null) env.CODEARTIFACT_AUTH_TOKEN = token
  return runClient('mvn', ['-B', '-gs', globalSettings, ...args], { env, cwd: where.cwd })
}
const copyDependencies = `${MAVEN_PLUGINS.dependency.goal}:copy-dependencies`

/** Asserts Maven's exchange: every file asked for without credentials first, then with aws:<token>. */
function expectChallengedThenAuthorized(paths: string[]) {
  for (const path of paths) {
    const tries = repo.requests.filter((r) => r.path === path && r.method === 'GET')
    expect(tries.slice(0, 2).map((r) => [r.scheme, r.user, r.authorized, r.status])).toEqual([[null, null, false, 401], ['Basic', 'aws', true, 200]])
  }
  expect(repo.requests.filter((r) => r.scheme !== null && !r.authorized)).toEqual([])
}
/** The public repository served `lib` (so it was asked) and never saw an Authorization header. */
function expectPublicWithoutCredentials() {
  expect(open.requests.some((r) => r.path.endsWith('/lib-2.0.0.jar') && r.status === 200)).toBe(true)
  expect(open.requests.filter((r) => r.scheme !== null)).toEqual([])
}
const copied = (cwd: string) => readdirSync(join(cwd, 'target', 'dependency')).sort()

describe('Maven 3.8 with ${env.CODEARTIFACT_AUTH_TOKEN} in settings.xml', () => {
  test('(a) repository in the POM: validate resolves the parent, copy-dependencies the jar, 401 first', async () => {
    const where = project('pom-repo', consumerPom(repository('public', open.url) + repository('codeartifact', repo.url)), server())
    const validate = await mvn(where, ['validate'])
    expect([validate.status, validate.output]).toEqual([0, expect.stringContaining('BUILD SUCCESS')])
    expect(validate.output).toContain(`Downloaded from codeartifact: ${repo.url}com/acme/acme-parent/1.0.0/acme-parent-1.0.0.pom`)
    expectChallengedThenAuthorized([PARENT_POM])

    const copy = await mvn(where, [copyDependencies])
    expect([copy.status, copy.output]).toEqual([0, expect.stringContaining('BUILD SUCCESS')])
    expect(copied(where.cwd)).toEqual(['hello-1.0.0.jar', 'lib-2.0.0.jar'])
    expect(readFileSync(join(where.cwd, 'target', 'dependency', 'hello-1.0.0.jar'))).toEqual(repo.file('com/acme/hello/1.0.0/hello-1.0.0.jar'))
    expectChallengedThenAuthorized(['/maven/shared/com/acme/hello/1.0.0/hello-1.0.0.pom', '/maven/shared/com/acme/hello/1.0.0/hello-1.0.0.jar'])
    expectPublicWithoutCredentials()
    expect(copy.output).not.toContain('central')
  }, SLOW)

  test('fails on the 401 with a wrong token; an unset variable is sent as the literal ${env.…} text', async () => {
    const where = project('wrong-token', consumerPom(repository('codeartifact', repo.url)), server())
    const wrong = await mvn(where, ['validate'], 'wrong')
    expect(wrong.status).toBe(1)
    expect(wrong.output).toContain(`Non-resolvable parent POM for com.acme:consumer:0.1.0: Could not transfer artifact com.acme:acme-parent:pom:1.0.0 from/to codeartifact (${repo.url}): authentication failed for ${repo.url}com/acme/acme-parent/1.0.0/acme-parent-1.0.0.pom, status: 401 Unauthorized`)
    expect(repo.requests.map((r) => [r.user, r.authorized, r.status])).toEqual([[null, false, 401], ['aws', false, 401]])

    // A server whose token is the placeholder itself lets Maven in only if Maven sent it verbatim.
    const literal = await startMavenRepo({ token: '${env.CODEARTIFACT_AUTH_TOKEN}' })
    try {
      literal.publish(PARENT)
      const unset = project('unset-token', consumerPom(repository('codeartifact', literal.url)), server())
      const result = await mvn(unset, ['validate'], null)
      expect([result.status, result.output]).toEqual([0, expect.stringContaining('BUILD SUCCESS')])
      expect(literal.requests.some((r) => r.authorized)).toBe(true)
    } finally {
      await literal.stop()
    }
  }, SLOW)

  test('(b) repository only in an active settings profile', async () => {
    const profile = `<profiles><profile><id>codeartifact</id><repositories>${repository('codeartifact', repo.url)}</repositories></profile></profiles>
<activeProfiles><activeProfile>codeartifact</activeProfile></activeProfiles>`
    const where = project('profile-repo', consumerPom(repository('public', open.url)), `${server()}\n${profile}`)
    const copy = await mvn(where, [copyDependencies])
    expect([copy.status, copy.output]).toEqual([0, expect.stringContaining('BUILD SUCCESS')])
    expect(copied(where.cwd)).toEqual(['hello-1.0.0.jar', 'lib-2.0.0.jar'])
    expectChallengedThenAuthorized([PARENT_POM, '/maven/shared/com/acme/hello/1.0.0/hello-1.0.0.jar'])
    expectPublicWithoutCredentials()
  }, SLOW)

  test('(c) a <mirror> of central, credentials under the mirror id', async () => {
    const mirror = `<mirrors><mirror><id>codeartifact</id><mirrorOf>central</mirrorOf><url>${repo.url}</url></mirror></mirrors>`
    const where = project('mirror', consumerPom(repository('public', open.url)), `${server()}\n${mirror}`)
    const copy = await mvn(where, [copyDependencies])
    expect([copy.status, copy.output]).toEqual([0, expect.stringContaining('BUILD SUCCESS')])
    expect(copy.output).toContain(`Downloading from codeartifact: ${repo.url}com/acme/acme-parent/1.0.0/acme-parent-1.0.0.pom`)
    expect(copied(where.cwd)).toEqual(['hello-1.0.0.jar', 'lib-2.0.0.jar'])
    expectChallengedThenAuthorized([PARENT_POM, '/maven/shared/com/acme/hello/1.0.0/hello-1.0.0.jar'])
    expectPublicWithoutCredentials()
  }, SLOW)

  test('deploy and deploy-file upload with credentials sent before any 401', async () => {
    const distribution = `\n  <distributionManagement>${repository('codeartifact', repo.url)}</distributionManagement>`
    const where = project('deploy', consumerPom(repository('codeartifact', repo.url), distribution).replace('consumer', 'deployed'), server())
    const deploy = await mvn(where, ['deploy'])
    expect([deploy.status, deploy.output]).toEqual([0, expect.stringContaining('BUILD SUCCESS')])
    // Debian relocates the lifecycle's default plugin versions to the packaged ones.
    expect(deploy.output).toContain('maven-deploy-plugin:jar:2.7 has been relocated to org.apache.maven.plugins:maven-deploy-plugin:jar:3.0.0')
    expect(repo.file('com/acme/deployed/0.1.0/deployed-0.1.0.pom')).toEqual(readFileSync(join(where.cwd, 'pom.xml')))
    expect(repo.file('com/acme/deployed/maven-metadata.xml')?.toString()).toContain('<version>0.1.0</version>')
    const puts = repo.requests.filter((r) => r.method === 'PUT')
    expect(puts.map((r) => r.path.replace('/maven/shared/com/acme/deployed/', ''))).toEqual([
      '0.1.0/deployed-0.1.0.pom', '0.1.0/deployed-0.1.0.pom.sha1', '0.1.0/deployed-0.1.0.pom.md5',
      'maven-metadata.xml', 'maven-metadata.xml.sha1', 'maven-metadata.xml.md5',
    ])
    expect(puts.every((r) => r.authorized && r.status === 201)).toBe(true)

    repo.clearRequests()
    const jar = join(scratch, 'deploy', 'lib.jar')
    writeFileSync(jar, buildJar({ groupId: 'com.acme', artifactId: 'uploaded', version: '0.5.0' }))
    const file = await mvn({ ...where, cwd: join(scratch, 'deploy') }, [`${MAVEN_PLUGINS.deploy.goal}:deploy-file`, `-Dfile=${jar}`,
      '-DgroupId=com.acme', '-DartifactId=uploaded', '-Dversion=0.5.0', '-Dpackaging=jar', `-Durl=${repo.url}`, '-DrepositoryId=codeartifact'])
    expect([file.status, file.output]).toEqual([0, expect.stringContaining('BUILD SUCCESS')])
    expect(repo.file('com/acme/uploaded/0.5.0/uploaded-0.5.0.jar')).toEqual(readFileSync(jar))
    expect(repo.requests[0]).toMatchObject({ method: 'PUT', path: '/maven/shared/com/acme/uploaded/0.5.0/uploaded-0.5.0.jar', authorized: true, status: 201 })
    expect(repo.requests.filter((r) => r.status === 401)).toEqual([])
  }, SLOW)
})
