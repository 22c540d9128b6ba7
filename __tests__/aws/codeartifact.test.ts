import { jest } from '@jest/globals'

const setSecret = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ setSecret }))
const { getCodeArtifactCredential } = await import('../../src/aws/codeartifact.js')
const { startEmulator } = await import('../../test-support/emulator/index.js')
const { Deadline } = await import('../../src/deadline.js')

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emu: Emulator
const saved = { ...process.env }
const options = { maxAttempts: 2, mask: true, deadline: new Deadline(600) }
const request = { region: 'eu-west-1', domain: 'acme', repository: 'shared', formats: ['npm', 'pypi'], endpointType: 'ipv4' as const }
const TOKEN = 'eyJ2ZXIiOjF9.token+/='

beforeAll(async () => {
  emu = await startEmulator({ token: (domain: string, owner: string, region: string) => `${TOKEN}${domain}-${owner}-${region}` })
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

test('the token, its expiry and every endpoint asked for, from one signed call each', async () => {
  const credential = await getCodeArtifactCredential({ ...request, domainOwner: '012345678901', durationSeconds: 900 }, options)
  expect(credential).toEqual({
    token: `${TOKEN}acme-012345678901-eu-west-1`,
    expiresAt: expect.any(Date),
    endpoints: {
      npm: 'https://acme-012345678901.d.codeartifact.eu-west-1.amazonaws.com/npm/shared/',
      pypi: 'https://acme-012345678901.d.codeartifact.eu-west-1.amazonaws.com/pypi/shared/',
    },
  })
  const seconds = ((credential.expiresAt?.getTime() ?? 0) - Date.now()) / 1000
  expect(seconds).toBeGreaterThan(800)
  expect(seconds).toBeLessThanOrEqual(900)
  const calls = emu.calls({ service: 'codeartifact' })
  expect(calls.every((call) => call.region === 'eu-west-1' && call.signatureValid)).toBe(true)
  expect(calls.find((call) => call.operation === 'GetAuthorizationToken')?.params).toEqual({ domain: 'acme', 'domain-owner': '012345678901', duration: '900' })
  expect(calls.filter((call) => call.operation === 'GetRepositoryEndpoint').map((call) => call.params).sort((a, b) => String(a.format).localeCompare(String(b.format)))).toEqual([
    { domain: 'acme', 'domain-owner': '012345678901', repository: 'shared', format: 'npm', endpointType: 'ipv4' },
    { domain: 'acme', 'domain-owner': '012345678901', repository: 'shared', format: 'pypi', endpointType: 'ipv4' },
  ])
})

test('no formats: the token only; dual-stack endpoints asked for as such', async () => {
  expect(await getCodeArtifactCredential({ ...request, formats: [] }, options)).toEqual({ token: `${TOKEN}acme-123456789012-eu-west-1`, expiresAt: expect.any(Date), endpoints: {} })
  expect(emu.calls().map((call) => call.operation)).toEqual(['GetAuthorizationToken'])
  emu.reset()
  const credential = await getCodeArtifactCredential({ ...request, formats: ['npm'], endpointType: 'dualstack' }, options)
  expect(credential.endpoints).toEqual({ npm: 'https://acme-123456789012.d.codeartifact.eu-west-1.on.aws/npm/shared/' })
  expect(emu.calls({ operation: 'GetRepositoryEndpoint' })[0]?.params).toMatchObject({ endpointType: 'dualstack' })
})

test('mask: the token in every form, with the aws user; mask: false masks nothing', async () => {
  const { token } = await getCodeArtifactCredential(request, options)
  expect(setSecret.mock.calls.map((call) => call[0])).toEqual(expect.arrayContaining([
    token, Buffer.from(token).toString('base64'), encodeURIComponent(token), Buffer.from(`aws:${token}`).toString('base64'),
  ]))
  setSecret.mockClear()
  await getCodeArtifactCredential(request, { ...options, mask: false })
  expect(setSecret).not.toHaveBeenCalled()
})

test('a refused token call: the message names the call, the region and domain, and the permission', async () => {
  emu.fault({ kind: 'denied', operation: 'GetAuthorizationToken' })
  await expect(getCodeArtifactCredential(request, options)).rejects.toThrow(
    /^codeartifact eu-west-1 \(domain acme\): .*codeartifact:GetAuthorizationToken.* — the credentials need codeartifact:GetAuthorizationToken/)
})

test('a refused endpoint call fails the whole request, named as such', async () => {
  emu.fault({ kind: 'denied', operation: 'GetRepositoryEndpoint' })
  await expect(getCodeArtifactCredential(request, options)).rejects.toThrow(/^codeartifact eu-west-1 \(domain acme\): .*GetRepositoryEndpoint/)
})

test('through a loopback endpoint (an emulator) the endpoint in the answer is taken as given', async () => {
  const other = await startEmulator({ repositoryEndpoint: () => 'https://acme-123456789012.d.codeartifact.eu-west-1.amazonaws.com/npm/other/' })
  try {
    process.env = { ...saved, ...other.env }
    expect((await getCodeArtifactCredential({ ...request, formats: ['npm'] }, options)).endpoints.npm).toMatch(/\/npm\/other\/$/)
  } finally {
    await other.stop()
  }
})

test('a token that is not printable ASCII is refused without being shown', async () => {
  const bad = await startEmulator({ token: () => 'secret value\n::stop-commands::x' })
  try {
    process.env = { ...saved, ...bad.env }
    await expect(getCodeArtifactCredential(request, options)).rejects.toMatchObject({ message: 'codeartifact eu-west-1 (domain acme): the authorizationToken in the answer has spaces, control or non-ASCII characters; refusing to use it' })
  } finally {
    await bad.stop()
  }
})
