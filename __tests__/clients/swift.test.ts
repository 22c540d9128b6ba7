import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn() }))
const { authenticationKey, configureSwift, loginUrl, registriesKeys, registriesWithEndpoint, swiftPaths } = await import('../../src/clients/swift.js')
const { UndoLog } = await import('../../src/undo.js')
const { Workspace } = await import('../../src/workspace.js')
const { Deadline } = await import('../../src/deadline.js')
const { fileHash } = await import('../../src/files.js')

const HOST = 'acme-123456789012.d.codeartifact.us-east-1.amazonaws.com'
const ENDPOINT = `https://${HOST}/swift/shared/`
const TOKEN = 'eyJ2ZXIiOjF9.a+b/c=d'

let temp: string
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-'))
})
afterEach(() => fs.rm(temp, { recursive: true, force: true }))

function context(env: Record<string, string> = {}) {
  return {
    token: TOKEN,
    tokenVariable: 'CODEARTIFACT_AUTH_TOKEN_ACME',
    endpoint: ENDPOINT,
    settings: { npmScopes: [], pipIndex: 'index' as const, registryName: 'codeartifact', publicRegistry: 'keep' as const },
    workspace: new Workspace(new UndoLog(true), path.join(temp, 'runner')),
    env: { PATH: process.env.PATH ?? '', ...env },
    home: path.join(temp, 'home'),
    deadline: new Deadline(600),
  }
}

const REGISTRIES = `{
  "registries": {
    "[default]": {
      "supportsAvailability": false,
      "url": "${ENDPOINT}"
    }
  },
  "authentication": {
    "${HOST}": {
      "loginAPIPath": "/swift/shared/login",
      "type": "token"
    }
  },
  "version": 1
}
`

describe('what SwiftPM reads', () => {
  test('the user-level registries.json and the netrc, on each platform', () => {
    expect(swiftPaths('/home/runner', 'linux')).toEqual({ registries: '/home/runner/.swiftpm/configuration/registries.json', netrc: '/home/runner/.netrc' })
    expect(swiftPaths('/Users/runner', 'darwin')).toEqual({ registries: '/Users/runner/.swiftpm/configuration/registries.json', netrc: '/Users/runner/.netrc' })
    expect(swiftPaths('C:\\Users\\runneradmin', 'win32')).toEqual({ registries: 'C:\\Users\\runneradmin\\.swiftpm\\configuration\\registries.json', netrc: 'C:\\Users\\runneradmin\\.netrc' })
  })

  test('the authentication key is the host (with a port when there is one), the login URL the endpoint\'s login path', () => {
    expect(authenticationKey(ENDPOINT)).toBe(HOST)
    expect(authenticationKey('https://Registry.Example:8443/swift/r/')).toBe('registry.example:8443')
    expect(loginUrl(ENDPOINT)).toBe(`${ENDPOINT}login`)
    expect(registriesKeys(ENDPOINT)).toEqual([['registries', '[default]'], ['authentication', HOST]])
  })
})

describe('registriesWithEndpoint', () => {
  test('no file: the default registry and a token authentication for its host, as swift package-registry set and login write them', () => {
    expect(registriesWithEndpoint(undefined, ENDPOINT)).toBe(REGISTRIES)
    expect(registriesWithEndpoint('  \n', ENDPOINT)).toBe(REGISTRIES)
  })

  test('the user\'s file: scoped registries, other hosts\' authentication, security and unknown settings kept; the default replaced', () => {
    const user = '{"version":1,"registries":{"[default]":{"url":"https://old.example/"},"acme":{"url":"https://acme.example/"}},"authentication":{"acme.example":{"type":"basic"}},"security":{"default":{"signing":{"onUnsigned":"error"}}},"x":true}'
    expect(JSON.parse(registriesWithEndpoint(user, ENDPOINT))).toEqual({
      version: 1,
      registries: { '[default]': { supportsAvailability: false, url: ENDPOINT }, acme: { url: 'https://acme.example/' } },
      authentication: { 'acme.example': { type: 'basic' }, [HOST]: { loginAPIPath: '/swift/shared/login', type: 'token' } },
      security: { default: { signing: { onUnsigned: 'error' } } },
      x: true,
    })
  })

  test('a file that is not a JSON object is an error', () => {
    expect(() => registriesWithEndpoint('{', ENDPOINT)).toThrow(/^cannot parse registries.json: it is not valid JSON/)
    expect(() => registriesWithEndpoint('[]', ENDPOINT)).toThrow('registries.json is not a JSON object')
  })
})

describe('Linux (and Windows): registries.json and ~/.netrc', () => {
  test('no files yet: both written; the netrc owner-only; nothing exported; both recorded before they are written', async () => {
    const ctx = context()
    expect(await configureSwift(ctx, 'linux')).toEqual({})
    const files = swiftPaths(ctx.home, 'linux')
    expect(await fs.readFile(files.registries, 'utf8')).toBe(REGISTRIES)
    expect(await fs.readFile(files.netrc, 'utf8')).toBe(`machine ${HOST}\n  login aws\n  password ${TOKEN}\n`)
    expect((await fs.stat(files.netrc)).mode & 0o777).toBe(0o600)
    expect(ctx.workspace.undo.records).toEqual([
      expect.objectContaining({ kind: 'file', path: files.registries, backup: null, entries: { format: 'json', keys: registriesKeys(ENDPOINT) }, madeDirs: [ctx.home, path.join(ctx.home, '.swiftpm'), path.dirname(files.registries)] }),
      expect.objectContaining({ kind: 'file', path: files.netrc, backup: null, entries: { format: 'netrc', keys: [[HOST]] } }),
    ])
    expect(JSON.stringify(ctx.workspace.undo.records)).not.toContain(TOKEN)
  })

  test('the user\'s netrc (mode 0644) is backed up with its mode and made owner-only before the token goes in; the user\'s entries follow ours', async () => {
    const ctx = context()
    const files = swiftPaths(ctx.home, 'linux')
    await fs.mkdir(ctx.home)
    await fs.writeFile(files.netrc, `machine github.com login octo password ghp_x\nmachine ${HOST} login token password stale\n`)
    await fs.chmod(files.netrc, 0o644)
    await configureSwift(ctx, 'linux')
    expect(await fs.readFile(files.netrc, 'utf8')).toBe(`machine ${HOST}\n  login aws\n  password ${TOKEN}\nmachine github.com login octo password ghp_x\nmachine ${HOST} login token password stale\n`)
    expect((await fs.stat(files.netrc)).mode & 0o777).toBe(0o600)
    const record = ctx.workspace.undo.records.find((item) => item.kind === 'file' && item.path === files.netrc) as { backup: string; mode: number; written: string }
    expect(record.mode).toBe(0o644)
    expect(await fs.readFile(record.backup, 'utf8')).toBe(`machine github.com login octo password ghp_x\nmachine ${HOST} login token password stale\n`)
    expect(record.written).toBe(await fileHash(files.netrc))
  })
})

describe('macOS: swift package-registry login with the token on stdin', () => {
  /** A stand-in swift that records its arguments and stdin, and rewrites registries.json as the login does. */
  async function fakeSwift(exitCode = 0, stdout = 'Login successful.\n'): Promise<{ bin: string; calls: () => Promise<string> }> {
    const bin = path.join(temp, 'bin')
    await fs.mkdir(bin)
    const log = path.join(temp, 'swift-calls.log')
    await fs.writeFile(path.join(bin, 'swift'), `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
cat >> '${log}'
printf '\\n' >> '${log}'
printf '{"authentication":{},"registries":{},"version":1}' > "$HOME_FOR_TEST/.swiftpm/configuration/registries.json"
printf '${stdout}'
echo 'said on stderr' >&2
exit ${exitCode}
`, { mode: 0o755 })
    return { bin, calls: () => fs.readFile(log, 'utf8') }
  }

  test('registries.json set, then the login (never the token on argv), the logout recorded before it; the digest is of the file as the login left it', async () => {
    const swift = await fakeSwift()
    const ctx = context({ PATH: `${swift.bin}:/usr/bin:/bin` })
    process.env.HOME_FOR_TEST = ctx.home
    try {
      expect(await configureSwift(ctx, 'darwin')).toEqual({})
    } finally {
      delete process.env.HOME_FOR_TEST
    }
    expect(await swift.calls()).toBe(`package-registry login ${ENDPOINT}login --token-file /dev/stdin\n${TOKEN}\n`)
    const files = swiftPaths(ctx.home, 'darwin')
    await expect(fs.stat(files.netrc)).rejects.toThrow(/ENOENT/)
    expect(ctx.workspace.undo.records).toEqual([
      expect.objectContaining({ kind: 'file', path: files.registries, written: await fileHash(files.registries) }),
      { kind: 'swift', description: `log swift out of ${ENDPOINT}login`, urls: [`${ENDPOINT}login`] },
    ])
  })

  test('a login the registry refused: the error with swift\'s message, and no logout to run', async () => {
    const swift = await fakeSwift(1, 'Enter access token:')
    const ctx = context({ PATH: `${swift.bin}:/usr/bin:/bin` })
    process.env.HOME_FOR_TEST = ctx.home
    try {
      await expect(configureSwift(ctx, 'darwin')).rejects.toThrow(`swift package-registry login to ${ENDPOINT}login failed (exit code 1): said on stderr`)
    } finally {
      delete process.env.HOME_FOR_TEST
    }
    expect(ctx.workspace.undo.records.find((record) => record.kind === 'swift')).toEqual({ kind: 'swift', description: `log swift out of ${ENDPOINT}login`, urls: [] })
  })

  test('swift not on PATH: an error naming swift and why, before anything is written', async () => {
    const ctx = context({ PATH: path.join(temp, 'nothing') })
    await expect(configureSwift(ctx, 'darwin')).rejects.toThrow('swift is not installed (not found on PATH): on macOS SwiftPM reads registry credentials only from the keychain')
    expect(ctx.workspace.undo.records).toEqual([])
  })
})
