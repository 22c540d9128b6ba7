import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

const warning = jest.fn()
const info = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ warning, info, debug: jest.fn() }))
const { replay, withoutHosts } = await import('../src/replay.js')

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

test('withoutHosts drops only the named auths entries', () => {
  expect(withoutHosts({ auths: { a: {}, b: { auth: 'x' } }, credsStore: 'pass' }, ['a'])).toEqual({ auths: { b: { auth: 'x' } }, credsStore: 'pass' })
  expect(withoutHosts(undefined, ['a'])).toBeUndefined()
})

describe('docker-config', () => {
  const original = '{\n  "auths": { "ecr.example": { "auth": "b2xk" }, "ghcr.io": { "auth": "Z2g=" } },\n  "psFormat": "table"\n}\n'

  test('puts the original bytes back when only our hosts changed', async () => {
    const config = await write('config.json', '{\n\t"auths": {\n\t\t"ghcr.io": {\n\t\t\t"auth": "Z2g="\n\t\t}\n\t},\n\t"psFormat": "table"\n}')
    const backup = await write('config.bak', original)
    await replay([{ kind: 'docker-config', description: 'restore', path: config, backup, hosts: ['ecr.example'] }])
    expect(await fs.readFile(config, 'utf8')).toBe(original)
  })

  test('leaves the file when another step changed it meanwhile', async () => {
    const changed = '{"auths":{"ghcr.io":{"auth":"Z2g="},"quay.io":{"auth":"cXU="}},"psFormat":"table"}'
    const config = await write('config.json', changed)
    const backup = await write('config.bak', original)
    await replay([{ kind: 'docker-config', description: 'restore', path: config, backup, hosts: ['ecr.example'] }])
    expect(await fs.readFile(config, 'utf8')).toBe(changed)
    expect(info).toHaveBeenCalledWith(expect.stringContaining('was changed by another step'))
  })

  test('removes a file that did not exist before and holds nothing else now', async () => {
    const config = await write('config.json', '{\n\t"auths": {}\n}')
    await replay([{ kind: 'docker-config', description: 'restore', path: config, backup: null, hosts: ['ecr.example'] }])
    await expect(fs.stat(config)).rejects.toThrow(/ENOENT/)
  })

  test('keeps a file that did not exist before but now holds other logins', async () => {
    const config = await write('config.json', '{"auths":{"ghcr.io":{"auth":"Z2g="}}}')
    await replay([{ kind: 'docker-config', description: 'restore', path: config, backup: null, hosts: ['ecr.example'] }])
    expect(await fs.readFile(config, 'utf8')).toContain('ghcr.io')
  })
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
