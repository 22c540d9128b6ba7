/**
 * CodeArtifact for bundler and gem through dist/: Debian's ruby, bundler 2.3 and gem 3.3 install from
 * a CodeArtifact-like gem source (reads need Basic aws:<token>, pushes Bearer <token>) and push to
 * it, with nothing but what the action exported or wrote: bundler's per-host variable (and its
 * rubygems.org mirror with public-registry: replace), and the private gemrc behind GEMRC.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { buildGem, requireClient, startGemSource } from '../test-support/gem-source/index.js'
import { makeSandbox, type Emulator, type Sandbox } from './fixture.js'
import { runClient, stepEnv, type ClientRun } from './clients.js'

const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.cnVieQ+/dG9rZW4=.c2ln'
const SLOW = 120000
requireClient('ruby', 'ruby')
requireClient('gem', 'ruby')
requireClient('bundle', 'ruby-bundler')
let emu: Emulator
let source: Awaited<ReturnType<typeof startGemSource>>
let sandbox: Sandbox
let host: string

beforeAll(async () => {
  source = await startGemSource({ token: TOKEN, gems: [
    { name: 'acme-base', version: '0.3.0' },
    { name: 'acme-hello', version: '1.0.0', dependencies: { 'acme-base': '~> 0.3' } },
  ] })
  host = source.url.replace(/\/$/, '')
  emu = await startEmulator({
    token: () => TOKEN,
    repositoryEndpoint: ({ format }: { format: string }) => (format === 'ruby' ? source.url : `https://unused.example/${format}/`),
  })
}, 60000)
afterAll(async () => {
  await Promise.all([emu?.stop(), source?.stop()])
})
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

const CA = { domain: 'acme', repository: 'shared' }

/** A later step's environment: the job's and the action's, plus where gems go (nothing about credentials). */
function rubyEnv(later: Record<string, string>): Record<string, string> {
  const dir = sandbox.dir
  return stepEnv(later, {
    PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', GEM_HOME: path.join(dir, 'gems'), GEM_PATH: path.join(dir, 'gems'),
    BUNDLE_SILENCE_ROOT_WARNING: '1', BUNDLE_PATH: path.join(dir, 'vendor'), BUNDLE_APP_CONFIG: path.join(dir, 'app-bundle'),
  })
}

/** A project folder with a Gemfile using `gemSource`. */
function gemfileProject(name: string, gemSource: string): string {
  const dir = path.join(sandbox.dir, name)
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'Gemfile'), `source ${JSON.stringify(gemSource)}\n\ngem "acme-hello", "1.0.0"\n`)
  return dir
}

const requestsSeen = (from: number) => source.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^\/ruby\/shared/, '')} ${r.scheme}:${r.user ?? ''} ${r.status}`)

describe('bundler', () => {
  test('keep: a Gemfile source naming the endpoint installs with BUNDLE_<HOST>; without the action bundler asks for credentials', async () => {
    const app = gemfileProject('app', source.url)
    let run: ClientRun | undefined
    const from = source.requests.length
    const result = await sandbox.run({
      with: { ...CA, tools: 'bundler' },
      beforePost: async (_main, later) => {
        run = await runClient(['bundle'], ['install'], rubyEnv(later.env), app)
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(result.main.env).toEqual({ CODEARTIFACT_AUTH_TOKEN: TOKEN, BUNDLE_127__0__0__1: `aws:${encodeURIComponent(TOKEN)}` })
    expect(run?.status).toBe(0)
    expect(run?.output).toContain('Bundle complete! 1 Gemfile dependency, 3 gems now installed.')
    const requests = requestsSeen(from)
    expect(requests).toContain('GET /gems/acme-hello-1.0.0.gem Basic:aws 200')
    expect(requests.filter((r) => !r.includes(' Basic:aws '))).toEqual([])
    expect(run?.output).not.toContain(encodeURIComponent(TOKEN))
    expect(result.leaks).toEqual([])

    const without = await runClient(['bundle'], ['install'], rubyEnv(stepEnv(sandbox.env)), gemfileProject('without', source.url))
    expect(without.status).toBe(17)
    expect(without.output).toContain('BUNDLE_127__0__0__1')
  }, SLOW)

  test('replace: a Gemfile naming rubygems.org installs from the endpoint through the mirror variable (run through bash, as a run: step)', async () => {
    const app = gemfileProject('app', 'https://rubygems.org')
    let run: ClientRun | undefined
    const from = source.requests.length
    const result = await sandbox.run({
      with: { ...CA, tools: 'bundler', 'public-registry': 'replace' },
      beforePost: async (_main, later) => {
        run = await runClient(['/bin/bash', '-e', '-c'], ['bundle install'], rubyEnv(later.env), app)
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(result.main.env['BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/']).toBe(source.url)
    expect(run?.status).toBe(0)
    expect(run?.output).toContain('Bundle complete!')
    expect(requestsSeen(from)).toContain('GET /gems/acme-base-0.3.0.gem Basic:aws 200')
    expect(fs.readFileSync(path.join(app, 'Gemfile.lock'), 'utf8')).toContain('remote: https://rubygems.org/')
    expect(result.leaks).toEqual([])
  }, SLOW)
})

describe('gem', () => {
  test('replace: gem install from the endpoint and gem push --host to it with only GEMRC', async () => {
    const built = await buildGem({ name: 'acme-pushed', version: '0.1.0' }, path.join(sandbox.dir, 'pkg'))
    const runs: Record<string, ClientRun> = {}
    let gemrc = ''
    const from = source.requests.length
    const result = await sandbox.run({
      with: { ...CA, tools: 'gem', 'public-registry': 'replace' },
      beforePost: async (_main, later) => {
        gemrc = fs.readFileSync(later.env.GEMRC ?? '', 'utf8')
        const env = rubyEnv(later.env)
        runs.install = await runClient(['gem'], ['install', 'acme-hello', '--no-document'], env, sandbox.dir)
        runs.source = await runClient(['gem'], ['install', 'acme-base', '--no-document', '--source', source.url], env, sandbox.dir)
        runs.push = await runClient(['gem'], ['push', built.path ?? '', '--host', host], env, sandbox.dir)
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(Object.keys(result.main.env)).toEqual(['CODEARTIFACT_AUTH_TOKEN', 'GEMRC'])
    expect(result.main.env.GEMRC).toMatch(/\/registry-auth-[^/]+\/gemrc$/)
    expect(gemrc).toBe(`:sources:\n  - http://aws:${encodeURIComponent(TOKEN)}@127.0.0.1:${source.port}/ruby/shared/\n${host}: Bearer ${TOKEN}\n`)
    expect(runs.install).toEqual(expect.objectContaining({ status: 0, output: 'Successfully installed acme-base-0.3.0\nSuccessfully installed acme-hello-1.0.0\n2 gems installed\n' }))
    // --source adds a plain source beside the gemrc's: gem warns about its 401 and installs from the credentialed one.
    expect(runs.source?.status).toBe(0)
    expect(runs.push).toEqual(expect.objectContaining({ status: 0, output: `Pushing gem to ${host}...\nSuccessfully registered gem: acme-pushed (0.1.0)\n` }))
    expect(source.pushed.map((gem) => gem.name)).toEqual(['acme-pushed'])
    const requests = requestsSeen(from)
    expect(requests).toContain('POST /api/v1/gems Bearer: 200')
    expect(requests).toContain('GET /gems/acme-hello-1.0.0.gem Basic:aws 200')
    expect(result.leaks).toEqual([])
  }, SLOW)

  test('keep: the user\'s ~/.gemrc settings and sources carry over; the file itself is untouched', async () => {
    const userGemrc = path.join(sandbox.home, '.gemrc')
    const original = '---\n# mine\ngem: --no-document\n:sources:\n- http://127.0.0.1:1/\n'
    fs.writeFileSync(userGemrc, original, { mode: 0o644 })
    let run: ClientRun | undefined
    let gemrc = ''
    const result = await sandbox.run({
      with: { ...CA, tools: 'gem' },
      beforePost: async (_main, later) => {
        gemrc = fs.readFileSync(later.env.GEMRC ?? '', 'utf8')
        run = await runClient(['gem'], ['install', 'acme-hello'], rubyEnv(later.env), sandbox.dir)
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(gemrc).toContain('gem: --no-document\n:sources:\n  - http://127.0.0.1:1/\n  - http://aws:')
    expect(run?.status).toBe(0)
    expect(run?.output).toContain("Unable to pull data from 'http://127.0.0.1:1/'")
    expect(run?.output).toContain('2 gems installed')
    // --no-document from the user's gemrc was honoured: no documentation generated.
    expect(run?.output).not.toContain('documentation')
    expect(fs.readFileSync(userGemrc, 'utf8')).toBe(original)
    expect(result.leaks).toEqual([])
  }, SLOW)

  test('a ~/.gem/credentials file: a warning, gem install still works, and the one-command push it names works', async () => {
    const credentials = path.join(sandbox.home, '.gem', 'credentials')
    fs.mkdirSync(path.dirname(credentials), { recursive: true })
    fs.writeFileSync(credentials, '---\n:rubygems_api_key: rubygems_0123456789abcdef\n', { mode: 0o600 })
    const built = await buildGem({ name: 'acme-keyed', version: '0.2.0' }, path.join(sandbox.dir, 'pkg'))
    const runs: Record<string, ClientRun> = {}
    const result = await sandbox.run({
      with: { ...CA, tools: 'gem', 'public-registry': 'replace' },
      beforePost: async (_main, later) => {
        const env = rubyEnv(later.env)
        runs.install = await runClient(['gem'], ['install', 'acme-hello', '--no-document'], env, sandbox.dir)
        runs.plainPush = await runClient(['gem'], ['push', built.path ?? '', '--host', host], env, sandbox.dir)
        runs.namedPush = await runClient(['/bin/bash', '-e', '-c'], [`GEM_HOST_API_KEY="Bearer $CODEARTIFACT_AUTH_TOKEN" gem push --host ${host} ${built.path}`], env, sandbox.dir)
      },
    }, [TOKEN])
    expect(result.main.exitCode).toBe(0)
    expect(result.main.warnings).toEqual([expect.stringContaining(`gem push takes API keys only from ${credentials} while it exists`)])
    expect(runs.install?.status).toBe(0)
    expect(runs.plainPush?.status).toBe(1)
    expect(runs.namedPush?.status).toBe(0)
    expect(source.pushed.map((gem) => gem.name)).toContain('acme-keyed')
    expect(fs.readFileSync(credentials, 'utf8')).toBe('---\n:rubygems_api_key: rubygems_0123456789abcdef\n')
    expect(result.leaks).toEqual([])
  }, SLOW)
})
