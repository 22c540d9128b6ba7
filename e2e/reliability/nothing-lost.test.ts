/**
 * Nothing lost, through dist/: the user's ~/.docker/config.json (odd formatting, unrelated logins,
 * an entry for the very registry we log in to), ~/.npmrc, a setup-node npmrc, ~/.config/pip/pip.conf,
 * ~/.pypirc, ~/.yarnrc.yml, ~/.m2/settings.xml (CRLF, comments, a server of its own), ~/.gradle
 * (gradle.properties, an init script of the user's), ~/.cargo/config.toml, ~/.gemrc and ~/.bundle/config come back byte for byte and mode for mode after the post step — after
 * a main step that succeeded, one that failed before or halfway, and two or three instances in one
 * job whose posts run in reverse order. While the job runs, every file that holds a credential is
 * owner-only (0600) and every file under RUNNER_TEMP/registry-auth-* is 0600; after the post step no
 * file anywhere in the job's directories holds any form of any credential.
 *
 * All instances of a job share one RUNNER_TEMP and one workspace inside the sandbox (as a real job
 * does), so everything the action can write lives under the sandbox; the harness's own files (raw
 * process output, GITHUB_ENV/GITHUB_OUTPUT files) are the runner's and are not scanned.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { parse } from 'yaml'
import { startEmulator } from '../../test-support/emulator/index.js'
import { writeCredentialHelper } from '../../test-support/credential-helper.js'
import { startRegistry } from '../../test-support/registry.js'
import { runAction } from '../../test-support/harness/index.js'
import { makeSandbox, type Emulator, type RunOptions, type RunResult, type Sandbox } from '../fixture.js'
import { stepEnv } from '../clients.js'
import {
  filesHoldingSecrets, looseWorkspaceEntries, nodeShim, runnerOwned, tree, treeDiff, workspaceDirs, type Entry,
} from './nothing-lost-support.js'

const PASSWORD = 'eyJwYXlsb2FkIjoibm90aGluZy1sb3N0In0+/bG9zdA/Zm91bmQ+=='
const TOKENS: Record<string, string> = {
  acme: 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.YWNtZQ+/dG9rZW4=.bm90aGluZw+/bG9zdA==.c2ln',
  tools: 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMX0.dG9vbHM+/dG9rZW4=.c2Vjb25k+/ZG9tYWlu.c2ln',
}
const SECRETS = [PASSWORD, ...Object.values(TOKENS)]
const SETUP_NODE_PLACEHOLDER = 'XXXXX-XXXXX-XXXXX-XXXXX'

type Registry = Awaited<ReturnType<typeof startRegistry>>
let emu: Emulator
let registry: Registry
let other: Registry
let sandbox: Sandbox
/** Every harness run of the current test, cleaned up after it. */
let runs: RunResult[]

beforeAll(async () => {
  ;[registry, other] = await Promise.all([startRegistry({ password: PASSWORD }), startRegistry({ password: 'not-the-ecr-password' })])
  const hosts: Record<string, string> = {
    '111111111111': registry.host, '222222222222': `localhost:${registry.port}`, '999999999999': other.host,
  }
  emu = await startEmulator({
    password: () => PASSWORD,
    token: (domain: string) => TOKENS[domain] ?? TOKENS.acme ?? '',
    proxyEndpoint: (account: string, region: string) => (hosts[account] ? `https://${hosts[account]}` : `https://${account}.dkr.ecr.${region}.amazonaws.com`),
  })
})
afterAll(async () => {
  await Promise.all([emu?.stop(), registry?.stop(), other?.stop()])
})
beforeEach(() => {
  emu.reset()
  runs = []
  sandbox = makeSandbox(emu)
  nodeShim(path.join(sandbox.dir, 'shims'), 'yarn')
  nodeShim(path.join(sandbox.dir, 'shims'), 'pnpm')
  sandbox.env.PATH = `${path.join(sandbox.dir, 'shims')}:${sandbox.env.PATH}`
  fs.mkdirSync(workspace())
})
afterEach(() => {
  for (const run of runs) run.cleanup()
  sandbox.cleanup()
})

/** The job's RUNNER_TEMP and workspace, shared by every instance, inside the sandbox. */
const runnerTemp = () => path.join(sandbox.dir, 'runner-temp')
const workspace = () => path.join(sandbox.dir, 'workspace')
const setupNodeNpmrc = () => path.join(sandbox.dir, 'setup-node', '.npmrc')
const home = (file: string) => path.join(sandbox.home, file)

const b64 = (text: string) => Buffer.from(text).toString('base64')

/** Odd but valid JSON: CRLF, tabs, a BOM-free non-ASCII value, no final newline, an entry for the registry we log in to. */
function dockerConfigText(): string {
  return [
    '{',
    '\t"auths":{',
    `\t\t"${registry.host}" : { "auth": "${b64('olduser:old-password')}" },`,
    `    "ghcr.io": {"auth":"${b64('octocat:ghp_unrelated')}"},`,
    `\t\t"https://index.docker.io/v1/": { "auth": "${b64('hub:hub-token')}", "email": "ä@example.com" }`,
    '\t},',
    '  "credHelpers": { "gcr.io": "gcloud" },',
    '  "HttpHeaders": { "X-Meta-Source": "Dockér-Client" },',
    '\t"psFormat": "table {{.ID}}\\t{{.Names}}"',
    '}',
  ].join('\r\n')
}

/** The user's files, as they are on a typical machine (mode included). */
function writeUserFiles(): void {
  const files: Array<[string, string, number]> = [
    [path.join(sandbox.dockerConfig, 'config.json'), dockerConfigText(), 0o600],
    [home('.npmrc'), '; my npmrc\nfund=false\n@octo:registry=https://npm.pkg.github.com/\ninit-author-name=Jane Doe\n', 0o644],
    [home('.config/pip/pip.conf'), '[global]\nindex-url = https://pypi.internal.example/simple\ntimeout = 30\n', 0o644],
    [home('.pypirc'), '[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCJGFiYw\n', 0o600],
    [home('.yarnrc.yml'), '# my yarn settings\nenableTelemetry: false   # quiet\nnpmScopes:\n  octo:\n    npmRegistryServer: "https://npm.pkg.github.com"\n', 0o644],
    [setupNodeNpmrc(), `//npm.pkg.github.com/:_authToken=\${NODE_AUTH_TOKEN}\n@octo:registry=https://npm.pkg.github.com/\nalways-auth=true\n`, 0o644],
    [home('.m2/settings.xml'), MAVEN_SETTINGS, 0o644],
    [home('.gradle/gradle.properties'), 'org.gradle.daemon=false\n', 0o644],
    [home('.gradle/init.d/mine.gradle'), '// my init script\nallprojects { }\n', 0o644],
    [home('.cargo/config.toml'), '# my cargo settings\r\n[net]\r\nretry = 3   # flaky\r\n\r\n[registries.crates-mirror]\r\nindex = "sparse+https://crates.internal.example/"\r\n', 0o644],
    [home('.gemrc'), '---\n# my gem settings\ngem: --no-document\n:sources:\n- https://rubygems.org/\n- https://gems.internal.example/\n', 0o644],
    [home('.bundle/config'), '---\nBUNDLE_JOBS: "4"\nBUNDLE_GEMS__INTERNAL__EXAMPLE: "user:own-secret"\n', 0o600],
  ]
  for (const [file, text, mode] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, text)
    fs.chmodSync(file, mode)
  }
}

/** A settings.xml as a user keeps it: CRLF, a comment, a server, a profile of their own. */
const MAVEN_SETTINGS = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">',
  '\t<!-- GitHub Packages, as setup-java writes it -->',
  '\t<servers>',
  '\t\t<server><id>github</id><username>${env.GITHUB_ACTOR}</username><password>${env.GITHUB_TOKEN}</password></server>',
  '\t</servers>',
  '\t<profiles><profile><id>mine</id><properties><x>&amp;</x></properties></profile></profiles>',
  '</settings>',
].join('\r\n')

/** The environment actions/setup-node leaves for later steps when no token is given. */
const SETUP_NODE_ENV = () => ({ NPM_CONFIG_USERCONFIG: setupNodeNpmrc(), NODE_AUTH_TOKEN: SETUP_NODE_PLACEHOLDER })

/** What the user owns: HOME, the setup-node directory and a dotfiles checkout (the rest of the sandbox is the job's). */
function userFiles(): Record<string, Record<string, Entry>> {
  return { '~': tree(sandbox.home), 'setup-node': tree(path.dirname(setupNodeNpmrc())), dotfiles: tree(path.join(sandbox.dir, 'dotfiles')) }
}

/**
 * Runs one instance of the action in the job: shared RUNNER_TEMP and workspace, every secret known
 * to the leak scanner. `env` is the job environment as the step sees it.
 */
async function instance(given: Record<string, string>, env: Record<string, string>, beforePost?: RunOptions['beforePost']): Promise<RunResult> {
  const result = await runAction({
    debug: true,
    with: given,
    env,
    secrets: SECRETS,
    workspace: workspace(),
    runner: { RUNNER_TEMP: runnerTemp() },
    beforePost,
  })
  runs.push(result)
  return result
}

/**
 * Checks made while the job runs (from the innermost later step): every entry of the action's
 * directories is owner-only, and every file in the job's directories that holds any form of a
 * credential is 0600.
 */
function problemsDuringJob(): string[] {
  const problems = looseWorkspaceEntries(runnerTemp())
  for (const hit of filesHoldingSecrets([sandbox.dir], SECRETS)) {
    if (hit.mode !== '600') problems.push(`while the job runs, ${hit.file} holds secret #${hit.secret} (${hit.form}) with mode ${hit.mode}`)
  }
  return problems
}

/**
 * Everything that must hold after the last post step, as a list of problems: each post exited 0
 * without errors, no registry-auth-* directory is left, the user's files are as before, no file of
 * the job (sandbox and harness directories, minus the runner's own files) holds a credential, and
 * the runner showed none.
 */
function problemsAfterJob(before: Record<string, Record<string, Entry>>, results: RunResult[]): string[] {
  const problems: string[] = []
  for (const [index, result] of results.entries()) {
    if (!result.post) problems.push(`instance ${index + 1}: no post step ran`)
    else if (result.post.exitCode !== 0) problems.push(`instance ${index + 1}: post exited with ${result.post.exitCode}`)
    for (const error of result.post?.errors ?? []) problems.push(`instance ${index + 1}: post error: ${error}`)
    for (const leak of result.leaks) problems.push(`instance ${index + 1}: secret #${leak.secret} (${leak.form}) shown in ${leak.where}: ${leak.context}`)
  }
  for (const dir of workspaceDirs(runnerTemp())) problems.push(`${dir} left behind`)
  const after = userFiles()
  for (const [label, entries] of Object.entries(before)) problems.push(...treeDiff(entries, after[label] ?? {}, label))
  const skips = results.map((result) => runnerOwned(result.tempDir))
  const roots = [sandbox.dir, ...results.map((result) => result.tempDir)]
  for (const hit of filesHoldingSecrets(roots, SECRETS, (file) => skips.some((skip) => skip(file)))) {
    problems.push(`after the job, ${hit.file} holds secret #${hit.secret} (${hit.form})`)
  }
  return problems
}

const CA_ALL = {
  domain: 'acme', 'domain-owner': '123456789012', repository: 'shared', tools: 'npm, pnpm, yarn, pip, twine, poetry, maven, gradle, cargo, bundler, gem',
  'npm-scope': '@acme', 'public-registry': 'replace',
}
const ECR_TWO = { registries: '111111111111, 222222222222' }

describe('one instance', () => {
  test('CodeArtifact with every client, after actions/setup-node: success, then everything as it was', async () => {
    writeUserFiles()
    const before = userFiles()
    let during: string[] = []
    let yarnrcDuring = ''
    let cargoDuring = ''
    let holding: string[] = []
    let settingsDuring = ''
    let initScripts: string[] = []
    const result = await instance(CA_ALL, { ...sandbox.env, ...SETUP_NODE_ENV() }, () => {
      during = problemsDuringJob()
      yarnrcDuring = fs.readFileSync(home('.yarnrc.yml'), 'utf8')
      cargoDuring = fs.readFileSync(home('.cargo/config.toml'), 'utf8')
      holding = filesHoldingSecrets([sandbox.dir], SECRETS).map((hit) => `${path.basename(hit.file)} ${hit.mode}`)
      settingsDuring = fs.readFileSync(home('.m2/settings.xml'), 'utf8')
      initScripts = fs.readdirSync(home('.gradle/init.d')).sort()
    })
    expect(result.main.errors).toEqual([])
    expect(result.main.exitCode).toBe(0)
    expect(yarnrcDuring).toContain('npmAuthToken: ${CODEARTIFACT_AUTH_TOKEN_ACME_123456789012}')
    expect(yarnrcDuring).toContain('# my yarn settings')
    expect(cargoDuring).toContain('retry = 3   # flaky\r\n')
    expect(cargoDuring).toContain('replace-with = "codeartifact"')
    // Only the private gemrc holds the token (the npmrc and the user files refer to it by name).
    expect(holding).toEqual(['gemrc 600'])
    expect(settingsDuring).toContain('\t\t<server>\r\n\t\t\t<id>codeartifact</id>\r\n')
    expect(settingsDuring).toContain('<!-- GitHub Packages, as setup-java writes it -->')
    expect(initScripts).toEqual(['mine.gradle', 'registry-auth.gradle'])
    expect(result.post?.warnings).toEqual([])
    expect([...during, ...problemsAfterJob(before, [result])]).toEqual([])
  })

  test('ECR with docker, two registries (one overwrites a user entry): success, then config.json as it was', async () => {
    writeUserFiles()
    const before = userFiles()
    let during: string[] = []
    let hosts: string[] = []
    let holding: string[] = []
    const result = await instance(ECR_TWO, sandbox.env, () => {
      during = problemsDuringJob()
      holding = filesHoldingSecrets([sandbox.dir], SECRETS).map((hit) => `${path.relative(sandbox.dir, hit.file)} ${hit.mode}`)
      hosts = Object.keys(JSON.parse(fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')).auths).sort()
    })
    expect(result.main.errors).toEqual([])
    expect(result.main.exitCode).toBe(0)
    // The scan sees the credential where docker keeps it (so its silence elsewhere means something).
    expect(holding).toEqual([`${path.join('home', '.docker', 'config.json')} 600`])
    expect(hosts).toEqual([registry.host, 'ghcr.io', 'https://index.docker.io/v1/', `localhost:${registry.port}`].sort())
    expect(result.post?.warnings).toEqual([])
    expect([...during, ...problemsAfterJob(before, [result])]).toEqual([])
  })
})

describe('a main step that fails', () => {
  test.each([
    ['CodeArtifact', CA_ALL, 'codeartifact', /not authorized to perform: codeartifact:GetAuthorizationToken.*codeartifact:GetRepositoryEndpoint/],
    ['ECR', ECR_TWO, 'ecr', /not authorized to perform: ecr:GetAuthorizationToken.*the credentials need ecr:GetAuthorizationToken/],
  ] as const)('%s AccessDenied: the service\'s message and the permissions; nothing touched', async (_label, given, service, message) => {
    writeUserFiles()
    emu.fault({ kind: 'denied', service })
    const before = userFiles()
    const result = await instance(given, { ...sandbox.env, ...SETUP_NODE_ENV() })
    expect(result.main.exitCode).toBe(1)
    expect(result.main.errors).toEqual([expect.stringMatching(message)])
    expect(result.post?.warnings).toEqual([])
    expect(fs.existsSync(runnerTemp()) ? workspaceDirs(runnerTemp()) : []).toEqual([])
    expect(problemsAfterJob(before, [result])).toEqual([])
  })

  test('docker login (a credential helper) fails halfway through two registries: the first login is undone, config.json and the helper as they were', async () => {
    writeUserFiles()
    const config = path.join(sandbox.dockerConfig, 'config.json')
    fs.writeFileSync(config, dockerConfigText().replace('"psFormat"', '"credsStore": "regauth-test",\r\n\t"psFormat"'))
    const bin = path.join(sandbox.dir, 'helper-bin')
    const helper = writeCredentialHelper(bin, 'regauth-test', path.join(sandbox.dir, 'helper-store.json'))
    const before = userFiles()
    let during: string[] = []
    let stored: string[] = []
    const result = await instance({ registries: '111111111111 999999999999' }, { ...sandbox.env, ...helper.env, PATH: `${bin}:${sandbox.env.PATH}` }, () => {
      during = problemsDuringJob()
      stored = Object.keys(helper.read())
    })
    expect(result.main.exitCode).toBe(1)
    expect(result.main.errors).toEqual([expect.stringMatching(new RegExp(`^docker login to ${other.host} failed .*401 Unauthorized`))])
    expect(result.main.log).toContain(`docker: logged in to ${registry.host}`)
    expect(stored).toEqual([registry.host])
    expect(result.post?.warnings).toEqual([])
    expect(helper.read()).toEqual({})
    expect([...during, ...problemsAfterJob(before, [result])]).toEqual([])
  })

  test('CodeArtifact fails halfway (yarn configured, then npm cannot read its npmrc): ~/.yarnrc.yml put back', async () => {
    writeUserFiles()
    const npmrcDir = path.join(sandbox.dir, 'npmrc-is-a-directory')
    fs.mkdirSync(npmrcDir)
    const before = userFiles()
    let changed = false
    const result = await instance({ ...CA_ALL, tools: 'yarn, npm' }, { ...sandbox.env, NPM_CONFIG_USERCONFIG: npmrcDir }, () => {
      changed = fs.readFileSync(home('.yarnrc.yml'), 'utf8').includes('CODEARTIFACT_AUTH_TOKEN_ACME')
    })
    expect(result.main.exitCode).toBe(1)
    expect(result.main.errors).toEqual([expect.stringContaining(npmrcDir)])
    expect(changed).toBe(true)
    expect(problemsAfterJob(before, [result])).toEqual([])
  })
})

test('CodeArtifact fails halfway (cargo configured, then gem cannot read its GEMRC): ~/.cargo/config.toml put back', async () => {
  writeUserFiles()
  const gemrcDir = path.join(sandbox.dir, 'gemrc-is-a-directory')
  fs.mkdirSync(gemrcDir)
  const before = userFiles()
  let changed = false
  const result = await instance({ ...CA_ALL, tools: 'cargo, gem' }, { ...sandbox.env, GEMRC: gemrcDir }, () => {
    changed = fs.readFileSync(home('.cargo/config.toml'), 'utf8').includes('replace-with')
  })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual([expect.stringContaining(gemrcDir)])
  expect(changed).toBe(true)
  expect(problemsAfterJob(before, [result])).toEqual([])
})

describe('several instances in one job, posts in reverse order', () => {
  test('ECR, then CodeArtifact: both configured during the job, both undone', async () => {
    writeUserFiles()
    const before = userFiles()
    let during: string[] = []
    let second: RunResult | undefined
    const first = await instance(ECR_TWO, { ...sandbox.env, ...SETUP_NODE_ENV() }, async (_main, afterFirst) => {
      second = await instance(CA_ALL, stepEnv(afterFirst.env), () => {
        during = problemsDuringJob()
        expect(workspaceDirs(runnerTemp())).toHaveLength(2)
      })
    })
    expect(first.main.exitCode).toBe(0)
    expect(second?.main.exitCode).toBe(0)
    expect([...during, ...problemsAfterJob(before, [first, ...(second ? [second] : [])])]).toEqual([])
  })

  test('CodeArtifact acme, CodeArtifact tools, ECR: each post undoes only its own instance', async () => {
    writeUserFiles()
    const before = userFiles()
    const yarnrcOriginal = fs.readFileSync(home('.yarnrc.yml'), 'utf8')
    const configOriginal = fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8')
    const seen: Record<string, unknown> = {}
    let during: string[] = []
    const results: RunResult[] = []
    const scopes = () => Object.keys((parse(fs.readFileSync(home('.yarnrc.yml'), 'utf8')) as { npmScopes?: object }).npmScopes ?? {}).sort()
    const replaceWith = () => /replace-with = "([^"]+)"/.exec(fs.readFileSync(home('.cargo/config.toml'), 'utf8'))?.[1] ?? null
    results.push(await instance(CA_ALL, { ...sandbox.env, ...SETUP_NODE_ENV() }, async (_m1, after1) => {
      results.push(await instance({ ...CA_ALL, domain: 'tools', 'npm-scope': '@tools', tools: 'npm, yarn, pip, twine, cargo, gem', 'pip-index': 'extra', 'registry-name': 'tools-rs' }, stepEnv(after1.env), async (_m2, after2) => {
        results.push(await instance(ECR_TWO, stepEnv(after2.env), () => {
          during = problemsDuringJob()
          seen.dirs = workspaceDirs(runnerTemp()).length
          seen.scopesDuring = scopes()
          seen.replaceDuring = replaceWith()
        }))
        // After the ECR post: config.json is the user's again; both CodeArtifact instances still in place.
        seen.configAfterEcr = fs.readFileSync(path.join(sandbox.dockerConfig, 'config.json'), 'utf8') === configOriginal
        seen.scopesAfterEcr = scopes()
        seen.dirsAfterEcr = workspaceDirs(runnerTemp()).length
        seen.replaceAfterEcr = replaceWith()
      }))
      // After the tools post: only acme's scope is left.
      seen.scopesAfterTools = scopes()
      seen.dirsAfterTools = workspaceDirs(runnerTemp()).length
      seen.replaceAfterTools = replaceWith()
    }))
    expect(results.map((result) => result.main.exitCode)).toEqual([0, 0, 0])
    expect(seen).toEqual({
      dirs: 3, scopesDuring: ['acme', 'octo', 'tools'], replaceDuring: 'tools-rs',
      configAfterEcr: true, scopesAfterEcr: ['acme', 'octo', 'tools'], dirsAfterEcr: 2, replaceAfterEcr: 'tools-rs',
      scopesAfterTools: ['acme', 'octo'], dirsAfterTools: 1, replaceAfterTools: 'codeartifact',
    })
    expect(fs.readFileSync(home('.yarnrc.yml'), 'utf8')).toBe(yarnrcOriginal)
    expect([...during, ...problemsAfterJob(before, results)]).toEqual([])
  })

  test('maven and gradle for two domains (own registry-names): both configured meanwhile, each post takes out its own', async () => {
    writeUserFiles()
    const before = userFiles()
    const servers = () => [...fs.readFileSync(home('.m2/settings.xml'), 'utf8').matchAll(/<id>([^<]+)<\/id>\s*<username>/g)].map((match) => match[1]).sort()
    const seen: Record<string, unknown> = {}
    const results: RunResult[] = []
    const given = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared', tools: 'maven, gradle' }
    results.push(await instance(given, sandbox.env, async (_m1, after1) => {
      results.push(await instance({ ...given, domain: 'tools', 'registry-name': 'tools' }, stepEnv(after1.env), (_m2, after2) => {
        seen.servers = servers()
        seen.repositories = after2.env.CODEARTIFACT_GRADLE_REPOSITORIES?.split(' ').map((entry) => entry.split(',')[0])
      }))
      seen.serversAfterTools = servers()
      seen.initScriptAfterTools = fs.existsSync(home('.gradle/init.d/registry-auth.gradle'))
    }))
    expect(results.map((result) => result.main.exitCode)).toEqual([0, 0])
    expect(seen).toEqual({ servers: ['codeartifact', 'github', 'tools'], repositories: ['codeartifact', 'tools'], serversAfterTools: ['codeartifact', 'github'], initScriptAfterTools: true })
    expect(problemsAfterJob(before, results)).toEqual([])
  })

  test('CodeArtifact succeeds, then ECR is denied: the failed second instance and the first are both undone', async () => {
    writeUserFiles()
    const before = userFiles()
    let second: RunResult | undefined
    const first = await instance(CA_ALL, { ...sandbox.env, ...SETUP_NODE_ENV() }, async (_main, afterFirst) => {
      emu.fault({ kind: 'denied', service: 'ecr' })
      second = await instance(ECR_TWO, stepEnv(afterFirst.env))
    })
    expect(first.main.exitCode).toBe(0)
    expect(second?.main.exitCode).toBe(1)
    expect(problemsAfterJob(before, [first, ...(second ? [second] : [])])).toEqual([])
  })
})

describe('file shapes that must survive', () => {
  test('a config.json without "auths" (e.g. only detachKeys) comes back byte for byte', async () => {
    writeUserFiles()
    const config = path.join(sandbox.dockerConfig, 'config.json')
    fs.writeFileSync(config, '{ "detachKeys": "ctrl-e,e" }\n')
    const before = userFiles()
    const result = await instance(ECR_TWO, sandbox.env)
    expect(result.main.exitCode).toBe(0)
    expect(problemsAfterJob(before, [result])).toEqual([])
  })

  test('a config.json with settings docker drops when it rewrites the file (an unknown key, a User-Agent header) comes back byte for byte', async () => {
    writeUserFiles()
    const config = path.join(sandbox.dockerConfig, 'config.json')
    fs.writeFileSync(config, `{"auths":{"ghcr.io":{"auth":"${b64('octocat:ghp_unrelated')}"}},"HttpHeaders":{"User-Agent":"corp-proxy-allowlisted"},"x-corp-tool":{"mirror":"https://mirror.example"}}\n`)
    const before = userFiles()
    const result = await instance(ECR_TWO, sandbox.env)
    expect(result.main.exitCode).toBe(0)
    expect(problemsAfterJob(before, [result])).toEqual([])
  })

  test('a config.json and a .yarnrc.yml with mode 0644: the mode comes back, and no credential sits in a 0644 file meanwhile', async () => {
    writeUserFiles()
    fs.chmodSync(path.join(sandbox.dockerConfig, 'config.json'), 0o644)
    const before = userFiles()
    let during: string[] = []
    let second: RunResult | undefined
    const first = await instance(ECR_TWO, { ...sandbox.env }, async (_main, afterFirst) => {
      second = await instance({ ...CA_ALL, tools: 'yarn' }, stepEnv(afterFirst.env), () => {
        during = problemsDuringJob()
      })
    })
    expect(first.main.exitCode).toBe(0)
    expect(second?.main.exitCode).toBe(0)
    expect([...during, ...problemsAfterJob(before, [first, ...(second ? [second] : [])])]).toEqual([])
  })

  test('dotfiles that are symlinks (config.json, .yarnrc.yml) stay symlinks and their targets come back', async () => {
    writeUserFiles()
    const dotfiles = path.join(sandbox.dir, 'dotfiles')
    fs.mkdirSync(dotfiles)
    for (const [link, name] of [[path.join(sandbox.dockerConfig, 'config.json'), 'docker-config.json'], [home('.yarnrc.yml'), 'yarnrc.yml']] as const) {
      fs.renameSync(link, path.join(dotfiles, name))
      fs.symlinkSync(path.join(dotfiles, name), link)
    }
    const before = userFiles()
    let second: RunResult | undefined
    const first = await instance(ECR_TWO, sandbox.env, async (_main, afterFirst) => {
      second = await instance({ ...CA_ALL, tools: 'yarn' }, stepEnv(afterFirst.env))
    })
    expect(first.main.exitCode).toBe(0)
    expect(second?.main.exitCode).toBe(0)
    expect(problemsAfterJob(before, [first, ...(second ? [second] : [])])).toEqual([])
  })

  test('a HOME without .m2 and .gradle: the directories made for settings.xml and the init script go with them', async () => {
    const before = userFiles()
    let made: string[] = []
    const result = await instance({ ...CA_ALL, tools: 'maven, gradle' }, sandbox.env, () => {
      made = Object.keys(tree(sandbox.home)).sort()
    })
    expect(result.main.exitCode).toBe(0)
    expect(made).toEqual(['.gradle', '.gradle/init.d', '.gradle/init.d/registry-auth.gradle', '.m2', '.m2/settings.xml'])
    expect(problemsAfterJob(before, [result])).toEqual([])
  })

  test('another step adds a server to settings.xml meanwhile: it stays, only the action\'s entries go', async () => {
    writeUserFiles()
    const settings = home('.m2/settings.xml')
    const result = await instance({ ...CA_ALL, tools: 'maven' }, sandbox.env, () => {
      const text = fs.readFileSync(settings, 'utf8')
      fs.writeFileSync(settings, text.replace('\t</servers>', '\t\t<server><id>later</id></server>\r\n\t</servers>'))
    })
    expect(result.main.exitCode).toBe(0)
    expect(result.post?.warnings).toEqual([])
    expect(result.post?.log).toContain('was changed by another step meanwhile')
    expect(fs.readFileSync(settings, 'utf8')).toBe(MAVEN_SETTINGS.replace('\t</servers>', '\t\t<server><id>later</id></server>\r\n\t</servers>'))
  })

  test('a ~/.yarnrc.yml symlink to a dotfile not there yet: the step fails, the symlink stays', async () => {
    writeUserFiles()
    fs.rmSync(home('.yarnrc.yml'))
    fs.symlinkSync(path.join(sandbox.dir, 'dotfiles', 'yarnrc.yml'), home('.yarnrc.yml'))
    const before = userFiles()
    const result = await instance({ ...CA_ALL, tools: 'yarn' }, sandbox.env)
    expect(result.main.exitCode).toBe(1)
    expect(result.main.errors).toEqual([expect.stringContaining('.yarnrc.yml')])
    expect(problemsAfterJob(before, [result])).toEqual([])
  })
})
