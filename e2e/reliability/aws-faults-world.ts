/**
 * One isolated world per test for the AWS fault tests: its own emulator (so tests can run
 * concurrently), a sandboxed HOME with a docker config and an npmrc that must survive untouched,
 * recording stand-ins for docker, npm and pip, and credentials known before the run so the leak
 * scan covers every token the emulator hands out.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { expect } from '@jest/globals'
import { startEmulator } from '../../test-support/emulator/index.js'
import { codeArtifactToken, ecrPassword } from '../../test-support/emulator/secrets.js'
import { fakeDocker } from '../../test-support/registry.js'
import { makeSandbox, type Emulator, type RunOptions, type RunResult, type Sandbox } from '../fixture.js'

export type Service = 'ecr' | 'ecr-public' | 'codeartifact'
export const SERVICES: Service[] = ['ecr', 'ecr-public', 'codeartifact']

/** Upper bound for each step; a step that needs longer has hung. */
export const BOUND_MS = 60_000

export const ENDPOINT_OVERRIDES = ['AWS_ENDPOINT_URL_ECR', 'AWS_ENDPOINT_URL_ECR_PUBLIC', 'AWS_ENDPOINT_URL_CODEARTIFACT']

type FaultSpec = Parameters<Emulator['fault']>[0]
type RequestRecord = Emulator['requests'][number]

export interface Target {
  /** Inputs that select the service and its registries or repository. */
  with: Record<string, string>
  env: Record<string, string>
  /** AWS calls one run makes (ECR: one per region; CodeArtifact: token + one endpoint per format). */
  calls: number
  /** How every error line about each call group starts: `<service> <region>…: `. */
  prefixes: string[]
  /** Narrows a fault to one call (group), so that its attempts can be counted exactly. */
  one: Partial<FaultSpec>
  /** The prefix of the line about that one call. */
  onePrefix: string
  /** The permissions SPEC.md names for the service. */
  permissions: string
}

export const TARGETS: Record<Service, Target> = {
  ecr: {
    with: { registries: '111111111111\n222222222222.dkr.ecr.eu-west-1.amazonaws.com', region: 'us-east-1' },
    env: {},
    calls: 2,
    prefixes: ['ecr us-east-1: ', 'ecr eu-west-1: '],
    one: { service: 'ecr', region: 'eu-west-1' },
    onePrefix: 'ecr eu-west-1: ',
    permissions: 'ecr:GetAuthorizationToken',
  },
  'ecr-public': {
    with: { 'registry-type': 'public' },
    env: { AWS_REGION: 'eu-central-1' },
    calls: 1,
    prefixes: ['ecr-public us-east-1: '],
    one: { service: 'ecr-public' },
    onePrefix: 'ecr-public us-east-1: ',
    permissions: 'ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken',
  },
  codeartifact: {
    with: { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared', tools: 'npm, pip' },
    env: { AWS_REGION: 'eu-west-1' },
    calls: 3,
    prefixes: ['codeartifact eu-west-1 (domain acme): '],
    one: { service: 'codeartifact', operation: 'GetAuthorizationToken' },
    onePrefix: 'codeartifact eu-west-1 (domain acme): ',
    permissions: 'codeartifact:GetAuthorizationToken, codeartifact:GetRepositoryEndpoint and sts:GetServiceBearerToken',
  },
}

export const ECR_HOSTS = ['111111111111.dkr.ecr.us-east-1.amazonaws.com', '222222222222.dkr.ecr.eu-west-1.amazonaws.com']

const DOCKER_CONFIG = '{\n\t"auths": {\n\t\t"ghcr.io": {}\n\t},\n\t"credsStore": "desktop"\n}\n'
const NPMRC = 'registry=https://registry.npmjs.org/\n@octo:registry=https://npm.pkg.github.com/\n'

export interface Stub {
  calls(): string[]
}

/**
 * `<dir>/docker-credential-<name>`: a credential helper with nothing stored that appends
 * `<action> <stdin>` to a log (get, store, erase) and exits 0 (1 for a get: nothing found).
 */
export function recordingHelper(dir: string, name: string): Stub {
  fs.mkdirSync(dir, { recursive: true })
  const log = path.join(dir, `docker-credential-${name}-calls.log`)
  const script = `#!/bin/sh\ninput=$(cat)\nprintf '%s %s\\n' "$1" "$input" >> '${log}'\n[ "$1" = get ] && exit 1\nexit 0\n`
  fs.writeFileSync(path.join(dir, `docker-credential-${name}`), script, { mode: 0o755 })
  return { calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) }
}

/** `<dir>/<name>`: appends its arguments to a log, reads no stdin, prints nothing, exits 0. */
export function recordingStub(dir: string, name: string): Stub {
  fs.mkdirSync(dir, { recursive: true })
  const log = path.join(dir, `${name}-calls.log`)
  fs.writeFileSync(path.join(dir, name), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexit 0\n`, { mode: 0o755 })
  return { calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) }
}

export interface World {
  service: Service
  target: Target
  emu: Emulator
  sandbox: Sandbox
  docker: ReturnType<typeof fakeDocker>
  /** The credsStore of the user's config.json. */
  helper: Stub
  npm: Stub
  pip: Stub
  /** Every credential the emulator can hand out in this world. */
  secrets: { ecr: string; ecrPublic: string; codeartifact: string }
  /** Runs main and post with the service's inputs plus `given`, debug on, within BOUND_MS per step. */
  run(given?: Record<string, string>, options?: Partial<RunOptions>): Promise<RunResult>
  /** sha256 of every file under HOME, before the last run. */
  homeBefore: Record<string, string>
  homeNow(): Record<string, string>
  /** Requests that `spec` (service/operation/region) selects. */
  requestsOf(spec: Partial<FaultSpec>): RequestRecord[]
}

/** Opens a world for `service`, runs `body` in it and always tears it down. */
export async function inWorld(service: Service, body: (world: World) => Promise<void>): Promise<void> {
  const secrets = { ecr: ecrPassword(), ecrPublic: ecrPassword(), codeartifact: codeArtifactToken(Math.floor(Date.now() / 1000)) }
  const emu = await startEmulator({
    account: '123456789012',
    password: (_account: string, _region: string, kind: 'ecr' | 'ecr-public') => (kind === 'ecr' ? secrets.ecr : secrets.ecrPublic),
    token: () => secrets.codeartifact,
    repositoryEndpoint: ({ domain, owner, format, region }: { domain: string; owner: string; format: string; region: string }) =>
      `https://${domain}-${owner}.d.codeartifact.${region}.amazonaws.com/${format}/shared/`,
  })
  const target = TARGETS[service]
  const sandbox = makeSandbox(emu, target.env)
  try {
    const bin = path.join(sandbox.dir, 'bin')
    const docker = fakeDocker(bin, { stdout: 'Login Succeeded\n' })
    const helper = recordingHelper(bin, 'desktop')
    const npm = recordingStub(bin, 'npm')
    const pip = recordingStub(bin, 'pip')
    sandbox.env.PATH = `${bin}:${sandbox.env.PATH}`
    fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
    fs.writeFileSync(path.join(sandbox.dockerConfig, 'config.json'), DOCKER_CONFIG)
    fs.writeFileSync(path.join(sandbox.home, '.npmrc'), NPMRC)
    const homeNow = () =>
      Object.fromEntries(Object.entries(sandbox.snapshot()).filter(([file]) => file.startsWith(`home${path.sep}`)))
    const world: World = {
      service,
      target,
      emu,
      sandbox,
      docker,
      helper,
      npm,
      pip,
      secrets,
      homeBefore: {},
      homeNow,
      requestsOf: (spec) =>
        emu.requests.filter((request) => (['service', 'operation', 'region'] as const).every((key) => spec[key] === undefined || request[key] === spec[key])),
      async run(given = {}, options = {}) {
        world.homeBefore = homeNow()
        const result = await sandbox.run(
          { with: { ...target.with, ...given }, timeoutMs: BOUND_MS, debug: true, ...options },
          [secrets.ecr, secrets.ecrPublic, secrets.codeartifact],
        )
        // The scan covered every credential handed out: each is one of ours or its `AWS:` base64 form.
        const known = [secrets.ecr, secrets.ecrPublic, secrets.codeartifact]
        const forms = [...known, ...known.map((secret) => Buffer.from(`AWS:${secret}`).toString('base64'))]
        expect(emu.secrets().filter((secret) => !forms.includes(secret))).toEqual([])
        return result
      },
    }
    await body(world)
  } finally {
    sandbox.cleanup()
    await emu.stop()
  }
}

/** Everything the runner showed, for failure messages. */
export const transcript = (result: RunResult): string => `${result.main.log}\n--- post ---\n${result.post?.log ?? '(no post step)'}`

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `^<prefix><body>( (N more calls failed too))?$` — the CodeArtifact batch may add the count of the others. */
export const lineFor = (prefix: string, body: string): RegExp => new RegExp(`^${escapeRegExp(prefix)}${body}(?: \\(\\d+ more calls? failed too\\))?$`)

const registryAuthDirs = (result: RunResult): string[] =>
  fs.existsSync(result.runnerTemp) ? fs.readdirSync(result.runnerTemp).filter((name) => name.startsWith('registry-auth')) : []

function expectStepsBounded(result: RunResult): void {
  expect({ mainTimedOut: result.main.timedOut, postTimedOut: result.post?.timedOut }).toEqual({ mainTimedOut: false, postTimedOut: false })
}

function expectPostClean(world: World, result: RunResult): void {
  expect({ post: result.post?.exitCode, warnings: result.post?.warnings, errors: result.post?.errors }).toEqual({ post: 0, warnings: [], errors: [] })
  expect(registryAuthDirs(result)).toEqual([])
  expect(world.homeNow()).toEqual(world.homeBefore)
  expect(result.leaks).toEqual([])
  expect(result.main.log).toContain('##[debug]')
}

/**
 * The step succeeded, the clients were configured, and the post step undid all of it: no file
 * left under RUNNER_TEMP, HOME byte for byte as before, no secret shown anywhere.
 */
export function expectSucceeded(world: World, result: RunResult, hosts = world.service === 'ecr' ? ECR_HOSTS : ['public.ecr.aws']): void {
  expectStepsBounded(result)
  expect({ exitCode: result.main.exitCode, errors: result.main.errors, log: result.main.exitCode === 0 ? '' : transcript(result) })
    .toEqual({ exitCode: 0, errors: [], log: '' })
  expect(result.main.warnings).toEqual([])
  if (world.service === 'codeartifact') {
    const token = world.secrets.codeartifact
    expect(result.main.outputs.token).toBe(token)
    expect(result.main.env).toMatchObject({ CODEARTIFACT_AUTH_TOKEN: token })
    expect(result.main.env).not.toHaveProperty('NODE_AUTH_TOKEN')
    expect(result.main.env.PIP_INDEX_URL).toContain(encodeURIComponent(token))
    expect(world.docker.calls()).toEqual([])
  } else {
    expect(result.main.outputs.registries).toBe(hosts.join(','))
    const logins = world.docker.calls().filter((call) => call.argv[0] === 'login')
    // docker logs in to all registries at once, so the order of the calls is not defined.
    expect(logins.map((call) => call.argv.at(-1)).sort()).toEqual([...hosts].sort())
    expect(logins.every((call) => call.stdin === (world.service === 'ecr' ? world.secrets.ecr : world.secrets.ecrPublic))).toBe(true)
    // The user's credsStore keeps the credentials: asked first whether it holds one already (none
    // here), then told to forget ours in the post step — no docker logout.
    expect(world.docker.calls().filter((call) => call.argv[0] === 'logout')).toEqual([])
    expect(world.helper.calls()).toEqual([...hosts.map((host) => `get ${host}`), ...[...hosts].reverse().map((host) => `erase ${host}`)])
  }
  // Configuration files are written directly: no package manager runs.
  expect({ npm: world.npm.calls(), pip: world.pip.calls() }).toEqual({ npm: [], pip: [] })
  expectPostClean(world, result)
}

/**
 * The step failed with one error annotation whose lines match `lines` (one line per cause, no line
 * twice), and left nothing behind: no client run, nothing exported, no output carrying a secret,
 * state with nothing but undo records, a quiet post step, nothing under RUNNER_TEMP, HOME untouched.
 */
export function expectCleanFailure(world: World, result: RunResult, lines: RegExp[]): string[] {
  expectStepsBounded(result)
  expect({ exitCode: result.main.exitCode, errors: result.main.errors.length }).toEqual({ exitCode: 1, errors: 1 })
  expect(result.main.log.split('\n').filter((line) => line.includes('##[error]'))).toHaveLength(1)
  const shown = (result.main.errors[0] ?? '').split('\n')
  expect(shown).toHaveLength(lines.length)
  expect(shown).toEqual(expect.arrayContaining(lines.map((line) => expect.stringMatching(line))))
  expect(new Set(shown).size).toBe(shown.length)
  expect(world.docker.calls()).toEqual([])
  expect(world.helper.calls()).toEqual([])
  expect({ npm: world.npm.calls(), pip: world.pip.calls() }).toEqual({ npm: [], pip: [] })
  expect(result.main.env).toEqual({})
  const secrets = [world.secrets.ecr, world.secrets.ecrPublic, world.secrets.codeartifact]
  const secretOutputs = Object.entries(result.main.outputs)
    .filter(([name, value]) => /token|password/i.test(name) || secrets.some((secret) => value.includes(secret)))
    .map(([name]) => name)
  expect(secretOutputs).toEqual([])
  expect(Object.keys(result.main.state).filter((key) => key !== 'undo')).toEqual([])
  expectPostClean(world, result)
  return shown
}
