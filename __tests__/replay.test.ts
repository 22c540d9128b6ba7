import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

const warning = jest.fn()
const info = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ warning, info, debug: jest.fn() }))
// `docker logout` is replaced by a function that edits config.json as docker would (in its format).
const logouts: string[] = []
let logoutEdit: (host: string) => Promise<void> = async () => {}
const actualCommand = await import('../src/command.js')
jest.unstable_mockModule('../src/command.js', () => ({
  runCommand: async (command: string, args: string[], options: object) => {
    if (command === 'docker' && args[0] === 'logout') {
      logouts.push(args[1] ?? '')
      await logoutEdit(args[1] ?? '')
      return { exitCode: 0, stdout: '', stderr: '' }
    }
    return actualCommand.runCommand(command, args, options)
  },
}))
const { replay, withoutHosts } = await import('../src/replay.js')
const { fileHash } = await import('../src/workspace.js')

let dir: string
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'replay-'))
  warning.mockClear()
})
afterEach(() => fs.rm(dir, { recursive: true, force: true }))

const write = async (name: string, text: string) => {
  await fs.writeFile(path.join(dir, name), text)
  return path.join(dir, name)
}

test('withoutHosts drops only the named auths entries; a missing auths counts as empty', () => {
  expect(withoutHosts({ auths: { a: {}, b: { auth: 'x' } }, credsStore: 'pass' }, ['a'])).toEqual({ auths: { b: { auth: 'x' } }, credsStore: 'pass' })
  expect(withoutHosts({ detachKeys: 'ctrl-e,e' }, ['a'])).toEqual({ detachKeys: 'ctrl-e,e', auths: {} })
  expect(withoutHosts(undefined, ['a'])).toBeUndefined()
})

describe('docker', () => {
  const original = '{\n  "auths": { "ecr.example": { "auth": "b2xk" }, "ghcr.io": { "auth": "Z2g=" } },\n  "psFormat": "table",\n  "x-custom": 1\n}\n'
  /** What docker leaves after our login: its own format, and settings it does not know dropped. */
  const afterLogin = '{\n\t"auths": {\n\t\t"ecr.example": {\n\t\t\t"auth": "QVdTOnB3"\n\t\t},\n\t\t"ghcr.io": {\n\t\t\t"auth": "Z2g="\n\t\t}\n\t},\n\t"psFormat": "table"\n}'
  const record = (path: string, backup: string | null, hashAfterLogin?: string) =>
    ({ kind: 'docker' as const, description: 'docker', path, backup, mode: 0o644, hosts: ['ecr.example'], env: {}, hashAfterLogin })

  beforeEach(() => {
    logouts.length = 0
    info.mockClear()
    logoutEdit = async () => {}
  })

  test('untouched since our login: logs out, then puts back the original bytes and mode, even what docker dropped', async () => {
    const config = await write('config.json', afterLogin)
    await fs.chmod(config, 0o600)
    const backup = await write('config.bak', original)
    logoutEdit = async () => fs.writeFile(config, '{\n\t"auths": {\n\t\t"ghcr.io": {}\n\t}\n}')
    await replay([record(config, backup, await fileHash(config))])
    expect(logouts).toEqual(['ecr.example'])
    expect(await fs.readFile(config, 'utf8')).toBe(original)
    expect((await fs.stat(config)).mode & 0o777).toBe(0o644)
  })

  test('untouched, and the credential was in config.json itself: no docker logout, the restore removes it', async () => {
    const config = await write('config.json', afterLogin)
    const backup = await write('config.bak', original)
    await replay([{ ...record(config, backup, await fileHash(config)), storedInFile: ['ecr.example'] }])
    expect(logouts).toEqual([])
    expect(await fs.readFile(config, 'utf8')).toBe(original)
    expect(info).toHaveBeenCalledWith(`docker: logged out of ecr.example (its credential was only in ${config})`)
  })

  test('the credential was in config.json, but another step changed the file since: docker logout runs', async () => {
    const config = await write('config.json', afterLogin)
    const backup = await write('config.bak', original)
    await replay([{ ...record(config, backup, 'a-hash-from-before'), storedInFile: ['ecr.example'] }])
    expect(logouts).toEqual(['ecr.example'])
  })

  test('changed by another step, but only our entries differ: still restored', async () => {
    const config = await write('config.json', '{"auths":{"ghcr.io":{"auth":"Z2g="}},"psFormat":"table","x-custom":1}')
    const backup = await write('config.bak', original)
    await replay([record(config, backup, 'a-hash-from-before')])
    expect(await fs.readFile(config, 'utf8')).toBe(original)
  })

  test('another step logged in elsewhere meanwhile: kept, without our logins', async () => {
    const changed = '{"auths":{"ghcr.io":{"auth":"Z2g="},"quay.io":{"auth":"cXU="}},"psFormat":"table"}'
    const config = await write('config.json', changed)
    const backup = await write('config.bak', original)
    await replay([record(config, backup, 'a-hash-from-before')])
    expect(await fs.readFile(config, 'utf8')).toBe(changed)
    expect(info).toHaveBeenCalledWith(expect.stringContaining('was changed by another step'))
  })

  test('a file that did not exist before and holds nothing else now is removed', async () => {
    const config = await write('config.json', '{\n\t"auths": {}\n}')
    await replay([record(config, null)])
    await expect(fs.stat(config)).rejects.toThrow(/ENOENT/)
  })

  test('a file that did not exist before but now holds other logins is kept', async () => {
    const config = await write('config.json', '{"auths":{"ghcr.io":{"auth":"Z2g="}}}')
    await replay([record(config, null)])
    expect(await fs.readFile(config, 'utf8')).toContain('ghcr.io')
  })
})

test('restore: a symlink that stood for a missing file is never removed', async () => {
  const link = path.join(dir, 'link')
  await fs.symlink(path.join(dir, 'missing-target'), link)
  await replay([{ kind: 'restore', description: 'restore link', path: link, backup: null }])
  expect((await fs.lstat(link)).isSymbolicLink()).toBe(true)
})

test('restore: nothing is written when the file is already as it was', async () => {
  const file = await write('same', 'same\n')
  const backup = await write('same.bak', 'same\n')
  const before = (await fs.stat(file)).mtimeMs
  await new Promise((resolve) => setTimeout(resolve, 20))
  await replay([{ kind: 'restore', description: 'restore same', path: file, backup }])
  expect((await fs.stat(file)).mtimeMs).toBe(before)
})

test('restore, remove and run records, newest first; failures are warnings and the rest still runs', async () => {
  const file = await write('npmrc', 'changed')
  const backup = await write('npmrc.bak', 'original\n')
  const created = await write('created', 'x')
  const order = path.join(dir, 'order')
  await replay([
    { kind: 'restore', description: 'restore npmrc', path: file, backup, mode: 0o640 },
    { kind: 'remove', description: 'remove created', path: created },
    { kind: 'run', description: 'append', command: 'sh', args: ['-c', `echo second >> ${order}`] },
    { kind: 'run', description: 'fail', command: 'sh', args: ['-c', 'echo nope >&2; exit 3'] },
    { kind: 'run', description: 'append', command: 'sh', args: ['-c', `echo first >> ${order}`] },
  ])
  expect(await fs.readFile(file, 'utf8')).toBe('original\n')
  expect((await fs.stat(file)).mode & 0o777).toBe(0o640)
  await expect(fs.stat(created)).rejects.toThrow(/ENOENT/)
  expect(await fs.readFile(order, 'utf8')).toBe('first\nsecond\n')
  expect(warning).toHaveBeenCalledWith('Could not fail: sh exited with code 3: nope')
})
