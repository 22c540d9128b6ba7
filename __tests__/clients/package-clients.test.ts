import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { ClientSettings } from '../../src/clients/context.js'

jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn() }))
const { npm, npmrcWithRegistry, nerfDart, userNpmrcPath } = await import('../../src/clients/npm.js')
const { yarn, yarnrcWithRegistry } = await import('../../src/clients/yarn.js')
const { pip, simpleIndexUrl } = await import('../../src/clients/pip.js')
const { uv } = await import('../../src/clients/uv.js')
const { poetry } = await import('../../src/clients/poetry.js')
const { twine } = await import('../../src/clients/twine.js')
const { UndoLog } = await import('../../src/undo.js')
const { Workspace } = await import('../../src/workspace.js')
const { Deadline } = await import('../../src/deadline.js')

const NPM = 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/'
const PYPI = 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/pypi/shared/'
const TOKEN = 'eyJ2ZXIiOjF9.a+b/c=d'
const ENCODED = 'eyJ2ZXIiOjF9.a%2Bb%2Fc%3Dd'

let temp: string
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'clients-'))
})
afterEach(() => fs.rm(temp, { recursive: true, force: true }))

function context(settings: Partial<ClientSettings> = {}, env: Record<string, string> = {}, endpoint = NPM) {
  const undo = new UndoLog(true)
  return {
    token: TOKEN,
    tokenVariable: 'CODEARTIFACT_AUTH_TOKEN_ACME',
    endpoint,
    settings: { npmScopes: [], pipIndex: 'index' as const, registryName: 'codeartifact', publicRegistry: 'keep' as const, ...settings },
    workspace: new Workspace(undo, path.join(temp, 'runner')),
    env,
    home: path.join(temp, 'home'),
    deadline: new Deadline(600),
  }
}
const pypi = (settings: Partial<ClientSettings> = {}, env: Record<string, string> = {}) => context(settings, env, PYPI)

describe('npm', () => {
  test('domainTokenVariable: one variable per domain and owner', async () => {
    const { domainTokenVariable } = await import('../../src/clients/context.js')
    expect(domainTokenVariable('acme')).toBe('CODEARTIFACT_AUTH_TOKEN_ACME')
    expect(domainTokenVariable('my-domain', '012345678901')).toBe('CODEARTIFACT_AUTH_TOKEN_MY_DOMAIN_012345678901')
  })

  test('nerfDart', () => {
    expect(nerfDart(NPM)).toBe('//acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/')
    expect(nerfDart('http://127.0.0.1:4873/npm/x')).toBe('//127.0.0.1:4873/npm/x/')
  })

  test.each([
    ['empty, no scope', '', [], `registry=${NPM}\n//acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/:_authToken=\${CODEARTIFACT_AUTH_TOKEN_ACME}\n`],
    ['user settings kept, scopes only', 'fund=false\nregistry=https://registry.npmjs.org/\n//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\n', ['@acme', '@tools'],
      `fund=false\nregistry=https://registry.npmjs.org/\n//npm.pkg.github.com/:_authToken=\${NODE_AUTH_TOKEN}\n@acme:registry=${NPM}\n@tools:registry=${NPM}\n//acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/:_authToken=\${CODEARTIFACT_AUTH_TOKEN_ACME}\n`],
    ['an existing registry line is replaced, not repeated', 'registry=https://old/\n', [], `registry=${NPM}\n//acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/:_authToken=\${CODEARTIFACT_AUTH_TOKEN_ACME}\n`],
  ])('npmrcWithRegistry: %s', (_label, text, scopes, expected) => {
    expect(npmrcWithRegistry(text, NPM, scopes, 'CODEARTIFACT_AUTH_TOKEN_ACME')).toBe(expected)
  })

  test('userNpmrcPath: NPM_CONFIG_USERCONFIG, then npm_config_userconfig, then ~/.npmrc', () => {
    expect(userNpmrcPath({ NPM_CONFIG_USERCONFIG: '/a', npm_config_userconfig: '/b' }, '/home/u')).toBe('/a')
    expect(userNpmrcPath({ npm_config_userconfig: '/b' }, '/home/u')).toBe('/b')
    expect(userNpmrcPath({}, '/home/u')).toBe('/home/u/.npmrc')
  })

  test('a private npmrc seeded from the current one (setup-node\'s); NODE_AUTH_TOKEN is never set', async () => {
    const setupNode = path.join(temp, 'setup-node.npmrc')
    const original = '//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\n@octo:registry=https://npm.pkg.github.com/\nalways-auth=true\n'
    await fs.writeFile(setupNode, original)
    for (const nodeAuthToken of [undefined, 'XXXXX-XXXXX-XXXXX-XXXXX', 'ghp_user_token']) {
      const ctx = context({ npmScopes: ['@acme'] }, { NPM_CONFIG_USERCONFIG: setupNode, ...(nodeAuthToken ? { NODE_AUTH_TOKEN: nodeAuthToken } : {}) })
      const env = await npm.configure(ctx)
      // setup-node's npmrc sends NODE_AUTH_TOKEN to GitHub Packages: the CodeArtifact token must not be in it.
      expect(env).toEqual({ NPM_CONFIG_USERCONFIG: expect.any(String), CODEARTIFACT_AUTH_TOKEN_ACME: TOKEN })
      expect(env.NPM_CONFIG_USERCONFIG).toMatch(new RegExp(`^${path.join(temp, 'runner')}/registry-auth-[^/]+/npmrc$`))
      const written = await fs.readFile(env.NPM_CONFIG_USERCONFIG ?? '', 'utf8')
      expect(written).toContain('@octo:registry=https://npm.pkg.github.com/')
      expect(written).toContain(`@acme:registry=${NPM}`)
      expect(written).not.toContain(TOKEN)
      expect((await fs.stat(env.NPM_CONFIG_USERCONFIG ?? '')).mode & 0o777).toBe(0o600)
    }
    expect(await fs.readFile(setupNode, 'utf8')).toBe(original)
  })

  test('no user npmrc: the private one holds only the registry and the token reference', async () => {
    const env = await npm.configure(context({}, { NPM_CONFIG_USERCONFIG: path.join(temp, 'missing.npmrc') }))
    expect(await fs.readFile(env.NPM_CONFIG_USERCONFIG ?? '', 'utf8')).toBe(
      `registry=${NPM}\n//acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/:_authToken=\${CODEARTIFACT_AUTH_TOKEN_ACME}\n`)
  })

  test('a lowercase npm_config_userconfig is pointed at the private npmrc too (with both set, npm takes the first in the environment)', async () => {
    const env = await npm.configure(context({}, { npm_config_userconfig: path.join(temp, 'user.npmrc') }))
    expect(env.npm_config_userconfig).toBe(env.NPM_CONFIG_USERCONFIG)
    expect(await npm.configure(context())).not.toHaveProperty('npm_config_userconfig')
  })
})

describe('yarn', () => {
  const ENTRY = '//acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/'

  test('yarnrcWithRegistry: the token only for the CodeArtifact registry; comments and other settings kept', () => {
    const text = '# mine\nenableTelemetry: false\nnpmScopes:\n  other:\n    npmRegistryServer: "https://other/"\n'
    expect(yarnrcWithRegistry(text, NPM, ['@acme'], 'CODEARTIFACT_AUTH_TOKEN_ACME')).toBe(
      `# mine\nenableTelemetry: false\nnpmScopes:\n  other:\n    npmRegistryServer: "https://other/"\n  acme:\n    npmRegistryServer: ${NPM}\n`
      + `npmRegistries:\n  ${ENTRY}:\n    npmAuthToken: \${CODEARTIFACT_AUTH_TOKEN_ACME}\n    npmAlwaysAuth: true\n`)
    expect(yarnrcWithRegistry('', NPM, [], 'CODEARTIFACT_AUTH_TOKEN_ACME')).toBe(
      `npmRegistries:\n  ${ENTRY}:\n    npmAuthToken: \${CODEARTIFACT_AUTH_TOKEN_ACME}\n    npmAlwaysAuth: true\n`)
  })

  test('yarnrcWithRegistry: a section left empty (entries commented out, which yarn accepts) is filled in', () => {
    const text = 'npmScopes:\n#  old:\n#    npmRegistryServer: "https://old/"\nnpmRegistries: ~\nnodeLinker: pnp\n'
    expect(yarnrcWithRegistry(text, NPM, ['@acme'], 'CODEARTIFACT_AUTH_TOKEN_ACME')).toBe(
      `npmScopes:\n  #  old:\n  acme:\n    npmRegistryServer: ${NPM}\n\n#    npmRegistryServer: "https://old/"\n`
      + `npmRegistries:\n  ${ENTRY}:\n    npmAuthToken: \${CODEARTIFACT_AUTH_TOKEN_ACME}\n    npmAlwaysAuth: true\nnodeLinker: pnp\n`)
    expect(yarnrcWithRegistry(`npmRegistries:\n  "${ENTRY}":\n`, NPM, [], 'T')).toBe(`npmRegistries:\n  "${ENTRY}":\n    npmAuthToken: \${T}\n    npmAlwaysAuth: true\n`)
  })

  test('yarnrcWithRegistry: a file that is not YAML is an error naming it', () => {
    expect(() => yarnrcWithRegistry('a: [x\n', NPM, [], 'T')).toThrow(/^cannot parse \.yarnrc\.yml: /)
  })

  test('no scopes: CodeArtifact as the default registry through the environment, no top-level token; yarn classic gets the npmrc', async () => {
    const ctx = context()
    const env = await yarn.configure(ctx)
    expect(env).toEqual({ YARN_NPM_REGISTRY_SERVER: NPM, NPM_CONFIG_USERCONFIG: expect.any(String), CODEARTIFACT_AUTH_TOKEN_ACME: TOKEN })
    expect(await fs.readFile(env.NPM_CONFIG_USERCONFIG ?? '', 'utf8')).toContain(`registry=${NPM}`)
    expect(ctx.workspace.undo.records.filter((record) => record.kind === 'file')).toEqual([expect.objectContaining({ path: path.join(ctx.home, '.yarnrc.yml'), backup: null })])
  })

  test('scopes: ~/.yarnrc.yml changed after a backup, the record (with the digest of what was written) first', async () => {
    const ctx = context({ npmScopes: ['@acme'] })
    await fs.mkdir(ctx.home)
    await fs.writeFile(path.join(ctx.home, '.yarnrc.yml'), 'enableTelemetry: false\n')
    expect(await yarn.configure(ctx)).toEqual({ NPM_CONFIG_USERCONFIG: expect.any(String), CODEARTIFACT_AUTH_TOKEN_ACME: TOKEN })
    const restore = ctx.workspace.undo.records.find((record) => record.kind === 'file') as { backup: string; path: string; written: string; entries: unknown }
    expect(restore.path).toBe(path.join(ctx.home, '.yarnrc.yml'))
    expect(restore.entries).toEqual({ format: 'yaml', keys: [['npmRegistries', '//acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/'], ['npmScopes', 'acme']] })
    expect(await fs.readFile(restore.backup, 'utf8')).toBe('enableTelemetry: false\n')
    const written = await fs.readFile(restore.path, 'utf8')
    expect(written).toContain('npmAuthToken: ${CODEARTIFACT_AUTH_TOKEN_ACME}')
    expect(written).not.toContain(TOKEN)
    expect(restore.written).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('Python clients', () => {
  test('simpleIndexUrl percent-encodes the token', () => {
    expect(simpleIndexUrl(PYPI, TOKEN)).toBe(`https://aws:${ENCODED}@acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/pypi/shared/simple/`)
    expect(simpleIndexUrl(PYPI)).toBe(`${PYPI}simple/`)
  })

  test('pip index and extra modes', async () => {
    const url = simpleIndexUrl(PYPI, TOKEN)
    expect(await pip.configure(pypi())).toEqual({ PIP_INDEX_URL: url })
    expect(await pip.configure(pypi({ pipIndex: 'extra' }))).toEqual({ PIP_EXTRA_INDEX_URL: url })
    expect(await pip.configure(pypi({ pipIndex: 'extra' }, { PIP_EXTRA_INDEX_URL: 'https://mirror/simple/' }))).toEqual({
      PIP_EXTRA_INDEX_URL: `https://mirror/simple/ ${url}`,
    })
  })

  test('an existing extra index list is trimmed before ours is added', async () => {
    expect(await pip.configure(pypi({ pipIndex: 'extra' }, { PIP_EXTRA_INDEX_URL: '  https://mirror/simple/ \n' }))).toEqual({
      PIP_EXTRA_INDEX_URL: `https://mirror/simple/ ${simpleIndexUrl(PYPI, TOKEN)}`,
    })
    expect((await uv.configure(pypi({ pipIndex: 'extra' }, { UV_INDEX: ' internal=https://internal/simple/ ' }))).UV_INDEX).toBe(
      `internal=https://internal/simple/ codeartifact=${PYPI}simple/`)
    expect((await uv.configure(pypi({ pipIndex: 'extra' }, { UV_INDEX: '  ' }))).UV_INDEX).toBe(`codeartifact=${PYPI}simple/`)
  })

  test('uv default index, named extra index; nothing for uv publish (its credentials would go to any URL a command names)', async () => {
    expect(await uv.configure(pypi())).toEqual({ UV_DEFAULT_INDEX: simpleIndexUrl(PYPI, TOKEN) })
    expect(await uv.configure(pypi({ pipIndex: 'extra' }, { UV_INDEX: 'internal=https://internal/simple/' }))).toEqual({
      UV_INDEX: `internal=https://internal/simple/ codeartifact=${PYPI}simple/`,
      UV_INDEX_CODEARTIFACT_USERNAME: 'aws',
      UV_INDEX_CODEARTIFACT_PASSWORD: TOKEN,
    })
  })

  test('poetry and twine', async () => {
    expect(await poetry.configure(pypi())).toEqual({
      POETRY_REPOSITORIES_CODEARTIFACT_URL: PYPI,
      POETRY_HTTP_BASIC_CODEARTIFACT_USERNAME: 'aws',
      POETRY_HTTP_BASIC_CODEARTIFACT_PASSWORD: TOKEN,
    })
    expect(await twine.configure(pypi())).toEqual({ TWINE_REPOSITORY_URL: PYPI, TWINE_USERNAME: 'aws', TWINE_PASSWORD: TOKEN })
  })

  test('registry-name names the uv index and the poetry repository', async () => {
    expect(await uv.configure(pypi({ pipIndex: 'extra', registryName: 'corp-py' }))).toMatchObject({
      UV_INDEX: `corp-py=${PYPI}simple/`, UV_INDEX_CORP_PY_USERNAME: 'aws', UV_INDEX_CORP_PY_PASSWORD: TOKEN,
    })
    expect(await poetry.configure(pypi({ registryName: 'corp-py' }))).toEqual({
      POETRY_REPOSITORIES_CORP_PY_URL: PYPI, POETRY_HTTP_BASIC_CORP_PY_USERNAME: 'aws', POETRY_HTTP_BASIC_CORP_PY_PASSWORD: TOKEN,
    })
  })
})
