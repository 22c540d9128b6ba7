import { createHash } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import { buildGem, credentialUrl, runRuby, startGemSource } from '../../test-support/gem-source/index.js'
import { marshal } from '../../test-support/gem-source/marshal.js'

// Shaped like a CodeArtifact token, with the characters that need percent-encoding in a URL.
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Zm9v+YmFy/YmF6==.c2ln'

let source: Awaited<ReturnType<typeof startGemSource>>

// Seeding runs the real `gem build` and Ruby (Debian `ruby`); without them this fails saying so.
beforeAll(async () => {
  source = await startGemSource({ token: TOKEN, gems: [
    { name: 'acme-base', version: '0.3.0' },
    { name: 'acme-hello', version: '1.0.0', dependencies: { 'acme-base': '~> 0.3' } },
  ] })
}, 60000)
afterAll(async () => { await source?.stop() })

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
const READ = basic('aws', TOKEN)
const get = (path: string, authorization?: string, method = 'GET') =>
  fetch(`${source.url}${path}`, { method, headers: authorization === undefined ? {} : { authorization } })
const push = (body: Buffer, authorization: string) =>
  fetch(`${source.url}api/v1/gems`, { method: 'POST', body, headers: { authorization, 'content-type': 'application/octet-stream' } })
async function seen<T>(action: () => Promise<T>) {
  const from = source.requests.length
  const result = await action()
  return { result, requests: source.requests.slice(from) }
}
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')
/** What Ruby's own Marshal.load makes of a body: the proof that our encoder writes Ruby's format. */
const rubyInspect = async (data: Buffer) => (await runRuby('ruby', ['-e', 'p Marshal.load(STDIN.binmode.read)'], { input: data })).toString('utf8')

describe('the gem source: reads', () => {
  const paths = ['', 'info/acme-hello', 'api/v1/dependencies?gems=acme-hello', 'quick/Marshal.4.8/acme-hello-1.0.0.gemspec.rz', 'gems/acme-hello-1.0.0.gem']

  test('answer 401 with a Basic challenge without credentials, with a wrong token or user, or with the token as Bearer', async () => {
    expect(source.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ruby\/shared\/$/)
    for (const authorization of [undefined, basic('aws', 'wrong'), basic('AWS', TOKEN), `Bearer ${TOKEN}`]) {
      const { result, requests } = await seen(() => Promise.all(paths.map((path) => get(path, authorization))))
      expect(result.map((r) => r.status)).toEqual([401, 401, 401, 401, 401])
      expect(result.map((r) => r.headers.get('www-authenticate'))).toEqual(paths.map(() => 'Basic realm="shared"'))
      expect(requests.every((r) => !r.authorized && r.status === 401)).toBe(true)
    }
    expect(source.requests.slice(-2).map((r) => [r.scheme, r.user])).toEqual([['Bearer', null], ['Bearer', null]])
  })

  test('with Basic aws:<token> (the positive control) serve the root, compact-index info, quick specs and gems', async () => {
    const { result, requests } = await seen(() => Promise.all(paths.map((path) => get(path, READ))))
    expect(result.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(requests.map((r) => [r.scheme, r.user, r.authorized])).toEqual(paths.map(() => ['Basic', 'aws', true]))
    expect((await get('', READ, 'HEAD')).status).toBe(200)

    const [hello] = source.gems('acme-hello')
    const gem = Buffer.from(await result[4]?.arrayBuffer() ?? new ArrayBuffer(0))
    expect(sha256(gem)).toBe(hello?.sha256)
    expect(await result[1]?.text()).toBe(`---\n1.0.0 acme-base:~> 0.3|checksum:${hello?.sha256}\n`)
    const spec = inflateSync(Buffer.from(await result[3]?.arrayBuffer() ?? new ArrayBuffer(0)))
    expect(await runRuby('ruby', ['-e', 's = Marshal.load(STDIN.binmode.read); print s.full_name, " ", s.dependencies.map(&:to_s).join'], { input: spec }))
      .toEqual(Buffer.from('acme-hello-1.0.0 acme-base (~> 0.3)'))
  })

  test('like CodeArtifact, have no compact-index /versions and no full specs.4.8 index', async () => {
    for (const path of ['versions', 'specs.4.8.gz', 'latest_specs.4.8.gz', 'prerelease_specs.4.8.gz', 'info/nothing', 'gems/nothing-1.0.gem']) {
      expect([path, (await get(path, READ)).status]).toEqual([path, 404])
    }
  })

  test('the dependency API answers in Ruby Marshal: empty for the probe, one record per version asked for', async () => {
    const probe = await get('api/v1/dependencies', READ)
    expect([probe.status, (await probe.arrayBuffer()).byteLength]).toEqual([200, 0])
    const body = Buffer.from(await (await get('api/v1/dependencies?gems=acme-hello,acme-base,nothing', READ)).arrayBuffer())
    expect(await rubyInspect(body)).toBe('[{:name=>"acme-hello", :number=>"1.0.0", :platform=>"ruby", :dependencies=>[["acme-base", "~> 0.3"]]}, ' +
      '{:name=>"acme-base", :number=>"0.3.0", :platform=>"ruby", :dependencies=>[]}]\n')
  })

  test('the Marshal writer covers what Ruby reads back: nil, booleans, integers, UTF-8, repeated symbols', async () => {
    const value = [null, true, false, 0, 122, 123, 256, 65536, -1, -124, -70000, 'é', [Symbol.for('a'), Symbol.for('a')], new Map([[Symbol.for('a'), 'E']])]
    expect(await rubyInspect(marshal(value))).toBe('[nil, true, false, 0, 122, 123, 256, 65536, -1, -124, -70000, "é", [:a, :a], {:a=>"E"}]\n')
  })

  test('credentialUrl percent-encodes the token for a gemrc source or --source', () => {
    expect(credentialUrl('http://127.0.0.1:1/ruby/shared/', TOKEN)).toBe(`http://aws:${encodeURIComponent(TOKEN)}@127.0.0.1:1/ruby/shared/`)
  })
})

describe('the gem source: gem push (POST /api/v1/gems)', () => {
  test('needs Authorization: Bearer <token>; registers the gem once; refuses what RubyGems cannot read', async () => {
    const { data } = await buildGem({ name: 'acme-pushed', version: '2.0.0' })
    const { requests } = await seen(async () => {
      for (const authorization of [READ, TOKEN, 'Bearer wrong']) expect((await push(data, authorization)).status).toBe(401)
      expect(source.gems('acme-pushed')).toEqual([])
      const ok = await push(data, `Bearer ${TOKEN}`)
      expect([ok.status, await ok.text()]).toEqual([200, 'Successfully registered gem: acme-pushed (2.0.0)\n'])
      expect((await push(data, `Bearer ${TOKEN}`)).status).toBe(409)
      expect((await push(Buffer.from('not a gem'), `Bearer ${TOKEN}`)).status).toBe(422)
    })
    expect(requests.map((r) => [r.method, r.path, r.scheme, r.authorized, r.status])).toEqual([
      ['POST', '/ruby/shared/api/v1/gems', 'Basic', false, 401],
      ['POST', '/ruby/shared/api/v1/gems', 'other', false, 401],
      ['POST', '/ruby/shared/api/v1/gems', 'Bearer', false, 401],
      ['POST', '/ruby/shared/api/v1/gems', 'Bearer', true, 200],
      ['POST', '/ruby/shared/api/v1/gems', 'Bearer', true, 409],
      ['POST', '/ruby/shared/api/v1/gems', 'Bearer', true, 422],
    ])
    expect(source.pushed.map((g) => [g.name, g.version, g.sha256])).toEqual([['acme-pushed', '2.0.0', sha256(data)]])
    expect(await (await get('info/acme-pushed', READ)).text()).toBe(`---\n2.0.0 |checksum:${sha256(data)}\n`)
  }, 30000)
})
