/**
 * The action through dist/ against the AWS emulator, with a recording docker stand-in where the
 * point is the AWS side (regions, retries, errors), what config.json gets, or the exact docker
 * command line (with a credential helper, the only case where docker runs).
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

const configFile = () => path.join(sandbox.dockerConfig, 'config.json')
/** The `auths` of config.json, each decoded to `user:password`. */
const logins = (): Record<string, string> => {
  const config = JSON.parse(fs.readFileSync(configFile(), 'utf8')) as { auths: Record<string, { auth: string }> }
  return Object.fromEntries(Object.entries(config.auths).map(([host, entry]) => [host, Buffer.from(entry.auth, 'base64').toString('utf8')]))
}
const passwordOf = (result: { main: { outputs: Record<string, string> } }, host: string) =>
  result.main.outputs[`docker_password_${host.replace(/[^a-zA-Z0-9_]+/g, '_')}`]

test('three registries in two regions: two signed calls in parallel, three logins written into config.json, no docker process', async () => {
  let during: Record<string, string> = {}
  const result = await sandbox.run({
    with: {
      registries: '111111111111\n210987654321.dkr.ecr.eu-west-1.amazonaws.com, 222222222222',
      region: 'us-east-1',
    },
    beforePost: () => {
      during = logins()
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
  expect(during).toEqual(Object.fromEntries(hosts.map((host) => [host, `AWS:${passwordOf(result, host)}`])))
  expect(docker.calls()).toEqual([])
  expect(fs.existsSync(configFile())).toBe(false)
  expect(result.leaks).toEqual([])
})

test('with a credential helper: docker login per registry, the password on stdin only, a few at a time; the helper forgets them afterwards', async () => {
  fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
  fs.writeFileSync(configFile(), '{"credsStore":"recording"}')
  const helperLog = path.join(sandbox.dir, 'helper.log')
  fs.writeFileSync(path.join(docker.dir, 'docker-credential-recording'), `#!/bin/sh\nprintf '%s %s\\n' "$1" "$(cat)" >> '${helperLog}'\n[ "$1" = get ] && exit 1\nexit 0\n`, { mode: 0o755 })
  const result = await sandbox.run({ with: { registries: '111111111111 222222222222', region: 'us-east-1' } })
  expect(result.main.exitCode).toBe(0)
  const hosts = ['111111111111.dkr.ecr.us-east-1.amazonaws.com', '222222222222.dkr.ecr.us-east-1.amazonaws.com']
  const calls = docker.calls().sort((a, b) => hosts.indexOf(a.argv.at(-1) ?? '') - hosts.indexOf(b.argv.at(-1) ?? ''))
  expect(calls.map((call) => [call.argv, call.stdin])).toEqual(hosts.map((host) => [['login', '--username', 'AWS', '--password-stdin', host], passwordOf(result, host)]))
  expect(fs.readFileSync(helperLog, 'utf8').split('\n').filter(Boolean)).toEqual([...hosts.map((host) => `get ${host}`), ...[...hosts].reverse().map((host) => `erase ${host}`)])
  expect(fs.readFileSync(configFile(), 'utf8')).toBe('{"credsStore":"recording"}')
  expect(result.leaks).toEqual([])
})

test('ECR Public: us-east-1 whatever the region, public.ecr.aws', async () => {
  const result = await sandbox.run({ with: { 'registry-type': 'public' }, env: { AWS_REGION: 'eu-central-1' } })
  expect(result.main.exitCode).toBe(0)
  expect(emu.calls().map((call) => [call.service, call.region])).toEqual([['ecr-public', 'us-east-1']])
  expect(result.main.outputs).toMatchObject({ registry: 'public.ecr.aws', registries: 'public.ecr.aws', username: 'AWS' })
  expect(result.main.outputs.docker_password_public_ecr_aws).toBe(result.main.outputs.token)
  expect(docker.calls()).toEqual([])
  expect(result.main.maskedSummary).toContain('Amazon ECR Public')
  expect(result.leaks).toEqual([])
})

test('amazon-ecr-login inputs: registries, registry-type, mask-password, skip-logout', async () => {
  const result = await sandbox.run({
    with: { registries: '123456789012', 'registry-type': 'private', 'mask-password': 'true', 'skip-logout': 'true' },
    keepsSecrets: true,
  })
  expect(result.main.exitCode).toBe(0)
  const host = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
  expect(result.main.outputs).toMatchObject({
    registry: host,
    docker_username_123456789012_dkr_ecr_us_east_1_amazonaws_com: 'AWS',
    docker_password_123456789012_dkr_ecr_us_east_1_amazonaws_com: result.main.outputs.token,
  })
  expect(emu.secrets()).toContain(result.main.outputs.token)
  // skip-logout: the login stays after the job.
  expect(logins()).toEqual({ [host]: `AWS:${result.main.outputs.token}` })
  expect(docker.calls()).toEqual([])
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
  // The job summary says what failed and what to do, too.
  expect(result.main.maskedSummary).toContain('<h3>Registry login failed</h3>')
  expect(result.main.maskedSummary).toContain('the credentials need ecr:GetAuthorizationToken.')
})

test('no AWS credentials: points to configure-aws-credentials, no request sent', async () => {
  delete sandbox.env.AWS_ACCESS_KEY_ID
  delete sandbox.env.AWS_SECRET_ACCESS_KEY
  const result = await sandbox.run({ with: {} })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual([expect.stringMatching(/^No AWS credentials found\. Add aws-actions\/configure-aws-credentials/)])
  expect(emu.requests).toEqual([])
})

test('docker (with a credential helper) exiting non-zero without a word still fails the step with a message; nothing to undo for it', async () => {
  docker = fakeDocker(docker.dir, { bySubcommand: { login: { exitCode: 1 } } })
  fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
  fs.writeFileSync(configFile(), '{"credsStore":"missing-helper"}')
  const result = await sandbox.run({ with: {} })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual(['docker login to 123456789012.dkr.ecr.us-east-1.amazonaws.com failed (exit code 1): docker printed nothing'])
  expect(docker.calls().map((call) => call.argv[0])).toEqual(['login'])
  expect(result.post?.warnings).toEqual([])
  expect(result.leaks).toEqual([])
})

test('tools that are not installed yet are configured for a later step that installs them, and the log says so', async () => {
  const result = await sandbox.run({ with: { tools: 'docker, podman, helm' }, env: { PATH: '/nonexistent' } })
  expect(result.main.exitCode).toBe(0)
  for (const tool of ['docker', 'podman', 'helm']) expect(result.main.log).toContain(`${tool} is not on PATH yet: it is configured for a later step that installs it`)
  expect(Object.keys(result.main.env).sort()).toEqual(['HELM_REGISTRY_CONFIG', 'REGISTRY_AUTH_FILE'])
  expect(docker.calls()).toEqual([])
})

test('with a credential helper docker must run: missing, the step fails naming docker; post leaves config.json as it was', async () => {
  fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
  fs.writeFileSync(configFile(), '{"credsStore":"desktop"}')
  const result = await sandbox.run({ with: {}, env: { PATH: '/nonexistent' } })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual([expect.stringMatching(/^docker is not installed \(not found on PATH\), and .*config\.json names a credential helper for 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com: only docker login can store the password there; install docker before this step$/)])
  expect(result.post?.warnings).toEqual([])
  expect(fs.readFileSync(configFile(), 'utf8')).toBe('{"credsStore":"desktop"}')
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
