import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

const warning = jest.fn()
const info = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ warning, info, debug: jest.fn() }))
// `docker logout` is replaced by a function that edits config.json as docker would (in its format);
// credential helpers are recorded with what they get on stdin.
const logouts: string[] = []
const helperRuns: { command: string; args: string[]; input?: string }[] = []
const swiftRuns: string[][] = []
let logoutEdit: (host: string) => Promise<void> = async () => {}
const actualCommand = await import('../src/command.js')
jest.unstable_mockModule('../src/command.js', () => ({
  runCommand: async (command: string, args: string[], options: { input?: string; timeoutMs: number }) => {
    if (command === 'docker' && args[0] === 'logout') {
      logouts.push(args[1] ?? '')
      await logoutEdit(args[1] ?? '')
      return { exitCode: 0, stdout: '', stderr: '' }
    }
    if (command === 'swift') {
      swiftRuns.push(args)
      return { exitCode: 0, stdout: '', stderr: '' }
    }
    if (command === 'docker-credential-broken') return { exitCode: 1, stdout: '', stderr: 'no such key\n::error::forged\u001b[2J\n' }
    if (command.startsWith('docker-credential-')) {
      helperRuns.push({ command, args, input: options.input })
      return { exitCode: 0, stdout: '', stderr: '' }
    }
    return actualCommand.runCommand(command, args, options)
  },
}))
const { replay } = await import('../src/replay.js')
const { fileHash } = await import('../src/files.js')
type DockerRecord = import('../src/clients/docker.js').DockerRecord

let dir: string
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'replay-'))
  warning.mockClear()
  info.mockClear()
})
afterEach(() => fs.rm(dir, { recursive: true, force: true }))

const write = async (name: string, text: string) => {
  await fs.writeFile(path.join(dir, name), text)
  return path.join(dir, name)
}
const json = async (file: string): Promise<unknown> => JSON.parse(await fs.readFile(file, 'utf8'))

describe('docker', () => {
  const original = '{\n  "auths": { "ecr.example": { "auth": "b2xk" }, "ghcr.io": { "auth": "Z2g=" } },\n  "psFormat": "table",\n  "x-custom": 1\n}\n'
  /** What docker leaves after our login: its own format, and settings it does not know dropped. */
  const afterLogin = '{\n\t"auths": {\n\t\t"ecr.example": {\n\t\t\t"auth": "QVdTOnB3"\n\t\t},\n\t\t"ghcr.io": {\n\t\t\t"auth": "Z2g="\n\t\t}\n\t},\n\t"psFormat": "table"\n}'
  const record = (file: string, backup: string | null, written?: string): DockerRecord =>
    ({ kind: 'docker', description: 'docker', path: file, backup, mode: 0o644, hosts: ['ecr.example'], env: {}, written })

  beforeEach(() => {
    logouts.length = 0
    helperRuns.length = 0
    logoutEdit = async () => {}
  })

  test('a login cut short (where the credential went is unknown): docker logout, then the original bytes and mode, even what docker dropped', async () => {
    const config = await write('config.json', afterLogin)
    await fs.chmod(config, 0o600)
    const backup = await write('config.bak', original)
    logoutEdit = async () => fs.writeFile(config, '{\n\t"auths": {\n\t\t"ghcr.io": {}\n\t}\n}')
    await replay([record(config, backup, await fileHash(config))])
    expect(logouts).toEqual(['ecr.example'])
    expect(await fs.readFile(config, 'utf8')).toBe(original)
    expect((await fs.stat(config)).mode & 0o777).toBe(0o644)
  })

  test('untouched, and the credential was in config.json itself: no process at all, the restore removes it', async () => {
    const config = await write('config.json', afterLogin)
    const backup = await write('config.bak', original)
    await replay([{ ...record(config, backup, await fileHash(config)), storedInFile: ['ecr.example'] }])
    expect([logouts, helperRuns]).toEqual([[], []])
    expect(await fs.readFile(config, 'utf8')).toBe(original)
    expect(info).toHaveBeenCalledWith(`docker: logged out of ecr.example (its credential was only in ${config})`)
  })

  test('the credential was in config.json and another step changed the file since: only our entry goes back to the user\'s, the rest is kept', async () => {
    const changed = '{"auths":{"ecr.example":{"auth":"QVdTOnB3"},"ghcr.io":{"auth":"Z2g="},"quay.io":{"auth":"cXU="}},"psFormat":"table"}'
    const config = await write('config.json', changed)
    const backup = await write('config.bak', original)
    await replay([{ ...record(config, backup, 'a-hash-from-before'), storedInFile: ['ecr.example'] }])
    expect(logouts).toEqual([])
    expect(await json(config)).toEqual({ auths: { 'ecr.example': { auth: 'b2xk' }, 'ghcr.io': { auth: 'Z2g=' }, 'quay.io': { auth: 'cXU=' } }, psFormat: 'table' })
    expect(info).toHaveBeenCalledWith(expect.stringContaining('was changed by another step meanwhile: took out only this action\'s entries'))
  })

  test('changed by another step, but what is left without our entries is the original: the original bytes', async () => {
    const config = await write('config.json', '{"auths":{"ghcr.io":{"auth":"Z2g="}},"psFormat":"table","x-custom":1}')
    const backup = await write('config.bak', original)
    await replay([{ ...record(config, backup, 'a-hash-from-before'), storedInFile: ['ecr.example'] }])
    expect(await fs.readFile(config, 'utf8')).toBe(original)
  })

  test('a file that did not exist before and holds nothing else now is removed', async () => {
    const config = await write('config.json', '{\n\t"auths": {"ecr.example": {"auth": "QVdTOnB3"}}\n}')
    await replay([{ ...record(config, null), storedInFile: ['ecr.example'] }])
    await expect(fs.stat(config)).rejects.toThrow(/ENOENT/)
  })

  test('a file that did not exist before, in a directory made for it: both removed', async () => {
    const made = path.join(dir, '.docker')
    await fs.mkdir(made)
    const config = path.join(made, 'config.json')
    await fs.writeFile(config, '{\n\t"auths": {"ecr.example": {"auth": "QVdTOnB3"}}\n}')
    await replay([{ ...record(config, null, await fileHash(config)), storedInFile: ['ecr.example'], madeDirs: [made] }])
    await expect(fs.stat(made)).rejects.toThrow(/ENOENT/)
  })

  test('a file that did not exist before but now holds other logins is kept, without ours', async () => {
    const config = await write('config.json', '{"auths":{"ghcr.io":{"auth":"Z2g="},"ecr.example":{"auth":"QVdTOnB3"}}}')
    await replay([{ ...record(config, null), storedInFile: ['ecr.example'] }])
    expect(await json(config)).toEqual({ auths: { 'ghcr.io': { auth: 'Z2g=' } } })
  })

  test('a credential helper held ours: erased through the helper itself, no docker process', async () => {
    const config = await write('config.json', '{"auths":{"ecr.example":{}},"credsStore":"pass"}')
    await replay([{ ...record(config, null, await fileHash(config)), storedInFile: [], helpers: [{ host: 'ecr.example', helper: 'pass' }] }])
    expect(logouts).toEqual([])
    expect(helperRuns).toEqual([{ command: 'docker-credential-pass', args: ['erase'], input: 'ecr.example' }])
  })

  test('a helper that fails: a warning on one line, its output escaped (it cannot start a workflow command)', async () => {
    const config = await write('config.json', '{"auths":{"ecr.example":{}},"credsStore":"broken"}')
    await replay([{ ...record(config, null, await fileHash(config)), storedInFile: [], helpers: [{ host: 'ecr.example', helper: 'broken' }] }])
    expect(warning).toHaveBeenCalledWith('Could not log docker out of ecr.example: docker-credential-broken exited with code 1: no such key ::error::forged\\u001b[2J')
  })

  test('a credential helper had the user\'s own credential for the host: it is stored back', async () => {
    const config = await write('config.json', '{"auths":{"ecr.example":{}},"credsStore":"pass"}')
    const saved = await write('helper-0.json', '{"ServerURL":"ecr.example","Username":"me","Secret":"long-lived"}')
    await replay([{ ...record(config, null, await fileHash(config)), storedInFile: [], helpers: [{ host: 'ecr.example', helper: 'pass', backup: saved }] }])
    expect(helperRuns).toEqual([{ command: 'docker-credential-pass', args: ['store'], input: '{"ServerURL":"ecr.example","Username":"me","Secret":"long-lived"}' }])
    expect(logouts).toEqual([])
  })
})

describe('files', () => {
  const yaml = (file: string, backup: string | null, written?: string) =>
    ({ kind: 'file' as const, description: 'restore yarnrc', path: file, backup, written, entries: { format: 'yaml' as const, keys: [['npmScopes', 'acme']] } })

  test('untouched since our write: the original bytes', async () => {
    const file = await write('.yarnrc.yml', 'npmScopes:\n  acme:\n    npmRegistryServer: https://ours/\n')
    const backup = await write('yarnrc.bak', '# mine\nenableTelemetry: false\n')
    await replay([yaml(file, backup, await fileHash(file))])
    expect(await fs.readFile(file, 'utf8')).toBe('# mine\nenableTelemetry: false\n')
  })

  test('another step added a setting since: it stays, our scope goes back to the user\'s, comments kept', async () => {
    const file = await write('.yarnrc.yml', '# mine\nenableTelemetry: false\nnpmScopes:\n  acme:\n    npmRegistryServer: https://ours/\n  other:\n    npmRegistryServer: https://theirs/\nnodeLinker: node-modules\n')
    const backup = await write('yarnrc.bak', '# mine\nenableTelemetry: false\nnpmScopes:\n  acme:\n    npmRegistryServer: https://before/\n')
    await replay([yaml(file, backup, 'a-hash-from-before')])
    expect(await fs.readFile(file, 'utf8')).toBe('# mine\nenableTelemetry: false\nnpmScopes:\n  acme:\n    npmRegistryServer: https://before/\n  other:\n    npmRegistryServer: https://theirs/\nnodeLinker: node-modules\n')
  })

  test('another step changed it, and what is left is the original: the original bytes', async () => {
    const file = await write('.yarnrc.yml', 'npmScopes:\n  acme:\n    npmRegistryServer: https://ours/\n')
    await replay([yaml(file, null, 'a-hash-from-before')])
    await expect(fs.stat(file)).rejects.toThrow(/ENOENT/)
  })

  test('a file that is no longer YAML is left as it is, with a warning', async () => {
    const file = await write('.yarnrc.yml', 'a: [unclosed\n')
    await replay([yaml(file, null, 'a-hash-from-before')])
    expect(await fs.readFile(file, 'utf8')).toBe('a: [unclosed\n')
    expect(warning).toHaveBeenCalledWith(expect.stringMatching(/^Could not restore yarnrc: it is not valid YAML \(line \d+, column \d+\)$/))
  })

  test('removed by another step meanwhile: left so', async () => {
    const backup = await write('yarnrc.bak', 'a: 1\n')
    await replay([yaml(path.join(dir, 'gone.yml'), backup, 'a-hash-from-before')])
    await expect(fs.stat(path.join(dir, 'gone.yml'))).rejects.toThrow(/ENOENT/)
  })

  test('a symlink that stood for a missing file is never removed', async () => {
    const link = path.join(dir, 'link')
    await fs.symlink(path.join(dir, 'missing-target'), link)
    await replay([{ kind: 'file', description: 'restore link', path: link, backup: null }])
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true)
  })

  test('nothing is written when the file is already as it was', async () => {
    const file = await write('same', 'same\n')
    const backup = await write('same.bak', 'same\n')
    const before = (await fs.stat(file)).mtimeMs
    await new Promise((resolve) => setTimeout(resolve, 20))
    await replay([{ kind: 'file', description: 'restore same', path: file, backup }])
    expect((await fs.stat(file)).mtimeMs).toBe(before)
  })
})

describe('TOML files (cargo\'s config.toml)', () => {
  const toml = (file: string, backup: string | null, written?: string) =>
    ({ kind: 'file' as const, description: 'restore config.toml', path: file, backup, written, entries: { format: 'toml' as const, keys: [['source', 'crates-io', 'replace-with']] } })

  test('untouched since our write: the original bytes', async () => {
    const file = await write('config.toml', '[build]\njobs = 2\n[source.crates-io]\nreplace-with = "ca"\n')
    const backup = await write('config.toml.bak', '# mine\n[build]\njobs = 2\n')
    await replay([toml(file, backup, await fileHash(file))])
    expect(await fs.readFile(file, 'utf8')).toBe('# mine\n[build]\njobs = 2\n')
  })

  test('another step added a setting since: it stays with its comment, our key goes', async () => {
    const file = await write('config.toml', '# mine\n[build]\njobs = 2\n\n[source.crates-io]\nreplace-with = "ca"\n\n[net]\noffline = true # theirs\n')
    const backup = await write('config.toml.bak', '# mine\n[build]\njobs = 2\n')
    await replay([toml(file, backup, 'a-hash-from-before')])
    expect(await fs.readFile(file, 'utf8')).toBe('# mine\n[build]\njobs = 2\n\n[net]\noffline = true # theirs\n')
  })

  test('a file that is no longer TOML is left as it is, with a warning', async () => {
    const file = await write('config.toml', '[source\n')
    await replay([toml(file, null, 'a-hash-from-before')])
    expect(await fs.readFile(file, 'utf8')).toBe('[source\n')
    expect(warning).toHaveBeenCalledWith(expect.stringMatching(/^Could not restore config.toml: /))
  })
})

describe('NuGet.Config, ~/.netrc and swift (files another step changed: only our entries go)', () => {
  test('NuGet.Config: our source and <clear/> go, the source another step added stays; created directories stay while not empty', async () => {
    const nested = path.join(dir, '.nuget', 'NuGet')
    await fs.mkdir(nested, { recursive: true })
    const file = path.join(nested, 'NuGet.Config')
    await fs.writeFile(file, '<configuration>\n  <packageSources>\n    <clear/>\n    <add key="codeartifact" value="https://ca/v3/index.json"/>\n    <add key="added" value="https://added/"/>\n  </packageSources>\n</configuration>\n')
    const keys = [['packageSources', 'add', 'key', 'codeartifact', 'clear']]
    await replay([{ kind: 'file', description: 'restore NuGet.Config', path: file, backup: null, written: 'a-hash-from-before', madeDirs: [path.join(dir, '.nuget'), nested], entries: { format: 'nuget', keys } }])
    expect(await fs.readFile(file, 'utf8')).toBe('<configuration>\n  <packageSources>\n    <add key="added" value="https://added/"/>\n  </packageSources>\n</configuration>\n')
  })

  test('NuGet.Config untouched since our write: removed, and the directories made for it too', async () => {
    const nested = path.join(dir, '.nuget', 'NuGet')
    await fs.mkdir(nested, { recursive: true })
    const file = path.join(nested, 'NuGet.Config')
    await fs.writeFile(file, '<configuration/>')
    await replay([{ kind: 'file', description: 'restore NuGet.Config', path: file, backup: null, written: await fileHash(file), madeDirs: [path.join(dir, '.nuget'), nested] }])
    await expect(fs.stat(path.join(dir, '.nuget'))).rejects.toThrow(/ENOENT/)
  })

  test('~/.netrc: our machine goes, another step\'s stays; the mode the user had comes back with untouched bytes', async () => {
    const file = await write('.netrc', 'machine ca.example\n  login aws\n  password t0ken\nmachine mine login me password pw\nmachine added login a password b\n')
    const backup = await write('netrc.bak', 'machine mine login me password pw\n')
    await replay([{ kind: 'file', description: 'restore netrc', path: file, backup, mode: 0o644, written: 'a-hash-from-before', entries: { format: 'netrc', keys: [['ca.example']] } }])
    expect(await fs.readFile(file, 'utf8')).toBe('machine mine login me password pw\nmachine added login a password b\n')
    await fs.writeFile(file, 'machine ca.example\n  login aws\n  password t0ken\nmachine mine login me password pw\n', { mode: 0o600 })
    await fs.chmod(file, 0o600)
    await replay([{ kind: 'file', description: 'restore netrc', path: file, backup, mode: 0o644, written: await fileHash(file), entries: { format: 'netrc', keys: [['ca.example']] } }])
    expect(await fs.readFile(file, 'utf8')).toBe('machine mine login me password pw\n')
    expect((await fs.stat(file)).mode & 0o777).toBe(0o644)
  })

  test('swift: swift package-registry logout for each login, before registries.json is put back', async () => {
    swiftRuns.length = 0
    const url = 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/swift/shared/login'
    await replay([{ kind: 'swift', description: 'log swift out', urls: [url] }, { kind: 'swift', description: 'nothing stored', urls: [] }])
    expect(swiftRuns).toEqual([['package-registry', 'logout', url]])
    expect(info).toHaveBeenCalledWith(`swift package-registry logout ${url}: done`)
  })
})

test('file and remove records, newest first; a failure is a warning and the rest still runs', async () => {
  const file = await write('npmrc', 'changed')
  const backup = await write('npmrc.bak', 'original\n')
  const created = await write('created', 'x')
  await replay([
    { kind: 'file', description: 'restore npmrc', path: file, backup, mode: 0o640 },
    { kind: 'remove', description: 'remove created', path: created },
    { kind: 'file', description: 'restore a file whose backup is gone', path: file, backup: path.join(dir, 'missing.bak') },
  ])
  expect(await fs.readFile(file, 'utf8')).toBe('original\n')
  expect((await fs.stat(file)).mode & 0o777).toBe(0o640)
  await expect(fs.stat(created)).rejects.toThrow(/ENOENT/)
  expect(warning).toHaveBeenCalledWith(expect.stringMatching(/^Could not restore a file whose backup is gone: .*ENOENT/))
})
