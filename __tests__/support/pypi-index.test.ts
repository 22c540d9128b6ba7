import { spawn } from 'node:child_process'
import { requireCommand } from '../../test-support/require-command.js'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildWheel, credentialUrl, makeWheel, startPypiIndex } from '../../test-support/pypi-index/index.js'
import { crc32 } from '../../test-support/pypi-index/zip.js'

// Shaped like a CodeArtifact token: it needs percent-encoding in a URL (`+`, `/`, `=`), and has dots.
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Zm9v+YmFy/YmF6==.c2ln'
// Debian's interpreter: twine and poetry run on it too, and nothing about it needs a network.
const PYTHON = '/usr/bin/python3'
const SLOW = 60000

let index: Awaited<ReturnType<typeof startPypiIndex>>
let scratch: string

beforeAll(async () => {
  index = await startPypiIndex({ token: TOKEN, packages: [{ name: 'acme-hello', version: '1.0.0' }] })
  scratch = mkdtempSync(join(tmpdir(), 'pypi-index-test-'))
})
afterAll(async () => {
  await index?.stop()
  rmSync(scratch, { recursive: true, force: true })
})

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')
/** Requests the index saw while `action` ran. */
async function seen<T>(action: () => T | Promise<T>) {
  const from = index.requests.length
  const result = await action()
  return { result, requests: index.requests.slice(from) }
}

/**
 * An environment built from nothing: no PIP_FIND_LINKS or other PIP_* from this machine, no pip.conf
 * (PIP_CONFIG_FILE=/dev/null makes pip skip every config file), a temp HOME/XDG tree, no keyring.
 */
function isolatedEnv(name: string, extra: Record<string, string> = {}): Record<string, string> {
  const home = join(scratch, name, 'home')
  mkdirSync(home, { recursive: true })
  return {
    PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', NO_COLOR: '1', HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CONFIG_DIRS: join(home, 'xdg'),
    PIP_CONFIG_FILE: '/dev/null', PIP_NO_CACHE_DIR: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1',
    PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring',
    ...extra,
  }
}

/** Runs a client asynchronously: the index answers from this very process, so nothing may block it. */
function run(command: string, args: string[], env: Record<string, string>, cwd?: string): Promise<{ status: number | null, output: string }> {
  const packages: Record<string, string> = { twine: 'twine', poetry: 'python3-poetry' }
  if (packages[command]) requireCommand(command, packages[command])
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 45000 })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.once('error', reject)
    child.once('close', (status) => resolve({ status, output }))
  })
}

const pipDownload = (env: Record<string, string>, dir: string, requirement: string, ...flags: string[]) =>
  run(PYTHON, ['-m', 'pip', 'download', requirement, '--no-deps', '-d', dir, ...flags], env)

describe('the index server', () => {
  test('answers 401 with a Basic challenge without or with wrong credentials, and records it', async () => {
    const { result, requests } = await seen(async () => [
      await fetch(index.simpleUrl),
      await fetch(index.simpleUrl, { headers: { authorization: basic('aws', 'wrong') } }),
      await fetch(index.simpleUrl, { headers: { authorization: basic('AWS', TOKEN) } }),
    ])
    expect(index.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pypi\/shared\/$/)
    expect(index.simpleUrl).toBe(`${index.url}simple/`)
    for (const response of result) {
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="shared"')
    }
    expect(requests.map((r) => [r.user, r.authorized, r.status])).toEqual([[null, false, 401], ['aws', false, 401], ['AWS', false, 401]])
  })

  test('serves a PEP 503 index whose links carry the sha256 of the files behind them', async () => {
    const headers = { authorization: basic('aws', TOKEN) }
    const root = await (await fetch(index.simpleUrl, { headers })).text()
    expect(root).toContain('<a href="acme-hello/">acme-hello</a>')
    const page = await fetch(`${index.simpleUrl}acme-hello/`, { headers })
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const href = /href="([^"]+)"/.exec(await page.text())?.[1] ?? ''
    expect(href).toMatch(/^1\.0\.0\/acme_hello-1\.0\.0-py3-none-any\.whl#sha256=[0-9a-f]{64}$/)
    const file = Buffer.from(await (await fetch(new URL(href, page.url), { headers })).arrayBuffer())
    expect(`#sha256=${sha256(file)}`).toBe(href.slice(href.indexOf('#')))

    const odd = await fetch(`${index.simpleUrl}Acme_Hello/`, { headers, redirect: 'manual' })
    expect([odd.status, odd.headers.get('location')]).toEqual([301, '/pypi/shared/simple/acme-hello/'])
    expect((await fetch(`${index.simpleUrl}nothing-here/`, { headers })).status).toBe(404)
  })

  test('takes legacy-API uploads: stores and lists them, refuses duplicates, bad digests and wrong tokens', async () => {
    const { filename, data } = buildWheel('acme-form', '0.1.0')
    const form = (digest = sha256(data)) => {
      const body = new FormData()
      for (const [key, value] of Object.entries({ ':action': 'file_upload', protocol_version: '1', name: 'acme-form', version: '0.1.0', filetype: 'bdist_wheel', sha256_digest: digest })) body.append(key, value)
      body.append('content', new Blob([data]), filename)
      return body
    }
    const post = (body: FormData, token = TOKEN) => fetch(index.url, { method: 'POST', body, headers: { authorization: basic('aws', token) } })
    expect((await post(form(), 'wrong')).status).toBe(401)
    expect((await post(form('0'.repeat(64)))).status).toBe(400)
    expect(index.files('acme-form')).toEqual([])
    expect((await post(form())).status).toBe(200)
    expect((await post(form())).status).toBe(409)
    expect(index.files('ACME.form').map((f) => f.filename)).toEqual([filename])
    expect(index.uploads.at(-1)).toMatchObject({ name: 'acme-form', version: '0.1.0', filename, sha256: sha256(data), user: 'aws' })
  })

  test('builds real wheels: a valid zip with a correct RECORD', async () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926')
    const path = makeWheel(join(scratch, 'wheels'), 'Acme.Zip', '2.0')
    expect(path.endsWith('acme_zip-2.0-py3-none-any.whl')).toBe(true)
    const check = `
import base64, hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
for line in z.read('acme_zip-2.0.dist-info/RECORD').decode().splitlines():
    name, digest, size = line.split(',')
    if digest:
        data = z.read(name)
        assert digest == 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode(), name
        assert int(size) == len(data), name
print(sorted(z.namelist()))`
    const result = await run(PYTHON, ['-c', check, path], isolatedEnv('wheel'))
    expect(result).toEqual({ status: 0, output: expect.stringContaining("'acme_zip/__init__.py'") })
  })
})

describe('pip (Debian /usr/bin/python3 -m pip)', () => {
  test('the isolated environment sees none of this machine\'s pip configuration', async () => {
    const result = await run(PYTHON, ['-m', 'pip', 'config', 'debug'], isolatedEnv('pip-config'))
    expect(result.status).toBe(0)
    // Without isolation this lists find-links /opt/wheels, extra-index-url file:///opt/pypi/simple and a
    // constraint file from ~/.config/pip/pip.conf, /etc/pip.conf and /etc/xdg/pip/pip.conf.
    expect(result.output).toContain("PIP_CONFIG_FILE='/dev/null'")
    expect(result.output).not.toMatch(/^\s+(global|install|download)\.[\w-]+: /m)
    expect(result.output).not.toContain('/opt/')
  })

  test('downloads from the index with PIP_INDEX_URL, fails with a wrong token or an unencoded one', async () => {
    const dir = join(scratch, 'pip-index', 'downloads')
    const ok = await seen(() => pipDownload(isolatedEnv('pip-index', { PIP_INDEX_URL: credentialUrl(index.simpleUrl, TOKEN) }), dir, 'acme-hello==1.0.0'))
    expect(ok.result.status).toBe(0)
    expect(ok.result.output).toContain('Saved ')
    expect(ok.result.output).not.toContain(encodeURIComponent(TOKEN))
    const file = readFileSync(join(dir, 'acme_hello-1.0.0-py3-none-any.whl'))
    expect(sha256(file)).toBe(index.files('acme-hello')[0]?.sha256)
    expect(ok.requests.map((r) => [r.path, r.user, r.status])).toEqual([
      ['/pypi/shared/simple/acme-hello/', 'aws', 200],
      ['/pypi/shared/simple/acme-hello/1.0.0/acme_hello-1.0.0-py3-none-any.whl', 'aws', 200],
    ])

    const wrongEnv = isolatedEnv('pip-index', { PIP_INDEX_URL: credentialUrl(index.simpleUrl, 'wrong+token') })
    const wrong = await seen(() => pipDownload(wrongEnv, join(scratch, 'pip-index', 'wrong'), 'acme-hello==1.0.0', '-vv'))
    expect(wrong.result.status).toBe(1)
    expect(wrong.result.output).toContain('401 Client Error: Unauthorized for url')
    expect(wrong.result.output).toContain('ERROR: No matching distribution found for acme-hello==1.0.0')
    expect(wrong.requests.map((r) => [r.user, r.authorized, r.status])).toEqual([['aws', false, 401]])

    const raw = index.simpleUrl.replace('//', `//aws:${TOKEN}@`)
    const unencoded = await pipDownload(isolatedEnv('pip-index', { PIP_INDEX_URL: raw }), join(scratch, 'pip-index', 'raw'), 'acme-hello==1.0.0')
    expect(unencoded.status).not.toBe(0)
    expect(unencoded.output).toContain('Port could not be cast to integer value')
  }, SLOW)

  test('finds the package through PIP_EXTRA_INDEX_URL next to an empty primary index', async () => {
    const empty = join(scratch, 'empty-index')
    mkdirSync(empty, { recursive: true })
    const extra = (token: string) => isolatedEnv('pip-extra', { PIP_INDEX_URL: pathToFileURL(`${empty}/`).href, PIP_EXTRA_INDEX_URL: credentialUrl(index.simpleUrl, token) })
    const dir = join(scratch, 'pip-extra', 'downloads')
    const ok = await pipDownload(extra(TOKEN), dir, 'acme-hello==1.0.0')
    expect(ok.status).toBe(0)
    expect(ok.output).toContain(`Looking in indexes: ${pathToFileURL(`${empty}/`).href}, http://aws:****@127.0.0.1:${index.port}/pypi/shared/simple/`)
    expect(readdirSync(dir)).toEqual(['acme_hello-1.0.0-py3-none-any.whl'])

    const wrong = await pipDownload(extra('wrong'), join(scratch, 'pip-extra', 'wrong'), 'acme-hello==1.0.0')
    expect(wrong.status).toBe(1)
    expect(wrong.output).toContain('No matching distribution found for acme-hello==1.0.0')
  }, SLOW)
})

describe('twine (Debian twine 4.0)', () => {
  test('uploads with TWINE_REPOSITORY_URL/USERNAME/PASSWORD, fails with a wrong token', async () => {
    const wheel = makeWheel(join(scratch, 'twine', 'dist'), 'acme-twine', '0.2.0')
    const env = (password: string) => isolatedEnv('twine', {
      TWINE_REPOSITORY_URL: index.url, TWINE_USERNAME: 'aws', TWINE_PASSWORD: password, TWINE_NON_INTERACTIVE: '1',
    })
    const upload = (password: string) => run('twine', ['upload', '--non-interactive', '--disable-progress-bar', wheel], env(password))

    const wrong = await seen(() => upload('wrong'))
    expect(wrong.result.status).toBe(1)
    expect(wrong.result.output).toContain(`HTTPError: 401 Unauthorized from ${index.url}`)
    expect(wrong.requests.map((r) => [r.method, r.path, r.user, r.status])).toEqual([['POST', '/pypi/shared/', 'aws', 401]])
    expect(index.files('acme-twine')).toEqual([])

    const ok = await seen(() => upload(TOKEN))
    expect(ok.result.status).toBe(0)
    expect(ok.requests.map((r) => [r.method, r.path, r.user, r.status])).toEqual([['POST', '/pypi/shared/', 'aws', 200]])
    expect(index.uploads.at(-1)).toMatchObject({ name: 'acme-twine', version: '0.2.0', filename: 'acme_twine-0.2.0-py3-none-any.whl', user: 'aws' })
    expect(index.uploads.at(-1)?.fields).toMatchObject({ ':action': 'file_upload', filetype: 'bdist_wheel' })

    const back = await pipDownload(isolatedEnv('twine', { PIP_INDEX_URL: credentialUrl(index.simpleUrl, TOKEN) }), join(scratch, 'twine', 'downloads'), 'acme-twine==0.2.0')
    expect(back.status).toBe(0)
    expect(readFileSync(join(scratch, 'twine', 'downloads', 'acme_twine-0.2.0-py3-none-any.whl'))).toEqual(readFileSync(wheel))
  }, SLOW)
})

describe('poetry (Debian python3-poetry 1.3)', () => {
  const pyproject = (name: string, body: string) =>
    `[tool.poetry]\nname = "${name}"\nversion = "0.1.0"\ndescription = ""\nauthors = ["Test <test@example.com>"]\n\n` +
    `[tool.poetry.dependencies]\npython = "^3.9"\n${body}\n` +
    '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
  const project = (name: string, text: string) => {
    const dir = join(scratch, name, 'project')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'pyproject.toml'), text)
    return dir
  }
  const poetryEnv = (name: string, extra: Record<string, string>) => isolatedEnv(name, {
    POETRY_CACHE_DIR: join(scratch, name, 'poetry-cache'), POETRY_VIRTUALENVS_IN_PROJECT: 'true', ...extra,
  })
  const poetry = (args: string[], env: Record<string, string>, cwd: string) => run('poetry', [...args, '--no-interaction'], env, cwd)

  test('locks and installs from a pyproject source with credentials from POETRY_HTTP_BASIC_<SOURCE>_*', async () => {
    const source = `[[tool.poetry.source]]\nname = "codeartifact"\nurl = "${index.simpleUrl}"\ndefault = true\n`
    const dir = project('poetry-install', pyproject('consumer', `acme-hello = "1.0.0"\n\n${source}`))
    const env = (password: string) => poetryEnv('poetry-install', {
      POETRY_HTTP_BASIC_CODEARTIFACT_USERNAME: 'aws', POETRY_HTTP_BASIC_CODEARTIFACT_PASSWORD: password,
    })

    const wrong = await poetry(['lock'], env('wrong'), dir)
    expect(wrong.status).toBe(1)
    // Poetry 1.3 leaks a style tag here: `<c1>Source (codeartifact):</c1> Authorization error accessing …`.
    expect(wrong.output).toMatch(/Source \(codeartifact\):(<\/c1>)? Authorization error accessing /)
    expect(wrong.output).toContain(`Authorization error accessing ${index.simpleUrl}acme-hello/`)
    expect(wrong.output).toContain("Because consumer depends on acme-hello (1.0.0) which doesn't match any versions, version solving failed.")

    const lock = await poetry(['lock'], env(TOKEN), dir)
    expect(lock).toEqual({ status: 0, output: expect.stringContaining('Writing lock file') })
    const lockFile = readFileSync(join(dir, 'poetry.lock'), 'utf8')
    expect(lockFile).toContain(`hash = "sha256:${index.files('acme-hello')[0]?.sha256}"`)
    expect(lockFile).toContain('reference = "codeartifact"')

    const install = await poetry(['install', '--no-root'], env(TOKEN), dir)
    expect(install).toEqual({ status: 0, output: expect.stringContaining('Installing acme-hello (1.0.0)') })
    const imported = await run(join(dir, '.venv', 'bin', 'python'), ['-c', 'import acme_hello; print(acme_hello.hello())'], env(TOKEN))
    expect(imported).toEqual({ status: 0, output: 'hello from acme-hello 1.0.0\n' })
  }, SLOW)

  test('cannot take a package source from the environment alone; 1.3 rejects `priority`', async () => {
    const dir = project('poetry-env-only', pyproject('consumer', 'acme-hello = "1.0.0"\n'))
    const env = poetryEnv('poetry-env-only', {
      POETRY_REPOSITORIES_CODEARTIFACT_URL: index.simpleUrl,
      POETRY_HTTP_BASIC_CODEARTIFACT_USERNAME: 'aws', POETRY_HTTP_BASIC_CODEARTIFACT_PASSWORD: TOKEN,
    })
    expect(await poetry(['source', 'show'], env, dir)).toEqual({ status: 0, output: 'No sources configured for this project.\n' })

    const priority = project('poetry-priority', pyproject('consumer', `\n[[tool.poetry.source]]\nname = "codeartifact"\nurl = "${index.simpleUrl}"\npriority = "primary"\n`))
    const rejected = await poetry(['lock'], env, priority)
    expect(rejected.status).toBe(1)
    expect(rejected.output).toContain("[source.0] Additional properties are not allowed ('priority' was unexpected)")
  }, SLOW)

  test('publishes with POETRY_REPOSITORIES_<NAME>_URL and POETRY_HTTP_BASIC_<NAME>_* only, fails with a wrong token', async () => {
    const dir = project('poetry-publish', pyproject('acme-pub', '').replace('[tool.poetry.dependencies]', 'packages = [{ include = "acme_pub" }]\n\n[tool.poetry.dependencies]'))
    mkdirSync(join(dir, 'acme_pub'))
    writeFileSync(join(dir, 'acme_pub', '__init__.py'), '__version__ = "0.1.0"\n')
    const env = (password: string) => poetryEnv('poetry-publish', {
      POETRY_REPOSITORIES_CODEARTIFACT_URL: index.url,
      POETRY_HTTP_BASIC_CODEARTIFACT_USERNAME: 'aws', POETRY_HTTP_BASIC_CODEARTIFACT_PASSWORD: password,
    })
    expect((await poetry(['build'], env(TOKEN), dir)).status).toBe(0)
    expect(readdirSync(join(dir, 'dist')).sort()).toEqual(['acme_pub-0.1.0-py3-none-any.whl', 'acme_pub-0.1.0.tar.gz'])

    const wrong = await seen(() => poetry(['publish', '-r', 'codeartifact'], env('wrong'), dir))
    expect(wrong.result.status).toBe(1)
    expect(wrong.result.output).toContain('HTTP Error 401: Unauthorized')
    expect(wrong.requests.map((r) => [r.method, r.path, r.user, r.status])).toEqual([['POST', '/pypi/shared/', 'aws', 401]])

    const ok = await seen(() => poetry(['publish', '-r', 'codeartifact'], env(TOKEN), dir))
    expect(ok.result.status).toBe(0)
    expect(ok.result.output).toContain('Publishing acme-pub (0.1.0) to codeartifact')
    expect(ok.requests.map((r) => [r.method, r.path, r.user, r.status])).toEqual([
      ['POST', '/pypi/shared/', 'aws', 200], ['POST', '/pypi/shared/', 'aws', 200],
    ])
    expect(index.files('acme-pub').map((f) => f.filename).sort()).toEqual(['acme_pub-0.1.0-py3-none-any.whl', 'acme_pub-0.1.0.tar.gz'])
    expect(existsSync(join(scratch, 'poetry-publish', 'home', '.config', 'pypoetry'))).toBe(false)
  }, SLOW)
})
