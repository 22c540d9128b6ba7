import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { parse } from 'yaml'
import type { ClientSettings } from '../../src/clients/context.js'

const warning = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn(), warning }))
const { bundler, bundlerHostVariable, bundlerKey, RUBYGEMS_MIRROR_VARIABLE } = await import('../../src/clients/bundler.js')
const { gem, credentialSource, gemCredentialFiles, gemrcWithSource, pushHost, userGemrcFiles } = await import('../../src/clients/gem.js')
const { UndoLog } = await import('../../src/undo.js')
const { Workspace } = await import('../../src/workspace.js')
const { Deadline } = await import('../../src/deadline.js')

const RUBY = 'https://my-domain-123456789012.d.codeartifact.us-west-2.amazonaws.com/ruby/shared/'
const HOST = 'https://my-domain-123456789012.d.codeartifact.us-west-2.amazonaws.com/ruby/shared'
const TOKEN = 'eyJ2ZXIiOjF9.a+b/c=d'
const ENCODED = 'eyJ2ZXIiOjF9.a%2Bb%2Fc%3Dd'
const SOURCE = `https://aws:${ENCODED}@my-domain-123456789012.d.codeartifact.us-west-2.amazonaws.com/ruby/shared/`

let temp: string
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'ruby-clients-'))
  warning.mockClear()
})
afterEach(() => fs.rm(temp, { recursive: true, force: true }))

function context(settings: Partial<ClientSettings> = {}, env: Record<string, string> = {}) {
  const undo = new UndoLog(true)
  return {
    token: TOKEN,
    tokenVariable: 'CODEARTIFACT_AUTH_TOKEN_MY_DOMAIN',
    endpoint: RUBY,
    settings: { npmScopes: [], pipIndex: 'index' as const, registryName: 'codeartifact', publicRegistry: 'keep' as const, ...settings },
    workspace: new Workspace(undo, path.join(temp, 'runner')),
    env,
    home: path.join(temp, 'home'),
    deadline: new Deadline(600),
    undo,
  }
}

describe('bundler', () => {
  test('bundler\'s key rules: . → __, - → ___, upper case; the host without its port', () => {
    expect(bundlerHostVariable(RUBY)).toBe('BUNDLE_MY___DOMAIN___123456789012__D__CODEARTIFACT__US___WEST___2__AMAZONAWS__COM')
    expect(bundlerHostVariable('http://127.0.0.1:8080/ruby/shared/')).toBe('BUNDLE_127__0__0__1')
    expect(bundlerKey('mirror.https://rubygems.org/')).toBe('BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/')
    expect(RUBYGEMS_MIRROR_VARIABLE).toBe('BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/')
  })

  test('keep: only the host\'s credentials, aws:<percent-encoded token>; replace: the rubygems.org mirror too', async () => {
    const variable = 'BUNDLE_MY___DOMAIN___123456789012__D__CODEARTIFACT__US___WEST___2__AMAZONAWS__COM'
    expect(await bundler.configure(context())).toEqual({ [variable]: `aws:${ENCODED}` })
    expect(await bundler.configure(context({ publicRegistry: 'replace' }))).toEqual({ [variable]: `aws:${ENCODED}`, 'BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/': RUBY })
  })
})

describe('gem', () => {
  test('the source URL with the credentials percent-encoded; the push host without trailing slash', () => {
    expect(credentialSource(RUBY, TOKEN)).toBe(SOURCE)
    expect(pushHost(RUBY)).toBe(HOST)
  })

  test('the user\'s gemrc files: the GEMRC list, else ~/.gemrc, else $XDG_CONFIG_HOME/gem/gemrc; on Windows too', async () => {
    const home = path.join(temp, 'home')
    expect(userGemrcFiles({ GEMRC: '/a/gemrc:/b/gemrc' }, home, 'linux')).toEqual(['/a/gemrc', '/b/gemrc'])
    expect(userGemrcFiles({ GEMRC: 'C:\\a\\gemrc;D:\\b\\gemrc' }, 'C:\\Users\\u', 'win32')).toEqual(['C:\\a\\gemrc', 'D:\\b\\gemrc'])
    expect(userGemrcFiles({}, home, 'linux')).toEqual([path.join(home, '.config', 'gem', 'gemrc')])
    expect(userGemrcFiles({ XDG_CONFIG_HOME: '/xdg' }, home, 'linux')).toEqual(['/xdg/gem/gemrc'])
    await fs.mkdir(home)
    await fs.writeFile(path.join(home, '.gemrc'), '')
    expect(userGemrcFiles({ XDG_CONFIG_HOME: '/xdg' }, home, 'linux')).toEqual([path.join(home, '.gemrc')])
    expect(userGemrcFiles({}, 'C:\\Users\\u', 'win32')).toEqual(['C:\\Users\\u\\.config\\gem\\gemrc'])
  })

  test('the credentials files gem prefers: ~/.gem/credentials, then $XDG_DATA_HOME/gem/credentials', () => {
    expect(gemCredentialFiles({}, '/home/u', 'linux')).toEqual(['/home/u/.gem/credentials', '/home/u/.local/share/gem/credentials'])
    expect(gemCredentialFiles({ XDG_DATA_HOME: '/data' }, '/home/u', 'linux')).toEqual(['/home/u/.gem/credentials', '/data/gem/credentials'])
    expect(gemCredentialFiles({}, 'C:\\Users\\u', 'win32')).toEqual(['C:\\Users\\u\\.gem\\credentials', 'C:\\Users\\u\\.local\\share\\gem\\credentials'])
  })

  test('no gemrc: rubygems.org (gem\'s default) stays beside the endpoint; the push key for the endpoint', () => {
    expect(gemrcWithSource([], RUBY, TOKEN, 'keep')).toBe(`:sources:\n  - https://rubygems.org/\n  - ${SOURCE}\n${HOST}: Bearer ${TOKEN}\n`)
    expect(gemrcWithSource([], RUBY, TOKEN, 'replace')).toBe(`:sources:\n  - ${SOURCE}\n${HOST}: Bearer ${TOKEN}\n`)
  })

  test('the user\'s settings, symbols and comments kept; their sources kept (rubygems.org out with replace); an old entry for the endpoint dropped', () => {
    const user = `---\n# mine\n:backtrace: true\ngem: --no-document\n:sources:\n- https://rubygems.org/\n- https://gems.internal.example/\n- ${RUBY}\n`
    const keep = gemrcWithSource([user], RUBY, TOKEN, 'keep')
    expect(keep).toBe(`---\n# mine\n:backtrace: true\ngem: --no-document\n:sources:\n  - https://rubygems.org/\n  - https://gems.internal.example/\n  - ${SOURCE}\n${HOST}: Bearer ${TOKEN}\n`)
    const replace = parse(gemrcWithSource([user], RUBY, TOKEN, 'replace')) as Record<string, unknown>
    expect(replace[':sources']).toEqual(['https://gems.internal.example/', SOURCE])
  })

  test('several GEMRC files merge as gem merges them: later files win key by key', () => {
    const merged = parse(gemrcWithSource([':backtrace: true\ngem: --no-document\n', 'gem: --user-install\n:verbose: false\n'], RUBY, TOKEN, 'keep'))
    expect(merged).toEqual({ ':backtrace': true, gem: '--user-install', ':verbose': false, ':sources': ['https://rubygems.org/', SOURCE], [HOST]: `Bearer ${TOKEN}` })
  })

  test('a gemrc that is not a YAML mapping is ignored with a warning, as gem ignores it', () => {
    const warn = jest.fn()
    expect(parse(gemrcWithSource(['- a list\n'], RUBY, TOKEN, 'replace', warn))).toEqual({ ':sources': [SOURCE], [HOST]: `Bearer ${TOKEN}` })
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not a YAML mapping'))
  })

  test('a long source URL is never folded onto a second line', () => {
    const long = `https://my-domain-123456789012.d.codeartifact.us-west-2.amazonaws.com/ruby/${'r'.repeat(90)}/`
    const text = gemrcWithSource([], long, `${TOKEN}${'x'.repeat(200)}`, 'replace')
    expect(text.split('\n')[1]).toBe(`  - ${credentialSource(long, `${TOKEN}${'x'.repeat(200)}`)}`)
  })

  test('configure: a private gemrc (0600) from the user\'s ~/.gemrc, exported as GEMRC; the user\'s file untouched', async () => {
    const ctx = context()
    await fs.mkdir(ctx.home)
    await fs.writeFile(path.join(ctx.home, '.gemrc'), 'gem: --no-document\n')
    const env = await gem.configure(ctx)
    expect(Object.keys(env)).toEqual(['GEMRC'])
    expect(env.GEMRC).toMatch(new RegExp(`^${path.join(temp, 'runner')}/registry-auth-[^/]+/gemrc$`))
    expect((await fs.stat(env.GEMRC as string)).mode & 0o777).toBe(0o600)
    expect(parse(await fs.readFile(env.GEMRC as string, 'utf8'))).toEqual({ gem: '--no-document', ':sources': ['https://rubygems.org/', SOURCE], [HOST]: `Bearer ${TOKEN}` })
    expect(await fs.readFile(path.join(ctx.home, '.gemrc'), 'utf8')).toBe('gem: --no-document\n')
    expect(warning).not.toHaveBeenCalled()
  })

  test('configure: a ~/.gem/credentials file hides gemrc push keys from gem: a warning with the one-command way to push', async () => {
    const ctx = context()
    await fs.mkdir(path.join(ctx.home, '.gem'), { recursive: true })
    await fs.writeFile(path.join(ctx.home, '.gem', 'credentials'), ':rubygems_api_key: rubygems_abc\n', { mode: 0o600 })
    await gem.configure(ctx)
    expect(warning).toHaveBeenCalledWith(expect.stringContaining(`gem push takes API keys only from ${path.join(ctx.home, '.gem', 'credentials')} while it exists`))
    expect(warning).toHaveBeenCalledWith(expect.stringContaining(`GEM_HOST_API_KEY="Bearer $CODEARTIFACT_AUTH_TOKEN" gem push --host ${HOST} <gem>`))
    expect(await fs.readFile(path.join(ctx.home, '.gem', 'credentials'), 'utf8')).toBe(':rubygems_api_key: rubygems_abc\n')
  })
})
