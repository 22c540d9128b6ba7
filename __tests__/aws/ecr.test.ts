import { jest } from '@jest/globals'

const setSecret = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ setSecret }))
const { getEcrCredentials } = await import('../../src/aws/ecr.js')
const { getEcrPublicCredentials } = await import('../../src/aws/ecr-public.js')
const { startEmulator } = await import('../../test-support/emulator/index.js')
const { Deadline } = await import('../../src/deadline.js')

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emu: Emulator
const saved = { ...process.env }
const options = { maxAttempts: 5, mask: true, deadline: new Deadline(600) }

beforeAll(async () => {
  emu = await startEmulator({ password: (account: string, region: string) => `pw-${account}-${region}` })
})
afterAll(() => emu.stop())
beforeEach(() => {
  emu.reset()
  setSecret.mockClear()
  process.env = { ...saved, ...emu.env }
})
afterEach(() => {
  process.env = { ...saved }
})

const registry = (account: string, region: string, host?: string) => ({ account, region, fips: false, ...(host ? { host } : {}) })

test('three registries in two regions: two signed calls, results in input order', async () => {
  const registries = [
    registry('111111111111', 'us-east-1'),
    registry('222222222222', 'eu-west-1', '222222222222.dkr-ecr.eu-west-1.on.aws'),
    registry('333333333333', 'us-east-1'),
  ]
  const credentials = await getEcrCredentials(registries, 'us-east-1', options)
  expect(credentials.map(({ host, region, username, password }) => ({ host, region, username, password }))).toEqual([
    { host: '111111111111.dkr.ecr.us-east-1.amazonaws.com', region: 'us-east-1', username: 'AWS', password: 'pw-111111111111-us-east-1' },
    { host: '222222222222.dkr-ecr.eu-west-1.on.aws', region: 'eu-west-1', username: 'AWS', password: 'pw-222222222222-eu-west-1' },
    { host: '333333333333.dkr.ecr.us-east-1.amazonaws.com', region: 'us-east-1', username: 'AWS', password: 'pw-333333333333-us-east-1' },
  ])
  expect(credentials.every((credential) => credential.expiresAt instanceof Date)).toBe(true)
  const calls = emu.calls({ service: 'ecr' })
  expect(calls.map((call) => call.region).sort()).toEqual(['eu-west-1', 'us-east-1'])
  expect(calls.every((call) => call.signatureValid)).toBe(true)
  expect(calls.find((call) => call.region === 'us-east-1')?.params).toEqual({ registryIds: ['111111111111', '333333333333'] })
})

test('the caller\'s own registry: no registryIds sent', async () => {
  const credentials = await getEcrCredentials([], 'ap-south-1', options)
  expect(credentials).toHaveLength(1)
  expect(credentials[0]?.host).toBe('123456789012.dkr.ecr.ap-south-1.amazonaws.com')
  expect(emu.calls()[0]?.params).toEqual({})
})

test('every form of every password is masked', async () => {
  const credentials = await getEcrCredentials([registry('111111111111', 'us-east-1')], 'us-east-1', options)
  const masked = setSecret.mock.calls.map((call) => call[0])
  const password = credentials[0]?.password ?? ''
  expect(masked).toEqual(expect.arrayContaining([
    password,
    Buffer.from(password).toString('base64'),
    Buffer.from(`AWS:${password}`).toString('base64'),
    encodeURIComponent(password),
  ]))
})

test('mask: false registers no masks', async () => {
  await getEcrCredentials([registry('111111111111', 'us-east-1')], 'us-east-1', { ...options, mask: false })
  expect(setSecret).not.toHaveBeenCalled()
})

test('throttled three times, then served (max-attempts 5)', async () => {
  emu.fault({ kind: 'throttle', times: 3 })
  const credentials = await getEcrCredentials([registry('111111111111', 'us-east-1')], 'us-east-1', options)
  expect(credentials).toHaveLength(1)
  expect(emu.requests.filter((request) => request.status === 400)).toHaveLength(3)
})

test('throttled past max-attempts: a message that says what to do', async () => {
  emu.fault({ kind: 'throttle' })
  await expect(getEcrCredentials([registry('111111111111', 'us-east-1')], 'us-east-1', { ...options, maxAttempts: 2 }))
    .rejects.toThrow(/^ecr us-east-1: .*still throttled after 2 attempts; raise max-attempts/)
})

test('AccessDenied in one region fails the whole call and names the permission', async () => {
  emu.fault({ kind: 'denied', region: 'eu-west-1' })
  await expect(getEcrCredentials([registry('111111111111', 'us-east-1'), registry('222222222222', 'eu-west-1')], 'us-east-1', options))
    .rejects.toThrow(/^ecr eu-west-1: .*not authorized to perform: ecr:GetAuthorizationToken.* — the credentials need ecr:GetAuthorizationToken\.$/)
})

test('wrong secret key: rejected credentials', async () => {
  process.env.AWS_SECRET_ACCESS_KEY = 'wrong'
  await expect(getEcrCredentials([registry('111111111111', 'us-east-1')], 'us-east-1', { ...options, maxAttempts: 1 }))
    .rejects.toThrow(/the AWS credentials were rejected/)
})

test('no credentials anywhere: points at configure-aws-credentials', async () => {
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) delete process.env[name]
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'
  process.env.AWS_CONFIG_FILE = '/nonexistent/config'
  process.env.AWS_EC2_METADATA_DISABLED = 'true'
  await expect(getEcrCredentials([registry('111111111111', 'us-east-1')], 'us-east-1', options))
    .rejects.toThrow(/^No AWS credentials found\. Add aws-actions\/configure-aws-credentials before this step/)
  expect(emu.requests).toHaveLength(0)
})

test('a malformed answer fails with the region named', async () => {
  emu.fault({ kind: 'malformed' })
  await expect(getEcrCredentials([registry('111111111111', 'us-east-1')], 'us-east-1', { ...options, maxAttempts: 1 }))
    .rejects.toThrow(/^ecr us-east-1: /)
})

test('ECR Public: us-east-1, public.ecr.aws', async () => {
  const credentials = await getEcrPublicCredentials(options)
  expect(credentials).toEqual([expect.objectContaining({ host: 'public.ecr.aws', region: 'us-east-1', username: 'AWS', password: 'pw-123456789012-us-east-1' })])
  expect(emu.calls({ service: 'ecr-public' })).toHaveLength(1)
})

test('ECR Public AccessDenied names both permissions', async () => {
  emu.fault({ kind: 'denied', service: 'ecr-public' })
  await expect(getEcrPublicCredentials(options)).rejects.toThrow(/ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken/)
})

test('more than ten registries in one region: several calls of at most ten ids, every registry served', async () => {
  const accounts = Array.from({ length: 23 }, (_, index) => String(100000000000 + index))
  const credentials = await getEcrCredentials(accounts.map((account) => registry(account, 'us-east-1')), 'us-east-1', options)
  expect(credentials.map((credential) => credential.account)).toEqual(accounts)
  const batches = emu.calls({ service: 'ecr' }).map((call) => (call.params.registryIds as string[]).length).sort((a, b) => a - b)
  expect(batches).toEqual([3, 10, 10])
})

test('ECR Public AccessDenied: the message names the call and ends with both permissions', async () => {
  emu.fault({ kind: 'denied', service: 'ecr-public' })
  await expect(getEcrPublicCredentials(options)).rejects.toThrow(/^ecr-public us-east-1: User: .* — the credentials need ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken\.$/)
})

test('a refused answer names the service, region and field', async () => {
  const bad = await startEmulator({
    password: (_account: string, _region: string, service: string) => (service === 'ecr-public' ? 'pass word' : 'pw'),
    proxyEndpoint: () => 'https://111111111111.dkr.ecr.us-east-1.amazonaws.com/x',
  })
  try {
    process.env = { ...saved, ...bad.env }
    await expect(getEcrPublicCredentials(options)).rejects.toMatchObject({
      message: 'ecr-public us-east-1: the password in the authorizationToken in the answer has spaces, control or non-ASCII characters; refusing to use it',
    })
    await expect(getEcrCredentials([registry('111111111111', 'us-east-1')], 'us-east-1', options)).rejects.toMatchObject({
      message: 'ecr us-east-1: the proxyEndpoint in the answer, "https://111111111111.dkr.ecr.us-east-1.amazonaws.com/x", has a path; refusing to use it',
    })
  } finally {
    await bad.stop()
  }
})
