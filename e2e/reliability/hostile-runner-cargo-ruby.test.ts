/**
 * The CodeArtifact token goes only to the CodeArtifact host, for cargo, bundler and gem, through
 * dist/ with the real clients: another registry in the same cargo project, another gem source in the
 * same Gemfile, and `gem install --source` / `gem push --host` naming another host never carry it.
 * The other registry is a recorder on 127.0.0.2: bundler keys credentials by host, not by port.
 * Positive controls show each client reaching CodeArtifact with the token in the same job.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../../test-support/emulator/index.js'
import { findCargo } from '../../test-support/cargo-registry/cargo.js'
import { startCargoRegistry } from '../../test-support/cargo-registry/index.js'
import { buildGem, requireClient, startGemSource } from '../../test-support/gem-source/index.js'
import { startRecorder } from '../../test-support/recorder.js'
import { runClient, stepEnv, type ClientRun } from '../clients.js'
import { makeSandbox, type Emulator, type Sandbox } from '../fixture.js'

const TOKEN = 'eyJ2ZXIiOjF9.hostile-cargo-ruby.a+b/c='
const SLOW = 120000
const { binDir } = findCargo()
requireClient('gem', 'ruby')
requireClient('bundle', 'ruby-bundler')
let emu: Emulator
let crates: Awaited<ReturnType<typeof startCargoRegistry>>
let gems: Awaited<ReturnType<typeof startGemSource>>
/** Another registry on another host: must never get the token in any form. */
let other: Awaited<ReturnType<typeof startRecorder>>
let sandbox: Sandbox

beforeAll(async () => {
  ;[crates, gems, other] = await Promise.all([
    startCargoRegistry({ token: TOKEN, crates: [{ name: 'acme-hello', version: '1.0.0' }] }),
    startGemSource({ token: TOKEN, gems: [{ name: 'acme-hello', version: '1.0.0' }] }),
    startRecorder('127.0.0.2'),
  ])
  emu = await startEmulator({
    token: () => TOKEN,
    repositoryEndpoint: ({ format }: { format: string }) => (format === 'cargo' ? crates.url : format === 'ruby' ? gems.url : `https://unused.example/${format}/`),
  })
}, 60000)
afterAll(async () => {
  await Promise.all([emu?.stop(), crates?.stop(), gems?.stop(), other?.stop()])
})
beforeEach(() => {
  emu.reset()
  other.requests.length = 0
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

const CA = { domain: 'acme', repository: 'shared' }
const ENCODED = encodeURIComponent(TOKEN)
const BASIC = Buffer.from(`aws:${TOKEN}`).toString('base64')
/** Any form of the token in a request's Authorization header. */
const carriesToken = (request: { authorization?: string }) => [TOKEN, ENCODED, BASIC].some((form) => (request.authorization ?? '').includes(form))

function dir(name: string, files: Record<string, string>): string {
  const root = path.join(sandbox.dir, name)
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    fs.writeFileSync(path.join(root, file), text)
  }
  return root
}

test('cargo: a dependency from another registry of the same project is fetched without the token', async () => {
  const manifest = (dependency: string) => `[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${dependency}\n`
  const ours = dir('ours', { 'Cargo.toml': manifest('acme-hello = { version = "=1.0.0", registry = "codeartifact" }'), 'src/main.rs': 'fn main() {}\n' })
  const theirs = dir('theirs', { 'Cargo.toml': manifest('other-crate = { version = "1", registry = "other" }'), 'src/main.rs': 'fn main() {}\n' })
  const runs: ClientRun[] = []
  const result = await sandbox.run({
    with: { ...CA, tools: 'cargo', 'public-registry': 'replace' },
    env: { CARGO_REGISTRIES_OTHER_INDEX: `sparse+${other.url}` },
    beforePost: async (_main, later) => {
      const env = stepEnv(later.env, { PATH: `${binDir}:/usr/bin:/bin`, CARGO_TERM_COLOR: 'never' })
      for (const cwd of [ours, theirs]) runs.push(await runClient([path.join(binDir, 'cargo')], ['fetch'], env, cwd))
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(runs[0]?.status).toBe(0)
  expect(crates.requests.filter((request) => request.authorization === TOKEN).length).toBeGreaterThan(0)
  expect(other.requests.length).toBeGreaterThan(0)
  expect(other.requests.filter(carriesToken)).toEqual([])
  expect(result.leaks).toEqual([])
}, SLOW)

test('bundler: another source of the same Gemfile gets no credentials', async () => {
  const gemfile = `source ${JSON.stringify(gems.url)}\n\ngem "acme-hello", "1.0.0"\n`
  const ours = dir('ours', { Gemfile: gemfile })
  const both = dir('both', { Gemfile: `${gemfile}\nsource ${JSON.stringify(other.url)} do\n  gem "other-gem"\nend\n` })
  const runs: ClientRun[] = []
  const result = await sandbox.run({
    with: { ...CA, tools: 'bundler', 'public-registry': 'replace' },
    beforePost: async (_main, later) => {
      for (const app of [ours, both]) {
        runs.push(await runClient(['bundle'], ['install'], stepEnv(later.env, {
          PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', BUNDLE_SILENCE_ROOT_WARNING: '1', BUNDLE_PATH: path.join(app, 'vendor'), BUNDLE_APP_CONFIG: path.join(app, '.bundle'),
        }), app))
      }
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(runs[0]?.status).toBe(0)
  expect(gems.requests.some((request) => request.user === 'aws' && request.authorized)).toBe(true)
  expect(other.requests.length).toBeGreaterThan(0)
  expect(other.requests.filter(carriesToken)).toEqual([])
  expect(result.leaks).toEqual([])
}, SLOW)

test('gem: --source and --host naming another host carry no credentials; the push key is not GEM_HOST_API_KEY', async () => {
  const built = await buildGem({ name: 'acme-elsewhere', version: '0.1.0' }, path.join(sandbox.dir, 'pkg'))
  const runs: Record<string, ClientRun> = {}
  const result = await sandbox.run({
    with: { ...CA, tools: 'gem', 'public-registry': 'replace' },
    beforePost: async (_main, later) => {
      const env = stepEnv(later.env, { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', GEM_HOME: path.join(sandbox.dir, 'gems'), GEM_PATH: path.join(sandbox.dir, 'gems') })
      runs.install = await runClient(['gem'], ['install', 'acme-hello', '--no-document', '--source', other.url], env, sandbox.dir)
      runs.push = await runClient(['gem'], ['push', built.path ?? '', '--host', other.url.replace(/\/$/, '')], env, sandbox.dir)
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(result.main.env).not.toHaveProperty('GEM_HOST_API_KEY')
  expect(runs.install?.status).toBe(0)
  expect(runs.push?.status).not.toBe(0)
  expect(gems.requests.some((request) => request.user === 'aws' && request.authorized)).toBe(true)
  expect(other.requests.length).toBeGreaterThan(0)
  expect(other.requests.filter(carriesToken)).toEqual([])
  expect(gems.pushed).toEqual([])
  expect(result.leaks).toEqual([])
}, SLOW)
