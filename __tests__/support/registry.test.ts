import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fakeDocker, makeDockerConfig, readDockerConfig, startRegistry } from '../../test-support/registry.js'

const PASSWORD = 'correct-horse-battery-staple'
let registry: Awaited<ReturnType<typeof startRegistry>>
let scratch: string

beforeAll(async () => {
  registry = await startRegistry({ username: 'AWS', password: PASSWORD })
  scratch = mkdtempSync(join(tmpdir(), 'registry-test-'))
})
afterAll(async () => {
  await registry?.stop()
  rmSync(scratch, { recursive: true, force: true })
})

function docker(args: string[], dockerConfig: string, input?: string) {
  const env = { PATH: process.env.PATH ?? '', HOME: join(scratch, 'home'), DOCKER_CONFIG: dockerConfig }
  return spawnSync('docker', args, { env, input, encoding: 'utf8', timeout: 30000 })
}

describe('real registry', () => {
  test('answers 401 without credentials and listens on 127.0.0.1', async () => {
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(registry.url).toBe(`http://${registry.host}`)
    const response = await fetch(`${registry.url}/v2/`)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="basic-realm"')
  })

  test('docker login succeeds with the right password, fails with a wrong one; logout removes the entry', () => {
    const config = makeDockerConfig(join(scratch, 'docker-config'))

    const wrong = docker(['login', '--username', 'AWS', '--password-stdin', registry.host], config, 'wrong-password')
    expect(wrong.status).toBe(1)
    expect(wrong.stderr).toContain('401 Unauthorized')
    expect(readDockerConfig(config)?.auths?.[registry.host]).toBeUndefined()

    const right = docker(['login', '--username', 'AWS', '--password-stdin', registry.host], config, PASSWORD)
    expect(right.status).toBe(0)
    expect(right.stdout).toContain('Login Succeeded')
    expect(readDockerConfig(config).auths[registry.host]).toEqual({ auth: Buffer.from(`AWS:${PASSWORD}`).toString('base64') })

    const logout = docker(['logout', registry.host], config)
    expect(logout.status).toBe(0)
    expect(readDockerConfig(config).auths[registry.host]).toBeUndefined()
  })

  test('stop ends the process and removes its directory', async () => {
    const other = await startRegistry({ password: 'another-password' })
    expect(existsSync(other.dir)).toBe(true)
    await other.stop()
    expect(() => process.kill(other.pid, 0)).toThrow()
    expect(existsSync(other.dir)).toBe(false)
  })
})

describe('makeDockerConfig', () => {
  test('creates the directory, with or without config.json', () => {
    const empty = makeDockerConfig(join(scratch, 'empty', 'nested'))
    expect(readDockerConfig(empty)).toBeNull()
    const withHelper = makeDockerConfig(join(scratch, 'helper'), { credsStore: 'missing-helper' })
    expect(readDockerConfig(withHelper)).toEqual({ credsStore: 'missing-helper' })
    const raw = makeDockerConfig(join(scratch, 'raw'), '{"auths":{}}')
    expect(readDockerConfig(raw)).toEqual({ auths: {} })
  })

  test('a credsStore whose helper is missing makes the real login fail', () => {
    const config = makeDockerConfig(join(scratch, 'broken-helper'), { credsStore: 'does-not-exist' })
    const result = docker(['login', '--username', 'AWS', '--password-stdin', registry.host], config, PASSWORD)
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain('Error saving credentials')
  })
})

describe('fakeDocker', () => {
  test('records argv, DOCKER_CONFIG and the password from stdin, and behaves as told', () => {
    const fake = fakeDocker(join(scratch, 'fake'), {
      exitCode: 0,
      stdout: 'Login Succeeded\n',
      bySubcommand: { logout: { exitCode: 1, stderr: "it's broken\n" } },
    })
    const env = { PATH: `${fake.dir}:/usr/bin:/bin`, DOCKER_CONFIG: '/cfg dir' }
    const login = spawnSync('docker', ['login', '--username', 'AWS', '--password-stdin', 'host:5000'], { env, input: 'pa ss\nword', encoding: 'utf8' })
    expect(login).toMatchObject({ status: 0, stdout: 'Login Succeeded\n', stderr: '' })
    const logout = spawnSync('docker', ['logout', 'host with space'], { env, encoding: 'utf8' })
    expect(logout).toMatchObject({ status: 1, stdout: '', stderr: "it's broken\n" })
    expect(fake.calls()).toEqual([
      { argv: ['login', '--username', 'AWS', '--password-stdin', 'host:5000'], stdin: 'pa ss\nword', dockerConfig: '/cfg dir' },
      { argv: ['logout', 'host with space'], stdin: null, dockerConfig: '/cfg dir' },
    ])
  })

  test('a failing login exits with the given code and stderr', () => {
    const fake = fakeDocker(join(scratch, 'fake-fail'), { exitCode: 1, stderr: 'Error response from daemon: 401 Unauthorized\n' })
    const result = spawnSync(fake.path, ['login', '--password-stdin', 'h'], { input: 'x', encoding: 'utf8' })
    expect(result).toMatchObject({ status: 1, stderr: 'Error response from daemon: 401 Unauthorized\n' })
    expect(fake.calls()).toEqual([{ argv: ['login', '--password-stdin', 'h'], stdin: 'x', dockerConfig: '' }])
  })
})
