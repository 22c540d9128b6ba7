/**
 * CodeArtifact for pip, twine and poetry through dist/: a later step downloads from and uploads to a
 * local PEP 503 index that checks Basic auth `aws:<token>`, using only what the action exported. The
 * token needs percent-encoding in URLs (`+`, `/`, `=`), as real ones may.
 */
import { requireCommand } from '../test-support/require-command.js'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { startEmulator } from '../test-support/emulator/index.js'
import { makeWheel, startPypiIndex } from '../test-support/pypi-index/index.js'
import { makeSandbox, type Emulator, type Sandbox } from './fixture.js'
import { runClient, stepEnv } from './clients.js'

const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.Zm9v+YmFy/YmF6==.c2ln'
const PYTHON = ['/usr/bin/python3']
let emu: Emulator
let index: Awaited<ReturnType<typeof startPypiIndex>>
let sandbox: Sandbox

beforeAll(async () => {
  index = await startPypiIndex({ token: TOKEN, packages: [{ name: 'acme-hello', version: '1.0.0' }] })
  emu = await startEmulator({
    token: () => TOKEN,
    repositoryEndpoint: ({ format }: { format: string }) => (format === 'pypi' ? index.url : `https://unused.example/${format}/`),
  })
})
afterAll(async () => {
  await Promise.all([emu?.stop(), index?.stop()])
})
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu)
})
afterEach(() => sandbox.cleanup())

const CA = { domain: 'acme', repository: 'shared' }

/** What a later step needs besides the action's exports: no pip.conf of this machine, no keyring, temp caches. */
function pythonEnv(later: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const home = sandbox.home
  return stepEnv(later, {
    PATH: '/usr/bin:/bin',
    XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache'), XDG_CONFIG_DIRS: path.join(home, 'xdg'),
    PIP_CONFIG_FILE: '/dev/null', PIP_NO_CACHE_DIR: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1',
    PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring',
    POETRY_CACHE_DIR: path.join(sandbox.dir, 'poetry-cache'), POETRY_VIRTUALENVS_IN_PROJECT: 'true',
    ...extra,
  })
}

const download = (env: Record<string, string>, dir: string) =>
  runClient(PYTHON, ['-m', 'pip', 'download', 'acme-hello==1.0.0', '--no-deps', '-d', dir], env, sandbox.dir)

test('pip (index mode): a later step downloads from CodeArtifact; without the action it cannot', async () => {
  const into = path.join(sandbox.dir, 'downloads')
  let run: Awaited<ReturnType<typeof runClient>> | undefined
  const result = await sandbox.run({
    with: { ...CA, tools: 'pip' },
    beforePost: async (_main, later) => {
      run = await download(pythonEnv(later.env), into)
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(result.main.env.PIP_INDEX_URL).toBe(`http://aws:${encodeURIComponent(TOKEN)}@127.0.0.1:${index.port}/pypi/shared/simple/`)
  expect(run?.status).toBe(0)
  expect(fs.readdirSync(into)).toEqual(['acme_hello-1.0.0-py3-none-any.whl'])
  expect(run?.output).not.toContain(encodeURIComponent(TOKEN))
  expect(result.leaks).toEqual([])

  const without = await download(pythonEnv(stepEnv(sandbox.env), { PIP_INDEX_URL: `${index.simpleUrl}` }), path.join(sandbox.dir, 'none'))
  expect(without.status).not.toBe(0)
})

test('pip (extra mode): CodeArtifact is added beside the existing index', async () => {
  const empty = path.join(sandbox.dir, 'empty-index')
  fs.mkdirSync(empty)
  const existing = `${pathToFileURL(empty).href}/`
  let run: Awaited<ReturnType<typeof runClient>> | undefined
  const result = await sandbox.run({
    with: { ...CA, tools: 'pip', 'pip-index': 'extra' },
    env: { PIP_INDEX_URL: existing },
    beforePost: async (_main, later) => {
      run = await download(pythonEnv(later.env), path.join(sandbox.dir, 'downloads'))
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(result.main.env).not.toHaveProperty('PIP_INDEX_URL')
  expect(result.main.env.PIP_EXTRA_INDEX_URL).toContain('/pypi/shared/simple/')
  expect(run?.status).toBe(0)
  expect(run?.output).toContain(`Looking in indexes: ${existing}`)
  expect(result.leaks).toEqual([])
})

test('twine: a later step uploads with only TWINE_* from the action', async () => {
  const wheel = makeWheel(sandbox.dir, 'acme-twine', '2.0.0')
  let run: Awaited<ReturnType<typeof runClient>> | undefined
  const result = await sandbox.run({
    with: { ...CA, tools: 'twine' },
    beforePost: async (_main, later) => {
      run = await runClient([requireCommand('/usr/bin/twine', 'twine')], ['upload', '--non-interactive', '--disable-progress-bar', wheel], pythonEnv(later.env), sandbox.dir)
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(run?.status).toBe(0)
  expect(index.uploads.map((upload) => [upload.filename, upload.user])).toContainEqual(['acme_twine-2.0.0-py3-none-any.whl', 'aws'])
  expect(result.leaks).toEqual([])
})

test.each([
  ['codeartifact', {}, 'acme-pub'],
  ['corp-py', { 'registry-name': 'corp-py' }, 'acme-pub-two'],
])('poetry: publish -r %s, and install from a pyproject source of that name', async (name, given, project) => {
  const pyproject = (name: string, body: string) =>
    `[tool.poetry]\nname = "${name}"\nversion = "0.1.0"\ndescription = ""\nauthors = ["Test <test@example.com>"]\n${body}\n` +
    '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
  const consumer = path.join(sandbox.dir, 'consumer')
  fs.mkdirSync(consumer)
  fs.writeFileSync(path.join(consumer, 'pyproject.toml'), pyproject('consumer',
    `\n[tool.poetry.dependencies]\npython = "^3.9"\nacme-hello = "1.0.0"\n\n[[tool.poetry.source]]\nname = "${name}"\nurl = "${index.simpleUrl}"\ndefault = true\n`))
  const publisher = path.join(sandbox.dir, 'publisher')
  const module = project.replace(/-/g, '_')
  fs.mkdirSync(path.join(publisher, module), { recursive: true })
  fs.writeFileSync(path.join(publisher, module, '__init__.py'), '')
  fs.writeFileSync(path.join(publisher, 'pyproject.toml'), pyproject(project, `\npackages = [{ include = "${module}" }]\n\n[tool.poetry.dependencies]\npython = "^3.9"\n`))
  const poetry = (args: string[], env: Record<string, string>, cwd: string) => runClient([requireCommand('/usr/bin/poetry', 'python3-poetry')], [...args, '--no-interaction'], env, cwd)
  const runs: Record<string, number | null> = {}
  const result = await sandbox.run({
    with: { ...CA, tools: 'poetry', ...given },
    beforePost: async (_main, later) => {
      const env = pythonEnv(later.env)
      runs.lock = (await poetry(['lock'], env, consumer)).status
      runs.install = (await poetry(['install', '--no-root'], env, consumer)).status
      runs.build = (await poetry(['build'], env, publisher)).status
      runs.publish = (await poetry(['publish', '-r', name], env, publisher)).status
    },
  }, [TOKEN])
  expect(result.main.exitCode).toBe(0)
  expect(runs).toEqual({ lock: 0, install: 0, build: 0, publish: 0 })
  expect(index.files(project).map((file: { filename: string }) => file.filename).sort()).toEqual([`${module}-0.1.0-py3-none-any.whl`, `${module}-0.1.0.tar.gz`])
  expect(result.leaks).toEqual([])
}, 120000)
