import { jest } from '@jest/globals'
import type { Inputs } from '../src/inputs.js'

const log: string[] = []
let given: Record<string, string> = {}
jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string, options: { trimWhitespace?: boolean }) => {
    if (options.trimWhitespace !== false) throw new Error('inputs must be read untrimmed')
    return given[name] ?? ''
  },
  saveState: (name: string, value: string) => log.push(`state ${name}=${value}`),
  setSecret: (value: string) => log.push(`secret ${value}`),
  warning: (text: string) => log.push(`warning ${text}`),
  info: (text: string) => log.push(`info ${text}`),
  setFailed: (text: string) => log.push(`failed ${text}`),
}))
let installed: (names: string[]) => boolean = () => true
const platform = await import('../src/platform.js')
jest.unstable_mockModule('../src/platform.js', () => ({
  ...platform,
  isInstalled: async (names: string[]) => (log.push(`lookup ${names.join(' ')}`), installed(names)),
}))
type Login = (inputs: Inputs, workspace: { undo: { enabled: boolean } }, deadline: { seconds: number }) => Promise<void>
let ecr: Login = async () => {}
let codeArtifact: Login = async () => {}
jest.unstable_mockModule('../src/login-ecr.js', () => ({ loginEcr: (...args: Parameters<Login>) => (log.push(`login ecr ${args[0].service} logout=${args[1].undo.enabled} limit=${args[2].seconds}`), ecr(...args)) }))
jest.unstable_mockModule('../src/login-codeartifact.js', () => ({
  loginCodeArtifact: (...args: Parameters<Login>) => (log.push(`login codeartifact ${args[0].service === 'codeartifact' ? args[0].domain : ''} logout=${args[1].undo.enabled}`), codeArtifact(...args)),
}))
const { run } = await import('../src/main.js')

const saved = { ...process.env }
beforeEach(() => {
  log.length = 0
  given = {}
  installed = () => true
  ecr = async () => {}
  codeArtifact = async () => {}
  process.env = { ...saved, AWS_REGION: 'eu-west-1' }
})
afterAll(() => {
  process.env = { ...saved }
})

test('ECR with defaults: no undo list from elsewhere first, docker looked up, then the login', async () => {
  await run()
  expect(log).toEqual(['state undo=[]', 'lookup docker', 'login ecr ecr logout=true limit=300'])
})

test('CodeArtifact: its own flow; pip counts as installed as pip or pip3', async () => {
  given = { domain: 'acme', repository: 'shared', tools: 'pip' }
  await run()
  expect(log).toEqual(['state undo=[]', 'lookup pip pip3', 'login codeartifact acme logout=true'])
})

test('a bad input fails the step before anything else', async () => {
  given = { 'max-attempts': '0' }
  await run()
  expect(log).toEqual(['state undo=[]', 'failed Input \'max-attempts\': "0" is not a whole number from 1 to 20'])
})

test('a tool the action only configures is configured even when not installed yet, and the log says so', async () => {
  installed = () => false
  given = { tools: 'helm' }
  await run()
  expect(log).toEqual([
    'state undo=[]', 'lookup helm', 'info helm is not on PATH yet: it is configured for a later step that installs it', 'login ecr ecr logout=true limit=300',
  ])
})

test('a tool the action runs that is not installed fails the step and names what was looked for', async () => {
  const platform = Object.getOwnPropertyDescriptor(process, 'platform') as PropertyDescriptor
  Object.defineProperty(process, 'platform', { ...platform, value: 'darwin' })
  try {
    installed = () => false
    given = { domain: 'acme', repository: 'shared', tools: 'swift' }
    await run()
  } finally {
    Object.defineProperty(process, 'platform', platform)
  }
  expect(log.at(-1)).toBe("failed Input 'tools': swift is not installed (swift not found on PATH); install it first or remove it from tools")
  expect(log.some((line) => line.startsWith('login'))).toBe(false)
})

test('warnings of the inputs, mask-password false and logout false are told', async () => {
  given = { service: 'ecr-public', registries: '123456789012', 'mask-password': 'false', logout: 'false', tools: 'none' }
  await run()
  expect(log).toEqual([
    'state undo=[]',
    "warning Input 'registries' is ignored for ECR Public: it has one registry, public.ecr.aws",
    'warning mask-password is false: the credential is not masked and may show in logs; use it only to pass it to another job',
    'login ecr ecr-public logout=false limit=300',
    'info logout is false: the configuration stays after the job',
  ])
})

test('the proxy password is masked as written and decoded, before anything else can print it', async () => {
  given = { 'http-proxy': 'http://user:p%40ss@proxy:3128', tools: 'none' }
  await run()
  const secrets = log.filter((line) => line.startsWith('secret ')).map((line) => line.slice(7))
  expect(secrets).toEqual(expect.arrayContaining(['p%40ss', 'p@ss', encodeURIComponent('p@ss')]))
  expect(log.indexOf('secret p%40ss')).toBeLessThan(log.findIndex((line) => line.startsWith('login')))
})

test('no proxy password, no proxy: nothing masked', async () => {
  given = { 'http-proxy': 'http://proxy:3128', tools: 'none' }
  await run()
  expect(log.some((line) => line.startsWith('secret'))).toBe(false)
})

test('a login that fails fails the step with its message; a non-Error too', async () => {
  ecr = async () => { throw new Error('ecr us-east-1: denied') }
  await run()
  expect(log.at(-1)).toBe('failed ecr us-east-1: denied')
  ecr = async () => { throw 'plain' }
  await run()
  expect(log.at(-1)).toBe('failed plain')
})

test('a login that outlives the time limit fails the step, naming the limit, and the process exits', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
  const exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never)
  try {
    given = { 'timeout-seconds': '5', tools: 'none' }
    ecr = () => new Promise(() => {})
    const running = run()
    await jest.advanceTimersByTimeAsync(5999)
    expect(log.some((line) => line.startsWith('failed'))).toBe(false)
    await jest.advanceTimersByTimeAsync(2)
    await running
    expect(log.at(-1)).toBe("failed The step did not finish within the step's time limit of 5 s (input 'timeout-seconds'); what it configured so far is undone by the post step")
    // A call still hanging would keep the process: it exits on its own shortly after.
    expect(exit).not.toHaveBeenCalled()
    await jest.advanceTimersByTimeAsync(100)
    expect(exit).toHaveBeenCalled()
  } finally {
    exit.mockRestore()
    jest.useRealTimers()
  }
})
