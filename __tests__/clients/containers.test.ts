import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

const warning = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn(), warning }))
const { containers, containersAuthFiles } = await import('../../src/clients/containers.js')
const { helm, helmRegistryConfig } = await import('../../src/clients/helm.js')
const { mergeAuthFiles, withLogins } = await import('../../src/clients/auth-files.js')
const { UndoLog } = await import('../../src/undo.js')
const { Workspace } = await import('../../src/workspace.js')
const { Deadline } = await import('../../src/deadline.js')

const credential = (host: string) => ({ host, region: 'us-east-1', username: 'AWS', password: `pw-${host}` })
const auth = (host: string) => Buffer.from(`AWS:pw-${host}`).toString('base64')
let temp: string
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'containers-'))
})
afterEach(() => fs.rm(temp, { recursive: true, force: true }))

const run = (env: Record<string, string>) => {
  const undo = new UndoLog(true)
  return { undo, context: { credentials: [credential('a.example')], workspace: new Workspace(undo, path.join(temp, 'runner')), deadline: new Deadline(600), env, home: path.join(temp, 'home') } }
}
const write = async (file: string, text: string) => {
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, text)
}

describe('where podman, buildah and skopeo look, first match first', () => {
  test.each<[string, NodeJS.Platform, Record<string, string>, string[]]>([
    ['REGISTRY_AUTH_FILE first when set', 'linux', { REGISTRY_AUTH_FILE: '/x/auth.json', XDG_RUNTIME_DIR: '/run/user/1000' }, ['/x/auth.json', '/home/u/.config/containers/auth.json']],
    ['Linux, root without XDG_RUNTIME_DIR', 'linux', {}, ['/run/containers/0/auth.json', '/home/u/.config/containers/auth.json']],
    ['Linux, XDG dirs', 'linux', { XDG_RUNTIME_DIR: '/run/user/1000', XDG_CONFIG_HOME: '/cfg' }, ['/run/user/1000/containers/auth.json', '/cfg/containers/auth.json']],
    ['macOS', 'darwin', {}, ['/home/u/.config/containers/auth.json']],
  ])('%s', (_label, platform, env, expected) => {
    expect(containersAuthFiles(env, '/home/u', platform, 0)).toEqual(expected)
  })
  test('Windows', () => {
    expect(containersAuthFiles({}, 'C:\\Users\\ci', 'win32')).toEqual(['C:\\Users\\ci\\.config\\containers\\auth.json'])
  })
})

test('mergeAuthFiles: an earlier file wins entry by entry; withLogins replaces our hosts\' entries and helpers', () => {
  const merged = mergeAuthFiles([
    { auths: { 'a.example': { auth: 'first' } }, credHelpers: { 'h.example': 'one' } },
    { auths: { 'a.example': { auth: 'second' }, 'b.example': { auth: 'b' } }, credHelpers: { 'h.example': 'two', 'a.example': 'pass' }, other: 1 },
  ])
  expect(merged).toEqual({ auths: { 'a.example': { auth: 'first' }, 'b.example': { auth: 'b' } }, credHelpers: { 'h.example': 'one', 'a.example': 'pass' }, other: 1 })
  expect(withLogins(merged, [credential('a.example')])).toEqual({
    auths: { 'a.example': { auth: auth('a.example') }, 'b.example': { auth: 'b' } }, credHelpers: { 'h.example': 'one' }, other: 1,
  })
})

test('containers: a private, owner-only copy of every login they could see, plus ours, through REGISTRY_AUTH_FILE; no user file changes', async () => {
  const runtime = path.join(temp, 'run')
  const config = path.join(temp, 'home', '.config', 'containers', 'auth.json')
  await write(path.join(runtime, 'containers', 'auth.json'), '{"auths":{"quay.io":{"auth":"cnVudGltZQ=="}}}')
  await write(config, '{"auths":{"quay.io":{"auth":"b2xk"},"ghcr.io":{"auth":"Z2g="}}}')
  const { undo, context } = run({ XDG_RUNTIME_DIR: runtime })
  const exported = await containers.configure(context)
  const file = exported.REGISTRY_AUTH_FILE ?? ''
  expect(file).toMatch(new RegExp(`^${path.join(temp, 'runner')}/registry-auth-[^/]+/containers-auth\\.json$`))
  expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({
    auths: { 'quay.io': { auth: 'cnVudGltZQ==' }, 'ghcr.io': { auth: 'Z2g=' }, 'a.example': { auth: auth('a.example') } },
  })
  expect((await fs.stat(file)).mode & 0o777).toBe(0o600)
  expect(undo.records.map((record) => record.kind)).toEqual(['remove'])
  expect(await fs.readFile(config, 'utf8')).toBe('{"auths":{"quay.io":{"auth":"b2xk"},"ghcr.io":{"auth":"Z2g="}}}')
})

test('containers: a user\'s REGISTRY_AUTH_FILE is the one copied', async () => {
  const own = path.join(temp, 'own-auth.json')
  await write(own, '{"auths":{"ghcr.io":{"auth":"Z2g="}}}')
  const exported = await containers.configure(run({ REGISTRY_AUTH_FILE: own }).context)
  expect(exported.REGISTRY_AUTH_FILE).not.toBe(own)
  expect(JSON.parse(await fs.readFile(exported.REGISTRY_AUTH_FILE ?? '', 'utf8'))).toMatchObject({ auths: { 'ghcr.io': { auth: 'Z2g=' } } })
})

test('an auth file that is not JSON is an error naming it', async () => {
  const own = path.join(temp, 'broken.json')
  await write(own, '{"auths":')
  await expect(containers.configure(run({ REGISTRY_AUTH_FILE: own }).context)).rejects.toThrow(`cannot parse ${own}`)
})

describe('helm', () => {
  test.each<[NodeJS.Platform, Record<string, string>, string]>([
    ['linux', {}, '/home/u/.config/helm/registry/config.json'],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, '/cfg/helm/registry/config.json'],
    ['linux', { HELM_CONFIG_HOME: '/helm' }, '/helm/registry/config.json'],
    ['linux', { HELM_REGISTRY_CONFIG: '/r.json', HELM_CONFIG_HOME: '/helm' }, '/r.json'],
    ['darwin', {}, '/home/u/Library/Preferences/helm/registry/config.json'],
  ])('%s %j', (platform, env, expected) => expect(helmRegistryConfig(env, '/home/u', platform)).toBe(expected))

  test('Windows: %APPDATA%\\helm', () => {
    expect(helmRegistryConfig({ APPDATA: 'C:\\Users\\ci\\AppData\\Roaming' }, 'C:\\Users\\ci', 'win32')).toBe('C:\\Users\\ci\\AppData\\Roaming\\helm\\registry\\config.json')
  })

  test('a private copy with the login, through HELM_REGISTRY_CONFIG', async () => {
    await write(path.join(temp, 'home', '.config', 'helm', 'registry', 'config.json'), '{"auths":{"ghcr.io":{"auth":"Z2g="}}}')
    const exported = await helm.configure(run({}).context)
    expect(JSON.parse(await fs.readFile(exported.HELM_REGISTRY_CONFIG ?? '', 'utf8'))).toEqual({
      auths: { 'ghcr.io': { auth: 'Z2g=' }, 'a.example': { auth: auth('a.example') } },
    })
    expect(warning).not.toHaveBeenCalled()
  })

  test('a credsStore (which helm would ask instead of reading the login) is left out of the copy, with a warning naming it', async () => {
    const source = path.join(temp, 'home', '.config', 'helm', 'registry', 'config.json')
    await write(source, '{"auths":{"ghcr.io":{}},"credsStore":"osxkeychain","credHelpers":{"b.example":"pass"}}')
    const exported = await helm.configure(run({}).context)
    expect(JSON.parse(await fs.readFile(exported.HELM_REGISTRY_CONFIG ?? '', 'utf8'))).toEqual({
      auths: { 'ghcr.io': {}, 'a.example': { auth: auth('a.example') } }, credHelpers: { 'b.example': 'pass' },
    })
    expect(warning).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^helm: ${source} sets credsStore "osxkeychain", which helm would ask instead`)))
  })
})
