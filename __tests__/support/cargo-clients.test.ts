import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findCargo } from '../../test-support/cargo-registry/cargo.js'
import { startCargoRegistry } from '../../test-support/cargo-registry/index.js'

// Real cargo configured by hand, through the environment only, against the CodeArtifact-like registry
// over plain HTTP on 127.0.0.1 (cargo 1.95 sends its token there without complaint).
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Zm9v+YmFy/YmF6==.c2ln'
const SLOW = 60000

// Throws (failing every test) with what to install when there is no cargo >= 1.74.
const { binDir } = findCargo()
let registry: Awaited<ReturnType<typeof startCargoRegistry>>
let scratch: string

beforeAll(async () => {
  registry = await startCargoRegistry({ token: TOKEN, crates: [{ name: 'acme-hello', version: '1.0.0' }, { name: 'acme-hello', version: '1.1.0' }] })
  scratch = mkdtempSync(join(tmpdir(), 'cargo-clients-test-'))
})
afterAll(async () => {
  await registry?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

/** A project folder beside its own HOME and CARGO_HOME (so no cache hides a request). */
function project(name: string, manifest: string, source: string, file = 'src/main.rs') {
  const dir = join(scratch, name)
  mkdirSync(join(dir, 'project', 'src'), { recursive: true })
  writeFileSync(join(dir, 'project', 'Cargo.toml'), manifest)
  writeFileSync(join(dir, 'project', file), source)
  return { cwd: join(dir, 'project'), home: join(dir, 'home') }
}

const manifest = (name: string, dependencies: string, extra = '') =>
  `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\nlicense = "MIT"\ndescription = "test"\n${extra}\n[dependencies]\n${dependencies}`

/** The registry `codeartifact` from the environment alone: index, token, credential provider. */
const registryEnv = (token?: string, provider: Record<string, string> = { CARGO_REGISTRIES_CODEARTIFACT_CREDENTIAL_PROVIDER: 'cargo:token' }) => ({
  CARGO_REGISTRIES_CODEARTIFACT_INDEX: registry.indexUrl,
  ...(token === undefined ? {} : { CARGO_REGISTRIES_CODEARTIFACT_TOKEN: token }),
  ...provider,
})

/** Runs cargo asynchronously (the registry answers from this process) with nothing of this machine's setup. */
function cargo(args: string[], where: { cwd: string, home: string }, env: Record<string, string>): Promise<{ status: number | null, output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(binDir, 'cargo'), args, {
      cwd: where.cwd,
      env: { PATH: `${binDir}:/usr/bin:/bin`, HOME: where.home, CARGO_HOME: join(where.home, '.cargo'), CARGO_TERM_COLOR: 'never', CARGO_TERM_PROGRESS_WHEN: 'never', ...env },
      stdio: ['ignore', 'pipe', 'pipe'], timeout: 45000,
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.once('error', reject)
    child.once('close', (status) => resolve({ status, output }))
  })
}

async function seen<T>(action: () => Promise<T>) {
  const from = registry.requests.length
  const result = await action()
  return { result, requests: registry.requests.slice(from).map((r) => [r.method, r.path.replace(registry.url, '/'), r.authorization === TOKEN ? 'token' : r.authorization, r.status]) }
}

const consumer = (name: string, req = '1.0.0') => project(name,
  manifest(name, `acme-hello = { version = "=${req}", registry = "codeartifact" }\n`),
  'fn main() {\n    println!("{}", acme_hello::hello());\n}\n')

describe('cargo with CARGO_REGISTRIES_<NAME>_INDEX, _TOKEN and _CREDENTIAL_PROVIDER', () => {
  test('fetches, builds and runs a dependency with registry = "codeartifact"; the token goes on every request after the first 401', async () => {
    const where = consumer('consumer')
    const { result, requests } = await seen(() => cargo(['run', '--quiet'], where, registryEnv(TOKEN)))
    expect(result).toEqual({ status: 0, output: 'hello from acme-hello 1.0.0\n' })
    expect(requests).toEqual([
      ['GET', '/cargo/shared/config.json', null, 401],
      ['GET', '/cargo/shared/config.json', 'token', 200],
      ['GET', '/cargo/shared/ac/me/acme-hello', 'token', 200],
      ['GET', '/cargo/shared/api/v1/crates/acme-hello/1.0.0/download', 'token', 200],
    ])
  }, SLOW)

  test.each([
    ['no token', undefined, true, 'no token found for `codeartifact`, please run `cargo login --registry codeartifact`\n  or use environment variable CARGO_REGISTRIES_CODEARTIFACT_TOKEN', [null]],
    ['a wrong token', 'wrong', true, 'token rejected for `codeartifact`', [null, 'wrong']],
    ['the token as "Bearer <token>"', `Bearer ${TOKEN}`, true, 'token rejected for `codeartifact`', [null, `Bearer ${TOKEN}`]],
    ['no credential provider', TOKEN, false, 'authenticated registries require a credential-provider to be configured', [null]],
  ])('fails with %s', async (which, token, provider, message, authorizations) => {
    const where = consumer(`fails-${which.replace(/\W+/g, '-')}`)
    const { result, requests } = await seen(() => cargo(['fetch'], where, provider ? registryEnv(token) : registryEnv(token, {})))
    expect(result.status).toBe(101)
    expect(result.output).toContain(message)
    expect(requests).toEqual(authorizations.map((a) => ['GET', '/cargo/shared/config.json', a, 401]))
  }, SLOW)

  test('CARGO_REGISTRY_GLOBAL_CREDENTIAL_PROVIDERS=cargo:token serves as well as the per-registry provider', async () => {
    const where = consumer('global-provider', '1.1.0')
    const result = await cargo(['run', '--quiet'], where, registryEnv(TOKEN, { CARGO_REGISTRY_GLOBAL_CREDENTIAL_PROVIDERS: 'cargo:token' }))
    expect(result).toEqual({ status: 0, output: 'hello from acme-hello 1.1.0\n' })
  }, SLOW)

  test('publishes with the token (PUT /api/v1/crates/new), and another project builds against what it published', async () => {
    const where = project('acme-pub', manifest('acme-pub', 'acme-hello = { version = "1.0", registry = "codeartifact" }\n', 'publish = ["codeartifact"]\n'),
      'pub fn hello() -> String {\n    format!("acme-pub on top of {}", acme_hello::hello())\n}\n', 'src/lib.rs')
    const wrong = await cargo(['publish', '--registry', 'codeartifact', '--no-verify'], where, registryEnv('wrong'))
    expect(wrong.status).toBe(101)
    expect(registry.published).toEqual([])

    const { result, requests } = await seen(() => cargo(['publish', '--registry', 'codeartifact', '--no-verify'], where, registryEnv(TOKEN)))
    expect(result.status).toBe(0)
    expect(result.output).toContain('Published acme-pub v0.1.0 at registry `codeartifact`')
    expect(requests).toContainEqual(['PUT', '/cargo/shared/api/v1/crates/new', 'token', 200])
    expect(registry.published).toEqual([expect.objectContaining({
      name: 'acme-pub', vers: '0.1.0', deps: [expect.objectContaining({ name: 'acme-hello', req: '^1.0', registry: null })],
    })])

    const user = project('pub-user', manifest('pub-user', 'acme-pub = { version = "0.1.0", registry = "codeartifact" }\n'),
      'fn main() {\n    println!("{}", acme_pub::hello());\n}\n')
    const built = await cargo(['run', '--quiet'], user, registryEnv(TOKEN))
    expect(built).toEqual({ status: 0, output: 'acme-pub on top of hello from acme-hello 1.1.0\n' })
  }, SLOW)
})
