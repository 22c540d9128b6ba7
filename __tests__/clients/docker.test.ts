import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

type Call = { command: string; args: string[]; input?: string; env?: Record<string, string> }
const calls: Call[] = []
let result = { exitCode: 0, stdout: 'Login Succeeded', stderr: '' }
/** What a credential helper's `get` answers (exit 1: it has nothing for the host). */
let helperGet = { exitCode: 1, stdout: '', stderr: 'credentials not found in native keychain' }
type Options = { input?: string; env?: Record<string, string> }
const record = async (command: string, args: string[], options: Options) => {
  calls.push({ command, args, input: options.input, env: options.env })
  return command.startsWith('docker-credential-') ? helperGet : result
}
const runCommand = jest.fn(record)
jest.unstable_mockModule('../../src/command.js', () => ({ runCommand }))
const setSecret = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn(), info: jest.fn(), setSecret }))
const { docker, dockerConfigPath, helperFor, LOGIN_CONCURRENCY } = await import('../../src/clients/docker.js')
const { UndoLog } = await import('../../src/undo.js')
const { Workspace } = await import('../../src/workspace.js')
const { Deadline } = await import('../../src/deadline.js')
type DockerRecord = import('../../src/clients/docker.js').DockerRecord

const credential = (host: string, password = `pw-${host}`) => ({ host, region: 'us-east-1', username: 'AWS', password })
const auth = (host: string) => Buffer.from(`AWS:pw-${host}`).toString('base64')
let temp: string
let dockerConfig: string
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'docker-'))
  dockerConfig = path.join(temp, 'docker')
  calls.length = 0
  result = { exitCode: 0, stdout: 'Login Succeeded', stderr: '' }
  helperGet = { exitCode: 1, stdout: '', stderr: 'credentials not found in native keychain' }
  setSecret.mockClear()
  runCommand.mockImplementation(record)
})
afterEach(() => fs.rm(temp, { recursive: true, force: true }))

/** Runs docker's configure with DOCKER_CONFIG in the temp dir; returns the undo log. */
async function configure(hosts: string[], { logout = true, env = {} }: { logout?: boolean; env?: Record<string, string> } = {}) {
  const undo = new UndoLog(logout)
  const workspace = new Workspace(undo, path.join(temp, 'runner'))
  const exported = await docker.configure({
    credentials: hosts.map((host) => credential(host)), workspace, deadline: new Deadline(600),
    env: { PATH: process.env.PATH ?? '', DOCKER_CONFIG: dockerConfig, ...env }, home: temp,
  })
  expect(exported).toEqual({})
  return { undo, docker: undo.records.find((item) => item.kind === 'docker') as DockerRecord | undefined }
}
const writeConfig = async (text: string, mode = 0o600) => {
  await fs.mkdir(dockerConfig, { recursive: true })
  await fs.writeFile(path.join(dockerConfig, 'config.json'), text, { mode })
  await fs.chmod(path.join(dockerConfig, 'config.json'), mode)
}
const readConfig = async () => JSON.parse(await fs.readFile(path.join(dockerConfig, 'config.json'), 'utf8')) as Record<string, unknown>

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

test('no credential helper: the auths entries are written into config.json directly, no process runs; backup, mode and digest recorded first', async () => {
  await writeConfig('{"auths":{"ghcr.io":{"auth":"Z2g="}},"psFormat":"table"}  ', 0o644)
  const { undo, docker: saved } = await configure(['a.example', 'b.example'])
  expect(calls).toEqual([])
  expect(await readConfig()).toEqual({ auths: { 'ghcr.io': { auth: 'Z2g=' }, 'a.example': { auth: auth('a.example') }, 'b.example': { auth: auth('b.example') } }, psFormat: 'table' })
  expect(undo.records.map((item) => item.kind)).toEqual(['remove', 'docker'])
  expect(saved).toMatchObject({
    path: path.join(dockerConfig, 'config.json'), hosts: ['a.example', 'b.example'], mode: 0o644, storedInFile: ['a.example', 'b.example'], helpers: [],
    env: { DOCKER_CONFIG: dockerConfig }, written: expect.stringMatching(/^[0-9a-f]{64}$/),
  })
  expect(await fs.readFile(saved?.backup ?? '', 'utf8')).toBe('{"auths":{"ghcr.io":{"auth":"Z2g="}},"psFormat":"table"}  ')
  // Owner-only while it holds the credentials; the post step puts 0644 back.
  expect((await fs.stat(path.join(dockerConfig, 'config.json'))).mode & 0o777).toBe(0o600)
})

test('no config.json yet: one is created, owner-only; the directory made for it is recorded', async () => {
  const { docker: saved } = await configure(['a.example'])
  expect(saved?.backup).toBeNull()
  expect(saved?.madeDirs).toEqual([dockerConfig])
  expect(await readConfig()).toEqual({ auths: { 'a.example': { auth: auth('a.example') } } })
  expect((await fs.stat(path.join(dockerConfig, 'config.json'))).mode & 0o777).toBe(0o600)
})

test('a credential helper: docker login on stdin against a private copy, only the entry it added merged back', async () => {
  await writeConfig('{"auths":{},"credsStore":"pass","credHelpers":{"b.example":"other"},"currentContext":"remote"}')
  runCommand.mockImplementation(async (command: string, args: string[], options: Options) => {
    await record(command, args, options)
    if (command === 'docker') {
      const copy = path.join(options.env?.DOCKER_CONFIG ?? '', 'config.json')
      const config = JSON.parse(await fs.readFile(copy, 'utf8')) as { auths?: Record<string, unknown> }
      expect(config).not.toHaveProperty('currentContext')
      await fs.writeFile(copy, JSON.stringify({ ...config, auths: { ...config.auths, [args.at(-1) ?? '']: {} } }))
    }
    return command.startsWith('docker-credential-') ? helperGet : result
  })
  const { docker: saved } = await configure(['a.example', 'b.example', 'c.example'], { env: { DOCKER_CONTEXT: 'remote' } })
  const logins = calls.filter((call) => call.command === 'docker').sort((x, y) => (x.args.at(-1) ?? '').localeCompare(y.args.at(-1) ?? ''))
  expect(logins.map(({ args, input, env }) => [args, input, env?.DOCKER_CONTEXT])).toEqual(['a', 'b', 'c'].map((name) => [
    ['login', '--username', 'AWS', '--password-stdin', `${name}.example`], `pw-${name}.example`, '',
  ]))
  expect(logins.every((call) => /registry-auth-[^/]+\/docker-\d$/.test(call.env?.DOCKER_CONFIG ?? ''))).toBe(true)
  expect(calls.filter((call) => call.command.startsWith('docker-credential-')).map((call) => [call.command, call.args, call.input])).toEqual([
    ['docker-credential-pass', ['get'], 'a.example'], ['docker-credential-other', ['get'], 'b.example'], ['docker-credential-pass', ['get'], 'c.example'],
  ])
  expect(saved).toMatchObject({ storedInFile: [], helpers: [{ host: 'a.example', helper: 'pass' }, { host: 'b.example', helper: 'other' }, { host: 'c.example', helper: 'pass' }] })
  expect(await readConfig()).toMatchObject({ currentContext: 'remote', auths: { 'a.example': {}, 'b.example': {}, 'c.example': {} } })
})

test('a helper\'s existing credential for the host is kept (masked) before the login replaces it', async () => {
  await writeConfig('{"credsStore":"pass"}')
  helperGet = { exitCode: 0, stdout: '{"ServerURL":"a.example","Username":"me","Secret":"long-lived-secret"}', stderr: '' }
  const { docker: saved } = await configure(['a.example'])
  expect(setSecret).toHaveBeenCalledWith('long-lived-secret')
  expect(saved?.helpers).toEqual([{ host: 'a.example', helper: 'pass', backup: expect.stringMatching(/helper-0\.json$/) }])
  expect(await fs.readFile(saved?.helpers?.[0]?.backup ?? '', 'utf8')).toBe(helperGet.stdout)
})

test('with a credential helper docker must be installed: an error naming docker and the hosts, before any login', async () => {
  await writeConfig('{"credsStore":"pass"}')
  const saved = process.env.PATH
  process.env.PATH = temp
  try {
    await expect(configure(['a.example'])).rejects.toThrow(/^docker is not installed \(not found on PATH\), and .*config\.json names a credential helper for a\.example: only docker login can store the password there/)
  } finally {
    process.env.PATH = saved
  }
  expect(calls).toEqual([])
})

test('a failed login throws docker\'s own message; docker stored nothing, so its host needs no undo', async () => {
  await writeConfig('{"credsStore":"pass"}')
  result = { exitCode: 1, stdout: '', stderr: 'Error response from daemon: login attempt to http://x/v2/ failed with status: 401 Unauthorized\n' }
  const undo = new UndoLog(true)
  await expect(docker.configure({ credentials: [credential('x')], workspace: new Workspace(undo, temp), deadline: new Deadline(600), env: { DOCKER_CONFIG: dockerConfig }, home: temp }))
    .rejects.toThrow('docker login to x failed (exit code 1): Error response from daemon: login attempt to http://x/v2/ failed with status: 401 Unauthorized')
  expect(undo.records.find((item) => item.kind === 'docker')).toMatchObject({ hosts: [], helpers: [] })
})

test('docker logs in a few registries at a time', async () => {
  await writeConfig('{"credsStore":"pass"}')
  let running = 0
  let most = 0
  runCommand.mockImplementation(async (command: string) => {
    if (command !== 'docker') return helperGet
    running += 1
    most = Math.max(most, running)
    await new Promise((resolve) => setTimeout(resolve, 5))
    running -= 1
    return result
  })
  await configure(Array.from({ length: 20 }, (_, index) => `r${index}.example`))
  expect(most).toBe(LOGIN_CONCURRENCY)
})

test('with logout off nothing is recorded and nothing is kept', async () => {
  await writeConfig('{}')
  const { undo } = await configure(['a.example'], { logout: false })
  expect(undo.records).toEqual([])
  expect(await fs.readdir(path.join(temp, 'runner')).catch(() => [])).toEqual([])
})

test('with logout off a config.json readable by others is still made owner-only: the password stays in it', async () => {
  await writeConfig('{}', 0o644)
  await configure(['a.example'], { logout: false })
  expect((await fs.stat(path.join(dockerConfig, 'config.json'))).mode & 0o777).toBe(0o600)
  expect(await readConfig()).toEqual({ auths: { 'a.example': { auth: auth('a.example') } } })
})

test('with logout off, what another client keeps in the private directory for later steps stays (podman\'s auth file)', async () => {
  const undo = new UndoLog(false)
  const workspace = new Workspace(undo, path.join(temp, 'runner'))
  const kept = await workspace.writePrivate('containers-auth.json', '{}')
  await docker.configure({ credentials: [credential('a.example')], workspace, deadline: new Deadline(600), env: { PATH: process.env.PATH ?? '', DOCKER_CONFIG: dockerConfig }, home: temp })
  expect(await fs.readFile(kept, 'utf8')).toBe('{}')
  await expect(workspace.writePrivate('helm-registry-config.json', '{}')).resolves.toContain('helm-registry-config.json')
})
