/**
 * Nothing lost, for the files of NuGet and swift, through dist/: the user's NuGet.Config,
 * ~/.swiftpm/configuration/registries.json and ~/.netrc come back byte for byte and mode for mode —
 * after a main step that succeeded, one that failed halfway, two instances whose posts run in reverse
 * order, and a .netrc that is a symlink into a dotfiles checkout. While the job runs, ~/.netrc (the
 * one user file that must hold the token) and every file under RUNNER_TEMP/registry-auth-* are
 * owner-only; afterwards no file of the job holds any form of any credential, and the variable
 * NuGetPackageSourceCredentials_<name> is the only place the NuGet credential went.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../../test-support/emulator/index.js'
import { runAction } from '../../test-support/harness/index.js'
import { makeSandbox, type Emulator, type RunOptions, type RunResult, type Sandbox } from '../fixture.js'
import { stepEnv } from '../clients.js'
import { filesHoldingSecrets, looseWorkspaceEntries, runnerOwned, tree, treeDiff, workspaceDirs, type Entry } from './nothing-lost-support.js'

const TOKENS: Record<string, string> = {
  acme: 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.bnVnZXQ+/c3dpZnQ=.bm90aGluZw+/bG9zdA==.c2ln',
  tools: 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMX0.dG9vbHM+/c2Vjb25k.ZG9tYWlu+/dG9rZW4=.c2ln',
}
const SECRETS = Object.values(TOKENS)
const host = (domain: string) => `${domain}-123456789012.d.codeartifact.us-east-1.amazonaws.com`

let emu: Emulator
let sandbox: Sandbox
let runs: RunResult[]

beforeAll(async () => {
  emu = await startEmulator({ token: (domain: string) => TOKENS[domain] ?? '' })
})
afterAll(() => emu?.stop())
beforeEach(() => {
  emu.reset()
  runs = []
  sandbox = makeSandbox(emu)
  fs.mkdirSync(workspace())
})
afterEach(() => {
  for (const run of runs) run.cleanup()
  sandbox.cleanup()
})

const runnerTemp = () => path.join(sandbox.dir, 'runner-temp')
const workspace = () => path.join(sandbox.dir, 'workspace')
const home = (...parts: string[]) => path.join(sandbox.home, ...parts)
const NUGET_CONFIG = () => home('.nuget', 'NuGet', 'NuGet.Config')
const REGISTRIES = () => home('.swiftpm', 'configuration', 'registries.json')

/** The user's files as a machine that has used dotnet and swift before has them: odd layout, modes 0644, an old entry for our host. */
function writeUserFiles(): void {
  const files: Array<[string, string, number]> = [
    [NUGET_CONFIG(), '\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <packageSources>\r\n    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion=\'3\' />\r\n    <add key="codeartifact" value="https://old.example/v3/index.json"></add>\r\n  </packageSources>\r\n  <!-- trailing comment -->\r\n</configuration>', 0o644],
    [REGISTRIES(), '{ "version": 1, "registries": { "[default]": { "url": "https://registry.example/" } }, "authentication": { "registry.example": { "type": "basic" } } }', 0o644],
    [home('.netrc'), `# mine\nmachine ${host('acme')} login token password stale-token\n\nmachine github.com login octo password ghp_mine\n`, 0o644],
  ]
  for (const [file, text, mode] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, text)
    fs.chmodSync(file, mode)
  }
}

const userFiles = (): Record<string, Record<string, Entry>> => ({ '~': tree(sandbox.home), dotfiles: tree(path.join(sandbox.dir, 'dotfiles')) })

async function instance(given: Record<string, string>, env: Record<string, string>, beforePost?: RunOptions['beforePost']): Promise<RunResult> {
  const result = await runAction({ debug: true, with: given, env, secrets: SECRETS, workspace: workspace(), runner: { RUNNER_TEMP: runnerTemp() }, beforePost })
  runs.push(result)
  return result
}

function problemsDuringJob(): string[] {
  const problems = looseWorkspaceEntries(runnerTemp())
  for (const hit of filesHoldingSecrets([sandbox.dir], SECRETS)) {
    if (hit.mode !== '600') problems.push(`while the job runs, ${hit.file} holds secret #${hit.secret} (${hit.form}) with mode ${hit.mode}`)
  }
  return problems
}

function problemsAfterJob(before: Record<string, Record<string, Entry>>, results: RunResult[]): string[] {
  const problems: string[] = []
  for (const [index, result] of results.entries()) {
    if (result.post?.exitCode !== 0) problems.push(`instance ${index + 1}: post exited with ${result.post?.exitCode}`)
    for (const warning of result.post?.warnings ?? []) problems.push(`instance ${index + 1}: post warning: ${warning}`)
    for (const leak of result.leaks) problems.push(`instance ${index + 1}: secret #${leak.secret} (${leak.form}) shown in ${leak.where}: ${leak.context}`)
  }
  for (const dir of workspaceDirs(runnerTemp())) problems.push(`${dir} left behind`)
  const after = userFiles()
  for (const [label, entries] of Object.entries(before)) problems.push(...treeDiff(entries, after[label] ?? {}, label))
  const skips = results.map((result) => runnerOwned(result.tempDir))
  for (const hit of filesHoldingSecrets([sandbox.dir, ...results.map((result) => result.tempDir)], SECRETS, (file) => skips.some((skip) => skip(file)))) {
    problems.push(`after the job, ${hit.file} holds secret #${hit.secret} (${hit.form})`)
  }
  return problems
}

const CA = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared' }

test('nuget, dotnet and swift with public-registry: replace: the netrc is the only file holding the token, owner-only; then everything as it was', async () => {
  writeUserFiles()
  const before = userFiles()
  let during: string[] = []
  let holding: string[] = []
  const result = await instance({ ...CA, tools: 'nuget, dotnet, swift', 'public-registry': 'replace' }, sandbox.env, () => {
    during = problemsDuringJob()
    holding = filesHoldingSecrets([sandbox.dir], SECRETS).map((hit) => `${path.relative(sandbox.dir, hit.file)} ${hit.mode}`)
  })
  expect(result.main.errors).toEqual([])
  expect(holding).toEqual([`${path.join('home', '.netrc')} 600`])
  expect(result.main.env.NuGetPackageSourceCredentials_codeartifact).toBe(`Username=aws;Password=${TOKENS.acme}`)
  expect([...during, ...problemsAfterJob(before, [result])]).toEqual([])
})

test('a main step that fails halfway (nuget configured, then registries.json is not JSON): NuGet.Config put back, the rest untouched', async () => {
  writeUserFiles()
  fs.writeFileSync(REGISTRIES(), '{ "version": 1, ')
  const before = userFiles()
  let changed = false
  const result = await instance({ ...CA, tools: 'nuget, swift' }, sandbox.env, () => {
    changed = fs.readFileSync(NUGET_CONFIG(), 'utf8').includes('/nuget/shared/v3/index.json')
  })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual([expect.stringMatching(/^cannot parse registries.json: it is not valid JSON/)])
  expect(changed).toBe(true)
  expect(problemsAfterJob(before, [result])).toEqual([])
})

test('two instances (two domains, the same source name) in one job, posts in reverse order: each undoes only its own', async () => {
  writeUserFiles()
  const before = userFiles()
  const seen: Record<string, unknown> = {}
  let during: string[] = []
  let second: RunResult | undefined
  const sourceOf = () => /key="codeartifact" value="([^"]+)"/.exec(fs.readFileSync(NUGET_CONFIG(), 'utf8'))?.[1]
  const machines = () => [...fs.readFileSync(home('.netrc'), 'utf8').matchAll(/^machine (\S+)/gm)].map((match) => match[1])
  const first = await instance({ ...CA, tools: 'nuget, swift' }, sandbox.env, async (_main, afterFirst) => {
    second = await instance({ ...CA, domain: 'tools', tools: 'swift, dotnet' }, stepEnv(afterFirst.env), () => {
      during = problemsDuringJob()
      seen.during = { source: sourceOf(), machines: machines() }
    })
    seen.afterSecond = { source: sourceOf(), machines: machines() }
  })
  expect([first.main.exitCode, second?.main.exitCode]).toEqual([0, 0])
  expect(seen).toEqual({
    during: { source: `https://${host('tools')}/nuget/shared/v3/index.json`, machines: [host('tools'), host('acme'), host('acme'), 'github.com'] },
    afterSecond: { source: `https://${host('acme')}/nuget/shared/v3/index.json`, machines: [host('acme'), host('acme'), 'github.com'] },
  })
  expect([...during, ...problemsAfterJob(before, [first, ...(second ? [second] : [])])]).toEqual([])
})

test('a ~/.netrc that is a symlink into a dotfiles checkout stays a symlink; its target comes back, and is owner-only while it holds the token', async () => {
  writeUserFiles()
  const dotfiles = path.join(sandbox.dir, 'dotfiles')
  fs.mkdirSync(dotfiles)
  fs.renameSync(home('.netrc'), path.join(dotfiles, 'netrc'))
  fs.symlinkSync(path.join(dotfiles, 'netrc'), home('.netrc'))
  const before = userFiles()
  let during: string[] = []
  const result = await instance({ ...CA, tools: 'swift' }, sandbox.env, () => {
    during = problemsDuringJob()
  })
  expect(result.main.errors).toEqual([])
  expect([...during, ...problemsAfterJob(before, [result])]).toEqual([])
})
