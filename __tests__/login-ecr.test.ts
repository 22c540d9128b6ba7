import { jest } from '@jest/globals'
import type { Inputs } from '../src/inputs.js'
import type { RegistryCredential } from '../src/aws/authorization.js'

const events: string[] = []
const outputs: Record<string, string> = {}
const summary: string[] = []
const summaryApi = {
  addHeading: (text: string) => (summary.push(`heading ${text}`), summaryApi),
  addTable: (rows: unknown[][]) => (summary.push(`table ${JSON.stringify(rows)}`), summaryApi),
  addRaw: (text: string, eol?: boolean) => (summary.push(`raw ${text}${eol ? ' (line)' : ''}`), summaryApi),
  write: async () => (summary.push('write'), summaryApi),
}
jest.unstable_mockModule('@actions/core', () => ({
  group: async (name: string, body: () => Promise<unknown>) => {
    events.push(`group ${name}`)
    return body()
  },
  info: (text: string) => events.push(`info ${text}`),
  setOutput: (name: string, value: string) => { outputs[name] = value },
  summary: summaryApi,
}))
const CREDENTIALS: RegistryCredential[] = [
  { host: '111111111111.dkr.ecr.us-east-1.amazonaws.com', region: 'us-east-1', account: '111111111111', username: 'AWS', password: 'p1', expiresAt: new Date('2030-01-01T00:00:00Z') },
  { host: '222222222222.dkr.ecr.eu-west-1.amazonaws.com', region: 'eu-west-1', account: '222222222222', username: 'AWS', password: 'p2' },
]
const PUBLIC: RegistryCredential[] = [{ host: 'public.ecr.aws', region: 'us-east-1', username: 'AWS', password: 'pp', expiresAt: new Date('2030-02-01T00:00:00Z') }]
const calls: unknown[][] = []
jest.unstable_mockModule('../src/aws/ecr.js', () => ({
  getEcrCredentials: async (...args: unknown[]) => (calls.push(['ecr', ...args]), CREDENTIALS),
}))
jest.unstable_mockModule('../src/aws/ecr-public.js', () => ({
  getEcrPublicCredentials: async (...args: unknown[]) => (calls.push(['ecr-public', ...args]), PUBLIC),
}))
jest.unstable_mockModule('../src/clients/oci.js', () => ({
  loginRegistries: async (tool: string, credentials: RegistryCredential[]) => {
    calls.push(['login', tool, credentials.map((credential) => credential.host)])
  },
}))
const { loginEcr } = await import('../src/login-ecr.js')
const { UndoLog } = await import('../src/undo.js')
const { Workspace } = await import('../src/workspace.js')
const { Deadline } = await import('../src/deadline.js')

const INPUTS: Inputs = {
  service: 'ecr', region: 'us-east-1', registries: [], tools: ['docker'], npmScopes: [], pipIndex: 'index', endpointType: 'ipv4',
  exportEnv: true, maskPassword: false, logout: true, maxAttempts: 4, timeoutSeconds: 300, httpProxy: undefined, warnings: [],
}
const saved = { ...process.env }
beforeEach(() => {
  process.env = { ...saved, GITHUB_STEP_SUMMARY: '/dev/null' }
  for (const list of [events, summary, calls]) list.length = 0
  for (const key of Object.keys(outputs)) delete outputs[key]
})
afterAll(() => {
  process.env = { ...saved }
})

async function login(inputs: Partial<Inputs>) {
  const undo = new UndoLog(false)
  const deadline = new Deadline(300)
  await loginEcr({ ...INPUTS, ...inputs }, undo, new Workspace(undo), deadline)
  return deadline
}

test('ECR: the regions asked, the options passed, outputs, one login group per tool, the summary', async () => {
  const registries = [
    { account: '111111111111', region: 'us-east-1', fips: false },
    { account: '222222222222', region: 'eu-west-1', fips: false },
    { account: '333333333333', region: 'us-east-1', fips: false },
  ]
  const deadline = await login({ registries, tools: ['docker', 'helm'] })
  expect(events).toEqual([
    'group Getting ECR credentials', 'info Requesting ECR tokens in us-east-1, eu-west-1', 'group Logging in docker', 'group Logging in helm',
  ])
  expect(calls).toEqual([
    ['ecr', registries, 'us-east-1', { maxAttempts: 4, httpProxy: undefined, mask: false, deadline }],
    ['login', 'docker', CREDENTIALS.map((credential) => credential.host)],
    ['login', 'helm', CREDENTIALS.map((credential) => credential.host)],
  ])
  expect(outputs).toMatchObject({ registry: CREDENTIALS[0]?.host, registries: CREDENTIALS.map((credential) => credential.host).join(','), token: 'p1' })
  expect(summary).toEqual([
    'heading Registry login: Amazon ECR',
    `table ${JSON.stringify([
      [{ data: 'Registry', header: true }, { data: 'Region', header: true }, { data: 'Expires (UTC)', header: true }],
      ['111111111111.dkr.ecr.us-east-1.amazonaws.com', 'us-east-1', '2030-01-01T00:00:00.000Z'],
      ['222222222222.dkr.ecr.eu-west-1.amazonaws.com', 'eu-west-1', 'unknown'],
    ])}`,
    'raw Configured: docker, helm (line)',
    'write',
  ])
})

test('the caller\'s own registry: the region of the inputs; no tools: outputs only', async () => {
  await login({ tools: [], region: 'ap-south-1', httpProxy: 'http://proxy:3128', maskPassword: true })
  expect(events).toEqual(['group Getting ECR credentials', 'info Requesting ECR tokens in ap-south-1'])
  expect(calls).toEqual([['ecr', [], 'ap-south-1', expect.objectContaining({ httpProxy: 'http://proxy:3128', mask: true })]])
  expect(summary).toContain('raw Configured: no client (outputs only) (line)')
})

test('ECR Public: its own call and label, no region message', async () => {
  await login({ service: 'ecr-public', tools: ['podman'] })
  expect(events).toEqual(['group Getting ECR Public credentials', 'group Logging in podman'])
  expect(calls).toEqual([['ecr-public', expect.objectContaining({ maxAttempts: 4 })], ['login', 'podman', ['public.ecr.aws']]])
  expect(summary[0]).toBe('heading Registry login: Amazon ECR Public')
})

test('no summary file: no summary', async () => {
  delete process.env.GITHUB_STEP_SUMMARY
  await login({})
  expect(summary).toEqual([])
})
