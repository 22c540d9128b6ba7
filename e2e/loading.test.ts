/**
 * Only what a run needs is loaded: the main step, run through dist/ with a module loader hook that
 * notes every file it loads, takes the YAML parser only for yarn and gem, the ini parser only for the
 * npmrc clients (npm, pnpm, yarn), the TOML editor only for cargo replacing crates.io and the XML
 * parser only for maven and NuGet (nuget, dotnet). Each parser is told apart by a string its code keeps in any bundle.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { startEmulator } from '../test-support/emulator/index.js'
import { repoRoot } from '../test-support/harness/index.js'
import { makeSandbox, type Emulator, type Sandbox } from './fixture.js'

const MARKERS = {
  yaml: 'Implicit keys need to be on a single line',
  ini: '^\\[([^\\]]*)\\]\\s*$|^([^=]+)(=(.*))?$',
  toml: 'Leading comma in inline table',
  xml: 'unclosed xml tag(s)',
}

let emu: Emulator
let sandbox: Sandbox
beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(() => emu?.stop())
beforeEach(() => {
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

/** A `node` that loads a hook noting every file the step loads into `log`. */
function recordingNode(log: string): string {
  const hooks = path.join(sandbox.dir, 'hooks.mjs')
  fs.writeFileSync(hooks, `import { appendFileSync } from 'node:fs'
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n')
  return next(url, context)
}
`)
  const register = path.join(sandbox.dir, 'register.mjs')
  fs.writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
  const node = path.join(sandbox.dir, 'node')
  // bash, not sh: dash drops variables whose names are not shell identifiers, such as INPUT_DOMAIN-OWNER.
  fs.writeFileSync(node, `#!/bin/bash\nexec '${process.execPath}' --import '${pathToFileURL(register).href}' "$@"\n`, { mode: 0o755 })
  return node
}

/** Which parsers the files of dist/ that the main step loaded contain. */
function parsersLoaded(log: string): string[] {
  const files = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((url) => new URL(url).pathname)
  const dist = files.filter((file) => file.startsWith(path.join(repoRoot, 'dist')))
  expect(dist.length).toBeGreaterThan(1) // the guard sees the step's own files: main.js and its chunks
  const text = dist.map((file) => fs.readFileSync(file, 'utf8')).join('\n')
  return Object.entries(MARKERS).filter(([, marker]) => text.includes(marker)).map(([name]) => name)
}

const CA = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared' }

test.each<[string, Record<string, string>, string[]]>([
  ['ECR with docker', { registries: '123456789012' }, []],
  ['CodeArtifact with pip', { ...CA, tools: 'pip' }, []],
  ['CodeArtifact with uv, poetry and twine', { ...CA, tools: 'uv, poetry, twine' }, []],
  ['CodeArtifact with npm', { ...CA, tools: 'npm' }, ['ini']],
  ['CodeArtifact with yarn', { ...CA, tools: 'yarn' }, ['yaml', 'ini']],
  ['CodeArtifact with maven', { ...CA, tools: 'maven' }, ['xml']],
  ['CodeArtifact with gradle', { ...CA, tools: 'gradle' }, []],
  ['CodeArtifact with cargo and bundler', { ...CA, tools: 'cargo, bundler' }, []],
  ['CodeArtifact with cargo replacing crates.io', { ...CA, tools: 'cargo', 'public-registry': 'replace' }, ['toml']],
  ['CodeArtifact with gem', { ...CA, tools: 'gem' }, ['yaml']],
  ['CodeArtifact with dotnet', { ...CA, tools: 'dotnet' }, ['xml']],
  ['CodeArtifact with swift and generic', { ...CA, tools: 'swift, generic' }, []],
])('%s loads %j', async (_label, given, expected) => {
  const log = path.join(sandbox.dir, 'loaded.log')
  const result = await sandbox.run({ with: given, node: recordingNode(log), post: false })
  expect(result.main.exitCode).toBe(0)
  expect(parsersLoaded(log).sort()).toEqual([...expected].sort())
})
