/**
 * What a hostile review found in unusual runners and jobs, through dist/ with the real clients:
 * the CodeArtifact token reaching other registries (npm behind setup-node's npmrc, yarn with another
 * scope), HOME unset, a docker context in config.json, another step's change to ~/.yarnrc.yml, a
 * credential helper that already held a credential for the host, and 200 registries at once.
 * Each test failed on the action as it was before these fixes.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../../test-support/emulator/index.js'
import { writeCredentialHelper } from '../../test-support/credential-helper.js'
import { npmBin, yarnBin } from '../../test-support/npm-registry.js'
import { startRecorder } from '../../test-support/recorder.js'
import { readDockerConfig, startRegistry } from '../../test-support/registry.js'
import { nodeProject, runClient, stepEnv } from '../clients.js'
import { makeSandbox, shown, type Emulator, type Sandbox } from '../fixture.js'

const PASSWORD = 'eyJwYXlsb2FkIjoiaG9zdGlsZS1ydW5uZXIifQ+/A='
const TOKEN = 'eyJ2ZXIiOjF9.hostile-runner-token.a+b/c='
type Recorder = Awaited<ReturnType<typeof startRecorder>>

let emu: Emulator
let registry: Awaited<ReturnType<typeof startRegistry>>
/** Stands in for CodeArtifact's npm endpoint: records what it gets. */
let codeartifact: Recorder
/** Stands in for npmjs.org / another scope's registry: must never get the token. */
let other: Recorder
let sandbox: Sandbox

beforeAll(async () => {
  ;[registry, codeartifact, other] = await Promise.all([startRegistry({ password: PASSWORD }), startRecorder(), startRecorder()])
  emu = await startEmulator({
    account: '111111111111',
    password: () => PASSWORD,
    token: () => TOKEN,
    proxyEndpoint: (account: string, region: string) =>
      account === '111111111111' ? `https://${registry.host}` : `https://${account}.dkr.ecr.${region}.amazonaws.com`,
    repositoryEndpoint: ({ format }: { format: string }) => `${codeartifact.url}${format}/shared/`,
  })
}, 60000)
afterAll(async () => {
  await Promise.all([emu?.stop(), registry?.stop(), codeartifact?.stop(), other?.stop()])
})
beforeEach(() => {
  emu.reset()
  codeartifact.requests.length = 0
  other.requests.length = 0
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

const CA = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared' }
const carriesToken = (request: { authorization?: string }) => (request.authorization ?? '').includes(TOKEN)

const project = (name: string, files: Record<string, string> = {}): string => nodeProject(sandbox.dir, name, files)

describe('1. the CodeArtifact token goes only to CodeArtifact', () => {
  test('npm behind setup-node\'s npmrc (`//registry/:_authToken=${NODE_AUTH_TOKEN}`): an unscoped request carries setup-node\'s token, never ours', async () => {
    const setupNode = path.join(sandbox.dir, 'setup-node', '.npmrc')
    fs.mkdirSync(path.dirname(setupNode))
    const host = other.url.replace(/^http:/, '')
    fs.writeFileSync(setupNode, `registry=${other.url}\n${host}:_authToken=\${NODE_AUTH_TOKEN}\nalways-auth=true\n`)
    const dir = project('npm')
    const result = await sandbox.run({
      with: { ...CA, tools: 'npm', 'npm-scope': '@acme' },
      env: { NPM_CONFIG_USERCONFIG: setupNode, NODE_AUTH_TOKEN: 'XXXXX-XXXXX-XXXXX-XXXXX' },
      beforePost: async (_main, later) => {
        const env = stepEnv(later.env, { npm_config_cache: path.join(dir, '.cache') })
        await runClient(npmBin(), ['view', 'left-pad'], env, dir)
        await runClient(npmBin(), ['view', '@acme/hello'], env, dir)
      },
    })
    expect(result.main.exitCode).toBe(0)
    // Positive controls: each registry was asked, and the guard sees the auth each request carried.
    expect(other.requests.map((request) => request.authorization)).toContain('Bearer XXXXX-XXXXX-XXXXX-XXXXX')
    expect(codeartifact.requests.some(carriesToken)).toBe(true)
    expect(other.requests.filter(carriesToken)).toEqual([])
    expect(result.leaks).toEqual([])
  })

  test('yarn (berry) with a project scope on another host: that host never gets the token', async () => {
    const dir = project('yarn', {
      'yarn.lock': '',
      '.yarnrc.yml': `unsafeHttpWhitelist: ["127.0.0.1"]\nenableGlobalCache: false\nnpmScopes:\n  other:\n    npmRegistryServer: "${other.url}"\n`,
    })
    const result = await sandbox.run({
      with: { ...CA, tools: 'yarn' },
      beforePost: async (_main, later) => {
        const env = stepEnv(later.env, { YARN_ENABLE_TELEMETRY: '0', CI: '' })
        await runClient(yarnBin(), ['npm', 'info', '@other/pkg'], env, dir)
        await runClient(yarnBin(), ['npm', 'info', 'left-pad'], env, dir)
      },
    })
    expect(result.main.exitCode).toBe(0)
    expect(other.requests.length).toBeGreaterThan(0)
    expect(codeartifact.requests.some(carriesToken)).toBe(true)
    expect(other.requests.filter(carriesToken)).toEqual([])
    expect(result.leaks).toEqual([])
  })
})

describe('5. HOME unset or empty', () => {
  // The account's own home directory is this machine's real one: each step runs in a mount
  // namespace where a sandbox directory stands in for it.
  function accountHomeWrapper(): { node: string; accountHome: string } {
    const accountHome = path.join(sandbox.dir, 'account-home')
    fs.mkdirSync(accountHome)
    const realHome = execFileSync('sh', ['-c', 'getent passwd "$(id -u)" | cut -d: -f6'], { encoding: 'utf8' }).trim()
    const node = path.join(sandbox.dir, 'node-in-namespace')
    // bash, not sh: dash drops the runner's INPUT_* variables whose names hold a '-' (input defaults).
    fs.writeFileSync(node, `#!/usr/bin/env bash\nexec unshare -m bash -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' bash '${accountHome}' '${realHome}' '${process.execPath}' "$@"\n`, { mode: 0o755 })
    return { node, accountHome }
  }

  test.each([['empty', ''], ['unset', undefined]])('HOME %s: docker\'s config goes to the account\'s home (as docker\'s own), never into the checkout; post takes it back', async (_label, home) => {
    const { node, accountHome } = accountHomeWrapper()
    const workspace = path.join(sandbox.dir, 'checkout')
    fs.mkdirSync(workspace)
    // `undefined` removes a variable of the job.
    const env = { DOCKER_CONFIG: undefined, HOME: home } as unknown as Record<string, string>
    let during: string[] = []
    const result = await sandbox.run({
      with: { registries: '111111111111' },
      env,
      node,
      workspace,
      beforePost: () => {
        during = fs.readdirSync(path.join(accountHome, '.docker'))
      },
    }, [PASSWORD])
    expect(result.main.exitCode).toBe(0)
    expect(during).toEqual(['config.json'])
    expect(fs.readdirSync(workspace)).toEqual([])
    // The account had no ~/.docker: the one made for config.json goes with it.
    expect(fs.readdirSync(accountHome)).toEqual([])
    expect(result.leaks).toEqual([])
  })

  test('a relative DOCKER_CONFIG is refused by name; nothing is written in the checkout', async () => {
    const workspace = path.join(sandbox.dir, 'checkout')
    fs.mkdirSync(workspace)
    const result = await sandbox.run({ with: { registries: '111111111111' }, env: { DOCKER_CONFIG: '.docker' }, workspace }, [PASSWORD])
    expect(result.main.exitCode).toBe(1)
    expect(result.main.errors).toEqual(['DOCKER_CONFIG is the relative path ".docker"; set it to an absolute path or unset it'])
    expect(fs.readdirSync(workspace)).toEqual([])
  })
})

describe('docker', () => {
  const writeConfig = (text: string) => {
    fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
    fs.writeFileSync(path.join(sandbox.dockerConfig, 'config.json'), text)
  }

  test('6. a currentContext in config.json (with its context beside it): the real docker logs in, and the file comes back byte for byte', async () => {
    fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
    const docker = (args: string[]) => execFileSync('docker', args, { env: { ...sandbox.env }, stdio: 'pipe' })
    docker(['context', 'create', 'remote', '--docker', 'host=tcp://127.0.0.1:9'])
    docker(['context', 'use', 'remote'])
    const config = fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')
    expect(JSON.parse(config)).toMatchObject({ currentContext: 'remote' })
    let during: unknown
    const result = await sandbox.run({
      with: { registries: '111111111111' },
      beforePost: () => {
        during = readDockerConfig(sandbox.dockerConfig)
      },
    }, [PASSWORD])
    expect({ exitCode: result.main.exitCode, errors: result.main.errors }).toEqual({ exitCode: 0, errors: [] })
    expect(during).toMatchObject({ currentContext: 'remote', auths: { [registry.host]: { auth: expect.any(String) } } })
    expect(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).toBe(config)
    expect(result.leaks).toEqual([])
  })

  test('8. a credential helper that already held a credential for the host: it has that credential again after the job', async () => {
    const bin = path.join(sandbox.dir, 'bin')
    const helper = writeCredentialHelper(bin, 'regauth-test', path.join(sandbox.dir, 'helper-store.json'))
    const theirs = { ServerURL: registry.host, Username: 'someone', Secret: 'a-long-lived-credential-of-theirs' }
    helper.write({ [registry.host]: theirs })
    const config = '{\n  "auths": {\n    "' + registry.host + '": {}\n  },\n  "credsStore": "regauth-test"\n}\n'
    writeConfig(config)
    let during: unknown
    const result = await sandbox.run({
      with: { registries: '111111111111' },
      env: { PATH: `${bin}:${sandbox.env.PATH}`, ...helper.env },
      beforePost: () => {
        during = helper.read()[registry.host]?.Secret
      },
    }, [PASSWORD, theirs.Secret])
    expect(result.main.exitCode).toBe(0)
    expect(during).toBe(PASSWORD)
    expect(helper.read()).toEqual({ [registry.host]: theirs })
    expect(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).toBe(config)
    // Their credential is a secret too: masked, never shown.
    expect(shown(result)).not.toContain(theirs.Secret)
    expect(result.post?.warnings).toEqual([])
  })

  test('9. 200 registries with a credential helper (docker login runs): at most a few docker processes at a time', async () => {
    writeConfig('{"credsStore":"counting"}')
    const bin = path.join(sandbox.dir, 'bin')
    const running = path.join(sandbox.dir, 'running')
    const most = path.join(sandbox.dir, 'most')
    fs.mkdirSync(running, { recursive: true })
    fs.mkdirSync(bin, { recursive: true })
    // A stand-in docker login that notes how many of its kind run beside it, and leaves the `{}`
    // entry docker writes when a credential helper keeps the password; and a helper that keeps nothing.
    fs.writeFileSync(path.join(bin, 'docker-credential-counting'), '#!/bin/sh\ncat > /dev/null\n[ "$1" = get ] && exit 1\nexit 0\n', { mode: 0o755 })
    fs.writeFileSync(path.join(bin, 'docker'), `#!/bin/sh
cat > /dev/null
mkdir "${running}/$$"
ls "${running}" | wc -l >> "${most}"
sleep 0.05
for host; do :; done
printf '{"auths":{"%s":{}},"credsStore":"counting"}' "$host" > "$DOCKER_CONFIG/config.json"
rmdir "${running}/$$"
echo "Login Succeeded"
`, { mode: 0o755 })
    const accounts = Array.from({ length: 200 }, (_, index) => String(200000000000 + index))
    const result = await sandbox.run({ with: { registries: accounts.join(',') }, env: { PATH: `${bin}:${sandbox.env.PATH}` } })
    expect(result.main.exitCode).toBe(0)
    const counts = fs.readFileSync(most, 'utf8').split('\n').filter(Boolean).map(Number)
    expect(counts).toHaveLength(200)
    expect(Math.max(...counts)).toBeLessThanOrEqual(4)
    // Positive control: the count sees processes that run together.
    expect(Math.max(...counts)).toBeGreaterThan(1)
    expect(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).toBe('{"credsStore":"counting"}')
  })
})

test('7. another step\'s change to ~/.yarnrc.yml survives the post step; only the action\'s entries go', async () => {
  const mine = '# my settings\nenableTelemetry: false\n'
  fs.writeFileSync(path.join(sandbox.home, '.yarnrc.yml'), mine)
  const result = await sandbox.run({
    with: { ...CA, tools: 'yarn', 'npm-scope': '@acme' },
    beforePost: () => {
      fs.appendFileSync(path.join(sandbox.home, '.yarnrc.yml'), 'nodeLinker: node-modules\n')
    },
  })
  expect(result.main.exitCode).toBe(0)
  expect(result.post?.warnings).toEqual([])
  const after = fs.readFileSync(path.join(sandbox.home, '.yarnrc.yml'), 'utf8')
  expect(after).toContain('# my settings\nenableTelemetry: false\n')
  expect(after).toContain('nodeLinker: node-modules')
  expect(after).not.toContain('acme')
  expect(after).not.toContain('CODEARTIFACT_AUTH_TOKEN')
  expect(result.leaks).toEqual([])
})
