/**
 * CodeArtifact for cargo through dist/: real cargo (>= 1.74, the rustup toolchain) resolves and
 * fetches a crate from a CodeArtifact-like sparse registry that requires its token (401 without
 * it), with nothing but what the action exported — by `registry = "<registry-name>"` with crates.io
 * kept, and in place of crates.io with public-registry: replace, which edits $CARGO_HOME/config.toml
 * (put back byte for byte by the post step).
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { findCargo } from '../test-support/cargo-registry/cargo.js'
import { startCargoRegistry } from '../test-support/cargo-registry/index.js'
import { makeSandbox, shown, type Emulator, type Sandbox } from './fixture.js'
import { runClient, stepEnv, type ClientRun } from './clients.js'

const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Y2FyZ28+/dG9rZW4=.c2ln'
const SLOW = 120000
// Throws (failing every test) with what to install when there is no cargo >= 1.74.
const { binDir } = findCargo()
let emu: Emulator
let registry: Awaited<ReturnType<typeof startCargoRegistry>>
let sandbox: Sandbox

beforeAll(async () => {
  registry = await startCargoRegistry({ token: TOKEN, crates: [{ name: 'acme-hello', version: '1.0.0' }] })
  emu = await startEmulator({
    token: () => TOKEN,
    repositoryEndpoint: ({ format }: { format: string }) => (format === 'cargo' ? registry.url : `https://unused.example/${format}/`),
  })
})
afterAll(async () => {
  await Promise.all([emu?.stop(), registry?.stop()])
})
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

const CA = { domain: 'acme', repository: 'shared', tools: 'cargo' }

/** A binary crate that depends on acme-hello (`dependency` is its Cargo.toml line) and prints its greeting. */
function consumer(name: string, dependency: string): string {
  const dir = path.join(sandbox.dir, name)
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'Cargo.toml'), `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${dependency}\n`)
  fs.writeFileSync(path.join(dir, 'src', 'main.rs'), 'fn main() {\n    println!("{}", acme_hello::hello());\n}\n')
  return dir
}

/** cargo as a later step runs it: the job's environment with the toolchain on PATH, nothing else. */
const cargoRun = (env: Record<string, string>, cwd: string): Promise<ClientRun> =>
  runClient([path.join(binDir, 'cargo')], ['run', '--quiet'], stepEnv(env, { PATH: `${binDir}:/usr/bin:/bin`, CARGO_TERM_COLOR: 'never' }), cwd)

const requestsSeen = (from: number) => registry.requests.slice(from).map((r) => `${r.method} ${r.path} ${r.authorization === TOKEN ? 'token' : String(r.authorization)} ${r.status}`)

test('keep (default): a dependency with registry = "codeartifact" resolves from the environment alone; without it cargo is refused', async () => {
  const project = consumer('consumer', 'acme-hello = { version = "=1.0.0", registry = "codeartifact" }')
  let run: ClientRun | undefined
  const from = registry.requests.length
  const result = await sandbox.run({
    with: CA,
    beforePost: async (_main, later) => {
      run = await cargoRun(later.env, project)
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(result.main.env).toEqual({
    CODEARTIFACT_AUTH_TOKEN: TOKEN,
    CARGO_REGISTRIES_CODEARTIFACT_INDEX: `sparse+${registry.url}`,
    CARGO_REGISTRIES_CODEARTIFACT_TOKEN: TOKEN,
    CARGO_REGISTRIES_CODEARTIFACT_CREDENTIAL_PROVIDER: 'cargo:token',
  })
  expect(run).toEqual(expect.objectContaining({ status: 0, stdout: 'hello from acme-hello 1.0.0\n' }))
  expect(requestsSeen(from)).toEqual([
    `GET /cargo/shared/config.json null 401`,
    `GET /cargo/shared/config.json token 200`,
    `GET /cargo/shared/ac/me/acme-hello token 200`,
    `GET /cargo/shared/api/v1/crates/acme-hello/1.0.0/download token 200`,
  ])
  // The action wrote no file of cargo's: crates.io is untouched.
  expect(fs.existsSync(path.join(sandbox.home, '.cargo', 'config.toml'))).toBe(false)
  expect(result.post?.warnings).toEqual([])
  expect(result.leaks).toEqual([])

  // The same step without the action: the registry is unknown to cargo.
  const without = await cargoRun(stepEnv(sandbox.env), consumer('without', 'acme-hello = { version = "=1.0.0", registry = "codeartifact" }'))
  expect(without.status).toBe(101)
  expect(without.output).toContain('registry index was not found in any configuration: `codeartifact`')
}, SLOW)

test('replace, registry-name corp-rs: a crates.io dependency comes from CodeArtifact through config.toml; the file comes back byte for byte', async () => {
  const config = path.join(sandbox.home, '.cargo', 'config.toml')
  const original = '# my cargo settings\n[net]\nretry = 3 # flaky network\n\n[term]\nverbose = false\n'
  fs.mkdirSync(path.dirname(config), { recursive: true })
  fs.writeFileSync(config, original, { mode: 0o644 })
  const project = consumer('replaced', 'acme-hello = "=1.0.0"')
  let run: ClientRun | undefined
  let during = ''
  const result = await sandbox.run({
    with: { ...CA, 'public-registry': 'replace', 'registry-name': 'corp-rs' },
    beforePost: async (_main, later) => {
      during = fs.readFileSync(config, 'utf8')
      run = await cargoRun(later.env, project)
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(Object.keys(result.main.env)).toEqual(['CODEARTIFACT_AUTH_TOKEN', 'CARGO_REGISTRIES_CORP_RS_INDEX', 'CARGO_REGISTRIES_CORP_RS_TOKEN', 'CARGO_REGISTRIES_CORP_RS_CREDENTIAL_PROVIDER'])
  expect(during).toBe(`${original}\n[source]\ncrates-io = { replace-with = "corp-rs" }\n`)
  expect(run).toEqual(expect.objectContaining({ status: 0, stdout: 'hello from acme-hello 1.0.0\n' }))
  expect(result.post?.exitCode).toBe(0)
  expect(result.post?.log).toContain(`restored ${config}`)
  expect(fs.readFileSync(config, 'utf8')).toBe(original)
  expect(fs.statSync(config).mode & 0o777).toBe(0o644)
  expect(result.leaks).toEqual([])
}, SLOW)

test('replace: another step changes config.toml meanwhile; the post step takes out only replace-with', async () => {
  const config = path.join(sandbox.home, '.cargo', 'config.toml')
  const result = await sandbox.run({
    with: { ...CA, 'public-registry': 'replace' },
    beforePost: () => {
      fs.appendFileSync(config, '\n[build]\njobs = 1 # added by a later step\n')
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(result.post?.log).toContain('took out only this action\'s entries and kept the rest')
  expect(fs.readFileSync(config, 'utf8')).toBe('[build]\njobs = 1 # added by a later step\n')
  expect(shown(result)).not.toContain('Could not')
}, SLOW)
