import { spawnSync } from 'node:child_process'
import { request } from 'node:http'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  artifactPath, buildJar, checksums, metadataPath, metadataXml, pomXml, startMavenRepo,
} from '../../test-support/maven-repo/index.js'

// Shaped like a CodeArtifact token: `+`, `/`, `=` and dots.
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Zm9v+YmFy/YmF6==.c2ln'
const HELLO = { groupId: 'com.acme', artifactId: 'hello', version: '1.0.0' }
const JAR = 'com/acme/hello/1.0.0/hello-1.0.0.jar'

let repo: Awaited<ReturnType<typeof startMavenRepo>>
let scratch: string

beforeAll(async () => {
  repo = await startMavenRepo({ token: TOKEN })
  repo.publish({ groupId: 'com.acme', artifactId: 'acme-parent', version: '1.0.0', packaging: 'pom' })
  repo.publish(HELLO)
  scratch = mkdtempSync(join(tmpdir(), 'maven-repo-test-'))
})
afterAll(async () => {
  await repo?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})
beforeEach(() => repo.clearRequests())

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
const AUTH = { authorization: basic('aws', TOKEN) }
const sha1 = (data: Buffer | string) => createHash('sha1').update(data).digest('hex')
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer())
/** A GET with the path sent exactly as written (fetch would resolve `..` first). */
const rawStatus = (path: string) => new Promise<number>((resolve, reject) => {
  request({ host: '127.0.0.1', port: repo.port, path, headers: AUTH }, (res) => { res.resume(); resolve(res.statusCode ?? 0) })
    .once('error', reject).end()
})
const summary = () => repo.requests.map((r) => [r.method, r.path.slice('/maven/shared/'.length), r.scheme, r.user, r.authorized, r.status])

describe('the Maven repository server', () => {
  test('has a CodeArtifact-style URL on 127.0.0.1', () => {
    expect(repo.url).toBe(`http://127.0.0.1:${repo.port}/maven/shared/`)
    expect(repo.repository).toBe('shared')
  })

  test('answers 401 with a Basic challenge without or with wrong credentials, 200 with aws:<token>', async () => {
    const url = `${repo.url}${JAR}`
    const refused = [
      await fetch(url),
      await fetch(url, { headers: { authorization: basic('aws', 'wrong') } }),
      await fetch(url, { headers: { authorization: basic('AWS', TOKEN) } }),
      await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } }),
      await fetch(url, { headers: { authorization: 'Basic not-base64-without-colon' } }),
    ]
    for (const response of refused) {
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="shared/maven"')
    }
    const ok = await fetch(url, { headers: AUTH })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('www-authenticate')).toBeNull()
    expect(ok.headers.get('content-type')).toBe('application/java-archive')
    expect(await bytes(ok)).toEqual(repo.file(JAR))
    expect(summary()).toEqual([
      ['GET', JAR, null, null, false, 401],
      ['GET', JAR, 'Basic', 'aws', false, 401],
      ['GET', JAR, 'Basic', 'AWS', false, 401],
      ['GET', JAR, 'Bearer', null, false, 401],
      ['GET', JAR, 'Basic', null, false, 401],
      ['GET', JAR, 'Basic', 'aws', true, 200],
    ])
  })

  test('HEAD answers like GET without a body; missing files and folders are 404', async () => {
    const head = await fetch(`${repo.url}${JAR}`, { method: 'HEAD', headers: AUTH })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(repo.file(JAR)?.length))
    expect((await bytes(head)).length).toBe(0)
    expect((await fetch(`${repo.url}${JAR}`, { method: 'HEAD' })).status).toBe(401)
    expect((await fetch(`${repo.url}com/acme/hello/9.9.9/hello-9.9.9.jar`, { method: 'HEAD', headers: AUTH })).status).toBe(404)
    expect((await fetch(`${repo.url}com/acme/hello/`, { headers: AUTH })).status).toBe(404)
    expect(summary().map((r) => [r[0], r[5]])).toEqual([['HEAD', 200], ['HEAD', 401], ['HEAD', 404], ['GET', 404]])
  })

  test('PUT stores the body only with the right credentials; GET returns it', async () => {
    const path = 'com/acme/put/0.1.0/put-0.1.0.jar'
    const data = buildJar({ groupId: 'com.acme', artifactId: 'put', version: '0.1.0' })
    const put = (headers: Record<string, string>) => fetch(`${repo.url}${path}`, { method: 'PUT', body: data, headers })
    expect((await put({ authorization: basic('aws', 'wrong') })).status).toBe(401)
    expect(repo.file(path)).toBeUndefined()
    expect((await put(AUTH)).status).toBe(201)
    expect(repo.file(path)).toEqual(data)
    expect(await bytes(await fetch(`${repo.url}${path}`, { headers: AUTH }))).toEqual(data)
    expect(repo.paths()).toContain(path)
    expect(summary()).toEqual([
      ['PUT', path, 'Basic', 'aws', false, 401], ['PUT', path, 'Basic', 'aws', true, 201], ['GET', path, 'Basic', 'aws', true, 200],
    ])
  })

  test('refuses paths outside the repository and methods other than GET, HEAD, PUT', async () => {
    const other = `http://127.0.0.1:${repo.port}/maven/other/${JAR}`
    expect((await fetch(other, { headers: AUTH })).status).toBe(404)
    expect(await rawStatus(`/maven/shared/com/../${JAR}`)).toBe(404)
    expect(await rawStatus(`/maven/shared/com/%2e%2e/${JAR}`)).toBe(404)
    expect(await rawStatus(`/maven/shared/com%2facme%2fhello/1.0.0/hello-1.0.0.jar`)).toBe(404)
    expect(await rawStatus(`/maven/shared/${JAR}?query=1`)).toBe(200)
    const post = await fetch(`${repo.url}${JAR}`, { method: 'POST', body: 'x', headers: AUTH })
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD, PUT'])
    expect((await fetch(`${repo.url}${JAR}`, { headers: AUTH })).status).toBe(200)
  })

  test('seeds POM, jar, metadata and their .sha1/.md5 as Maven lays them out', async () => {
    expect(repo.paths().filter((p) => p.startsWith('com/acme/hello/'))).toEqual([
      'com/acme/hello/1.0.0/hello-1.0.0.jar', 'com/acme/hello/1.0.0/hello-1.0.0.jar.md5', 'com/acme/hello/1.0.0/hello-1.0.0.jar.sha1',
      'com/acme/hello/1.0.0/hello-1.0.0.pom', 'com/acme/hello/1.0.0/hello-1.0.0.pom.md5', 'com/acme/hello/1.0.0/hello-1.0.0.pom.sha1',
      'com/acme/hello/maven-metadata.xml', 'com/acme/hello/maven-metadata.xml.md5', 'com/acme/hello/maven-metadata.xml.sha1',
    ])
    // A parent (packaging pom) has no jar.
    expect(repo.paths().filter((p) => p.includes('acme-parent/1.0.0/') && !/\.(sha1|md5)$/.test(p))).toEqual(['com/acme/acme-parent/1.0.0/acme-parent-1.0.0.pom'])
    expect(repo.file('com/acme/acme-parent/1.0.0/acme-parent-1.0.0.pom')?.toString()).toContain('<packaging>pom</packaging>')
    for (const path of [JAR, artifactPath(HELLO, 'pom'), metadataPath(HELLO)]) {
      const data = await bytes(await fetch(`${repo.url}${path}`, { headers: AUTH }))
      expect((await (await fetch(`${repo.url}${path}.sha1`, { headers: AUTH })).text())).toBe(sha1(data))
      expect(repo.file(`${path}.md5`)?.toString()).toBe(createHash('md5').update(data).digest('hex'))
    }
    expect(checksums('abc')).toEqual({ sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d', md5: '900150983cd24fb0d6963f7d28e17f72' })

    expect(repo.publish({ ...HELLO, version: '1.1.0' })).toEqual([
      'com/acme/hello/1.1.0/hello-1.1.0.pom', 'com/acme/hello/1.1.0/hello-1.1.0.jar', 'com/acme/hello/maven-metadata.xml',
    ])
    const metadata = repo.file(metadataPath(HELLO))?.toString()
    expect(metadata).toBe(metadataXml(HELLO, ['1.0.0', '1.1.0']))
    expect(metadata).toContain('<release>1.1.0</release>')
    expect(metadata).toMatch(/<versions>\s*<version>1\.0\.0<\/version>\s*<version>1\.1\.0<\/version>\s*<\/versions>/)
  })

  test('builds a POM with parent, dependencies and repositories, and a valid jar', () => {
    const pom = pomXml({ ...HELLO, artifactId: 'app', parent: { ...HELLO, artifactId: 'acme-parent' }, dependencies: [{ ...HELLO, scope: 'test' }], repositories: [{ id: 'x', url: 'http://h/a&b' }] })
    expect(pom).toMatch(/<parent>\s*<groupId>com\.acme<\/groupId>\s*<artifactId>acme-parent<\/artifactId>\s*<version>1\.0\.0<\/version>\s*<\/parent>/)
    expect(pom).toMatch(/<dependency>\s*<groupId>com\.acme<\/groupId>\s*<artifactId>hello<\/artifactId>\s*<version>1\.0\.0<\/version>\s*<scope>test<\/scope>/)
    expect(pom).toContain('<url>http://h/a&#38;b</url>')
    expect(pom).toContain('<packaging>jar</packaging>')

    const jar = join(scratch, 'hello.jar')
    writeFileSync(jar, buildJar(HELLO, { 'META-INF/gradle-plugins/x.properties': 'implementation-class=X\n' }))
    const check = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(sorted(z.namelist()))\nprint(z.read("hello.txt").decode(), end="")'
    const result = spawnSync('/usr/bin/python3', ['-c', check, jar], { encoding: 'utf8' })
    expect([result.status, result.stderr]).toEqual([0, ''])
    expect(result.stdout).toBe("['META-INF/MANIFEST.MF', 'META-INF/gradle-plugins/x.properties', 'META-INF/maven/com.acme/hello/pom.properties', 'hello.txt']\ncom.acme:hello:1.0.0\n")
  })
})

describe('the public stand-in (auth: false)', () => {
  test('serves everyone and records any Authorization header it gets', async () => {
    const open = await startMavenRepo({ repository: 'public', auth: false })
    try {
      expect(open.token).toBeUndefined()
      open.publish({ groupId: 'org.public', artifactId: 'lib', version: '2.0.0' })
      const path = 'org/public/lib/2.0.0/lib-2.0.0.jar'
      const anonymous = await fetch(`${open.url}${path}`)
      expect([anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual([200, null])
      expect((await fetch(`${open.url}${path}`, { headers: AUTH })).status).toBe(200)
      expect((await fetch(`${open.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
      expect(open.requests.map((r) => [r.scheme, r.user, r.authorized, r.status])).toEqual([
        [null, null, false, 200], ['Basic', 'aws', false, 200], ['Bearer', null, false, 200],
      ])
    } finally {
      await open.stop()
    }
  })

  test('a private server needs a token', async () => {
    await expect(startMavenRepo({})).rejects.toThrow('startMavenRepo needs a token unless auth is false')
  })
})
