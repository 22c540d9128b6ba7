import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  nerfDart, npmBin, pnpmBin, requestJson, startNpmRegistry, yarnBin,
} from '../../test-support/npm-registry.js'

let registry: Awaited<ReturnType<typeof startNpmRegistry>>
let scratch: string

beforeAll(async () => {
  registry = await startNpmRegistry({ packages: [{ name: '@acme/hello', version: '1.0.0' }] })
  scratch = mkdtempSync(join(tmpdir(), 'npm-registry-test-'))
}, 30000)
afterAll(async () => {
  await registry?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})
beforeEach(() => registry.clearRequests())

/** A fresh project folder with its own HOME beside it. */
function project(name: string, files: Record<string, string> = {}) {
  const dir = join(scratch, name)
  mkdirSync(join(dir, 'project'), { recursive: true })
  mkdirSync(join(dir, 'home'))
  writeFileSync(join(dir, 'project', 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}\n')
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, 'project', file), content)
  return { dir, cwd: join(dir, 'project'), home: join(dir, 'home') }
}

/** Runs a client with nothing from this process's environment but PATH. */
function run(bin: string[], args: string[], where: { cwd: string, home: string }, env: Record<string, string> = {}) {
  const [command = '', ...pre] = bin
  const result = spawnSync(command, [...pre, ...args], {
    cwd: where.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: where.home, ...env },
    encoding: 'utf8',
    timeout: 30000,
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}`, stderr: result.stderr }
}

const installedVersion = (cwd: string) =>
  JSON.parse(readFileSync(join(cwd, 'node_modules', '@acme', 'hello', 'package.json'), 'utf8')).version

/** What the proxy saw since the test started; every request with a token or every one without. */
function expectRequests(authorized: boolean) {
  expect(registry.requests.length).toBeGreaterThan(0)
  for (const request of registry.requests) {
    expect(request.path.startsWith('/npm/shared/')).toBe(true)
    expect(request.authorized).toBe(authorized)
    expect(request.status).toBe(authorized ? 200 : 401)
  }
}

const npmrc = (withToken: boolean) =>
  `@acme:registry=${registry.url}\n` + (withToken ? `${nerfDart(registry.url)}:_authToken=${registry.token}\n` : '')

describe('the registry', () => {
  test('has a CodeArtifact-style URL, refuses anonymous reads and serves token reads', async () => {
    expect(registry.url).toBe(`http://${registry.host}/npm/shared/`)
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(nerfDart(registry.url)).toBe(`//${registry.host}/npm/shared/`)
    expect(registry.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)

    expect((await requestJson(`${registry.url}@acme%2fhello`)).status).toBe(401)
    const metadata = await requestJson(`${registry.url}@acme%2fhello`, { token: registry.token })
    expect(metadata.status).toBe(200)
    const tarball = metadata.body.versions['1.0.0'].dist.tarball
    expect(tarball).toBe(`${registry.url}@acme/hello/-/hello-1.0.0.tgz`)
    expect((await fetch(tarball)).status).toBe(401)
    const download = await fetch(tarball, { headers: { authorization: `Bearer ${registry.token}` } })
    expect(download.status).toBe(200)
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(100)
    expect((await fetch(`http://${registry.host}/-/ping`)).status).toBe(404)
    expect((await fetch(`http://${registry.host}/npm/other/@acme%2fhello`)).status).toBe(404)

    expect(registry.requests.map(({ authorized, status }) => [authorized, status])).toEqual([
      [false, 401], [true, 200], [false, 401], [true, 200], [false, 404], [false, 404],
    ])
    // The user registered at start is the only one.
    const second = await requestJson(`${registry.url}-/user/org.couchdb.user:intruder`, {
      method: 'PUT', body: { name: 'intruder', password: 'long-enough-password' },
    })
    expect(second.status).toBeGreaterThanOrEqual(400)
  })
})

describe('npm', () => {
  function install(name: string, withToken: boolean) {
    const where = project(name)
    writeFileSync(join(where.dir, 'npmrc'), npmrc(withToken))
    return {
      where,
      result: run(npmBin(), ['install', '@acme/hello'], where, {
        NPM_CONFIG_USERCONFIG: join(where.dir, 'npmrc'),
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
      }),
    }
  }

  test('installs with the scope registry and the token line', () => {
    const { where, result } = install('npm-token', true)
    expect(result.status).toBe(0)
    expect(installedVersion(where.cwd)).toBe('1.0.0')
    expect(readFileSync(join(where.cwd, 'package-lock.json'), 'utf8')).toContain(`"resolved": "${registry.url}@acme/hello/-/hello-1.0.0.tgz"`)
    expectRequests(true)
  })

  test('fails with E401 without the token line', () => {
    const { where, result } = install('npm-anonymous', false)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('npm error code E401')
    expect(result.stderr).toContain('Unable to authenticate')
    expect(existsSync(join(where.cwd, 'node_modules', '@acme'))).toBe(false)
    expectRequests(false)
  })
})

describe('pnpm', () => {
  function add(name: string, withToken: boolean) {
    const where = project(name)
    writeFileSync(join(where.dir, 'npmrc'), npmrc(withToken))
    const args = ['add', '@acme/hello', '--store-dir', join(where.dir, 'store'), '--cache-dir', join(where.dir, 'cache')]
    return {
      where,
      result: run(pnpmBin(), args, where, {
        NPM_CONFIG_USERCONFIG: join(where.dir, 'npmrc'),
        // pnpm 11+ holds back versions younger than a day; the registry's are seconds old.
        pnpm_config_minimum_release_age: '0',
      }),
    }
  }

  test('installs with the same npmrc as npm', () => {
    const { where, result } = add('pnpm-token', true)
    expect(result.status).toBe(0)
    expect(installedVersion(where.cwd)).toBe('1.0.0')
    expect(existsSync(join(where.cwd, 'pnpm-workspace.yaml'))).toBe(false)
    expectRequests(true)
  })

  test('fails with 401 Unauthorized without the token line', () => {
    const { where, result } = add('pnpm-anonymous', false)
    expect(result.status).toBe(1)
    expect(result.output).toMatch(/ERR_PNPM_FETCH_401|401 Unauthorized/)
    expect(existsSync(join(where.cwd, 'node_modules', '@acme'))).toBe(false)
    expectRequests(false)
  })
})

describe('yarn 4', () => {
  function add(name: string, settings: string) {
    const where = project(name, { 'yarn.lock': '' })
    const yarnrc = [
      settings,
      'unsafeHttpWhitelist:',
      '  - 127.0.0.1',
      'enableGlobalCache: false',
      `cacheFolder: ${JSON.stringify(join(where.dir, 'cache'))}`,
      'nodeLinker: node-modules',
      '',
    ].join('\n')
    writeFileSync(join(where.cwd, '.yarnrc.yml'), yarnrc)
    return { where, result: run(yarnBin(), ['add', '@acme/hello'], where, { YARN_ENABLE_TELEMETRY: '0' }) }
  }
  // A scope's npmMinimalAgeGate defaults to 1d and wins over the top-level one, so it goes here.
  const scope = (token: string) => [
    'npmScopes:',
    '  acme:',
    `    npmRegistryServer: ${JSON.stringify(registry.url)}`,
    ...(token ? [`    npmAuthToken: ${JSON.stringify(token)}`] : []),
    '    npmAlwaysAuth: true',
    '    npmMinimalAgeGate: 0',
  ].join('\n')

  test('installs with npmScopes.acme.npmAuthToken', () => {
    const { where, result } = add('yarn-scope-token', scope(registry.token))
    expect(result.output).toContain('YN0000: · Done')
    expect(result.status).toBe(0)
    expect(installedVersion(where.cwd)).toBe('1.0.0')
    expectRequests(true)
  })

  test('installs with the token in npmRegistries keyed by //host/path/', () => {
    const settings = [
      scope(''),
      'npmRegistries:',
      `  ${JSON.stringify(nerfDart(registry.url))}:`,
      `    npmAuthToken: ${JSON.stringify(registry.token)}`,
      '    npmAlwaysAuth: true',
    ].join('\n')
    const { where, result } = add('yarn-registries-token', settings)
    expect(result.status).toBe(0)
    expect(installedVersion(where.cwd)).toBe('1.0.0')
    expectRequests(true)
  })

  test('fails with YN0041 without a token', () => {
    const { where, result } = add('yarn-anonymous', scope(''))
    expect(result.status).toBe(1)
    expect(result.output).toContain('YN0041: Invalid authentication (as an anonymous user)')
    expect(existsSync(join(where.cwd, 'node_modules', '@acme'))).toBe(false)
    expectRequests(false)
  })
})

describe('stop', () => {
  test('ends verdaccio and the proxy and removes the directory', async () => {
    const other = await startNpmRegistry({ repository: 'other' })
    expect(other.url).toMatch(/\/npm\/other\/$/)
    expect(existsSync(other.dir)).toBe(true)
    await other.stop()
    expect(() => process.kill(other.pid, 0)).toThrow()
    expect(() => process.kill(other.proxyPid, 0)).toThrow()
    expect(existsSync(other.dir)).toBe(false)
  })
})
