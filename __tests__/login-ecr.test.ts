import { jest } from '@jest/globals'
import type { EcrInputs } from '../src/inputs.js'
import type { RegistryContext } from '../src/clients/context.js'
import type { RegistryCredential } from '../src/aws/authorization.js'

const events: string[] = []
const outputs: Record<string, string> = {}
const exported: Record<string, string> = {}
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
  exportVariable: (name: string, value: string) => { exported[name] = value },
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
/** A registry client that records what it was given and exports `variables`. */
const client = (name: string, variables: Record<string, string>) => ({
  configure: async (context: RegistryContext) => {
    calls.push(['configure', name, context.credentials.map((credential) => credential.host), context.deadline, context.workspace])
    return variables
  },
})
jest.unstable_mockModule('../src/clients/docker.js', () => ({ docker: client('docker', {}) }))
jest.unstable_mockModule('../src/clients/containers.js', () => ({ containers: client('containers', { REGISTRY_AUTH_FILE: '/w/auth.json' }) }))
jest.unstable_mockModule('../src/clients/helm.js', () => ({ helm: client('helm', { HELM_REGISTRY_CONFIG: '/w/helm.json' }) }))
const { loginEcr } = await import('../src/login-ecr.js')
const { UndoLog } = await import('../src/undo.js')
const { Workspace } = await import('../src/workspace.js')
const { Deadline } = await import('../src/deadline.js')

const INPUTS: EcrInputs = {
  service: 'ecr', region: 'us-east-1', registries: [], tools: ['docker'],
  exportEnv: true, maskPassword: false, logout: true, maxAttempts: 4, timeoutSeconds: 300, httpProxy: undefined, warnings: [],
}
const saved = { ...process.env }
beforeEach(() => {
  process.env = { ...saved, GITHUB_STEP_SUMMARY: '/dev/null' }
  for (const list of [events, summary, calls]) list.length = 0
  for (const record of [outputs, exported]) for (const key of Object.keys(record)) delete record[key]
})
afterAll(() => {
  process.env = { ...saved }
})

let workspace: InstanceType<typeof Workspace>
async function login(inputs: Partial<EcrInputs>) {
  const deadline = new Deadline(300)
  workspace = new Workspace(new UndoLog(false))
  await loginEcr({ ...INPUTS, ...inputs }, workspace, deadline)
  return deadline
}

test('ECR: the regions asked, the options passed, outputs, one group per client, what the clients export, the summary', async () => {
  const registries = [
    { account: '111111111111', region: 'us-east-1', fips: false },
    { account: '222222222222', region: 'eu-west-1', fips: false },
    { account: '333333333333', region: 'us-east-1', fips: false },
  ]
  const deadline = await login({ registries, tools: ['docker', 'helm'] })
  expect(events).toEqual([
    'group Getting ECR credentials', 'info Requesting ECR tokens in us-east-1, eu-west-1', 'group Configuring docker', 'group Configuring helm',
  ])
  expect(calls).toEqual([
    ['ecr', registries, 'us-east-1', { maxAttempts: 4, httpProxy: undefined, mask: false, deadline }],
    ['configure', 'docker', CREDENTIALS.map((credential) => credential.host), deadline, workspace],
    ['configure', 'helm', CREDENTIALS.map((credential) => credential.host), deadline, workspace],
  ])
  expect(exported).toEqual({ HELM_REGISTRY_CONFIG: '/w/helm.json' })
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

test('ECR Public: its own call, label and message', async () => {
  await login({ service: 'ecr-public', tools: ['podman'] })
  expect(events).toEqual([
    'group Getting ECR Public credentials', 'info Requesting the ECR Public token in us-east-1 (the region of its API) for public.ecr.aws', 'group Configuring podman',
  ])
  expect(calls).toEqual([['ecr-public', expect.objectContaining({ maxAttempts: 4 })], ['configure', 'containers', ['public.ecr.aws'], expect.anything(), workspace]])
  expect(summary[0]).toBe('heading Registry login: Amazon ECR Public')
})

test('tools sharing a module and its auth file are configured once, in one group naming them all', async () => {
  await login({ tools: ['podman', 'docker', 'skopeo', 'buildah'] })
  expect(events.filter((event) => event.startsWith('group '))).toEqual([
    'group Getting ECR credentials', 'group Configuring podman, skopeo, buildah', 'group Configuring docker',
  ])
  expect(calls.filter((call) => call[0] === 'configure').map((call) => call[1])).toEqual(['containers', 'docker'])
  expect(summary).toContain('raw Configured: podman, docker, skopeo, buildah (line)')
})

test('export-env false: what the clients return is not exported', async () => {
  await login({ tools: ['helm', 'podman'], exportEnv: false })
  expect(calls.filter((call) => call[0] === 'configure').map((call) => call[1])).toEqual(['helm', 'containers'])
  expect(exported).toEqual({})
})

test('no summary file: no summary', async () => {
  delete process.env.GITHUB_STEP_SUMMARY
  await login({})
  expect(summary).toEqual([])
})
