import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseCommand, parseKeyValues, repoRoot, runAction, scanForLeaks, secretForms, splitLines } from '../../test-support/harness/index.js'
import { labelledSecretForms } from '../../test-support/harness/leaks.js'
import { SecretMasker } from '../../test-support/harness/masker.js'

const coreUrl = pathToFileURL(join(repoRoot, 'node_modules/@actions/core/lib/core.js')).href

const ACTION_YML = `
name: fake
description: fake action for the harness tests
inputs:
  registries:
    description: no default
  registry-type:
    description: quoted default
    default: 'private'
  export-env:
    description: unquoted boolean default
    default: true
  with spaces:
    description: a name with spaces
    default: spaced
runs:
  using: node24
  main: main.mjs
  post: post.mjs
  post-if: always()
`

/** Node code run before each fake entry point's own body. */
const PRELUDE = `
import { appendFileSync } from 'node:fs'
const out = (line) => process.stdout.write(line + '\\n')
const err = (line) => process.stderr.write(line + '\\n')
const append = (name, text) => appendFileSync(process.env[name], text)
const dump = (label, value) => out(label + ' ' + JSON.stringify(value))
`

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function fakeAction(main: string, post = '', yml = ACTION_YML): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-action-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'action.yml'), yml)
  writeFileSync(join(dir, 'main.mjs'), PRELUDE + main)
  writeFileSync(join(dir, 'post.mjs'), PRELUDE + post)
  return dir
}

/** The JSON printed after `label ` in a step's raw output. */
function dumped(raw: string, label: string): unknown {
  const line = splitLines(raw).find((l) => l.startsWith(`${label} `))
  if (!line) throw new Error(`no '${label}' line in:\n${raw}`)
  return JSON.parse(line.slice(label.length + 1))
}

type Run = Awaited<ReturnType<typeof runAction>>
const runs: Run[] = []
afterAll(() => runs.forEach((r) => r.cleanup()))
async function run(options: Parameters<typeof runAction>[0]): Promise<Run> {
  const r = await runAction(options)
  runs.push(r)
  return r
}

const inputsOf = `dump('INPUTS', Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('INPUT_'))))`

describe('inputs', () => {
  test('with values, defaults, and empty strings for inputs without a default', async () => {
    const r = await run({ actionDir: fakeAction(inputsOf, inputsOf), with: { registries: '123', 'with spaces': 'x y' } })
    const expected = {
      INPUT_REGISTRIES: '123',
      'INPUT_REGISTRY-TYPE': 'private',
      'INPUT_EXPORT-ENV': 'true',
      INPUT_WITH_SPACES: 'x y',
    }
    expect(dumped(r.main.raw, 'INPUTS')).toEqual(expected)
    expect(dumped(r.post!.raw, 'INPUTS')).toEqual(expected)
    expect(r.main.warnings).toEqual([])
  })

  test('an input that is not declared is passed on with the runner warning', async () => {
    const r = await run({ actionDir: fakeAction(inputsOf), with: { Bogus: 'b' }, post: false })
    expect(dumped(r.main.raw, 'INPUTS')).toMatchObject({ INPUT_BOGUS: 'b', INPUT_REGISTRIES: '' })
    expect(r.main.warnings[0]).toMatch(/^Unexpected input\(s\) 'Bogus', valid inputs are \['registries', 'registry-type'/)
    expect(r.post).toBeNull()
  })
})

describe('runner environment', () => {
  test('runner variables, workspace as cwd, nothing inherited but PATH', async () => {
    const main = `dump('ENV', { cwd: process.cwd(), env: process.env })`
    const r = await run({ actionDir: fakeAction(main), env: { HOME: '/nonexistent-home' }, post: false })
    const { cwd, env } = dumped(r.main.raw, 'ENV') as { cwd: string; env: Record<string, string> }
    expect(cwd).toBe(r.workspace)
    expect(env).toMatchObject({
      GITHUB_ACTIONS: 'true', CI: 'true', RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64', HOME: '/nonexistent-home',
      RUNNER_TEMP: r.runnerTemp, GITHUB_WORKSPACE: r.workspace, GITHUB_ACTION: '__self',
    })
    for (const name of ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']) {
      expect(env[name]).toContain(join(r.runnerTemp, '_runner_file_commands'))
    }
    expect(env.RUNNER_DEBUG).toBeUndefined()
    expect(env.GITHUB_ACTION_PATH).toBeUndefined()
    expect(env.NODE_OPTIONS).toBeUndefined()
  })

  test('stdout and stderr arrive in the order they were written', async () => {
    const main = `for (let i = 0; i < 20; i++) (i % 2 ? err : out)('line ' + i)`
    const r = await run({ actionDir: fakeAction(main), post: false })
    expect(r.main.lines).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i}`))
  })
})

describe('file commands and state', () => {
  const main = `
    append('GITHUB_OUTPUT', 'simple=one\\nmulti<<EOF_1\\nline 1\\nline 2\\nEOF_1\\nempty=\\n')
    out('::set-output name=legacy::a%0Ab%25')
    append('GITHUB_ENV', 'EXPORTED=yes\\nMULTI_ENV<<X\\nx=1\\ny=2\\nX\\n')
    append('GITHUB_STATE', 'path=/tmp/state\\nblob<<S\\n{"a": 1}\\nS\\n')
    out('::save-state name=legacy_state::from%3Acommand')
    append('GITHUB_PATH', '/opt/first\\n/opt/second\\n')
    append('GITHUB_STEP_SUMMARY', '# Summary\\n')
  `
  const post = `dump('POST', {
    state: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('STATE_'))),
    exported: process.env.EXPORTED, multi: process.env.MULTI_ENV, path: process.env.PATH.split(':').slice(0, 2),
  })`

  test('both file formats, legacy commands, state into post as STATE_*, env and PATH into post', async () => {
    const r = await run({ actionDir: fakeAction(main, post) })
    expect(r.main.outcome).toBe('success')
    expect(r.main.outputs).toEqual({ legacy: 'a\nb%', simple: 'one', multi: 'line 1\nline 2', empty: '' })
    expect(r.main.env).toEqual({ EXPORTED: 'yes', MULTI_ENV: 'x=1\ny=2' })
    expect(r.main.state).toEqual({ legacy_state: 'from%3Acommand', path: '/tmp/state', blob: '{"a": 1}' })
    expect(r.main.path).toEqual(['/opt/first', '/opt/second'])
    expect(r.main.summary).toBe('# Summary\n')
    expect(r.main.warnings).toEqual([
      expect.stringMatching(/^The `set-output` command is deprecated/),
      expect.stringMatching(/^The `save-state` command is deprecated/),
    ])
    expect(dumped(r.post!.raw, 'POST')).toEqual({
      state: { STATE_legacy_state: 'from%3Acommand', STATE_path: '/tmp/state', STATE_blob: '{"a": 1}' },
      exported: 'yes', multi: 'x=1\ny=2', path: ['/opt/second', '/opt/first'],
    })
  })

  test('beforePost sees what a later step would see', async () => {
    let seen: Record<string, string> = {}
    await run({ actionDir: fakeAction(main, post), env: { JOB: 'j' }, beforePost: (_main, later) => { seen = later.env } })
    expect(seen).toMatchObject({ JOB: 'j', EXPORTED: 'yes', GITHUB_ACTIONS: 'true' })
    expect(seen.PATH?.split(':').slice(0, 2)).toEqual(['/opt/second', '/opt/first'])
  })

  test('the real @actions/core works against the harness', async () => {
    const coreMain = `
      const core = await import(${JSON.stringify(coreUrl)})
      core.setSecret('core-secret-value')
      core.setOutput('token', 'core-secret-value')
      core.setOutput('multi', 'a\\nb')
      core.exportVariable('FROM_CORE', 'v')
      core.saveState('state', JSON.stringify({ undo: ['x'] }))
      core.addPath('/opt/core-bin')
      core.info('shown core-secret-value')
      core.debug('dbg')
      await core.summary.addRaw('summary core-secret-value').write()
    `
    const corePost = `
      const core = await import(${JSON.stringify(coreUrl)})
      core.info('post got ' + core.getState('state') + ' and ' + core.getInput('registry-type'))
      core.info('env ' + process.env.FROM_CORE)
    `
    const r = await run({ actionDir: fakeAction(coreMain, corePost), secrets: ['core-secret-value'] })
    expect(r.main.masks).toEqual(['core-secret-value'])
    expect(r.main.outputs).toEqual({ token: 'core-secret-value', multi: 'a\nb' })
    expect(r.main.env).toEqual({ FROM_CORE: 'v' })
    expect(r.main.path).toEqual(['/opt/core-bin'])
    expect(r.main.lines).toContain('shown ***')
    expect(r.main.maskedSummary).toBe('summary ***\n')
    expect(r.main.debug).toEqual(['dbg'])
    expect(r.post!.lines).toEqual(['post got {"undo":["x"]} and private', 'env v'])
    expect(r.leaks).toEqual([])
  })

  test('a malformed file fails the step with the runner error, after applying earlier lines', async () => {
    const r = await run({ actionDir: fakeAction(`append('GITHUB_OUTPUT', 'ok=1\\nbad<<EOF\\nno end\\n')`), post: false })
    expect(r.main.exitCode).toBe(0)
    expect(r.main.outcome).toBe('failure')
    expect(r.main.outputs).toEqual({ ok: '1' })
    expect(r.main.errors).toEqual(["Unable to process file command 'output' successfully.", "Invalid value. Matching delimiter not found 'EOF'"])
  })
})

describe('workflow commands', () => {
  test('masks apply to lines printed after registration, job-wide, overlapping hits merged', async () => {
    const main = `
      out('before s3cr3t-value')
      out('::add-mask::s3cr3t-value')
      out('after s3cr3t-value and value-tail')
      out('::add-mask::value-tail')
      out('merged s3cr3t-value-tail!')
    `
    const r = await run({ actionDir: fakeAction(main, `out('post s3cr3t-value')`) })
    expect(r.main.lines).toEqual(['before s3cr3t-value', 'after *** and value-tail', 'merged ***!'])
    expect(r.main.raw).toContain('after s3cr3t-value')
    expect(r.main.masks).toEqual(['s3cr3t-value', 'value-tail'])
    expect(r.post!.lines).toEqual(['post ***'])
    expect(r.post!.masks).toEqual([])
  })

  test('stop-commands suspends command processing until the token comes back', async () => {
    const main = `
      out('::stop-commands::pause-42')
      out('::add-mask::not-a-mask')
      out('::warning::not a warning')
      out('::pause-42::')
      out('::warning::a warning')
      out('not-a-mask')
    `
    const r = await run({ actionDir: fakeAction(main), post: false })
    expect(r.main.masks).toEqual([])
    expect(r.main.warnings).toEqual(['a warning'])
    expect(r.main.lines).toEqual([
      '::stop-commands::pause-42', '::add-mask::not-a-mask', '::warning::not a warning', '::pause-42::',
      '##[warning]a warning', 'not-a-mask',
    ])
  })

  test('annotations, groups, escapes, unknown commands', async () => {
    const main = `
      out('::error file=a.ts,line=3,title=x%3Ay%2Cz::first%0Asecond 100%25')
      out('  ::notice::indented')
      out('::group::Title')
      out('inside')
      out('::endgroup::')
      out('::unknown::stays')
      out('text ::warning::not at start')
    `
    const r = await run({ actionDir: fakeAction(main), post: false })
    expect(r.main.annotations[0]).toEqual({ type: 'error', message: 'first\nsecond 100%', properties: { file: 'a.ts', line: '3', title: 'x:y,z' } })
    expect(r.main.notices).toEqual(['indented'])
    expect(r.main.lines).toEqual([
      '##[error]first', 'second 100%', '##[notice]indented', '##[group]Title', 'inside', '##[endgroup]',
      '::unknown::stays', 'text ::warning::not at start',
    ])
  })

  test('set-env is disabled: an error and a failed step', async () => {
    const r = await run({ actionDir: fakeAction(`out('::set-env name=X::y')`), post: false })
    expect(r.main.exitCode).toBe(0)
    expect(r.main.outcome).toBe('failure')
    expect(r.main.env).toEqual({})
    expect(r.main.errors[0]).toBe("Unable to process command '::set-env name=X::y' successfully.")
    expect(r.main.errors[1]).toMatch(/^The `set-env` command is disabled/)
  })

  test('debug lines and command echo only with step debug logging', async () => {
    const main = `
      out('::debug::details %25')
      out('::add-mask::masked-in-debug')
      out('::debug::has masked-in-debug')
      append('GITHUB_ENV', 'SHOWN=masked-in-debug\\n')
      dump('DEBUG', process.env.RUNNER_DEBUG ?? null)
    `
    const quiet = await run({ actionDir: fakeAction(main), post: false })
    expect(quiet.main.lines).toEqual(['DEBUG null'])
    expect(quiet.main.debug).toEqual(['details %', 'has ***'])

    const loud = await run({ actionDir: fakeAction(main), post: false, debug: true })
    expect(loud.main.lines).toEqual([
      '##[debug]details %', '::add-mask::***', '##[debug]has ***', 'DEBUG "1"',
      '##[debug]Node Action run completed with exit code 0', "##[debug]SHOWN='***'",
    ])
  })
})

describe('process control', () => {
  test('a timeout kills the step, reports it, and post still runs', async () => {
    const main = `out('started'); setInterval(() => {}, 1000)`
    const r = await run({ actionDir: fakeAction(main, `out('post ran')`), timeoutMs: 500 })
    expect(r.main).toMatchObject({ timedOut: true, signal: 'SIGTERM', outcome: 'failure', lines: ['started', '##[error]The action has timed out.'] })
    expect(r.main.durationMs).toBeLessThan(5000)
    expect(r.post!.lines).toEqual(['post ran'])
  })

  test('a failing main still runs post (post-if: always())', async () => {
    const main = `out('::error::it broke'); process.exitCode = 1`
    const r = await run({ actionDir: fakeAction(main, `out('cleaning up')`) })
    expect(r.main).toMatchObject({ exitCode: 1, outcome: 'failure', errors: ['it broke'] })
    expect(r.post).toMatchObject({ exitCode: 0, outcome: 'success', lines: ['cleaning up'] })
  })

  test('post-if: success() skips post after a failure', async () => {
    const yml = ACTION_YML.replace('post-if: always()', 'post-if: success()')
    const r = await run({ actionDir: fakeAction('process.exitCode = 3', `out('no')`, yml) })
    expect(r.main.exitCode).toBe(3)
    expect(r.post).toBeNull()
  })
})

describe('leaks', () => {
  // Shaped like an ECR token: base64 of "AWS:<password>".
  const password = 'eyJwYXlsb2FkIjoiZmFrZSJ9+/fake=password'
  const token = Buffer.from(`AWS:${password}`).toString('base64')

  test('every form of a leaked secret is found, and reports never contain it', async () => {
    const main = `
      const t = ${JSON.stringify(token)}
      out('::add-mask::' + t)
      out('raw is masked: ' + t)
      out('base64: ' + Buffer.from(t).toString('base64'))
      out('url: ' + encodeURIComponent(t))
      out('password: ' + Buffer.from(t, 'base64').toString().slice(4))
      out('docker auth: ' + Buffer.from('AWS:' + t).toString('base64'))
      out('whole config: ' + Buffer.from(JSON.stringify({ auths: { h: { password: t } } })).toString('base64'))
      append('GITHUB_STATE', 'token=' + t + '\\n')
    `
    const r = await run({ actionDir: fakeAction(main), secrets: [token], post: false })
    const found = r.leaks.map((l) => `${l.where}: ${l.form}`)
    expect(found).toEqual(expect.arrayContaining([
      'main log: base64',
      'main log: url-encoded',
      'main log: decoded password',
      'main log: base64 of AWS:secret',
      expect.stringMatching(/^main log: base64 inside a longer blob/),
      'state: raw',
    ]))
    expect(found).not.toContain('main log: raw')
    const report = JSON.stringify(r.leaks)
    for (const form of secretForms(token)) expect(report).not.toContain(form)
    expect(r.leaks.find((l) => l.form === 'url-encoded')?.context).toContain('\nurl: <LEAK>\npassword: <LEAK>\n')
  })

  test('a run that masks every form it prints is clean', async () => {
    const main = `
      const t = ${JSON.stringify(token)}
      const forms = [t, Buffer.from(t).toString('base64'), encodeURIComponent(t), Buffer.from(t, 'base64').toString().slice(4)]
      for (const f of forms) out('::add-mask::' + f)
      for (const f of forms) out('value: ' + f)
      append('GITHUB_STATE', 'file=/tmp/x\\n')
      append('GITHUB_OUTPUT', 'token=' + t + '\\n')
    `
    const r = await run({ actionDir: fakeAction(main, `out('post ' + process.env.STATE_file)`), secrets: [token] })
    expect(r.main.lines).toEqual(['value: ***', 'value: ***', 'value: ***', 'value: ***'])
    expect(r.main.outputs.token).toBe(token)
    expect(r.leaks).toEqual([])
  })

  test('extra files are scanned', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scan-')), 'config.json')
    dirs.push(join(file, '..'))
    writeFileSync(file, JSON.stringify({ auth: Buffer.from(`AWS:${token}`).toString('base64') }))
    const r = await run({ actionDir: fakeAction(''), secrets: [token], scanFiles: [file], post: false })
    expect(r.leaks).toContainEqual(expect.objectContaining({ where: file, form: 'base64 of AWS:secret', count: 1, context: '{"auth":"<LEAK>"}' }))
  })

  test('forms', () => {
    expect(labelledSecretForms(token).map((f) => f.label)).toEqual(expect.arrayContaining([
      'raw', 'base64', 'base64 of AWS:secret', 'base64 of aws:secret', 'url-encoded',
      'base64 inside a longer blob (offset 1)', 'base64 inside a longer blob (offset 2)',
      'decoded password', 'decoded password, url-encoded',
    ]))
    // Offset 0 of an unpadded base64 is the base64 itself, so it is listed once.
    expect(labelledSecretForms('123456789').map((f) => f.label)).not.toContain('base64 inside a longer blob (offset 0)')
    expect(labelledSecretForms('1234567890').map((f) => f.label)).toContain('base64 inside a longer blob (offset 0)')
    expect(secretForms(token)).toContain(password)
    expect(secretForms('short')).toEqual(['c2hvcnQ=', 'QVdTOnNob3J0', 'YXdzOnNob3J0'])
    expect(secretForms('plain-text-secret')).not.toContain('decoded password')
    expect(scanForLeaks([{ where: 'x', text: 'nothing here' }], [token])).toEqual([])
  })
})

describe('parsers', () => {
  test.each([
    ['::add-mask::v', { command: 'add-mask', properties: {}, data: 'v' }],
    ['::ADD-MASK::v', { command: 'add-mask', properties: {}, data: 'v' }],
    ['::set-output name=a%2Cb,=x,y=::1%0D%0A', { command: 'set-output', properties: { name: 'a,b' }, data: '1\r\n' }],
    ['::debug::%250A', { command: 'debug', properties: {}, data: '%0A' }],
    ['##[warning]legacy%3B', { command: 'warning', properties: {}, data: 'legacy;' }],
    ['::nope::x', null],
    [':: add-mask::x', null],
  ])('parseCommand(%j)', (line, expected) => {
    const parsed = parseCommand(line)
    expect(parsed === null ? null : { command: parsed.command, properties: parsed.properties, data: parsed.data }).toEqual(expected)
  })

  test.each([
    ['a=1\nb=2', { a: '1', b: '2' }],
    ['a=x=y\n\nb<<E\n\nE\n', { a: 'x=y', b: '' }],
    ['k<<E\r\nv\r\nE\n', null],
    ['a<<=b\n', null],
    ['no separator\n', null],
  ])('parseKeyValues(%j)', (text: string, expected: Record<string, string> | null) => {
    if (expected === null) expect(() => parseKeyValues(text)).toThrow()
    else expect(parseKeyValues(text)).toEqual(expected)
  })

  test('splitLines follows StreamReader.ReadLine', () => {
    expect(splitLines('a\r\nb\rc\n\nd\n')).toEqual(['a', 'b', 'c', '', 'd'])
    expect(splitLines('')).toEqual([])
  })

  test('masker merges overlapping and touching hits', () => {
    const masker = new SecretMasker(['abcd', 'cdef', 'gh'])
    expect(masker.mask('xabcdefghx abcd')).toBe('x***x ***')
  })
})
