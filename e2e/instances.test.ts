/**
 * Several instances of the action in one job, as a workflow runs them: main A, main B, later steps,
 * post B, post A. Each instance keeps its own token; the posts, in reverse order, leave nothing behind.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { npmBin, startNpmRegistry } from '../test-support/npm-registry.js'
import { fakeDocker } from '../test-support/registry.js'
import { runAction } from '../test-support/harness/index.js'
import { makeSandbox, type Emulator, type Sandbox } from './fixture.js'
import { runClient, stepEnv } from './clients.js'

type NpmRegistry = Awaited<ReturnType<typeof startNpmRegistry>>
let acme: NpmRegistry
let tools: NpmRegistry
let emu: Emulator
let sandbox: Sandbox

beforeAll(async () => {
  ;[acme, tools] = await Promise.all([
    startNpmRegistry({ packages: [{ name: '@acme/hello', version: '1.0.0' }] }),
    startNpmRegistry({ packages: [{ name: '@tools/util', version: '2.0.0' }] }),
  ])
  const byDomain = (domain: string) => (domain === 'tools' ? tools : acme)
  emu = await startEmulator({
    token: (domain: string) => byDomain(domain).token,
    repositoryEndpoint: ({ domain }: { domain: string }) => byDomain(domain).url,
  })
}, 60000)
afterAll(async () => {
  await Promise.all([emu?.stop(), acme?.stop(), tools?.stop()])
})
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

test('ECR and CodeArtifact in one job: both configured, posts in reverse order undo both', async () => {
  const docker = fakeDocker(path.join(sandbox.dir, 'bin'), { stdout: 'Login Succeeded\n' })
  sandbox.env.PATH = `${docker.dir}:${sandbox.env.PATH}`
  const order: string[] = []
  let install: number | null = null
  const ecr = await sandbox.run({
    with: { registries: '123456789012' },
    beforePost: async (_main, afterEcr) => {
      const project = path.join(sandbox.dir, 'project')
      fs.mkdirSync(project)
      fs.writeFileSync(path.join(project, 'package.json'), '{"name":"c","version":"1.0.0","private":true}')
      const codeartifact = await runAction({
        with: { domain: 'acme', repository: 'shared', tools: 'npm', 'npm-scope': '@acme' },
        env: stepEnv(afterEcr.env),
        secrets: emu.secrets(),
        beforePost: async (_main, later) => {
          install = (await runClient(npmBin(), ['install', '@acme/hello'], stepEnv(later.env), project)).status
        },
      })
      order.push('codeartifact post')
      expect(codeartifact.main.exitCode).toBe(0)
      expect(codeartifact.leaks).toEqual([])
      codeartifact.cleanup()
    },
  })
  order.push('ecr post')
  expect(ecr.main.exitCode).toBe(0)
  expect(install).toBe(0)
  expect(order).toEqual(['codeartifact post', 'ecr post'])
  // docker's login is an entry in config.json: no docker process, and the file is gone again.
  expect(docker.calls()).toEqual([])
  expect(fs.existsSync(path.join(sandbox.dockerConfig, 'config.json'))).toBe(false)
  expect(ecr.leaks).toEqual([])
})

test('two CodeArtifact domains in one job: each registry gets its own token', async () => {
  const project = path.join(sandbox.dir, 'project')
  fs.mkdirSync(project)
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"c","version":"1.0.0","private":true}')
  fs.writeFileSync(path.join(sandbox.home, '.npmrc'), 'fund=false\n')
  let install: Awaited<ReturnType<typeof runClient>> | undefined
  let second: Awaited<ReturnType<typeof runAction>> | undefined
  const first = await sandbox.run({
    with: { domain: 'acme', repository: 'shared', tools: 'npm', 'npm-scope': '@acme' },
    beforePost: async (_main, afterFirst) => {
      second = await runAction({
        with: { domain: 'tools', repository: 'shared', tools: 'npm', 'npm-scope': '@tools' },
        env: stepEnv(afterFirst.env),
        secrets: emu.secrets(),
        beforePost: async (_main, later) => {
          install = await runClient(npmBin(), ['install', '@acme/hello', '@tools/util'], stepEnv(later.env), project)
        },
      })
    },
  })
  expect(first.main.exitCode).toBe(0)
  expect(second?.main.exitCode).toBe(0)
  expect(install?.status).toBe(0)
  expect(fs.existsSync(path.join(project, 'node_modules', '@acme', 'hello'))).toBe(true)
  expect(fs.existsSync(path.join(project, 'node_modules', '@tools', 'util'))).toBe(true)
  expect(acme.requests.every((request) => request.authorized)).toBe(true)
  expect(tools.requests.every((request) => request.authorized)).toBe(true)
  expect(second?.main.env).toMatchObject({ CODEARTIFACT_AUTH_TOKEN_TOOLS: tools.token })
  expect(fs.readFileSync(path.join(sandbox.home, '.npmrc'), 'utf8')).toBe('fund=false\n')
  expect([...first.leaks, ...(second?.leaks ?? [])]).toEqual([])
  second?.cleanup()
})
