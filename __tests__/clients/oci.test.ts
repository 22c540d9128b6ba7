import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

type Call = { command: string; args: string[]; input?: string; env?: Record<string, string> }
const calls: Call[] = []
let result = { exitCode: 0, stdout: 'Login Succeeded', stderr: '' }
/** What a credential helper's `get` answers (exit 1: it has nothing for the host). */
let helperGet = { exitCode: 1, stdout: '', stderr: 'credentials not found in native keychain' }
const runCommand = jest.fn(async (command: string, args: string[], options: { input?: string; env?: Record<string, string> }) => {
  calls.push({ command, args, input: options.input, env: options.env })
  return command.startsWith('docker-credential-') ? helperGet : result
})
jest.unstable_mockModule('../../src/command.js', () => ({ runCommand }))
const setSecret = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn(), info: jest.fn(), setSecret }))
const { loginRegistries, dockerConfigPath, helperFor, LOGIN_CONCURRENCY } = await import('../../src/clients/oci.js')
const { Deadline } = await import('../../src/deadline.js')
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
  helperGet = { exitCode: 1, stdout: '', stderr: 'credentials not found in native keychain' }
  setSecret.mockClear()
})
afterEach(async () => {
  if (saved === undefined) delete process.env.DOCKER_CONFIG
  else process.env.DOCKER_CONFIG = saved
  await fs.rm(temp, { recursive: true, force: true })
})

const deadline = () => new Deadline(600)

test('dockerConfigPath honours DOCKER_CONFIG, refuses a relative one', () => {
  expect(dockerConfigPath({ DOCKER_CONFIG: '/x' })).toBe('/x/config.json')
  expect(dockerConfigPath({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.docker/config.json')
  expect(() => dockerConfigPath({ DOCKER_CONFIG: 'docker' }, 'linux')).toThrow('DOCKER_CONFIG is the relative path "docker"; set it to an absolute path or unset it')
})

test('helperFor: credHelpers for the host, else credsStore; a name that is no program name is refused', () => {
  const config = { credsStore: 'desktop', credHelpers: { 'a.example': 'ecr-login' } }
  expect(helperFor(config, 'a.example', 'f')).toBe('ecr-login')
  expect(helperFor(config, 'b.example', 'f')).toBe('desktop')
  expect(helperFor({}, 'b.example', 'f')).toBeUndefined()
  expect(helperFor({ credsStore: '' }, 'b.example', 'f')).toBeUndefined()
  expect(() => helperFor({ credsStore: '../../bin/sh' }, 'b.example', 'f')).toThrow('f names the credential helper "../../bin/sh", which is not a program name')
})

test('helm uses `helm registry login`, podman `podman login`; the password on stdin', async () => {
  const undo = new UndoLog(true)
  await loginRegistries('helm', [credential('h')], undo, new Workspace(undo, temp), deadline())
  await loginRegistries('podman', [credential('h')], undo, new Workspace(undo, temp), deadline())
  expect(calls.map(({ command, args, input }) => [command, args, input])).toEqual([
    ['helm', ['registry', 'login', 'h', '--username', 'AWS', '--password-stdin'], 'pw-h'],
    ['podman', ['login', '--username', 'AWS', '--password-stdin', 'h'], 'pw-h'],
  ])
  expect(undo.records.map((record) => 'args' in record && record.args)).toEqual([['registry', 'logout', 'h'], ['logout', 'h']])
})

test('docker: password on stdin only, one record (logouts + restore) before the logins, config.json backed up with its mode', async () => {
  await fs.mkdir(path.join(temp, 'docker'))
  await fs.writeFile(path.join(temp, 'docker', 'config.json'), '{"auths":{}}  ', { mode: 0o644 })
  const undo = new UndoLog(true)
  const workspace = new Workspace(undo, path.join(temp, 'runner'))
  await loginRegistries('docker', [credential('a.example'), credential('b.example')], undo, workspace, deadline())
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
    env: { DOCKER_CONFIG: path.join(temp, 'docker') }, written: expect.stringMatching(/^[0-9a-f]{64}$/), helpers: [],
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
  await loginRegistries('docker', [credential('file.example'), credential('helper.example')], undo, new Workspace(undo, path.join(temp, 'runner')), deadline())
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
  await expect(loginRegistries('docker', [credential('x')], undo, new Workspace(undo, temp), deadline())).rejects.toThrow(
    'docker login to x failed (exit code 1): Error response from daemon: login attempt to http://x/v2/ failed with status: 401 Unauthorized')
  expect(undo.records.find((record) => record.kind === 'docker')).toMatchObject({ kind: 'docker', hosts: ['x'] })
})

test('a silent non-zero exit still fails with a message', async () => {
  result = { exitCode: 2, stdout: '', stderr: '' }
  const undo = new UndoLog(true)
  await expect(loginRegistries('docker', [credential('x')], undo, new Workspace(undo, temp), deadline())).rejects.toThrow(
    'docker login to x failed (exit code 2): docker printed nothing')
})

test('podman: a logout record per registry, before each login', async () => {
  const undo = new UndoLog(true)
  await loginRegistries('podman', [credential('a'), credential('b')], undo, new Workspace(undo, temp), deadline())
  expect(undo.records.map((record) => [record.kind, 'args' in record ? record.args : []])).toEqual([['run', ['logout', 'a']], ['run', ['logout', 'b']]])
  expect(calls.map((call) => call.command)).toEqual(['podman', 'podman'])
})

test('with logout off nothing is recorded and nothing is backed up', async () => {
  await fs.mkdir(path.join(temp, 'docker'))
  await fs.writeFile(path.join(temp, 'docker', 'config.json'), '{}')
  const undo = new UndoLog(false)
  await loginRegistries('docker', [credential('a')], undo, new Workspace(undo, path.join(temp, 'runner')), deadline())
  expect(undo.records).toEqual([])
  // The private login directories are gone too: nothing would remove them in the post step.
  expect(await fs.readdir(path.join(temp, 'runner')).catch(() => [])).toEqual([])
})

test('a helper\'s existing credential for the host is kept (masked) before the login replaces it; none kept when it has none', async () => {
  await fs.mkdir(path.join(temp, 'docker'))
  await fs.writeFile(path.join(temp, 'docker', 'config.json'), '{"credsStore":"pass","credHelpers":{"b.example":"other"}}')
  helperGet = { exitCode: 0, stdout: '{"ServerURL":"a.example","Username":"me","Secret":"long-lived-secret"}', stderr: '' }
  const undo = new UndoLog(true)
  await loginRegistries('docker', [credential('a.example')], undo, new Workspace(undo, path.join(temp, 'runner')), deadline())
  expect(calls[0]).toMatchObject({ command: 'docker-credential-pass', args: ['get'], input: 'a.example' })
  expect(setSecret).toHaveBeenCalledWith('long-lived-secret')
  const record = undo.records.find((item) => item.kind === 'docker') as { helpers: { host: string; helper: string; backup?: string }[] }
  expect(record.helpers).toEqual([{ host: 'a.example', helper: 'pass', backup: expect.stringMatching(/helper-0\.json$/) }])
  expect(await fs.readFile(record.helpers[0]?.backup ?? '', 'utf8')).toBe(helperGet.stdout)

  helperGet = { exitCode: 1, stdout: '', stderr: 'credentials not found' }
  const again = new UndoLog(true)
  await loginRegistries('docker', [credential('b.example')], again, new Workspace(again, path.join(temp, 'runner2')), deadline())
  expect((again.records.find((item) => item.kind === 'docker') as { helpers: unknown }).helpers).toEqual([{ host: 'b.example', helper: 'other' }])
})

test('docker logs in a few registries at a time', async () => {
  let running = 0
  let most = 0
  runCommand.mockImplementation(async () => {
    running += 1
    most = Math.max(most, running)
    await new Promise((resolve) => setTimeout(resolve, 5))
    running -= 1
    return result
  })
  try {
    const undo = new UndoLog(true)
    const hosts = Array.from({ length: 20 }, (_, index) => credential(`r${index}.example`))
    await loginRegistries('docker', hosts, undo, new Workspace(undo, path.join(temp, 'runner')), deadline())
    expect(most).toBe(LOGIN_CONCURRENCY)
  } finally {
    runCommand.mockReset()
    runCommand.mockImplementation(async (command: string, args: string[], options: { input?: string; env?: Record<string, string> }) => {
      calls.push({ command, args, input: options.input, env: options.env })
      return command.startsWith('docker-credential-') ? helperGet : result
    })
  }
})

test('the private copy has no currentContext (docker would look for the context beside it) and DOCKER_CONTEXT is cleared', async () => {
  await fs.mkdir(path.join(temp, 'docker'))
  await fs.writeFile(path.join(temp, 'docker', 'config.json'), '{"currentContext":"remote","auths":{}}')
  const copies: string[] = []
  runCommand.mockImplementationOnce(async (_command: string, _args: string[], options: { env?: Record<string, string> }) => {
    copies.push(await fs.readFile(path.join(options.env?.DOCKER_CONFIG ?? '', 'config.json'), 'utf8'))
    calls.push({ command: 'docker', args: [], env: options.env })
    return result
  })
  const undo = new UndoLog(true)
  await loginRegistries('docker', [credential('a.example')], undo, new Workspace(undo, path.join(temp, 'runner')), deadline())
  expect(copies).toEqual(['{"auths":{}}'])
  expect(calls[0]?.env?.DOCKER_CONTEXT).toBe('')
  expect(JSON.parse(await fs.readFile(path.join(temp, 'docker', 'config.json'), 'utf8'))).toMatchObject({ currentContext: 'remote' })
})
