/**
 * The action through dist/ with the real docker CLI against a real Distribution registry: login in
 * main, logout and config.json restored in post; failures masked and cleaned up.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { startRegistry, readDockerConfig } from '../test-support/registry.js'
import { writeCredentialHelper } from '../test-support/credential-helper.js'
import { buildImage, pushImage } from '../test-support/oci-image.js'
import { makeSandbox, shown, type Emulator, type Sandbox } from './fixture.js'

const PASSWORD = 'eyJwYXlsb2FkIjoiZmFrZS1lY3ItcGFzc3dvcmQiLCJ2ZXJzaW9uIjoiMiJ9+/A='
type Registry = Awaited<ReturnType<typeof startRegistry>>

let emu: Emulator
let registry: Registry
let other: Registry
let sandbox: Sandbox
/** Account → host the emulator's proxyEndpoint sends docker to. */
let endpoints: Record<string, string>

beforeAll(async () => {
  ;[registry, other] = await Promise.all([
    startRegistry({ password: PASSWORD }),
    startRegistry({ password: 'a-different-password-than-ecr-gives' }),
  ])
  endpoints = { '111111111111': registry.host, '222222222222': `localhost:${registry.port}`, '999999999999': other.host }
  emu = await startEmulator({
    account: '111111111111',
    password: () => PASSWORD,
    proxyEndpoint: (account: string, region: string) =>
      endpoints[account] ? `https://${endpoints[account]}` : `https://${account}.dkr.ecr.${region}.amazonaws.com`,
  })
})
afterAll(async () => {
  await Promise.all([emu?.stop(), registry?.stop(), other?.stop()])
})
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

const USER_CONFIG = '{\n  "auths": {\n    "ghcr.io": { "auth": "dXNlcjpnaGNyLXRva2Vu" }\n  },\n  "detachKeys": "ctrl-e,e"\n}\n'

test('logs docker in to the registry and out again; the user\'s config.json comes back byte for byte', async () => {
  fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
  fs.writeFileSync(path.join(sandbox.dockerConfig, 'config.json'), USER_CONFIG)
  const during: { config?: { auths: Record<string, unknown> } } = {}
  const result = await sandbox.run({
    with: { registries: '111111111111' },
    beforePost: () => {
      during.config = readDockerConfig(sandbox.dockerConfig)
    },
  }, [PASSWORD])
  expect(result.main.exitCode).toBe(0)
  expect(Object.keys(during.config?.auths ?? {}).sort()).toEqual(['127.0.0.1:' + registry.port, 'ghcr.io'])
  expect(result.main.outputs).toMatchObject({
    registry: registry.host,
    registries: registry.host,
    username: 'AWS',
    token: PASSWORD,
    [`docker_password_127_0_0_1_${registry.port}`]: PASSWORD,
  })
  expect(result.main.outputs.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  expect(result.post?.exitCode).toBe(0)
  expect(result.post?.warnings).toEqual([])
  // docker kept the password in config.json itself: putting the file back is the logout, no docker spawned.
  expect(result.post?.log).toContain(`docker: logged out of ${registry.host} (its credential was only in`)
  expect(result.post?.log).not.toContain('docker logout')
  expect(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).toBe(USER_CONFIG)
  expect(result.main.maskedSummary).toContain(registry.host)
  expect(result.leaks).toEqual([])
  expect(fs.readdirSync(path.join(result.runnerTemp)).filter((name) => name.startsWith('registry-auth-'))).toEqual([])
})

test('without a config.json before, none is left after', async () => {
  const result = await sandbox.run({ with: { registries: '111111111111, 222222222222' } }, [PASSWORD])
  expect(result.main.exitCode).toBe(0)
  expect(result.main.outputs.registries).toBe(`${registry.host},localhost:${registry.port}`)
  expect(fs.existsSync(path.join(sandbox.dockerConfig, 'config.json'))).toBe(false)
  expect(result.leaks).toEqual([])
})

test('the real docker CLI uses the login written into config.json (no docker process in the step): it reads a pushed image during the job, not after', async () => {
  const image = buildImage({ files: { 'hello.txt': 'hello\n' } })
  const { reference } = await pushImage(image, { url: registry.url, username: 'AWS', password: PASSWORD, repository: 'team/hello', tag: 'v1' })
  // A docker first on PATH that notes every run, so the step is seen to run none.
  const bin = path.join(sandbox.dir, 'bin')
  const runs = path.join(sandbox.dir, 'docker-runs.log')
  fs.mkdirSync(bin)
  const realDocker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim()
  fs.writeFileSync(path.join(bin, 'docker'), `#!/bin/sh\necho "$*" >> '${runs}'\nexec '${realDocker}' "$@"\n`, { mode: 0o755 })
  const inspect = () => spawnSync(realDocker, ['manifest', 'inspect', '--insecure', reference], { env: { ...sandbox.env }, encoding: 'utf8', timeout: 30000 })
  expect(inspect().status).not.toBe(0) // the control: without the action's login, docker cannot read it
  let during: ReturnType<typeof inspect> | undefined
  const result = await sandbox.run({ with: { registries: '111111111111' }, env: { PATH: `${bin}:${sandbox.env.PATH}` }, beforePost: () => { during = inspect() } }, [PASSWORD])
  expect(result.main.exitCode).toBe(0)
  expect(fs.existsSync(runs)).toBe(false)
  expect(during?.status).toBe(0)
  expect(JSON.parse(during?.stdout ?? '{}')).toMatchObject({ schemaVersion: 2 })
  expect(inspect().status).not.toBe(0)
  expect(fs.existsSync(runs)).toBe(false)
  expect(result.leaks).toEqual([])
})

describe('with a credential helper (docker login runs)', () => {
  let helper: ReturnType<typeof writeCredentialHelper>
  let env: Record<string, string>
  beforeEach(() => {
    const bin = path.join(sandbox.dir, 'helper-bin')
    helper = writeCredentialHelper(bin, 'regauth-test', path.join(sandbox.dir, 'helper-store.json'))
    env = { ...helper.env, PATH: `${bin}:${sandbox.env.PATH}` }
    fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
    fs.writeFileSync(path.join(sandbox.dockerConfig, 'config.json'), HELPER_CONFIG)
  })
  const HELPER_CONFIG = '{\n  "auths": {\n    "ghcr.io": {}\n  },\n  "credsStore": "regauth-test"\n}\n'

  test('a rejected password fails the step with docker\'s message, still masked, nothing left behind', async () => {
    const result = await sandbox.run({ with: { registries: '999999999999' }, env }, [PASSWORD])
    expect(result.main.exitCode).toBe(1)
    expect(result.main.errors).toEqual([expect.stringMatching(new RegExp(`^docker login to ${other.host} failed \\(exit code 1\\): .*401 Unauthorized`))])
    expect(result.post?.exitCode).toBe(0)
    expect(result.post?.warnings).toEqual([])
    expect(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).toBe(HELPER_CONFIG)
    expect(helper.read()).toEqual({})
    expect(result.leaks).toEqual([])
  })

  test('a main step that fails halfway: the logins that worked are undone in post', async () => {
    let stored: string[] = []
    const result = await sandbox.run({ with: { registries: '111111111111 999999999999' }, env, beforePost: () => { stored = Object.keys(helper.read()) } }, [PASSWORD])
    expect(result.main.exitCode).toBe(1)
    expect(result.main.log).toContain(`docker: logged in to ${registry.host}`)
    expect(stored).toEqual([registry.host])
    expect(helper.read()).toEqual({})
    expect(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).toBe(HELPER_CONFIG)
    expect(result.leaks).toEqual([])
  })
})

test('another step logs docker in elsewhere between main and post: our entry is taken out, the other login stays', async () => {
  fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
  fs.writeFileSync(path.join(sandbox.dockerConfig, 'config.json'), USER_CONFIG)
  const result = await sandbox.run({
    with: { registries: '111111111111' },
    // A later step of the job: the real docker CLI logs in to another registry.
    beforePost: (_main, later) => {
      execFileSync('docker', ['login', '--username', other.username, '--password-stdin', other.host], {
        input: other.password,
        env: { ...later.env, DOCKER_CONFIG: sandbox.dockerConfig },
        stdio: ['pipe', 'ignore', 'ignore'],
      })
    },
  }, [PASSWORD])
  expect(result.main.exitCode).toBe(0)
  // The credential was in config.json itself: taking our entry out of the file is the logout.
  expect(result.post?.log).not.toContain('docker logout')
  expect(result.post?.log).toContain('was changed by another step meanwhile: took out only this action\'s entries and kept the rest')
  expect(result.post?.warnings).toEqual([])
  expect(Object.keys(readDockerConfig(sandbox.dockerConfig)?.auths ?? {}).sort()).toEqual([other.host, 'ghcr.io'])
  expect(result.leaks).toEqual([])
})

test('skip-logout (amazon-ecr-login) keeps the login after the job', async () => {
  const result = await sandbox.run({ with: { registries: '111111111111', 'skip-logout': 'true' }, keepsSecrets: true }, [PASSWORD])
  expect(result.main.exitCode).toBe(0)
  expect(result.post?.log).not.toContain('logout')
  expect(Object.keys(readDockerConfig(sandbox.dockerConfig)?.auths ?? {})).toEqual([registry.host])
  expect(result.leaks).toEqual([])
})

test('a credsStore helper that is missing fails the login with docker\'s message; config.json put back', async () => {
  const config = '{"credsStore":"registry-auth-missing-helper"}'
  fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
  fs.writeFileSync(path.join(sandbox.dockerConfig, 'config.json'), config)
  const result = await sandbox.run({ with: { registries: '111111111111' } }, [PASSWORD])
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors[0]).toMatch(/Error saving credentials/)
  expect(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).toBe(config)
  expect(result.leaks).toEqual([])
  expect(shown(result)).not.toContain(PASSWORD)
})


test('with a credential helper (credsStore), post has the helper itself forget the password', async () => {
  const bin = path.join(sandbox.dir, 'bin')
  const store = path.join(sandbox.dir, 'helper-store.json')
  writeCredentialHelper(bin, 'regauth-test', store)
  const config = '{\n  "credsStore": "regauth-test"\n}\n'
  fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
  fs.writeFileSync(path.join(sandbox.dockerConfig, 'config.json'), config)
  let during: Record<string, { Secret?: string }> = {}
  const result = await sandbox.run({
    with: { registries: '111111111111' },
    env: { PATH: `${bin}:${sandbox.env.PATH}`, REGAUTH_TEST_HELPER_STORE: store },
    beforePost: () => {
      during = JSON.parse(fs.readFileSync(store, 'utf8')) as typeof during
    },
  }, [PASSWORD])
  expect(result.main.exitCode).toBe(0)
  expect(Object.values(during).map((credential) => credential.Secret)).toEqual([PASSWORD])
  expect(result.post?.log).toContain('docker-credential-regauth-test erase: done')
  expect(result.post?.warnings).toEqual([])
  expect(JSON.parse(fs.readFileSync(store, 'utf8'))).toEqual({})
  expect(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).toBe(config)
  expect(result.leaks).toEqual([])
})
