/**
 * CodeArtifact for npm, pnpm and yarn 4 through dist/: the action configures the clients, a later
 * step installs a private scoped package from a Verdaccio behind a CodeArtifact-style /npm/<repo>/
 * path, and the post step leaves every user file as it was.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { npmBin, pnpmBin, yarnBin, yarnClassicBin, startNpmRegistry } from '../test-support/npm-registry.js'
import { makeSandbox, type Emulator, type Sandbox } from './fixture.js'
import { nodeProject, runClient, stepEnv } from './clients.js'

let emu: Emulator
let registry: Awaited<ReturnType<typeof startNpmRegistry>>
let sandbox: Sandbox

beforeAll(async () => {
  registry = await startNpmRegistry({ packages: [{ name: '@acme/hello', version: '1.0.0' }] })
  emu = await startEmulator({
    token: () => registry.token,
    repositoryEndpoint: ({ format }: { format: string }) => (format === 'npm' ? registry.url : `https://unused.example/${format}/`),
  })
}, 60000)
afterAll(async () => {
  await Promise.all([emu?.stop(), registry?.stop()])
})
beforeEach(() => {
  emu.reset()
  registry.clearRequests()
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

const CA = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared' }

const project = (name: string, files: Record<string, string> = {}): string => nodeProject(sandbox.dir, name, files)

const installed = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', '@acme', 'hello', 'package.json'), 'utf8')).version as string

const PNPM_ARGS = (dir: string) => ['add', '@acme/hello', '--store-dir', path.join(dir, '.store'), '--cache-dir', path.join(dir, '.cache')]
const YARN_PROJECT = { 'yarn.lock': '', '.yarnrc.yml': 'unsafeHttpWhitelist: ["127.0.0.1"]\nnpmPreapprovedPackages: ["@acme/*"]\nenableGlobalCache: false\nnodeLinker: node-modules\n' }
// yarn treats CI=true as --immutable; `yarn add` in a later step is what a workflow would run.
const YARN_ENV = { YARN_ENABLE_TELEMETRY: '0', CI: '' }

// yarn classic (1.x) keeps its cache and settings in the home directory unless told otherwise.
const YARN_CLASSIC_ENV = (dir: string) => ({ YARN_CACHE_FOLDER: path.join(dir, '.yarn-cache'), CI: '' })

describe.each([
  ['npm', 'npm', npmBin(), () => ['install', '@acme/hello'], {}, () => ({})],
  ['pnpm', 'pnpm', pnpmBin(), PNPM_ARGS, {}, () => ({ pnpm_config_minimum_release_age: '0' })],
  ['yarn (berry, 4)', 'yarn', yarnBin(), () => ['add', '@acme/hello'], YARN_PROJECT, () => YARN_ENV],
  ['yarn (classic, 1.22)', 'yarn', yarnClassicBin(), (dir: string) => ['add', '@acme/hello', '--no-lockfile', '--cache-folder', path.join(dir, '.yarn-cache')], {}, YARN_CLASSIC_ENV],
])('%s', (label, tool, bin, args, files, clientEnvOf) => {
  test.each([
    ['with npm-scope', { 'npm-scope': '@acme' }],
    ['as the default registry', {}],
  ])(`installs a private package %s using only what the action configured; the post step leaves nothing`, async (_label, scope) => {
    const dir = project(`${label.replace(/\W+/g, '-')}-consumer`, files)
    let run: Awaited<ReturnType<typeof runClient>> | undefined
    const result = await sandbox.run({
      with: { ...CA, tools: tool, ...scope },
      beforePost: async (_main, later) => {
        run = await runClient(bin, (args as (dir: string) => string[])(dir), stepEnv(later.env, clientEnvOf(dir)), dir)
      },
    })
    expect(result.main.exitCode).toBe(0)
    expect(run?.output).not.toContain(registry.token)
    expect(run?.status).toBe(0)
    expect(installed(dir)).toBe('1.0.0')
    expect(registry.requests.every((request) => request.authorized)).toBe(true)
    expect(result.post?.exitCode).toBe(0)
    expect(result.post?.warnings).toEqual([])
    expect(fs.readdirSync(sandbox.home).filter((name) => ['.npmrc', '.yarnrc.yml'].includes(name))).toEqual([])
    expect(result.leaks).toEqual([])
  })

  test('the same install without the action fails', async () => {
    const dir = project(`${label.replace(/\W+/g, '-')}-without`, files)
    const clientEnv = clientEnvOf(dir)
    const npmrc = path.join(sandbox.dir, 'scope.npmrc')
    fs.writeFileSync(npmrc, `@acme:registry=${registry.url}\n`)
    const yarnScope = { YARN_NPM_SCOPES: '' }
    const env = stepEnv(sandbox.env, { ...clientEnv, NPM_CONFIG_USERCONFIG: npmrc, ...(label.startsWith('yarn (berry') ? yarnScope : {}) })
    if (label.startsWith('yarn (berry')) fs.appendFileSync(path.join(dir, '.yarnrc.yml'), `npmScopes:\n  acme:\n    npmRegistryServer: "${registry.url}"\n`)
    const run = await runClient(bin, (args as (dir: string) => string[])(dir), env, dir)
    expect(run.status).not.toBe(0)
    expect(fs.existsSync(path.join(dir, 'node_modules', '@acme', 'hello'))).toBe(false)
  })
})

test('npm: ~/.npmrc and a setup-node npmrc stay byte-identical; the user\'s settings still apply during the job', async () => {
  const userNpmrc = '; mine\ninit-author-name=Jane Doe\n@other:registry=https://other.example/\n'
  fs.writeFileSync(path.join(sandbox.home, '.npmrc'), userNpmrc)
  const setupNode = path.join(sandbox.dir, 'setup-node', '.npmrc')
  fs.mkdirSync(path.dirname(setupNode))
  const setupNodeText = '//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\n@octo:registry=https://npm.pkg.github.com/\nalways-auth=true\n'
  fs.writeFileSync(setupNode, setupNodeText)
  const dir = project('npm-setup-node')
  const seen: Record<string, string> = {}
  const result = await sandbox.run({
    with: { ...CA, tools: 'npm', 'npm-scope': '@acme' },
    env: { NPM_CONFIG_USERCONFIG: setupNode, NODE_AUTH_TOKEN: 'XXXXX-XXXXX-XXXXX-XXXXX' },
    beforePost: async (_main, later) => {
      const env = stepEnv(later.env)
      seen.octo = (await runClient(npmBin(), ['config', 'get', '@octo:registry'], env, dir)).stdout.trim()
      // setup-node's npmrc sends NODE_AUTH_TOKEN to GitHub Packages: it must not become the CodeArtifact token.
      seen.nodeAuthToken = env.NODE_AUTH_TOKEN === 'XXXXX-XXXXX-XXXXX-XXXXX' ? 'setup-node\'s placeholder' : 'something else'
      seen.install = String((await runClient(npmBin(), ['install', '@acme/hello'], env, dir)).status)
    },
  })
  expect(result.main.exitCode).toBe(0)
  expect(seen).toEqual({ octo: 'https://npm.pkg.github.com/', nodeAuthToken: 'setup-node\'s placeholder', install: '0' })
  expect(fs.readFileSync(setupNode, 'utf8')).toBe(setupNodeText)
  expect(fs.readFileSync(path.join(sandbox.home, '.npmrc'), 'utf8')).toBe(userNpmrc)

  // Without setup-node, the temp npmrc starts from ~/.npmrc, so its settings keep applying.
  const plain = await sandbox.run({
    with: { ...CA, tools: 'npm', 'npm-scope': '@acme' },
    beforePost: async (_main, later) => {
      seen.author = (await runClient(npmBin(), ['config', 'get', 'init-author-name'], stepEnv(later.env), dir)).stdout.trim()
    },
  })
  expect(plain.main.exitCode).toBe(0)
  expect(seen.author).toBe('Jane Doe')
  expect(fs.readFileSync(path.join(sandbox.home, '.npmrc'), 'utf8')).toBe(userNpmrc)
  expect([...result.leaks, ...plain.leaks]).toEqual([])
})

test('yarn with scopes: ~/.yarnrc.yml is changed during the job and put back byte for byte', async () => {
  const original = '# my settings\nenableTelemetry: false\n'
  fs.writeFileSync(path.join(sandbox.home, '.yarnrc.yml'), original)
  let during = ''
  const result = await sandbox.run({
    with: { ...CA, tools: 'yarn', 'npm-scope': '@acme' },
    beforePost: () => {
      during = fs.readFileSync(path.join(sandbox.home, '.yarnrc.yml'), 'utf8')
    },
  })
  expect(result.main.exitCode).toBe(0)
  expect(during).toContain('npmAuthToken: ${CODEARTIFACT_AUTH_TOKEN_ACME_123456789012}')
  expect(during).not.toContain(registry.token)
  expect(fs.readFileSync(path.join(sandbox.home, '.yarnrc.yml'), 'utf8')).toBe(original)
  expect(result.leaks).toEqual([])
})
