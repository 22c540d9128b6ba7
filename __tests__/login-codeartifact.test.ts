import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { CodeArtifactInputs } from '../src/inputs.js'

// @actions/core as the runner would see it: groups run their body, everything else is recorded.
const events: string[] = []
const outputs: Record<string, string> = {}
const exported: Record<string, string> = {}
const summary: string[] = []
const summaryApi = {
  addHeading: (text: string) => (summary.push(`heading ${text}`), summaryApi),
  addList: (items: string[]) => (summary.push(`list ${items.join(' | ')}`), summaryApi),
  addTable: (rows: unknown[][]) => (summary.push(`table ${JSON.stringify(rows)}`), summaryApi),
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
  saveState: jest.fn(),
  setSecret: jest.fn(),
  summary: summaryApi,
}))
const requests: unknown[] = []
let credential: { token: string; expiresAt?: Date; endpoints: Record<string, string> }
jest.unstable_mockModule('../src/aws/codeartifact.js', () => ({
  getCodeArtifactCredential: async (request: unknown, options: unknown) => {
    requests.push({ request, options })
    return credential
  },
}))
const { loginCodeArtifact } = await import('../src/login-codeartifact.js')
const { UndoLog } = await import('../src/undo.js')
const { Workspace } = await import('../src/workspace.js')
const { Deadline } = await import('../src/deadline.js')

const NPM = 'https://acme-012345678901.d.codeartifact.eu-west-1.amazonaws.com/npm/shared/'
const PYPI = 'https://acme-012345678901.d.codeartifact.eu-west-1.amazonaws.com/pypi/shared/'
const SETTINGS = { npmScopes: [], pipIndex: 'index', registryName: 'codeartifact', publicRegistry: 'keep' } as const
const INPUTS: CodeArtifactInputs = {
  service: 'codeartifact', region: 'eu-west-1', domain: 'acme', domainOwner: '012345678901', durationSeconds: 900,
  repository: 'shared', tools: [], endpointType: 'ipv4', settings: { ...SETTINGS, npmScopes: [] }, exportEnv: true, maskPassword: true,
  logout: true, maxAttempts: 3, timeoutSeconds: 300, httpProxy: 'http://proxy:3128', warnings: [],
}
const saved = { ...process.env }
let temp: string

beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'login-ca-'))
  process.env = { ...saved, HOME: path.join(temp, 'home'), USERPROFILE: path.join(temp, 'home'), GITHUB_STEP_SUMMARY: path.join(temp, 'summary') }
  for (const name of ['NPM_CONFIG_USERCONFIG', 'npm_config_userconfig', 'PIP_EXTRA_INDEX_URL']) delete process.env[name]
  for (const list of [events, summary, requests]) list.length = 0
  for (const record of [outputs, exported]) for (const key of Object.keys(record)) delete record[key]
  credential = { token: 'tok-en', expiresAt: new Date('2030-01-02T03:04:05Z'), endpoints: { npm: NPM, pypi: PYPI } }
})
afterEach(async () => {
  process.env = { ...saved }
  await fs.rm(temp, { recursive: true, force: true })
})

async function login(inputs: Partial<CodeArtifactInputs>) {
  const undo = new UndoLog(true)
  const deadline = new Deadline(300)
  await loginCodeArtifact({ ...INPUTS, ...inputs }, new Workspace(undo, path.join(temp, 'runner')), deadline)
  return { undo, deadline }
}

test('asks for the token and the endpoints of the formats the tools need, each format once', async () => {
  const { deadline } = await login({ tools: ['npm', 'pnpm', 'pip', 'uv'] })
  expect(requests).toEqual([{
    request: { region: 'eu-west-1', domain: 'acme', domainOwner: '012345678901', durationSeconds: 900, repository: 'shared', formats: ['npm', 'pypi'], endpointType: 'ipv4' },
    options: { maxAttempts: 3, httpProxy: 'http://proxy:3128', mask: true, deadline },
  }])
  expect(events[0]).toBe('group Getting the CodeArtifact token and endpoints')
  expect(events[1]).toBe('info Requesting a token for domain acme (owner 012345678901) and the npm, pypi endpoints of shared in eu-west-1')
})

test('no tools, no owner: the token only, named plainly', async () => {
  credential = { token: 'tok-en', endpoints: {} }
  await login({ tools: [], domainOwner: undefined })
  expect(events).toEqual(['group Getting the CodeArtifact token and endpoints', 'info Requesting a token for domain acme in eu-west-1'])
  expect(outputs).toEqual({ token: 'tok-en', username: 'aws', endpoints: '{}' })
  expect(exported).toEqual({ CODEARTIFACT_AUTH_TOKEN: 'tok-en' })
})

test('outputs: token, user aws, expiry, the first endpoint as registry, every endpoint as JSON', async () => {
  await login({ tools: ['npm', 'pip'] })
  expect(outputs).toEqual({
    token: 'tok-en', username: 'aws', expiration: '2030-01-02T03:04:05.000Z', registry: NPM, endpoints: JSON.stringify({ npm: NPM, pypi: PYPI }),
  })
})

test('each tool configured once (pnpm is npm), in a group of its own; everything exported', async () => {
  await login({ tools: ['npm', 'pnpm', 'pip'] })
  expect(events.filter((event) => event.startsWith('group '))).toEqual([
    'group Getting the CodeArtifact token and endpoints', 'group Configuring npm', 'group Configuring pip',
  ])
  expect(events).toContain(`info npm: ${NPM} (through NPM_CONFIG_USERCONFIG, CODEARTIFACT_AUTH_TOKEN_ACME_012345678901)`)
  expect(events).toContain(`info pip: ${PYPI} (through PIP_INDEX_URL)`)
  expect(Object.keys(exported)).toEqual(['CODEARTIFACT_AUTH_TOKEN', 'NPM_CONFIG_USERCONFIG', 'CODEARTIFACT_AUTH_TOKEN_ACME_012345678901', 'PIP_INDEX_URL'])
  expect(exported.CODEARTIFACT_AUTH_TOKEN_ACME_012345678901).toBe('tok-en')
  const npmrc = await fs.readFile(exported.NPM_CONFIG_USERCONFIG ?? '', 'utf8')
  expect(npmrc).toContain('_authToken=${CODEARTIFACT_AUTH_TOKEN_ACME_012345678901}')
})

test('yarn (npmrc for classic, .yarnrc.yml for berry) and twine: each logs its endpoint and the variables it exports', async () => {
  credential = { token: 'tok-en', endpoints: { npm: NPM, pypi: PYPI } }
  await login({ tools: ['yarn', 'twine'], settings: { ...SETTINGS, npmScopes: ['@acme'] } })
  expect(events).toContain(`info yarn: ${NPM} (through NPM_CONFIG_USERCONFIG, CODEARTIFACT_AUTH_TOKEN_ACME_012345678901)`)
  expect(events).toContain(`info twine: ${PYPI} (through TWINE_REPOSITORY_URL, TWINE_USERNAME, TWINE_PASSWORD)`)
})

test('export-env false: nothing exported, the summary says none', async () => {
  await login({ tools: [], exportEnv: false })
  expect(exported).toEqual({})
  expect(summary).toContain('list Region: eu-west-1, domain owner 012345678901 | Expires (UTC): 2030-01-02T03:04:05.000Z | Configured: no client (outputs only) | Environment for later steps: none')
})

test('the job summary: domain and repository, tools, exported names, endpoints table', async () => {
  await login({ tools: ['pip'] })
  expect(summary).toEqual([
    'heading CodeArtifact: acme / shared',
    'list Region: eu-west-1, domain owner 012345678901 | Expires (UTC): 2030-01-02T03:04:05.000Z | Configured: pip | Environment for later steps: CODEARTIFACT_AUTH_TOKEN, PIP_INDEX_URL',
    `table ${JSON.stringify([[{ data: 'Format', header: true }, { data: 'Repository endpoint', header: true }], ['npm', NPM], ['pypi', PYPI]])}`,
    'write',
  ])
})

test('no summary file: no summary; no expiry: unknown; no endpoints: no table', async () => {
  delete process.env.GITHUB_STEP_SUMMARY
  await login({ tools: [] })
  expect(summary).toEqual([])
  process.env.GITHUB_STEP_SUMMARY = path.join(temp, 'summary')
  credential = { token: 'tok-en', endpoints: {} }
  await login({ tools: [], repository: undefined, domainOwner: undefined })
  expect(summary).toEqual([
    'heading CodeArtifact: acme',
    'list Region: eu-west-1 | Expires (UTC): unknown | Configured: no client (outputs only) | Environment for later steps: CODEARTIFACT_AUTH_TOKEN',
    'write',
  ])
})
