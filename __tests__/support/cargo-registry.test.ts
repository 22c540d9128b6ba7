import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { buildCrate, indexPath, publishBody, sha256, startCargoRegistry } from '../../test-support/cargo-registry/index.js'

// Shaped like a CodeArtifact token, with the characters that need care in headers and URLs.
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Zm9v+YmFy/YmF6==.c2ln'

let registry: Awaited<ReturnType<typeof startCargoRegistry>>
let scratch: string

beforeAll(async () => {
  registry = await startCargoRegistry({ token: TOKEN, crates: [{ name: 'acme-hello', version: '1.0.0' }, { name: 'ab', version: '0.1.0' }] })
  scratch = mkdtempSync(join(tmpdir(), 'cargo-registry-test-'))
})
afterAll(async () => {
  await registry?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

const get = (path: string, authorization?: string) =>
  fetch(`${registry.url}${path}`, { headers: authorization === undefined ? {} : { authorization } })
/** Requests the registry saw while `action` ran. */
async function seen<T>(action: () => Promise<T>) {
  const from = registry.requests.length
  const result = await action()
  return { result, requests: registry.requests.slice(from) }
}

describe('sparse index paths', () => {
  test.each([
    ['a', '1/a'], ['ab', '2/ab'], ['abc', '3/a/abc'], ['abcd', 'ab/cd/abcd'], ['Acme-Hello', 'ac/me/acme-hello'],
  ])('%s → %s', (name, path) => expect(indexPath(name)).toBe(path))
})

describe('the registry', () => {
  const paths = ['config.json', 'ac/me/acme-hello', '2/ab', 'api/v1/crates/acme-hello/1.0.0/download']

  test('answers 401 with a Cargo challenge without the token, a wrong one, or the token as Bearer', async () => {
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cargo\/shared\/$/)
    expect(registry.indexUrl).toBe(`sparse+${registry.url}`)
    for (const authorization of [undefined, 'wrong', `Bearer ${TOKEN}`, TOKEN.toLowerCase()]) {
      const { result, requests } = await seen(() => Promise.all(paths.map((path) => get(path, authorization))))
      expect(result.map((r) => r.status)).toEqual([401, 401, 401, 401])
      expect(result[0]?.headers.get('www-authenticate')).toBe(`Cargo login_url="${registry.url}me"`)
      expect(requests.map((r) => [r.authorization, r.authorized])).toEqual(paths.map(() => [authorization ?? null, false]))
    }
  })

  test('with the bare token (the positive control) serves config.json, index files and downloads', async () => {
    const { result, requests } = await seen(() => Promise.all(paths.map((path) => get(path, TOKEN))))
    expect(result.map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect(requests.every((r) => r.authorized && r.authorization === TOKEN)).toBe(true)
    expect(await result[0]?.json()).toEqual({
      dl: `${registry.url}api/v1/crates`, api: registry.url.replace(/\/$/, ''), 'auth-required': true,
    })
    const line = JSON.parse(await result[1]?.text() ?? '')
    const crate = Buffer.from(await result[3]?.arrayBuffer() ?? new ArrayBuffer(0))
    expect(line).toEqual({ name: 'acme-hello', vers: '1.0.0', deps: [], cksum: sha256(crate), features: {}, yanked: false })
    expect(crate).toEqual(registry.versions('acme-hello')[0]?.data)
    expect((await get('ac/me/nothing', TOKEN)).status).toBe(404)
    expect((await get('AC/ME/acme-hello', TOKEN)).status).toBe(404)
  })

  test('builds .crate files that tar reads: Cargo.toml and src/lib.rs under <name>-<version>/', () => {
    const { filename, data, entry } = buildCrate({ name: 'acme-deps', version: '0.2.0', dependencies: { 'acme-hello': '^1' } })
    expect(filename).toBe('acme-deps-0.2.0.crate')
    writeFileSync(join(scratch, filename), data)
    const listing = spawnSync('tar', ['-tzf', join(scratch, filename)], { encoding: 'utf8' })
    expect(listing.stdout.split('\n').filter(Boolean)).toEqual(['acme-deps-0.2.0/Cargo.toml', 'acme-deps-0.2.0/src/lib.rs'])
    expect(gunzipSync(data).toString('utf8')).toContain('[dependencies]\nacme-hello = "^1"\n')
    expect(entry.deps).toEqual([{ name: 'acme-hello', req: '^1', features: [], optional: false, default_features: true, target: null, kind: 'normal' }])
  })

  test('takes cargo publish bodies with the token only, indexes them, refuses a second upload', async () => {
    const { data } = buildCrate({ name: 'acme-new', version: '0.1.0' })
    const metadata = {
      name: 'acme-new', vers: '0.1.0', features: {}, links: null, rust_version: null,
      deps: [{ name: 'acme-hello', version_req: '^1.0', features: [], optional: false, default_features: true, target: null, kind: 'normal', registry: null, explicit_name_in_toml: 'hello' }],
    }
    const publish = (authorization: string) => fetch(`${registry.url}api/v1/crates/new`, { method: 'PUT', headers: { authorization }, body: publishBody(metadata, data) })
    const refused = await publish(`Bearer ${TOKEN}`)
    expect([refused.status, await refused.json()]).toEqual([401, { errors: [{ detail: 'unauthorized' }] }])
    expect(registry.versions('acme-new')).toEqual([])

    expect((await publish(TOKEN)).status).toBe(200)
    const again = await publish(TOKEN)
    expect([again.status, await again.json()]).toEqual([409, { errors: [{ detail: 'crate version `acme-new@0.1.0` is already uploaded' }] }])
    expect(registry.published).toEqual([expect.objectContaining({ name: 'acme-new', vers: '0.1.0', cksum: sha256(data) })])
    const line = JSON.parse(await (await get('ac/me/acme-new', TOKEN)).text())
    expect(line.deps).toEqual([expect.objectContaining({ name: 'hello', package: 'acme-hello', req: '^1.0' })])

    const truncated = await fetch(`${registry.url}api/v1/crates/new`, { method: 'PUT', headers: { authorization: TOKEN }, body: publishBody(metadata, data).subarray(0, 20) })
    expect(truncated.status).toBe(400)
  })

  test('records method, path, the Authorization seen and the status of every request', async () => {
    const { requests } = await seen(async () => {
      await get('config.json', 'nope')
      await fetch(`${registry.url}config.json`, { method: 'HEAD', headers: { authorization: TOKEN } })
      await fetch(`http://127.0.0.1:${registry.port}/elsewhere`, { headers: { authorization: TOKEN } })
    })
    expect(requests).toEqual([
      { method: 'GET', path: '/cargo/shared/config.json', authorization: 'nope', authorized: false, status: 401 },
      { method: 'HEAD', path: '/cargo/shared/config.json', authorization: TOKEN, authorized: true, status: 200 },
      { method: 'GET', path: '/elsewhere', authorization: TOKEN, authorized: true, status: 404 },
    ])
  })
})
