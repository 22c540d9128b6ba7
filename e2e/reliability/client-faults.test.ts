/**
 * Faults in the clients and the machine around the action, through dist/: docker missing, rejected
 * or failing silently, a docker credsStore whose helper is missing, an npmrc that cannot be read, a
 * ~/.yarnrc.yml that cannot be written or parsed, a ~/.m2/settings.xml that is not XML or not
 * Maven's, RUNNER_TEMP missing or impossible, HOME not writable. Each main step fails with a message that names the cause (or succeeds where it can),
 * and the post step still puts back everything: user files byte for byte and mode for mode, no
 * registry-auth-* directory left, exit 0 with warnings at most.
 *
 * Root ignores permission bits, so "cannot be written" is made with `chattr +i` (immutable file or
 * directory), "unreadable" with a directory where a file is expected, and "impossible" with a path
 * under a regular file (mkdir fails with ENOTDIR).
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startEmulator } from '../../test-support/emulator/index.js'
import { writeCredentialHelper } from '../../test-support/credential-helper.js'
import { fakeDocker, startRegistry } from '../../test-support/registry.js'
import { makeSandbox, shown, type Emulator, type RunResult, type Sandbox } from '../fixture.js'
import { Immutables, nodeShim, tree, treeDiff, workspaceDirs, type Entry } from './nothing-lost-support.js'

const PASSWORD = 'eyJwYXlsb2FkIjoiY2xpZW50LWZhdWx0cyJ9+/Zm9v/YmFy+cGFzcw=='
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Y2xpZW50+ZmF1bHRz/dG9rZW4=.c2ln+/=='
const SECRETS = [PASSWORD, TOKEN]
const CA = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared' }
const USER_DOCKER_CONFIG =
  '{\n\t"auths" : {\n\t\t"ghcr.io": { "auth": "dXNlcjpnaGNyLXRva2Vu" },\n' +
  '\t\t"https://index.docker.io/v1/": {"auth":"aHViOmh1Yi10b2tlbg=="}\n\t},\n  "psFormat": "table {{.ID}}"\n}'

type Registry = Awaited<ReturnType<typeof startRegistry>>
let emu: Emulator
let registry: Registry
let other: Registry
let sandbox: Sandbox
let shims: string
const immutables = new Immutables()
const canFreeze = Immutables.supported(os.tmpdir())
/** Tests that need `chattr +i`; on a file system without it they are reported as skipped. */
const frozenTest = canFreeze ? test : test.skip

beforeAll(async () => {
  ;[registry, other] = await Promise.all([startRegistry({ password: PASSWORD }), startRegistry({ password: 'not-the-ecr-password' })])
  const hosts: Record<string, string> = { '111111111111': registry.host, '999999999999': other.host }
  emu = await startEmulator({
    password: () => PASSWORD,
    token: () => TOKEN,
    proxyEndpoint: (account: string, region: string) => (hosts[account] ? `https://${hosts[account]}` : `https://${account}.dkr.ecr.${region}.amazonaws.com`),
  })
})
afterAll(async () => {
  await Promise.all([emu?.stop(), registry?.stop(), other?.stop()])
})
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu)
  shims = path.join(sandbox.dir, 'shims')
  nodeShim(shims, 'yarn')
  nodeShim(shims, 'pnpm')
  sandbox.env.PATH = `${shims}:${sandbox.env.PATH}`
})
afterEach(() => {
  immutables.release()
  sandbox.cleanup()
})

const dockerConfigFile = () => path.join(sandbox.dockerConfig, 'config.json')

function writeDockerConfig(text = USER_DOCKER_CONFIG, mode = 0o600): void {
  fs.mkdirSync(sandbox.dockerConfig, { recursive: true })
  fs.writeFileSync(dockerConfigFile(), text, { mode })
  fs.chmodSync(dockerConfigFile(), mode)
}

/**
 * Everything the post step must have achieved, as a list of problems (empty when clean): exit 0,
 * no error annotation, no registry-auth-* directory in any RUNNER_TEMP used, HOME exactly as it was
 * before the run, no secret in what the runner shows.
 */
function problemsAfterPost(result: RunResult, homeBefore: Record<string, Entry>, runnerTemps: string[] = [result.runnerTemp]): string[] {
  const problems: string[] = []
  if (!result.post) problems.push('no post step ran')
  else {
    if (result.post.exitCode !== 0) problems.push(`post exited with ${result.post.exitCode}`)
    for (const error of result.post.errors) problems.push(`post error: ${error}`)
  }
  for (const temp of runnerTemps) for (const dir of workspaceDirs(temp)) problems.push(`${dir} left behind`)
  const home = tree(sandbox.home)
  // docker creates its config directory when it logs in and leaves it, empty, when it logs out.
  const dockerDirEmpty = !Object.keys(home).some((name) => name.startsWith(`.docker${path.sep}`))
  if (!homeBefore['.docker'] && home['.docker']?.type === 'dir' && dockerDirEmpty) delete home['.docker']
  problems.push(...treeDiff(homeBefore, home, '~'))
  for (const leak of result.leaks) problems.push(`secret #${leak.secret} (${leak.form}) shown in ${leak.where}: ${leak.context}`)
  return problems
}

/** The single error line of a failed main step (and that there is exactly one). */
function theError(result: RunResult): string {
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toHaveLength(1)
  return result.main.errors[0] ?? ''
}

describe('docker', () => {
  test('docker missing from PATH: config.json gets the login anyway (for a later step that installs docker); post puts it back', async () => {
    writeDockerConfig()
    const empty = path.join(sandbox.dir, 'empty-bin')
    fs.mkdirSync(empty)
    const before = tree(sandbox.home)
    let during: unknown
    const result = await sandbox.run({
      with: { registries: '111111111111' },
      env: { PATH: empty },
      beforePost: () => {
        during = JSON.parse(fs.readFileSync(dockerConfigFile(), 'utf8'))
      },
    }, SECRETS)
    expect(result.main.exitCode).toBe(0)
    expect(result.main.log).toContain('docker is not on PATH yet: it is configured for a later step that installs it')
    expect(during).toMatchObject({ auths: { [registry.host]: { auth: Buffer.from(`AWS:${PASSWORD}`).toString('base64') } } })
    expect(problemsAfterPost(result, before)).toEqual([])
  })

  describe('with a credential helper (docker login runs)', () => {
    let helperEnv: Record<string, string>
    beforeEach(() => {
      const bin = path.join(sandbox.dir, 'helper-bin')
      helperEnv = { ...writeCredentialHelper(bin, 'regauth-test', path.join(sandbox.dir, 'helper-store.json')).env, PATH: `${bin}:${sandbox.env.PATH}` }
      writeDockerConfig('{\n  "auths": { "ghcr.io": {} },\n  "credsStore": "regauth-test"\n}\n')
    })

    test('docker login rejected by the registry: docker\'s 401 in the error; config.json put back', async () => {
      const before = tree(sandbox.home)
      const result = await sandbox.run({ with: { registries: '999999999999' }, env: helperEnv }, SECRETS)
      expect(theError(result)).toMatch(new RegExp(`^docker login to ${other.host} failed \\(exit code 1\\): .*401 Unauthorized`))
      expect(problemsAfterPost(result, before)).toEqual([])
      expect(shown(result)).not.toContain(PASSWORD)
    })

    test('docker exits non-zero and prints nothing: the error says so; post restores', async () => {
      const docker = fakeDocker(path.join(sandbox.dir, 'fake-docker'), { bySubcommand: { login: { exitCode: 3 } } })
      const before = tree(sandbox.home)
      const result = await sandbox.run({ with: { registries: '111111111111' }, env: { ...helperEnv, PATH: `${docker.dir}:${helperEnv.PATH}` } }, SECRETS)
      expect(theError(result)).toBe(`docker login to ${registry.host} failed (exit code 3): docker printed nothing`)
      expect(docker.calls().map((call) => [call.argv, call.stdin])).toEqual([[['login', '--username', 'AWS', '--password-stdin', registry.host], PASSWORD]])
      expect(problemsAfterPost(result, before)).toEqual([])
    })

    test('the credential helper failing in the post step is a warning naming the registry; the post step still succeeds', async () => {
      const bin = path.join(sandbox.dir, 'failing-helper')
      fs.mkdirSync(bin)
      // Takes the credential, but cannot erase it (a locked keychain).
      fs.writeFileSync(path.join(bin, 'docker-credential-failing'), `#!/bin/sh\ncase "$1" in\n  store) cat > /dev/null ;;\n  get) exit 1 ;;\n  erase) echo 'Cannot connect to the credential store' >&2; exit 1 ;;\nesac\n`, { mode: 0o755 })
      writeDockerConfig('{"credsStore":"failing"}')
      const before = tree(sandbox.home)
      const result = await sandbox.run({ with: { registries: '111111111111' }, env: { PATH: `${bin}:${sandbox.env.PATH}` } }, SECRETS)
      expect(result.main.exitCode).toBe(0)
      expect(result.post?.warnings).toEqual([`Could not log docker out of ${registry.host}: docker-credential-failing exited with code 1: Cannot connect to the credential store`])
      expect(problemsAfterPost(result, before)).toEqual([])
    })

    test('a credsStore whose helper is missing: docker\'s "Error saving credentials" naming the helper; config.json put back', async () => {
      writeDockerConfig('{\n  "auths": { "ghcr.io": {} },\n  "credsStore": "registry-auth-missing-helper"\n}\n')
      const before = tree(sandbox.home)
      const result = await sandbox.run({ with: { registries: '111111111111' } }, SECRETS)
      expect(theError(result)).toMatch(/Error saving credentials.*docker-credential-registry-auth-missing-helper/)
      expect(problemsAfterPost(result, before)).toEqual([])
      expect(shown(result)).not.toContain(PASSWORD)
    })
  })
})

describe('npm and pnpm', () => {
  test.each([
    ['NPM_CONFIG_USERCONFIG names a directory', 'npm', true],
    ['~/.npmrc is a directory', 'pnpm', false],
  ])('the user\'s npmrc cannot be read (%s): the error names the file; nothing left', async (_label, tool, viaVariable) => {
    const npmrc = viaVariable ? path.join(sandbox.home, 'setup-node-npmrc') : path.join(sandbox.home, '.npmrc')
    fs.mkdirSync(npmrc)
    fs.writeFileSync(path.join(npmrc, 'inside'), 'x\n')
    const before = tree(sandbox.home)
    const result = await sandbox.run({
      with: { ...CA, tools: tool },
      env: viaVariable ? { NPM_CONFIG_USERCONFIG: npmrc } : {},
    }, SECRETS)
    const error = theError(result)
    expect(error).toContain(npmrc)
    expect(error).toMatch(/EISDIR|is a directory/i)
    expect(result.post?.warnings).toEqual([])
    expect(problemsAfterPost(result, before)).toEqual([])
  })
})

describe('yarn with npm-scope', () => {
  frozenTest('~/.yarnrc.yml cannot be written (chattr +i): the error names the file; it stays as it was', async () => {
    const yarnrc = path.join(sandbox.home, '.yarnrc.yml')
    fs.writeFileSync(yarnrc, '# mine\nenableTelemetry: false\n', { mode: 0o644 })
    immutables.add(yarnrc)
    const before = tree(sandbox.home)
    const result = await sandbox.run({ with: { ...CA, tools: 'yarn', 'npm-scope': '@acme' } }, SECRETS)
    const error = theError(result)
    expect(error).toContain(yarnrc)
    expect(error).toMatch(/EPERM|not permitted/)
    // A warning about the file is acceptable (the post step cannot write it either); an error is not.
    for (const warning of result.post?.warnings ?? []) expect(warning).toContain(yarnrc)
    immutables.release()
    expect(problemsAfterPost(result, before)).toEqual([])
  })

  test('~/.yarnrc.yml is not valid YAML: the error names the file and the place; nothing is written', async () => {
    const yarnrc = path.join(sandbox.home, '.yarnrc.yml')
    fs.writeFileSync(yarnrc, 'npmScopes:\n  other: [unclosed\nenableTelemetry: : false\n', { mode: 0o644 })
    const before = tree(sandbox.home)
    const result = await sandbox.run({ with: { ...CA, tools: 'yarn', 'npm-scope': '@acme' } }, SECRETS)
    expect(theError(result)).toMatch(/\.yarnrc\.yml.*line \d+/s)
    expect(result.post?.warnings).toEqual([])
    expect(problemsAfterPost(result, before)).toEqual([])
  })
})

describe('a config file that does not parse', () => {
  // The user's own credential in the broken file: the action never masks it, so no message may quote it.
  const OWN = 'own-secret-8f3a'
  const home = (...parts: string[]) => path.join(sandbox.home, ...parts)
  // V8 gives no offset for an unexpected token (its message quotes the text around it instead).
  test.each<[string, Record<string, string>, () => string, string, string]>([
    ['docker config.json', { registries: '111111111111' }, dockerConfigFile, `{\n\t"auths": {\n\t\t"ghcr.io": {"auth": ${OWN}}\n\t}\n}\n`, 'it is not valid JSON$'],
    ['~/.yarnrc.yml', { ...CA, tools: 'yarn', 'npm-scope': '@acme' }, () => home('.yarnrc.yml'), `# mine\nnpmAuthToken: ${OWN} : x\n`, 'YAML \\(line 2, column \\d+\\)$'],
    ['~/.cargo/config.toml', { ...CA, tools: 'cargo', 'public-registry': 'replace' }, () => home('.cargo', 'config.toml'), `[registries.mine]\ntoken = "${OWN}\n`, 'TOML \\(line 2, column \\d+\\)$'],
    ['~/.m2/settings.xml', { ...CA, tools: 'maven' }, () => home('.m2', 'settings.xml'), `<settings>\n  <servers><server><password>${OWN}</pass></server></servers>\n</settings>\n`, 'XML \\(line 2, column \\d+\\)$'],
  ])('%s: the error gives the file and the place, never the file\'s text', async (_label, inputs, file, text, place) => {
    fs.mkdirSync(path.dirname(file()), { recursive: true })
    fs.writeFileSync(file(), text, { mode: 0o600 })
    const before = tree(sandbox.home)
    const result = await sandbox.run({ with: inputs }, SECRETS)
    expect(theError(result)).toMatch(new RegExp(place))
    expect(theError(result)).toContain(file())
    expect(result.main.raw).not.toContain(OWN)
    expect(result.post?.raw ?? '').not.toContain(OWN)
    expect(problemsAfterPost(result, before)).toEqual([])
  })

  test('positive control: the parsers\' own messages quote the text, so the check above can fail', async () => {
    const { parseDocument } = await import('yaml')
    const { parse } = await import('@decimalturn/toml-patch')
    expect(() => JSON.parse(`{"a": {"auth": ${OWN}}}`)).toThrow(OWN.slice(0, 3))
    expect(parseDocument(`npmAuthToken: ${OWN} : x\n`).errors[0]?.message).toContain(OWN)
    expect(() => parse(`token = "${OWN}\n`)).toThrow(OWN)
  })
})

describe('cargo replacing crates.io', () => {
  test('~/.cargo/config.toml is not valid TOML: the error names the file; nothing is written', async () => {
    const config = path.join(sandbox.home, '.cargo', 'config.toml')
    fs.mkdirSync(path.dirname(config))
    fs.writeFileSync(config, '# mine\n[source\nreplace-with = "vendored"\n', { mode: 0o644 })
    const before = tree(sandbox.home)
    const result = await sandbox.run({ with: { ...CA, tools: 'cargo', 'public-registry': 'replace' } }, SECRETS)
    expect(theError(result)).toContain(`cannot set source.crates-io.replace-with in ${config}: `)
    expect(result.post?.warnings).toEqual([])
    expect(problemsAfterPost(result, before)).toEqual([])
  })

  frozenTest('~/.cargo/config.toml cannot be written (chattr +i): the error names the file; it stays as it was', async () => {
    const config = path.join(sandbox.home, '.cargo', 'config.toml')
    fs.mkdirSync(path.dirname(config))
    fs.writeFileSync(config, '[net]\nretry = 3\n', { mode: 0o644 })
    immutables.add(config)
    const before = tree(sandbox.home)
    const result = await sandbox.run({ with: { ...CA, tools: 'cargo', 'public-registry': 'replace' } }, SECRETS)
    const error = theError(result)
    expect(error).toContain(config)
    expect(error).toMatch(/EPERM|not permitted/)
    for (const warning of result.post?.warnings ?? []) expect(warning).toContain(config)
    immutables.release()
    expect(problemsAfterPost(result, before)).toEqual([])
  })
})

describe('maven and gradle', () => {
  test.each([
    ['not XML', '<settings>\n  <servers>\n    <server><id>github</id>\n  </servers>\n</settings>\n', /it is not valid XML \(line \d+, column \d+\)/],
    ['another file under that name', '<project><modelVersion>4.0.0</modelVersion></project>\n', /it is not a Maven settings file: its root element is <project>/],
  ])('~/.m2/settings.xml %s: the error names the file; the init script gradle got first is taken back, nothing half-configured', async (_label, text, reason) => {
    const settings = path.join(sandbox.home, '.m2', 'settings.xml')
    fs.mkdirSync(path.dirname(settings))
    fs.writeFileSync(settings, text, { mode: 0o644 })
    const before = tree(sandbox.home)
    let initScript = false
    const result = await sandbox.run({
      with: { ...CA, tools: 'gradle, maven' },
      beforePost: () => {
        initScript = fs.existsSync(path.join(sandbox.home, '.gradle', 'init.d', 'registry-auth.gradle'))
      },
    }, SECRETS)
    const error = theError(result)
    expect(error).toContain(`cannot use ${settings}: `)
    expect(error).toMatch(reason)
    expect(initScript).toBe(true)
    expect(result.post?.warnings).toEqual([])
    expect(problemsAfterPost(result, before)).toEqual([])
  })
})

describe('RUNNER_TEMP', () => {
  test.each([
    ['ECR with docker (config.json backed up there)', { registries: '111111111111' }],
    ['CodeArtifact with npm (private npmrc there)', { ...CA, tools: 'npm' }],
  ])('missing: it is created and used; %s', async (_label, given) => {
    writeDockerConfig()
    const temp = path.join(sandbox.dir, 'runner', 'not-yet', '_temp')
    const before = tree(sandbox.home)
    let during: string[] = []
    const result = await sandbox.run({
      with: given,
      runner: { RUNNER_TEMP: temp },
      beforePost: () => {
        during = workspaceDirs(temp)
      },
    }, SECRETS)
    expect(result.main.errors).toEqual([])
    expect(result.main.exitCode).toBe(0)
    expect(during).toHaveLength(1)
    expect(result.post?.warnings).toEqual([])
    expect(problemsAfterPost(result, before, [temp, result.runnerTemp])).toEqual([])
  })

  test.each([
    ['ECR with docker and a config.json to back up', { registries: '111111111111' }, true, 1],
    ['CodeArtifact with npm', { ...CA, tools: 'npm' }, false, 1],
    // docker logs in through private copies of config.json under RUNNER_TEMP, so it needs one too.
    ['ECR with docker and no config.json', { registries: '111111111111' }, false, 1],
  ])('under a regular file: %s', async (_label, given, withConfig, exitCode) => {
    if (withConfig) writeDockerConfig()
    const file = path.join(sandbox.dir, 'a-file')
    fs.writeFileSync(file, 'not a directory\n')
    const temp = path.join(file, '_temp')
    const before = tree(sandbox.home)
    const result = await sandbox.run({ with: given, runner: { RUNNER_TEMP: temp } }, SECRETS)
    expect(result.main.exitCode).toBe(exitCode)
    if (exitCode === 1) {
      const error = theError(result)
      expect(error).toContain(temp)
      expect(error).toMatch(/ENOTDIR|not a directory/)
    } else {
      expect(result.main.errors).toEqual([])
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('not a directory\n')
    expect(result.post?.warnings).toEqual([])
    expect(problemsAfterPost(result, before)).toEqual([])
  })
})

describe('HOME not writable (chattr +i on HOME, no DOCKER_CONFIG)', () => {
  frozenTest.each([
    ['docker must create ~/.docker', { registries: '111111111111' }, /(Error saving credentials|cannot write).*(not permitted|read-only)/, '.docker'],
    ['yarn with npm-scope must write ~/.yarnrc.yml', { ...CA, tools: 'yarn', 'npm-scope': '@acme' }, /EPERM|not permitted/, '.yarnrc.yml'],
    ['npm, pnpm, pip, twine, poetry need nothing in HOME', { ...CA, tools: 'npm, pnpm, pip, twine, poetry' }, null, ''],
  ])('%s', async (_label, given, failure, named) => {
    delete sandbox.env.DOCKER_CONFIG
    fs.writeFileSync(path.join(sandbox.home, '.npmrc'), 'fund=false\n', { mode: 0o644 })
    immutables.add(sandbox.home)
    const before = tree(sandbox.home)
    const result = await sandbox.run({ with: given }, SECRETS)
    if (failure) {
      const error = theError(result)
      expect(error).toMatch(failure)
      expect(error).toContain(path.join(sandbox.home, named))
    } else {
      expect(result.main.errors).toEqual([])
      expect(result.main.exitCode).toBe(0)
    }
    for (const warning of result.post?.warnings ?? []) expect(warning).toContain(sandbox.home)
    immutables.release()
    expect(problemsAfterPost(result, before)).toEqual([])
  })
})
