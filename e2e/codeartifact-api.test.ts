/** CodeArtifact's AWS side through dist/: what reaches the API, concurrency, errors, bad input, outputs. */
import * as fs from 'node:fs'
import { startEmulator } from '../test-support/emulator/index.js'
import { expectRejected, makeSandbox, type Emulator, type Sandbox } from './fixture.js'

let emu: Emulator
let sandbox: Sandbox
const endpoint = (format: string, domain = 'acme') => `https://${domain}-123456789012.d.codeartifact.eu-west-1.amazonaws.com/${format}/shared/`

beforeAll(async () => {
  emu = await startEmulator({
    repositoryEndpoint: ({ format, domain }: { format: string; domain: string }) => endpoint(format, domain),
  })
})
afterAll(() => emu?.stop())
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu, { AWS_REGION: 'eu-west-1' })
})
afterEach(() => sandbox.cleanup())

const CA = { domain: 'acme', repository: 'shared' }

test('tools npm, pip: one token call and one endpoint call per format, all in flight together; outputs and env', async () => {
  emu.fault({ kind: 'delay', delayMs: 1000 })
  let npmrc = ''
  const result = await sandbox.run({
    with: { ...CA, tools: 'npm, pip', 'domain-owner': '123456789012' },
    beforePost: (main) => {
      npmrc = fs.readFileSync(main.env.NPM_CONFIG_USERCONFIG ?? '', 'utf8')
    },
  })
  expect(result.main.exitCode).toBe(0)
  const calls = emu.calls({ service: 'codeartifact' })
  expect(calls.map((call) => [call.operation, call.params.format ?? '-']).sort()).toEqual([
    ['GetAuthorizationToken', '-'], ['GetRepositoryEndpoint', 'npm'], ['GetRepositoryEndpoint', 'pypi'],
  ])
  expect(calls.every((call) => call.region === 'eu-west-1' && call.signatureValid && call.params['domain-owner'] === '123456789012')).toBe(true)
  // Every request arrived while the first was still held for a second: they were sent together.
  const arrivals = calls.map((call) => call.at)
  expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(1000)
  const token = result.main.outputs.token ?? ''
  expect(emu.secrets()).toContain(token)
  expect(result.main.outputs).toMatchObject({
    username: 'aws',
    registry: endpoint('npm'),
    endpoints: JSON.stringify({ npm: endpoint('npm'), pypi: endpoint('pypi') }),
  })
  expect(result.main.outputs.expiration).toMatch(/Z$/)
  expect(result.main.env).toMatchObject({
    CODEARTIFACT_AUTH_TOKEN: token,
    CODEARTIFACT_AUTH_TOKEN_ACME_123456789012: token,
    PIP_INDEX_URL: `https://aws:${encodeURIComponent(token)}@acme-123456789012.d.codeartifact.eu-west-1.amazonaws.com/pypi/shared/simple/`,
  })
  expect(result.main.env).not.toHaveProperty('NODE_AUTH_TOKEN')
  expect(npmrc).toContain(`registry=${endpoint('npm')}`)
  expect(npmrc).not.toContain(token)
  expect(result.main.maskedSummary).toContain('CodeArtifact: acme / shared')
  expect(result.main.maskedSummary).toContain(endpoint('pypi'))
  expect(fs.existsSync(result.main.env.NPM_CONFIG_USERCONFIG ?? '')).toBe(false)
  expect(result.leaks).toEqual([])
})

test.each([
  ['0', '0'],
  ['900', '900'],
  [undefined, undefined],
])('duration-seconds %s reaches the API as %s', async (given, sent) => {
  const result = await sandbox.run({ with: { ...CA, ...(given === undefined ? {} : { 'duration-seconds': given }) } })
  expect(result.main.exitCode).toBe(0)
  expect(emu.calls({ operation: 'GetAuthorizationToken' })[0]?.params.duration).toBe(sent)
})

test('clients the action configures by file or environment need not be installed yet; the log says so', async () => {
  const result = await sandbox.run({ with: { ...CA, tools: 'pnpm, yarn, uv, poetry, twine', 'registry-name': 'corp' }, env: { PATH: '/nonexistent' } })
  expect({ exitCode: result.main.exitCode, errors: result.main.errors }).toEqual({ exitCode: 0, errors: [] })
  for (const tool of ['pnpm', 'yarn', 'uv', 'poetry', 'twine']) {
    expect(result.main.log).toContain(`${tool} is not on PATH yet: it is configured for a later step that installs it`)
  }
  expect(Object.keys(result.main.env)).toEqual(expect.arrayContaining([
    'NPM_CONFIG_USERCONFIG', 'YARN_NPM_REGISTRY_SERVER', 'UV_DEFAULT_INDEX', 'POETRY_REPOSITORIES_CORP_URL', 'POETRY_HTTP_BASIC_CORP_PASSWORD', 'TWINE_REPOSITORY_URL',
  ]))
  expect(result.leaks).toEqual([])
})

test('without tools: the token only, no endpoint call', async () => {
  const result = await sandbox.run({ with: { domain: 'acme' } })
  expect(result.main.exitCode).toBe(0)
  expect(emu.calls().map((call) => call.operation)).toEqual(['GetAuthorizationToken'])
  expect(result.main.outputs.endpoints).toBe('{}')
  expect(Object.keys(result.main.env)).toEqual(['CODEARTIFACT_AUTH_TOKEN'])
})

test('AccessDenied names every permission, including sts:GetServiceBearerToken', async () => {
  emu.fault({ kind: 'denied', service: 'codeartifact' })
  const result = await sandbox.run({ with: { ...CA, tools: 'npm' } })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toHaveLength(1)
  expect(result.main.errors[0]).toMatch(/^codeartifact eu-west-1 \(domain acme\): .* — the credentials need codeartifact:GetAuthorizationToken, codeartifact:GetRepositoryEndpoint and sts:GetServiceBearerToken\. \(1 more call failed too\)$/)
  expect(result.main.env).toEqual({})
  expect(result.post?.warnings).toEqual([])
})

describe('bad CodeArtifact input fails before any call, with nothing written', () => {
  test.each<[Record<string, string>, string]>([
    [{ domain: 'Acme' }, "Input 'domain': \"Acme\" is not a CodeArtifact domain name"],
    [{ domain: 'acme', 'domain-owner': '1234' }, "Input 'domain-owner': \"1234\" is not an AWS account id"],
    [{ domain: 'acme', 'duration-seconds': '60' }, "Input 'duration-seconds': \"60\" is not accepted; use 0"],
    [{ domain: 'acme', repository: 'bad repo', tools: 'npm' }, "Input 'repository': \"bad repo\" is not a CodeArtifact repository name"],
    [{ domain: 'acme', repository: 'shared', tools: 'npm', 'npm-scope': '@Acme' }, "Input 'npm-scope': \"@Acme\" is not an npm scope"],
    [{ domain: 'acme', tools: 'npm' }, "Input 'repository': is required to configure npm"],
    [{ domain: 'acme', repository: 'shared', tools: 'npm, kaniko' }, "Input 'tools': \"kaniko\" is not a client for CodeArtifact"],
  ])('%j', async (given, message) => {
    await expectRejected(sandbox, emu, given, message)
  })
})
