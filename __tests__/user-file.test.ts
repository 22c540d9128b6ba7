import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

const saveState = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ saveState }))
const { changeUserFile } = await import('../src/user-file.js')
const { UndoLog } = await import('../src/undo.js')
const { Workspace } = await import('../src/workspace.js')
const { fileHash } = await import('../src/files.js')

let temp: string
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'user-file-'))
  saveState.mockClear()
})
afterEach(() => fs.rm(temp, { recursive: true, force: true }))

const edit = (file: string) => ({
  file,
  description: `restore ${file}`,
  entries: { format: 'yaml' as const, keys: [['a']] },
  edit: (text: string | undefined) => `${text ?? ''}a: 1\n`,
})

test('backup and record before the write; the record ends with the digest of what was written', async () => {
  const file = path.join(temp, 'home', '.yarnrc.yml')
  await fs.mkdir(path.dirname(file))
  await fs.writeFile(file, 'b: 2\n', { mode: 0o640 })
  const undo = new UndoLog(true)
  const record = await changeUserFile(edit(file), new Workspace(undo, path.join(temp, 'runner')))
  expect(await fs.readFile(file, 'utf8')).toBe('b: 2\na: 1\n')
  expect(record).toEqual({ kind: 'file', description: `restore ${file}`, path: file, backup: expect.any(String), mode: 0o640, entries: { format: 'yaml', keys: [['a']] }, written: await fileHash(file) })
  expect(await fs.readFile(record.backup ?? '', 'utf8')).toBe('b: 2\n')
  expect(undo.records.map((item) => item.kind)).toEqual(['remove', 'file'])
  // Saved before the write (without the digest) and again after it.
  const saved = saveState.mock.calls.map((call) => JSON.parse(call[1] as string) as { kind: string; written?: string }[])
  expect(saved.at(-2)?.at(-1)).not.toHaveProperty('written')
  expect(saved.at(-1)?.at(-1)?.written).toMatch(/^[0-9a-f]{64}$/)
})

test('a new file is owner-only, its backup null', async () => {
  const file = path.join(temp, 'home', '.yarnrc.yml')
  const undo = new UndoLog(true)
  const record = await changeUserFile(edit(file), new Workspace(undo, path.join(temp, 'runner')))
  expect(record.backup).toBeNull()
  expect((await fs.stat(file)).mode & 0o777).toBe(0o600)
})

test('a symlink is written through, never replaced; a dangling one is an error before anything is written', async () => {
  const target = path.join(temp, 'dotfiles', 'yarnrc.yml')
  await fs.mkdir(path.dirname(target))
  await fs.writeFile(target, 'b: 2\n')
  const link = path.join(temp, '.yarnrc.yml')
  await fs.symlink(target, link)
  const undo = new UndoLog(true)
  await changeUserFile(edit(link), new Workspace(undo, path.join(temp, 'runner')))
  expect((await fs.lstat(link)).isSymbolicLink()).toBe(true)
  expect(await fs.readFile(target, 'utf8')).toBe('b: 2\na: 1\n')

  const dangling = path.join(temp, 'dangling.yml')
  await fs.symlink(path.join(temp, 'missing'), dangling)
  const other = new UndoLog(true)
  await expect(changeUserFile(edit(dangling), new Workspace(other, path.join(temp, 'runner2')))).rejects.toThrow('which does not exist')
  expect(other.records).toEqual([])
})
