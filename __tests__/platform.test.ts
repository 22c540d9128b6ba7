import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { executableCandidates, isInstalled, userHome } from '../src/platform.js'
import { dockerConfigPath } from '../src/clients/docker.js'
import { userNpmrcPath } from '../src/clients/npm.js'

describe('userHome', () => {
  test.each<[NodeJS.Platform, Record<string, string>, string]>([
    ['linux', { HOME: '/home/runner' }, '/home/runner'],
    ['darwin', { HOME: '/Users/runner' }, '/Users/runner'],
    ['win32', { USERPROFILE: 'C:\\Users\\runneradmin', HOME: '/c/Users/x' }, 'C:\\Users\\runneradmin'],
    ['win32', { HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\ci' }, 'D:\\Users\\ci'],
  ])('%s %j', (platform, env, home) => expect(userHome(env, platform)).toBe(home))

  test.each<[NodeJS.Platform, Record<string, string>]>([
    ['linux', {}],
    ['linux', { HOME: '' }],
    ['darwin', { HOME: '' }],
    ['win32', { USERPROFILE: '' }],
  ])('%s %j: unset or empty, the account\'s own home (as docker and Node do)', (platform, env) => {
    expect(userHome(env, platform, () => (platform === 'win32' ? 'C:\\Users\\ci' : '/home/ci'))).toBe(platform === 'win32' ? 'C:\\Users\\ci' : '/home/ci')
  })

  test('never relative: a relative HOME, or none at all, is an error naming the variable', () => {
    expect(() => userHome({ HOME: 'home' }, 'linux', () => '/home/ci')).toThrow('cannot tell the home directory: HOME is the relative path "home" and the account has none; set HOME to an absolute path')
    expect(() => userHome({}, 'linux', () => '')).toThrow('cannot tell the home directory: HOME is not set')
    expect(() => userHome({ USERPROFILE: 'Users\\x' }, 'win32', () => '')).toThrow('USERPROFILE is the relative path')
  })

  test('this machine: with HOME empty, the account\'s home from the user database', () => {
    expect(userHome({ HOME: '' }, 'linux')).toBe(os.userInfo().homedir)
  })
})

describe('config file locations', () => {
  test.each<[NodeJS.Platform, Record<string, string>, string]>([
    ['linux', { HOME: '/home/runner' }, '/home/runner/.docker/config.json'],
    ['darwin', { HOME: '/Users/runner' }, '/Users/runner/.docker/config.json'],
    ['win32', { USERPROFILE: 'C:\\Users\\runneradmin' }, 'C:\\Users\\runneradmin\\.docker\\config.json'],
    ['win32', { USERPROFILE: 'C:\\Users\\x', DOCKER_CONFIG: 'D:\\a\\_temp\\docker' }, 'D:\\a\\_temp\\docker\\config.json'],
  ])('docker on %s %j', (platform, env, file) => expect(dockerConfigPath(env, platform)).toBe(file))

  test.each<[NodeJS.Platform, Record<string, string>, string, string]>([
    ['linux', {}, '/home/runner', '/home/runner/.npmrc'],
    ['darwin', {}, '/Users/runner', '/Users/runner/.npmrc'],
    ['win32', {}, 'C:\\Users\\runneradmin', 'C:\\Users\\runneradmin\\.npmrc'],
    ['win32', { NPM_CONFIG_USERCONFIG: 'D:\\a\\_temp\\.npmrc' }, 'C:\\Users\\x', 'D:\\a\\_temp\\.npmrc'],
  ])('npmrc on %s %j', (platform, env, home, file) => expect(userNpmrcPath(env, home, platform)).toBe(file))
})

describe('executableCandidates', () => {
  test('Windows: PATH with `;`, every PATHEXT extension, in order', () => {
    expect(executableCandidates('docker', { Path: 'C:\\Program Files\\Docker;C:\\Windows', PATHEXT: '.EXE;.CMD' }, 'win32')).toEqual([
      'C:\\Program Files\\Docker\\docker.exe', 'C:\\Program Files\\Docker\\docker.cmd', 'C:\\Windows\\docker.exe', 'C:\\Windows\\docker.cmd',
    ])
  })
  test('Windows: npm is npm.cmd; a name with an extension is taken as it is', () => {
    expect(executableCandidates('npm', { PATH: 'C:\\nodejs' }, 'win32')).toContain('C:\\nodejs\\npm.cmd')
    expect(executableCandidates('git', { PATH: 'C:\\g;', PATHEXT: ';.EXE;' }, 'win32')).toEqual(['C:\\g\\git.exe'])
    expect(executableCandidates('docker.exe', { PATH: 'C:\\d' }, 'win32')).toEqual(['C:\\d\\docker.exe'])
  })
  test('Linux and macOS: PATH with `:`, no extension', () => {
    expect(executableCandidates('docker', { PATH: '/usr/local/bin:/usr/bin' }, 'darwin')).toEqual(['/usr/local/bin/docker', '/usr/bin/docker'])
    expect(executableCandidates('pip3', { PATH: '' }, 'linux')).toEqual([])
  })
})

test('isInstalled: an executable file on PATH counts; a plain file or a directory does not', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'platform-'))
  try {
    await fs.writeFile(path.join(dir, 'tool'), '#!/bin/sh\n', { mode: 0o755 })
    await fs.writeFile(path.join(dir, 'plain'), 'x', { mode: 0o644 })
    await fs.mkdir(path.join(dir, 'folder'))
    const env = { PATH: `/nonexistent:${dir}` }
    expect(await isInstalled(['missing', 'tool'], env)).toBe(true)
    expect(await isInstalled(['plain'], env)).toBe(false)
    expect(await isInstalled(['folder'], env)).toBe(false)
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
})
