/**
 * Hostile AWS answers, endpoints that never answer, and undo state from elsewhere, through dist/:
 * every AWS call and client process has a time limit within the step's; values from AWS answers are
 * checked before use (https outside a local emulator, no control characters, the expected host and
 * path); the post step replays only what this run recorded. Each test failed on the action as it
 * was before these fixes.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../../test-support/emulator/index.js'
import { startProxy } from '../../test-support/proxy.js'
import { fakeDocker } from '../../test-support/registry.js'
import { makeSandbox, shown, type Emulator, type RunResult, type Sandbox } from '../fixture.js'

const TOKEN = 'eyJ2ZXIiOjF9.hostile-aws-token.a+b/c='
const PASSWORD = 'eyJwYXlsb2FkIjoiaG9zdGlsZS1hd3MifQ=='
/** What each test's emulator answers; a test changes it before its run. */
const answers = {
  token: TOKEN,
  password: PASSWORD,
  proxyEndpoint: (account: string, region: string) => `https://${account}.dkr.ecr.${region}.amazonaws.com`,
  repositoryEndpoint: (format: string) => `https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/${format}/shared/`,
}
const DEFAULTS = { ...answers }

let emu: Emulator
let sandbox: Sandbox
beforeAll(async () => {
  emu = await startEmulator({
    token: () => answers.token,
    password: () => answers.password,
    proxyEndpoint: (account: string, region: string) => answers.proxyEndpoint(account, region),
    repositoryEndpoint: ({ format }: { format: string }) => answers.repositoryEndpoint(format),
  })
})
afterAll(() => emu?.stop())
beforeEach(() => {
  Object.assign(answers, DEFAULTS)
  emu.reset()
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

const CA = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared' }
/** A file an injected command would create: it must never exist. */
const pwned = () => path.join(sandbox.dir, 'PWNED')
const INJECTED_UNDO = () => JSON.stringify([{ kind: 'run', description: 'x', command: 'sh', args: ['-c', `touch ${pwned()}`] }])

/** The step failed with exactly `error`, ran no client, and the post step had nothing to do. */
function expectRefused(result: RunResult, error: string | RegExp): void {
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual([typeof error === 'string' ? error : expect.stringMatching(error)])
  expect(result.main.errors[0]).not.toMatch(/[\r\n]/)
  expect(result.post?.exitCode).toBe(0)
  expect(result.post?.warnings).toEqual([])
  expect(fs.existsSync(pwned())).toBe(false)
  expect(result.leaks).toEqual([])
}

describe('2. nothing can hang the step', () => {
  const started = () => Date.now()

  test('an endpoint that accepts and never answers: the step fails at its time limit, naming the call', async () => {
    emu.fault({ kind: 'hang' })
    const at = started()
    const result = await sandbox.run({ with: { registries: '123456789012', tools: 'none', 'timeout-seconds': '5' }, timeoutMs: 30_000 })
    expectRefused(result, "ecr us-east-1: GetAuthorizationToken did not finish within the step's time limit of 5 s (input 'timeout-seconds'); check the network, proxy settings and any AWS_ENDPOINT_URL_* setting, or raise timeout-seconds.")
    expect(result.main.timedOut).toBe(false)
    expect(Date.now() - at).toBeLessThan(20_000)
  })

  test('CodeArtifact: the same for the token and endpoint calls', async () => {
    emu.fault({ kind: 'hang' })
    const result = await sandbox.run({ with: { ...CA, tools: 'npm', 'timeout-seconds': '5' }, timeoutMs: 30_000 })
    expectRefused(result, /^codeartifact us-east-1 \(domain acme\): GetAuthorizationToken did not finish within the step's time limit of 5 s/)
    expect(result.main.env).toEqual({})
  })

  test('an endpoint that trickles bytes: each attempt is cut off after 20 s, and the error says so', async () => {
    emu.fault({ kind: 'trickle' })
    const result = await sandbox.run({ with: { registries: '123456789012', tools: 'none', 'max-attempts': '1' }, timeoutMs: 45_000 })
    expectRefused(result, 'ecr us-east-1: GetAuthorizationToken got no complete answer within 20 s, 1 attempt; check the network, proxy settings and any AWS_ENDPOINT_URL_* setting.')
  }, 60_000)

  test('a client that hangs (docker login to a registry that never answers) is stopped at the limit; post still undoes it', async () => {
    const docker = fakeDocker(path.join(sandbox.dir, 'bin'), { bySubcommand: { login: { sleepSeconds: 600 } } })
    fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
    // With a credential helper, docker login is what runs.
    const config = '{"auths":{"ghcr.io":{"auth":"dXNlcjpwYXNz"}},"credsStore":"hanging"}'
    fs.writeFileSync(path.join(sandbox.dockerConfig, 'config.json'), config)
    const result = await sandbox.run({ with: { registries: '123456789012', 'timeout-seconds': '5' }, env: { PATH: `${docker.dir}:${sandbox.env.PATH}` }, timeoutMs: 30_000 }, [PASSWORD])
    expectRefused(result, "docker login did not finish within the step's time limit of 5 s (input 'timeout-seconds'); it was stopped")
    expect(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).toBe(config)
  })
})

describe('3. values from AWS answers are checked before use', () => {
  test('a repositoryEndpoint with a newline and a workflow command: refused, shown escaped; nothing is saved or run', async () => {
    answers.repositoryEndpoint = (format) => `https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/${format}/shared/\n::save-state name=undo::${INJECTED_UNDO()}`
    const result = await sandbox.run({ with: { ...CA, tools: 'npm' } })
    expectRefused(result, /^codeartifact us-east-1 \(domain acme\): the npm repositoryEndpoint in the answer, "https:.*\\n::save-state.*", is not a URL; refusing to use it$/)
    expect(result.main.raw.split('\n').filter((line) => line.startsWith('::save-state'))).toEqual([])
    expect(result.main.state).toEqual({ undo: '[]' })
  })

  test.each([
    ['shell characters', 'https://$(touch PWNED).example'],
    ['HTML', 'https://x.example/"><img src=x onerror=alert(1)>'],
    ['a newline', 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com\n::add-mask::x'],
  ])('a proxyEndpoint with %s: refused before outputs or docker; the failure summary shows it escaped', async (_label, endpoint) => {
    answers.proxyEndpoint = () => endpoint
    const docker = fakeDocker(path.join(sandbox.dir, 'bin'))
    const result = await sandbox.run({ with: { registries: '123456789012' }, env: { PATH: `${docker.dir}:${sandbox.env.PATH}` } }, [PASSWORD])
    expectRefused(result, /^ecr us-east-1: the proxyEndpoint in the answer, ".*", (is not a URL|does not name a plain host|has credentials, a query or a fragment|has a path.*); refusing to use it$/)
    expect(docker.calls()).toEqual([])
    expect(result.main.outputs).toEqual({})
    expect(result.main.summary).toContain('Registry login failed')
    // Shown as text: no markup of the answer's, no line of its own.
    expect(result.main.summary).not.toMatch(/<img|\n::add-mask/)
  })

  test.each([
    ['CodeArtifact token with a newline', { token: 'abc\n::set-output name=x::y' }, CA, /^codeartifact us-east-1 \(domain acme\): the authorizationToken in the answer has spaces, control or non-ASCII characters; refusing to use it$/],
    ['CodeArtifact token with a terminal escape', { token: 'abc\u001b[2Jdef' }, CA, /the authorizationToken in the answer has spaces, control/],
    ['ECR password with a newline', { password: 'abc\ndef' }, { registries: '123456789012', tools: 'none' }, /^ecr us-east-1: the password in the authorizationToken in the answer has spaces, control/],
  ])('%s: refused, never shown', async (_label, answer, given, error) => {
    Object.assign(answers, answer)
    const result = await sandbox.run({ with: given })
    expectRefused(result, error)
    expect(result.main.outputs).toEqual({})
    expect(result.main.raw).not.toContain('abc')
  })

  test.each([
    ['ECR', () => { answers.proxyEndpoint = (a, r) => `http://${a}.dkr.ecr.${r}.amazonaws.com` }, { registries: '123456789012', tools: 'none' },
      'ecr us-east-1: the proxyEndpoint in the answer, "http://123456789012.dkr.ecr.us-east-1.amazonaws.com", is not an https URL (the token would travel in clear text); refusing to use it'],
    ['CodeArtifact', () => { answers.repositoryEndpoint = (f) => `http://10.0.0.1:8080/${f}/shared/` }, { ...CA, tools: 'npm' },
      'codeartifact us-east-1 (domain acme): the npm repositoryEndpoint in the answer, "http://10.0.0.1:8080/npm/shared/", is not an https URL (the token would travel in clear text); refusing to use it'],
  ])('%s: even a local emulator\'s answer may not send the token in clear text off this machine', async (_label, change, given, error) => {
    change()
    const result = await sandbox.run({ with: given })
    expectRefused(result, error)
    expect(result.main.env).toEqual({})
  })

  test('positive control: a local emulator\'s http:// answer naming a loopback host is used', async () => {
    answers.repositoryEndpoint = (f) => `http://127.0.0.1:8080/${f}/shared/`
    const result = await sandbox.run({ with: { ...CA, tools: 'npm' } })
    expect({ exitCode: result.main.exitCode, errors: result.main.errors }).toEqual({ exitCode: 0, errors: [] })
    expect(JSON.parse(result.main.outputs.endpoints ?? '{}')).toEqual({ npm: 'http://127.0.0.1:8080/npm/shared/' })
  })

  describe('outside a local emulator (the SDK talks to a host name, through a proxy that stands in for DNS)', () => {
    let proxy: Awaited<ReturnType<typeof startProxy>>
    const HOST = 'aws-api.example.test'
    beforeAll(async () => {
      proxy = await startProxy({ hosts: [HOST] })
    })
    afterAll(() => proxy?.stop())
    const remote = () => ({
      AWS_ENDPOINT_URL_ECR: `http://${HOST}:${emu.port}`,
      AWS_ENDPOINT_URL_CODEARTIFACT: `http://${HOST}:${emu.port}`,
      HTTP_PROXY: proxy.url,
      HTTPS_PROXY: proxy.url,
    })

    test('positive controls: https answers of the expected shape are used', async () => {
      const ecr = await sandbox.run({ with: { registries: '123456789012', tools: 'none' }, env: remote() })
      expect({ exitCode: ecr.main.exitCode, errors: ecr.main.errors }).toEqual({ exitCode: 0, errors: [] })
      expect(ecr.main.outputs.registry).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com')
      const ca = await sandbox.run({ with: { ...CA, tools: 'npm' }, env: remote() })
      expect({ exitCode: ca.main.exitCode, errors: ca.main.errors }).toEqual({ exitCode: 0, errors: [] })
      expect(proxy.tunnels.every((tunnel) => tunnel.target === `${HOST}:${emu.port}`)).toBe(true)
    })

    test.each([
      ['ECR: an http:// proxyEndpoint', () => { answers.proxyEndpoint = (a, r) => `http://${a}.dkr.ecr.${r}.amazonaws.com` }, { registries: '123456789012', tools: 'none' },
        'ecr us-east-1: the proxyEndpoint in the answer, "http://123456789012.dkr.ecr.us-east-1.amazonaws.com", is not an https URL (the token would travel in clear text); refusing to use it'],
      ['ECR: a proxyEndpoint that is no ECR registry', () => { answers.proxyEndpoint = () => 'https://registry.evil.example' }, { registries: '123456789012', tools: 'none' },
        'ecr us-east-1: the proxyEndpoint in the answer, "https://registry.evil.example", is not an ECR registry in us-east-1; refusing to use it'],
      ['CodeArtifact: an http:// repositoryEndpoint', () => { answers.repositoryEndpoint = (f) => `http://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/${f}/shared/` }, { ...CA, tools: 'npm' },
        'codeartifact us-east-1 (domain acme): the npm repositoryEndpoint in the answer, "http://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/", is not an https URL (the token would travel in clear text); refusing to use it'],
      ['CodeArtifact: another domain\'s host', () => { answers.repositoryEndpoint = (f) => `https://evil-123456789012.d.codeartifact.us-east-1.amazonaws.com/${f}/shared/` }, { ...CA, tools: 'npm' },
        /is not a CodeArtifact endpoint of domain acme of owner 123456789012 in us-east-1; refusing to use it$/],
    ])('%s: refused', async (_label, change, given, error) => {
      change()
      const result = await sandbox.run({ with: given, env: remote() })
      expectRefused(result, error)
      expect(result.main.env).toEqual({})
    })
  })
})

describe('4. the post step replays only what this run recorded', () => {
  test.each([
    ['ECR with tools: none (no records)', { registries: '123456789012', tools: 'none' }, 0],
    ['a main step that fails on bad input', { registries: 'not-an-account' }, 1],
    ['a main step that fails at AWS', { ...CA, tools: 'npm', 'max-attempts': '1' }, 1],
  ])('%s: a STATE_undo in the job\'s environment is never run', async (_label, given, exitCode) => {
    if (exitCode === 1 && 'domain' in given) emu.fault({ kind: 'denied' })
    const keep = path.join(sandbox.dir, 'keep')
    fs.mkdirSync(keep)
    const forged = [...JSON.parse(INJECTED_UNDO()) as unknown[], { kind: 'remove', description: 'x', path: keep }]
    const result = await sandbox.run({ with: given, env: { STATE_undo: JSON.stringify(forged) } })
    expect(result.main.exitCode).toBe(exitCode)
    expect(result.main.state).toEqual({ undo: '[]' })
    expect(result.post?.exitCode).toBe(0)
    expect(fs.existsSync(pwned())).toBe(false)
    expect(fs.existsSync(keep)).toBe(true)
    expect(shown(result)).not.toContain('Putting back what the main step changed')
  })
})
