/**
 * The action through dist/ against the AWS emulator, with a recording docker stand-in where the
 * point is the AWS side (regions, retries, errors) or the exact docker command line.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { fakeDocker } from '../test-support/registry.js'
import { startProxy } from '../test-support/proxy.js'
import { expectRejected, makeSandbox, shown, type Emulator, type Sandbox } from './fixture.js'

let emu: Emulator
let sandbox: Sandbox
let docker: ReturnType<typeof fakeDocker>

beforeAll(async () => {
  emu = await startEmulator({ account: '123456789012' })
})
afterAll(() => emu?.stop())
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu)
  docker = fakeDocker(path.join(sandbox.dir, 'bin'), { stdout: 'Login Succeeded\n' })
  sandbox.env.PATH = `${docker.dir}:${sandbox.env.PATH}`
})
afterEach(() => sandbox.cleanup())

test('three registries in two regions: two signed calls in parallel, three logins, password on stdin only', async () => {
  const result = await sandbox.run({
    with: {
      registries: '111111111111\n210987654321.dkr.ecr.eu-west-1.amazonaws.com, 222222222222',
      region: 'us-east-1',
    },
  })
  expect(result.main.exitCode).toBe(0)
  const calls = emu.calls({ service: 'ecr' })
  expect(calls.map((call) => [call.region, call.params])).toEqual(expect.arrayContaining([
    ['us-east-1', { registryIds: ['111111111111', '222222222222'] }],
    ['eu-west-1', { registryIds: ['210987654321'] }],
  ]))
  expect(calls).toHaveLength(2)
  expect(emu.requests.every((request) => request.signatureValid)).toBe(true)
  const hosts = ['111111111111.dkr.ecr.us-east-1.amazonaws.com', '210987654321.dkr.ecr.eu-west-1.amazonaws.com', '222222222222.dkr.ecr.us-east-1.amazonaws.com']
  expect(result.main.outputs.registries).toBe(hosts.join(','))
  // All three logins run at once, so their order is not defined: sort them by host.
  const logins = docker.calls().filter((call) => call.argv[0] === 'login').sort((a, b) => hosts.indexOf(a.argv.at(-1) ?? '') - hosts.indexOf(b.argv.at(-1) ?? ''))
  expect(logins.map((call) => call.argv)).toEqual(hosts.map((host) => ['login', '--username', 'AWS', '--password-stdin', host]))
  for (const [index, host] of hosts.entries()) {
    expect(logins[index]?.stdin).toBe(result.main.outputs[`docker_password_${host.replace(/[^a-zA-Z0-9_]+/g, '_')}`])
  }
  expect(docker.calls().filter((call) => call.argv[0] === 'logout').map((call) => call.argv[1])).toEqual([...hosts].reverse())
  expect(result.leaks).toEqual([])
})

test('ECR Public: us-east-1 whatever the region, public.ecr.aws', async () => {
  const result = await sandbox.run({ with: { 'registry-type': 'public' }, env: { AWS_REGION: 'eu-central-1' } })
  expect(result.main.exitCode).toBe(0)
  expect(emu.calls().map((call) => [call.service, call.region])).toEqual([['ecr-public', 'us-east-1']])
  expect(result.main.outputs).toMatchObject({ registry: 'public.ecr.aws', registries: 'public.ecr.aws', username: 'AWS' })
  expect(result.main.outputs.docker_password_public_ecr_aws).toBe(result.main.outputs.token)
  expect(docker.calls()[0]?.argv).toEqual(['login', '--username', 'AWS', '--password-stdin', 'public.ecr.aws'])
  expect(result.main.maskedSummary).toContain('Amazon ECR Public')
  expect(result.leaks).toEqual([])
})

test('amazon-ecr-login inputs: registries, registry-type, mask-password, skip-logout', async () => {
  const result = await sandbox.run({
    with: { registries: '123456789012', 'registry-type': 'private', 'mask-password': 'true', 'skip-logout': 'true' },
  })
  expect(result.main.exitCode).toBe(0)
  const host = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
  expect(result.main.outputs).toMatchObject({
    registry: host,
    docker_username_123456789012_dkr_ecr_us_east_1_amazonaws_com: 'AWS',
    docker_password_123456789012_dkr_ecr_us_east_1_amazonaws_com: result.main.outputs.token,
  })
  expect(emu.secrets()).toContain(result.main.outputs.token)
  expect(docker.calls()[0]?.stdin).toBe(result.main.outputs.token)
  expect(docker.calls().map((call) => call.argv[0])).toEqual(['login'])
  expect(result.leaks).toEqual([])
})

test('mask-password: false warns and leaves the password unmasked (for cross-job outputs)', async () => {
  const result = await sandbox.run({ with: { 'mask-password': 'false' } })
  expect(result.main.exitCode).toBe(0)
  expect(result.main.warnings).toEqual([expect.stringContaining('mask-password is false')])
  expect(result.main.masks).toEqual([])
})

test('throttled three times, then served: the step succeeds', async () => {
  emu.fault({ kind: 'throttle', times: 3 })
  const result = await sandbox.run({ with: {} })
  expect(result.main.exitCode).toBe(0)
  expect(emu.requests.map((request) => request.status)).toEqual([400, 400, 400, 200])
  expect(result.leaks).toEqual([])
})

test('AccessDenied: the service message plus the permission to grant; no docker run', async () => {
  emu.fault({ kind: 'denied' })
  const result = await sandbox.run({ with: { registries: '123456789012' } })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual([
    expect.stringMatching(/^ecr us-east-1: User: .* is not authorized to perform: ecr:GetAuthorizationToken.* — the credentials need ecr:GetAuthorizationToken\.$/),
  ])
  expect(docker.calls()).toEqual([])
  expect(result.post?.exitCode).toBe(0)
  expect(result.post?.warnings).toEqual([])
})

test('no AWS credentials: points to configure-aws-credentials, no request sent', async () => {
  delete sandbox.env.AWS_ACCESS_KEY_ID
  delete sandbox.env.AWS_SECRET_ACCESS_KEY
  const result = await sandbox.run({ with: {} })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual([expect.stringMatching(/^No AWS credentials found\. Add aws-actions\/configure-aws-credentials/)])
  expect(emu.requests).toEqual([])
})

test('docker exiting non-zero without a word still fails the step with a message; post logs out', async () => {
  docker = fakeDocker(docker.dir, { bySubcommand: { login: { exitCode: 1 } } })
  const result = await sandbox.run({ with: {} })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual(['docker login to 123456789012.dkr.ecr.us-east-1.amazonaws.com failed (exit code 1): docker printed nothing'])
  expect(docker.calls().map((call) => call.argv[0])).toEqual(['login', 'logout'])
  expect(result.leaks).toEqual([])
})

test('a tool that is not installed fails before any AWS call', async () => {
  const result = await sandbox.run({ with: { tools: 'docker, podman' }, env: { PATH: `${docker.dir}:/nonexistent` } })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual(["Input 'tools': podman is not installed (podman not found on PATH); install it first or remove it from tools"])
  expect(emu.requests).toEqual([])
  expect(docker.calls()).toEqual([])
})

test('tools: none gives the outputs and runs no client', async () => {
  const result = await sandbox.run({ with: { tools: 'none' } })
  expect(result.main.exitCode).toBe(0)
  expect(result.main.outputs.token).toBeTruthy()
  expect(docker.calls()).toEqual([])
  expect(result.leaks).toEqual([])
})

describe('bad input: one error line naming the input, exit 1, no AWS call, no client, nothing written', () => {
  test.each<[Record<string, string>, string]>([
    [{ registries: '12345' }, "Input 'registries': \"12345\" is not a 12-digit account id"],
    [{ region: 'us-east1' }, "Input 'region': \"us-east1\" is not an AWS region"],
    [{ 'max-attempts': '0' }, "Input 'max-attempts': \"0\" is not a whole number from 1 to 20"],
    [{ tools: 'docker,kaniko' }, "Input 'tools': \"kaniko\" is not a client for ECR"],
    [{ 'mask-password': 'yes' }, "Input 'mask-password': \"yes\" is not accepted; use one of: true, false"],
    [{ service: 'ecr', 'registry-type': 'public' }, "Input 'registry-type': 'public' conflicts with service 'ecr'"],
    [{ region: 'us-east-1\nAWS_REGION=evil' }, "Input 'region': must be a single line"],
  ])('%j', async (given, message) => {
    const result = await expectRejected(sandbox, emu, given, message)
    expect(docker.calls()).toEqual([])
    expect(fs.readdirSync(result.runnerTemp).filter((name) => name.startsWith('registry-auth'))).toEqual([])
  })
})

test('with RUNNER_DEBUG=1 no form of any secret shows anywhere', async () => {
  const result = await sandbox.run({ with: { registries: '111111111111 222222222222', tools: 'docker' }, debug: true })
  expect(result.main.exitCode).toBe(0)
  expect(result.main.log).toContain('##[debug]')
  expect(result.leaks).toEqual([])
  for (const secret of emu.secrets()) expect(shown(result)).not.toContain(secret)
})

describe('proxy', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>
  beforeAll(async () => {
    proxy = await startProxy({ username: 'ci', password: 'pr0xy-s3cret-pass' })
  })
  afterAll(() => proxy.stop())
  beforeEach(() => {
    proxy.tunnels.length = 0
  })

  test('http-proxy: every AWS call goes through it, and its password is masked', async () => {
    const result = await sandbox.run({ with: { 'http-proxy': `http://ci:pr0xy-s3cret-pass@127.0.0.1:${proxy.port}`, registries: '111111111111' } }, ['pr0xy-s3cret-pass'])
    expect(result.main.exitCode).toBe(0)
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    expect(proxy.tunnels.every((tunnel) => tunnel.allowed && tunnel.target === `127.0.0.1:${emu.port}`)).toBe(true)
    expect(result.main.masks).toContain('pr0xy-s3cret-pass')
    expect(result.leaks).toEqual([])
  })

  test('HTTP(S)_PROXY from the environment is used, and NO_PROXY is honoured', async () => {
    const viaEnv = await sandbox.run({ with: {}, env: { HTTP_PROXY: `http://ci:pr0xy-s3cret-pass@127.0.0.1:${proxy.port}` } }, ['pr0xy-s3cret-pass'])
    expect(viaEnv.main.exitCode).toBe(0)
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    proxy.tunnels.length = 0
    const bypassed = await sandbox.run({ with: {}, env: { HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '127.0.0.1' } })
    expect(bypassed.main.exitCode).toBe(0)
    expect(proxy.tunnels).toEqual([])
  })

  test('a proxy that refuses the credentials: the step fails with the reason', async () => {
    const result = await sandbox.run({ with: { 'http-proxy': `http://ci:wrong@127.0.0.1:${proxy.port}`, 'max-attempts': '1' } })
    expect(result.main.exitCode).toBe(1)
    expect(result.main.errors[0]).toMatch(/^ecr us-east-1: .*the proxy refused the request \(HTTP 407/)
    expect(docker.calls()).toEqual([])
  })
})
