import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

type Call = { command: string; args: string[]; input?: string; env?: Record<string, string> }
const calls: Call[] = []
let result = { exitCode: 0, stdout: 'Login Succeeded', stderr: '' }
const runCommand = jest.fn(async (command: string, args: string[], options: { input?: string; env?: Record<string, string> }) => {
  calls.push({ command, args, input: options.input, env: options.env })
  return result
})
jest.unstable_mockModule('../../src/command.js', () => ({ runCommand }))
jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn(), info: jest.fn() }))
const { loginRegistries, dockerConfigPath, OCI_CLIS } = await import('../../src/clients/oci.js')
const { UndoLog } = await import('../../src/undo.js')
const { Workspace } = await import('../../src/workspace.js')

const credential = (host: string, password = 'pw-' + host) => ({ host, region: 'us-east-1', username: 'AWS', password })
let temp: string
let saved: string | undefined
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'oci-'))
  saved = process.env.DOCKER_CONFIG
  process.env.DOCKER_CONFIG = path.join(temp, 'docker')
  calls.length = 0
  result = { exitCode: 0, stdout: 'Login Succeeded', stderr: '' }
})
afterEach(async () => {
  if (saved === undefined) delete process.env.DOCKER_CONFIG
  else process.env.DOCKER_CONFIG = saved
  await fs.rm(temp, { recursive: true, force: true })
})

test('dockerConfigPath honours DOCKER_CONFIG', () => {
  expect(dockerConfigPath({ DOCKER_CONFIG: '/x' })).toBe('/x/config.json')
  expect(dockerConfigPath({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.docker/config.json')
})

test('helm uses `helm registry login/logout`; the others `<cli> login/logout`', () => {
  expect(OCI_CLIS.helm?.login('h', 'AWS')).toEqual(['registry', 'login', 'h', '--username', 'AWS', '--password-stdin'])
  expect(OCI_CLIS.podman?.logout('h')).toEqual(['logout', 'h'])
})

test('docker: password on stdin only, one record (logouts + restore) before the logins, config.json backed up with its mode', async () => {
  await fs.mkdir(path.join(temp, 'docker'))
  await fs.writeFile(path.join(temp, 'docker', 'config.json'), '{"auths":{}}  ', { mode: 0o644 })
  const undo = new UndoLog(true)
  const workspace = new Workspace(undo, path.join(temp, 'runner'))
  await loginRegistries('docker', [credential('a.example'), credential('b.example')], undo, workspace)
  // The logins run at once: compare them in host order.
  calls.sort((a, b) => (a.args.at(-1) ?? '').localeCompare(b.args.at(-1) ?? ''))
  expect(calls.map(({ command, args, input }) => ({ command, args, input }))).toEqual([
    { command: 'docker', args: ['login', '--username', 'AWS', '--password-stdin', 'a.example'], input: 'pw-a.example' },
    { command: 'docker', args: ['login', '--username', 'AWS', '--password-stdin', 'b.example'], input: 'pw-b.example' },
  ])
  expect(calls.every((call) => !call.args.some((arg) => arg.startsWith('pw-')))).toBe(true)
  // Each login runs against a private copy of config.json; the entries are merged into the real one.
  expect(calls.map((call) => call.env?.DOCKER_CONFIG)).toEqual([expect.stringMatching(/registry-auth-[^/]+\/docker-0$/), expect.stringMatching(/registry-auth-[^/]+\/docker-1$/)])
  const [remove, docker, ...rest] = undo.records
  expect(rest).toEqual([])
  expect(remove).toMatchObject({ kind: 'remove' })
  expect(docker).toMatchObject({
    kind: 'docker', path: path.join(temp, 'docker', 'config.json'), hosts: ['a.example', 'b.example'], mode: 0o644,
    env: { DOCKER_CONFIG: path.join(temp, 'docker') }, hashAfterLogin: expect.stringMatching(/^[0-9a-f]{64}$/),
  })
  const backup = (docker as { backup: string }).backup
  expect(await fs.readFile(backup, 'utf8')).toBe('{"auths":{}}  ')
  expect((await fs.stat(backup)).mode & 0o777).toBe(0o600)
  // The user's file is owner-only while it holds the credentials; the post step puts 0644 back.
  expect((await fs.stat(path.join(temp, 'docker', 'config.json'))).mode & 0o777).toBe(0o600)
})

test('docker: hosts whose credential docker wrote into config.json itself are recorded; those kept by a helper are not', async () => {
  // The mocked login writes what docker writes: the credential inline, or `{}` when a helper keeps it.
  runCommand.mockImplementationOnce(writesConfig).mockImplementationOnce(writesConfig)
  const undo = new UndoLog(true)
  await loginRegistries('docker', [credential('file.example'), credential('helper.example')], undo, new Workspace(undo, path.join(temp, 'runner')))
  expect(undo.records.find((record) => record.kind === 'docker')).toMatchObject({ storedInFile: ['file.example'] })
})

async function writesConfig(command: string, args: string[], options: { env?: Record<string, string> }) {
  const host = args.at(-1) ?? ''
  const file = path.join(options.env?.DOCKER_CONFIG ?? '', 'config.json')
  const config = JSON.parse(await fs.readFile(file, 'utf8').catch(() => '{}')) as { auths?: Record<string, unknown> }
  config.auths = { ...config.auths, [host]: host === 'helper.example' ? {} : { auth: 'QVdTOnB3' } }
  await fs.writeFile(file, JSON.stringify(config))
  return result
}

test('a failed login throws docker\'s own message, and its logout is already recorded', async () => {
  result = { exitCode: 1, stdout: '', stderr: 'Error response from daemon: login attempt to http://x/v2/ failed with status: 401 Unauthorized\n' }
  const undo = new UndoLog(true)
  await expect(loginRegistries('docker', [credential('x')], undo, new Workspace(undo, temp))).rejects.toThrow(
    'docker login to x failed (exit code 1): Error response from daemon: login attempt to http://x/v2/ failed with status: 401 Unauthorized')
  expect(undo.records.find((record) => record.kind === 'docker')).toMatchObject({ kind: 'docker', hosts: ['x'] })
})

test('a silent non-zero exit still fails with a message', async () => {
  result = { exitCode: 2, stdout: '', stderr: '' }
  const undo = new UndoLog(true)
  await expect(loginRegistries('docker', [credential('x')], undo, new Workspace(undo, temp))).rejects.toThrow(
    'docker login to x failed (exit code 2): docker printed nothing')
})

test('podman: a logout record per registry, before each login', async () => {
  const undo = new UndoLog(true)
  await loginRegistries('podman', [credential('a'), credential('b')], undo, new Workspace(undo, temp))
  expect(undo.records.map((record) => [record.kind, 'args' in record ? record.args : []])).toEqual([['run', ['logout', 'a']], ['run', ['logout', 'b']]])
  expect(calls.map((call) => call.command)).toEqual(['podman', 'podman'])
})

test('with logout off nothing is recorded and nothing is backed up', async () => {
  await fs.mkdir(path.join(temp, 'docker'))
  await fs.writeFile(path.join(temp, 'docker', 'config.json'), '{}')
  const undo = new UndoLog(false)
  await loginRegistries('docker', [credential('a')], undo, new Workspace(undo, path.join(temp, 'runner')))
  expect(undo.records).toEqual([])
  // The private login directories are gone too: nothing would remove them in the post step.
  expect(await fs.readdir(path.join(temp, 'runner')).catch(() => [])).toEqual([])
})
