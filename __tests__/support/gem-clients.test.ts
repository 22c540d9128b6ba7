import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildGem, credentialUrl, requireClient, startGemSource } from '../../test-support/gem-source/index.js'

// Debian's gem 3.3 and bundler 2.3 configured by hand against the CodeArtifact-like source, with a
// temp HOME and GEM_HOME each: nothing reaches rubygems.org (every gemrc names its own :sources:).
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Zm9v+YmFy/YmF6==.c2ln'
const ENCODED = encodeURIComponent(TOKEN)
const SLOW = 60000

requireClient('ruby', 'ruby')
requireClient('gem', 'ruby')
requireClient('bundle', 'ruby-bundler')
let source: Awaited<ReturnType<typeof startGemSource>>
let scratch: string
let host: string

beforeAll(async () => {
  source = await startGemSource({ token: TOKEN, gems: [
    { name: 'acme-base', version: '0.3.0' },
    { name: 'acme-hello', version: '1.0.0', dependencies: { 'acme-base': '~> 0.3' } },
  ] })
  scratch = mkdtempSync(join(tmpdir(), 'gem-clients-test-'))
  host = source.url.replace(/\/$/, '') // what `gem push --host` takes, as CodeArtifact's docs trim it
}, 60000)
afterAll(async () => {
  await source?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

/** A HOME, a private gemrc (GEMRC) and, when given, ~/.gem/credentials (mode 0600, as gem demands). */
function home(name: string, gemrc: string, credentials?: string) {
  const dir = join(scratch, name)
  mkdirSync(join(dir, 'app'), { recursive: true })
  writeFileSync(join(dir, 'gemrc'), gemrc)
  if (credentials !== undefined) {
    mkdirSync(join(dir, '.gem'))
    writeFileSync(join(dir, '.gem', 'credentials'), credentials, { mode: 0o600 })
    chmodSync(join(dir, '.gem', 'credentials'), 0o600)
  }
  return dir
}
const sources = (...urls: string[]) => `---\n:sources:\n${urls.map((u) => `- ${u}\n`).join('')}`

/** Runs a Ruby client asynchronously (the source answers from this process) in `dir`'s isolation. */
function run(command: string, args: string[], dir: string, env: Record<string, string> = {}, cwd = dir): Promise<{ status: number | null, output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 45000,
      env: {
        PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: dir, GEMRC: join(dir, 'gemrc'), GEM_HOME: join(dir, 'gems'), GEM_PATH: join(dir, 'gems'),
        BUNDLE_SILENCE_ROOT_WARNING: '1', BUNDLE_USER_HOME: join(dir, '.bundle'), BUNDLE_APP_CONFIG: join(dir, 'app', '.bundle'), BUNDLE_PATH: join(dir, 'vendor'),
        ...env,
      },
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.once('error', reject)
    child.once('close', (status) => resolve({ status, output }))
  })
}
async function seen<T>(action: () => Promise<T>) {
  const from = source.requests.length
  const result = await action()
  return { result, requests: source.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^\/ruby\/shared/, '')} ${r.scheme}:${r.user ?? ''} ${r.status}`) }
}
const hello = (dir: string) => run('ruby', ['-e', 'require "acme-hello"; print AcmeHello.hello'], dir)

describe('gem install with the credentials in a private gemrc (GEMRC)', () => {
  test('installs with the percent-encoded aws:<token> source URL in :sources:, sending Basic on every request', async () => {
    const dir = home('install', sources(credentialUrl(source.url, TOKEN)))
    const { result, requests } = await seen(() => run('gem', ['install', 'acme-hello', '--no-document'], dir))
    expect(result).toEqual({ status: 0, output: 'Successfully installed acme-base-0.3.0\nSuccessfully installed acme-hello-1.0.0\n2 gems installed\n' })
    expect(requests.slice(0, 4)).toEqual(['HEAD / Basic:aws 200', 'GET /info/acme-hello Basic:aws 200',
      'GET /quick/Marshal.4.8/acme-hello-1.0.0.gemspec.rz Basic:aws 200', 'GET /info/acme-base Basic:aws 200'])
    expect(requests.every((r) => r.endsWith('Basic:aws 200'))).toBe(true)
    expect(await hello(dir)).toEqual({ status: 0, output: 'hello from acme-hello 1.0.0' })
  }, SLOW)

  test('--source <plain URL> is added beside the gemrc sources, not given their credentials: a 401 warning, then the credentialed one serves', async () => {
    const dir = home('install-source', sources(credentialUrl(source.url, TOKEN)))
    const { result, requests } = await seen(() => run('gem', ['install', 'acme-hello', '--no-document', '--source', source.url], dir))
    expect(result.status).toBe(0)
    expect(result.output).toContain(`WARNING:  Unable to pull data from '${source.url}': bad response Unauthorized 401`)
    expect(requests).toContain('HEAD / null: 401')
    expect(requests).toContain('GET /gems/acme-hello-1.0.0.gem Basic:aws 200')
  }, SLOW)

  test.each([
    ['a wrong token', () => sources(credentialUrl(source.url, 'wrong')), 2, 'bad response Unauthorized 401'],
    ['no credentials', () => sources(source.url), 2, "Could not find a valid gem 'acme-hello'"],
    ['the token not percent-encoded', () => sources(source.url.replace('//', `//aws:${TOKEN}@`)), 1, 'URI::InvalidURIError'],
  ])('fails with %s', async (which, gemrc, status, message) => {
    const dir = home(`install-${which.replace(/\W+/g, '-')}`, gemrc())
    const result = await run('gem', ['install', 'acme-hello', '--no-document'], dir)
    expect(result.status).toBe(status)
    expect(result.output).toContain(message)
    expect(result.output).not.toContain(ENCODED)
  }, SLOW)
})

describe('bundle install from a Gemfile source with BUNDLE_<HOST> = aws:<token>', () => {
  const bundle = async (name: string, env: Record<string, string>) => {
    const dir = home(name, '--- {}\n')
    writeFileSync(join(dir, 'app', 'Gemfile'), `source ${JSON.stringify(source.url)}\n\ngem "acme-hello", "1.0.0"\n`)
    return { dir, ...(await seen(() => run('bundle', ['install'], dir, env, join(dir, 'app')))) }
  }

  test('BUNDLE_127__0__0__1 (the host without its port) with the token percent-encoded: the dependency API after /versions 404s', async () => {
    const { dir, result, requests } = await bundle('bundle-host', { BUNDLE_127__0__0__1: `aws:${ENCODED}` })
    expect(result.status).toBe(0)
    expect(result.output).toContain('Bundle complete! 1 Gemfile dependency, 3 gems now installed.')
    expect(requests).toEqual([
      'GET /versions Basic:aws 404', 'GET /api/v1/dependencies Basic:aws 200', 'GET /api/v1/dependencies Basic:aws 200',
      'GET /api/v1/dependencies Basic:aws 200', 'GET /quick/Marshal.4.8/acme-hello-1.0.0.gemspec.rz Basic:aws 200',
      'GET /quick/Marshal.4.8/acme-base-0.3.0.gemspec.rz Basic:aws 200',
      expect.stringMatching(/^GET \/gems\/acme-(base-0\.3\.0|hello-1\.0\.0)\.gem Basic:aws 200$/),
      expect.stringMatching(/^GET \/gems\/acme-(base-0\.3\.0|hello-1\.0\.0)\.gem Basic:aws 200$/),
    ])
    const exec = await run('bundle', ['exec', 'ruby', '-e', 'require "acme-hello"; print AcmeHello.hello'], dir, {}, join(dir, 'app'))
    expect(exec).toEqual({ status: 0, output: 'hello from acme-hello 1.0.0' })
  }, SLOW)

  test('the full-URL key, BUNDLE_HTTP://127__0__0__1:<PORT>/RUBY/SHARED/, is the one that names the port', async () => {
    const { result } = await bundle('bundle-url', { [`BUNDLE_HTTP://127__0__0__1:${source.port}/RUBY/SHARED/`]: `aws:${ENCODED}` })
    expect(result.status).toBe(0)
    const noSlash = await bundle('bundle-url-no-slash', { [`BUNDLE_HTTP://127__0__0__1:${source.port}/RUBY/SHARED`]: `aws:${ENCODED}` })
    expect(noSlash.result.status).toBe(17)
  }, SLOW)

  test('without credentials its error names the variable; a raw token with +/= is refused before any request; a wrong one fails', async () => {
    const none = await bundle('bundle-none', {})
    expect(none.result.status).toBe(17)
    expect(none.result.output).toContain('Authentication is required for 127.0.0.1.\n')
    expect(none.result.output).toContain('`bundle config set --global 127.0.0.1 username:password`\nor by storing the credentials in the `BUNDLE_127__0__0__1` environment variable')
    expect(none.requests).toEqual(['GET /versions null: 401'])

    const raw = await bundle('bundle-raw', { BUNDLE_127__0__0__1: `aws:${TOKEN}` })
    expect([raw.result.status, raw.requests]).toEqual([17, []])
    expect(raw.result.output).toContain('Please CGI escape your usernames and passwords before setting them for\nauthentication.')

    const wrong = await bundle('bundle-wrong', { BUNDLE_127__0__0__1: 'aws:wrong' })
    expect(wrong.result.status).toBe(17)
    expect(wrong.result.output).toContain(`Bad username or password for http://aws@127.0.0.1:${source.port}/ruby/shared/.`)
    expect(wrong.result.output).not.toContain('wrong')
  }, SLOW)
})

describe('gem push --host <endpoint without trailing slash>: Authorization is the key verbatim', () => {
  let count = 0
  const pushFrom = async (dir: string, args: string[] = ['--host', host], env: Record<string, string> = {}) => {
    const gem = await buildGem({ name: `acme-push${++count}`, version: '0.1.0' }, dir)
    return { name: `acme-push${count}`, ...(await seen(() => run('gem', ['push', gem.path ?? '', ...args], dir, env))) }
  }
  const pushed = (name: string) => source.pushed.some((g) => g.name === name)

  test.each([
    ['GEM_HOST_API_KEY=Bearer <token> (any host: the variable is not scoped)', () => [home('push-env', '--- {}\n'), undefined, { GEM_HOST_API_KEY: `Bearer ${TOKEN}` }]],
    ['the host URL as a key in ~/.gem/credentials', () => [home('push-cred', '--- {}\n', `---\n${JSON.stringify(host)}: Bearer ${TOKEN}\n`)]],
    ['the host URL as a key in GEMRC, when no credentials file exists', () => [home('push-gemrc', `---\n${JSON.stringify(host)}: Bearer ${TOKEN}\n`)]],
    ['CodeArtifact\'s documented :codeartifact_api_key: with --key', () => [home('push-key', '--- {}\n', `---\n:codeartifact_api_key: Bearer ${TOKEN}\n`), ['--host', host, '--key', 'codeartifact_api_key']]],
  ] as [string, () => [string, string[]?, Record<string, string>?]][])('pushes with %s', async (_which, setup) => {
    const [dir, args, env] = setup()
    const { name, result, requests } = await pushFrom(dir, args, env)
    expect(result.status).toBe(0)
    expect(result.output).toContain(`Pushing gem to ${host}...\nSuccessfully registered gem: ${name} (0.1.0)`)
    expect(requests).toEqual(['POST /api/v1/gems Bearer: 200'])
    expect(pushed(name)).toBe(true)
  }, SLOW)

  test('a GEMRC host key is ignored once ~/.gem/credentials exists; a raw token and a trailing-slash host are refused', async () => {
    const shadowed = await pushFrom(home('push-shadowed', `---\n${JSON.stringify(host)}: Bearer ${TOKEN}\n`, '---\n:rubygems_api_key: other\n'))
    expect([shadowed.result.status, shadowed.requests]).toEqual([1, ['POST /api/v1/gems other: 401']])
    const raw = await pushFrom(home('push-raw', '--- {}\n'), undefined, { GEM_HOST_API_KEY: TOKEN })
    expect([raw.result.status, raw.requests]).toEqual([1, ['POST /api/v1/gems other: 401']])
    const slash = await pushFrom(home('push-slash', '--- {}\n'), ['--host', source.url], { GEM_HOST_API_KEY: `Bearer ${TOKEN}` })
    expect([slash.result.status, slash.requests]).toEqual([1, ['POST //api/v1/gems Bearer: 401']])
    expect([shadowed.name, raw.name, slash.name].some(pushed)).toBe(false)
    expect(existsSync(join(scratch, 'push-raw', '.gem', 'credentials'))).toBe(false)
  }, SLOW)
})
