import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { ClientSettings } from '../../src/clients/context.js'

const warning = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn(), warning, info: jest.fn() }))
const { cargo, cargoEnvironment, cargoHome, cargoVariablePrefix } = await import('../../src/clients/cargo.js')
const { UndoLog } = await import('../../src/undo.js')
const { Workspace } = await import('../../src/workspace.js')
const { Deadline } = await import('../../src/deadline.js')
const { undoFile } = await import('../../src/restore.js')

const CARGO = 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/cargo/shared/'
const TOKEN = 'eyJ2ZXIiOjF9.a+b/c=d'

let temp: string
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'cargo-client-'))
  warning.mockClear()
})
afterEach(() => fs.rm(temp, { recursive: true, force: true }))

function context(settings: Partial<ClientSettings> = {}, env: Record<string, string> = {}) {
  const undo = new UndoLog(true)
  return {
    token: TOKEN,
    tokenVariable: 'CODEARTIFACT_AUTH_TOKEN_ACME',
    endpoint: CARGO,
    settings: { npmScopes: [], pipIndex: 'index' as const, registryName: 'codeartifact', publicRegistry: 'keep' as const, ...settings },
    workspace: new Workspace(undo, path.join(temp, 'runner')),
    env,
    home: path.join(temp, 'home'),
    deadline: new Deadline(600),
    undo,
  }
}

test('cargo\'s variable names: upper case, - as _', () => {
  expect(cargoVariablePrefix('codeartifact')).toBe('CARGO_REGISTRIES_CODEARTIFACT_')
  expect(cargoVariablePrefix('corp-rs_2')).toBe('CARGO_REGISTRIES_CORP_RS_2_')
})

test('keep (default): the registry from the environment alone; no file written', async () => {
  const ctx = context()
  expect(await cargo.configure(ctx)).toEqual({
    CARGO_REGISTRIES_CODEARTIFACT_INDEX: `sparse+${CARGO}`,
    CARGO_REGISTRIES_CODEARTIFACT_TOKEN: TOKEN,
    CARGO_REGISTRIES_CODEARTIFACT_CREDENTIAL_PROVIDER: 'cargo:token',
  })
  expect(ctx.undo.records).toEqual([])
  await expect(fs.stat(path.join(temp, 'home'))).rejects.toThrow(/ENOENT/)
  expect(cargoEnvironment(CARGO, TOKEN, 'corp-rs')).toHaveProperty('CARGO_REGISTRIES_CORP_RS_INDEX', `sparse+${CARGO}`)
})

test('cargo\'s home: CARGO_HOME (absolute only), else ~/.cargo, on every platform', () => {
  expect(cargoHome({}, '/home/u', 'linux')).toBe('/home/u/.cargo')
  expect(cargoHome({ CARGO_HOME: '/opt/cargo' }, '/home/u', 'darwin')).toBe('/opt/cargo')
  expect(cargoHome({}, 'C:\\Users\\u', 'win32')).toBe('C:\\Users\\u\\.cargo')
  expect(cargoHome({ CARGO_HOME: 'D:\\cargo' }, 'C:\\Users\\u', 'win32')).toBe('D:\\cargo')
  expect(() => cargoHome({ CARGO_HOME: 'cargo' }, '/home/u', 'linux')).toThrow('CARGO_HOME is the relative path "cargo"')
})

describe('replace: [source.crates-io] replace-with in $CARGO_HOME/config.toml', () => {
  test('the user\'s config.toml gets the key with its comments kept; the post step puts it back byte for byte', async () => {
    const ctx = context({ publicRegistry: 'replace', registryName: 'corp-rs' }, { CARGO_HOME: path.join(temp, 'cargo-home') })
    const file = path.join(temp, 'cargo-home', 'config.toml')
    const original = '# mine\n[net]\ngit-fetch-with-cli = true\n'
    await fs.mkdir(path.dirname(file))
    await fs.writeFile(file, original, { mode: 0o644 })
    const env = await cargo.configure(ctx)
    expect(Object.keys(env)).toEqual(['CARGO_REGISTRIES_CORP_RS_INDEX', 'CARGO_REGISTRIES_CORP_RS_TOKEN', 'CARGO_REGISTRIES_CORP_RS_CREDENTIAL_PROVIDER'])
    const written = await fs.readFile(file, 'utf8')
    expect(written).toBe(`${original}\n[source]\ncrates-io = { replace-with = "corp-rs" }\n`)
    expect(written).not.toContain(TOKEN)
    expect(ctx.undo.records).toEqual([
      expect.objectContaining({ kind: 'remove' }),
      expect.objectContaining({ kind: 'file', path: file, mode: 0o644, entries: { format: 'toml', keys: [['source', 'crates-io', 'replace-with']] }, written: expect.any(String) }),
    ])
    const record = ctx.undo.records[1]
    if (record?.kind !== 'file') throw new Error('no file record')
    await undoFile(record)
    expect(await fs.readFile(file, 'utf8')).toBe(original)
    expect((await fs.stat(file)).mode & 0o777).toBe(0o644)
  })

  test('no config.toml yet (~/.cargo): created 0600 with the key, removed afterwards', async () => {
    const ctx = context({ publicRegistry: 'replace' })
    await cargo.configure(ctx)
    const file = path.join(temp, 'home', '.cargo', 'config.toml')
    expect(await fs.readFile(file, 'utf8')).toBe('[source]\ncrates-io = { replace-with = "codeartifact" }\n')
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600)
    const record = ctx.undo.records.find((item) => item.kind === 'file')
    if (record?.kind !== 'file') throw new Error('no file record')
    expect(record.backup).toBeNull()
    await undoFile(record)
    await expect(fs.stat(file)).rejects.toThrow(/ENOENT/)
  })

  test('a config.toml that is not TOML: an error naming it, nothing written', async () => {
    const ctx = context({ publicRegistry: 'replace' })
    const file = path.join(temp, 'home', '.cargo', 'config.toml')
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(file, '[source\n')
    await expect(cargo.configure(ctx)).rejects.toThrow(`cannot set source.crates-io.replace-with in ${file}: `)
    expect(await fs.readFile(file, 'utf8')).toBe('[source\n')
    expect(ctx.undo.records).toEqual([])
  })

  test('a legacy $CARGO_HOME/config beside it: a warning that cargo reads that one', async () => {
    const ctx = context({ publicRegistry: 'replace' })
    await fs.mkdir(path.join(temp, 'home', '.cargo'), { recursive: true })
    await fs.writeFile(path.join(temp, 'home', '.cargo', 'config'), '')
    await cargo.configure(ctx)
    expect(warning).toHaveBeenCalledWith(expect.stringContaining(`cargo reads ${path.join(temp, 'home', '.cargo', 'config')} instead of`))
  })
})
