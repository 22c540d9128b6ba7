import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn() }))
const { Workspace } = await import('../src/workspace.js')
const { fileHash, readIfExists, realFile, sha256 } = await import('../src/files.js')
const { backupFile } = await import('../src/user-file.js')
const { UndoLog } = await import('../src/undo.js')

let dir: string
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'workspace-'))
})
afterEach(() => fs.rm(dir, { recursive: true, force: true }))

test('fileHash: the SHA-256 of the file\'s bytes, in hex (known vectors); undefined for a missing file', async () => {
  const cases: [Buffer, string][] = [
    [Buffer.alloc(0), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [Buffer.from('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ]
  for (const [index, [bytes, expected]] of cases.entries()) {
    const file = path.join(dir, `f${index}`)
    await fs.writeFile(file, bytes)
    expect(await fileHash(file)).toBe(expected)
    expect(await sha256(bytes)).toBe(expected)
  }
  expect(await fileHash(path.join(dir, 'missing'))).toBeUndefined()
})

test('readIfExists: undefined only for a missing file; any other problem names the file', async () => {
  expect(readIfExists(path.join(dir, 'missing'))).toBeUndefined()
  expect(() => readIfExists(dir)).toThrow(`cannot read ${dir}: EISDIR`)
})

test('backupFile keeps the bytes and mode in an owner-only file; nothing when undo is off or the file is missing', async () => {
  const file = path.join(dir, 'config.json')
  await fs.writeFile(file, 'original  \n', { mode: 0o644 })
  await fs.chmod(file, 0o644)
  const on = new Workspace(new UndoLog(true), path.join(dir, 'runner'))
  const { backup, mode } = await backupFile(file, on)
  expect(mode).toBe(0o644)
  expect(await fs.readFile(backup ?? '', 'utf8')).toBe('original  \n')
  expect((await fs.stat(backup ?? '')).mode & 0o777).toBe(0o600)
  expect(await backupFile(path.join(dir, 'missing'), on)).toEqual({ backup: null })
  expect(await backupFile(file, new Workspace(new UndoLog(false), path.join(dir, 'runner')))).toEqual({ backup: null })
})

test('the private directory is owner-only and directly in RUNNER_TEMP, its removal recorded first', async () => {
  const undo = new UndoLog(true)
  const previous = process.umask(0o000)
  try {
    const created = await new Workspace(undo, path.join(dir, 'runner')).dir()
    expect(path.dirname(created)).toBe(path.join(dir, 'runner'))
    expect(path.basename(created)).toMatch(/^registry-auth-[A-Za-z0-9]{6}$/)
    expect((await fs.stat(created)).mode & 0o777).toBe(0o700)
    expect(undo.records).toEqual([{ kind: 'remove', description: `remove ${created}`, path: created }])
  } finally {
    process.umask(previous)
  }
})

test('privateDir is owner-only whatever the umask; discardIfUnrecorded removes the workspace only when undo is off, and only when empty', async () => {
  const previous = process.umask(0o000)
  try {
    const on = new Workspace(new UndoLog(true), path.join(dir, 'on'))
    const kept = await on.privateDir('docker-0')
    expect((await fs.stat(kept)).mode & 0o777).toBe(0o700)
    await on.discardIfUnrecorded()
    expect((await fs.stat(kept)).isDirectory()).toBe(true)
    const off = new Workspace(new UndoLog(false), path.join(dir, 'off'))
    await off.discardIfUnrecorded() // nothing created yet: nothing to do
    const file = await off.writePrivate('npmrc', 'x')
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600)
    await off.discardIfUnrecorded()
    expect(await fs.readFile(file, 'utf8')).toBe('x') // a file a client exported for later steps
    await fs.rm(file)
    await off.discardIfUnrecorded()
    await expect(fs.stat(path.dirname(file))).rejects.toMatchObject({ code: 'ENOENT' })
  } finally {
    process.umask(previous)
  }
})

test('a RUNNER_TEMP that cannot hold a directory is an error naming it', async () => {
  await fs.writeFile(path.join(dir, 'file'), 'x')
  const root = path.join(dir, 'file', 'runner')
  await expect(new Workspace(new UndoLog(true), root).dir()).rejects.toThrow(`cannot create a private directory in RUNNER_TEMP (${root}): `)
})

test('realFile: a plain or missing path as it is; a link to its target; a dangling link or a loop is an error', async () => {
  const target = path.join(dir, 'target.yml')
  await fs.writeFile(target, 'x')
  await fs.symlink(target, path.join(dir, 'link.yml'))
  await fs.symlink(path.join(dir, 'missing.yml'), path.join(dir, 'dangling.yml'))
  await fs.symlink(path.join(dir, 'loop-b'), path.join(dir, 'loop-a'))
  await fs.symlink(path.join(dir, 'loop-a'), path.join(dir, 'loop-b'))
  expect(await realFile(target)).toBe(target)
  expect(await realFile(path.join(dir, 'missing.yml'))).toBe(path.join(dir, 'missing.yml'))
  expect(await realFile(path.join(dir, 'link.yml'))).toBe(await fs.realpath(target))
  await expect(realFile(path.join(dir, 'dangling.yml'))).rejects.toThrow(`${path.join(dir, 'dangling.yml')} is a link to ${path.join(dir, 'missing.yml')}, which does not exist; create it or remove the link`)
  await expect(realFile(path.join(dir, 'loop-a', 'x'))).rejects.toMatchObject({ code: 'ELOOP' })
})
