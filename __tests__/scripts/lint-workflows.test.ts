import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from '@jest/globals'
import { dependabotProblems, lintFile, pinProblems, repositoryFiles } from '../../scripts/lint-workflows.mjs'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCRIPT = join(ROOT, 'scripts', 'lint-workflows.mjs')
const SHA = '3d3c42e5aac5ba805825da76410c181273ba90b1'

const workflow = (steps: string, jobKey = 'steps') => `name: demo
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    ${jobKey}:
${steps}`

const GOOD = workflow(`      - uses: actions/checkout@${SHA} # v7.0.1
      - run: npm ci
`)

const messages = async (path: string, content: string) => (await lintFile({ path, content })).map((p) => p.message)

describe('the repository files (what CI checks)', () => {
  const files = repositoryFiles()

  it('finds action.yml, the workflows, the local actions and the Dependabot configuration', () => {
    expect(files).toContain('action.yml')
    expect(files.every((f) => /^(action\.yml|\.github\/.+\.ya?ml)$/.test(f))).toBe(true)
  })

  it.each(files)('%s has no problems', async (file) => {
    expect(await lintFile({ path: file, content: readFileSync(join(ROOT, file), 'utf8') })).toEqual([])
  })
})

describe('positive controls: known mistakes are reported', () => {
  it('accepts a correct workflow', async () => {
    expect(await messages('ok.yml', GOOD)).toEqual([])
  })

  it.each([
    ['a misspelt job key', workflow(`      - run: npm ci\n`, 'stpes'), /Unexpected value 'stpes'/],
    ['a misspelt step key', GOOD.replace('- run: npm ci', '- runs: npm ci'), /Unexpected value 'runs'/],
    ['an invalid permission level', GOOD.replace('contents: read', 'contents: reed'), /Unexpected value 'reed'/],
    ['an unknown event', GOOD.replace('on: push', 'on: pushh'), /pushh/],
    ['needs naming a job that does not exist', `${GOOD}  test:\n    needs: biuld\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n`, /biuld/],
    ['an unclosed expression', GOOD.replace('npm ci', '${{ github.sha'), /expression|\$\{\{/i],
  ])('%s', async (_name, content, expected) => {
    const found = await messages('bad.yml', content)
    expect(found.length).toBeGreaterThan(0)
    expect(found.join('\n')).toMatch(expected)
  })

  it('reports an action.yml with an unknown runtime or a misspelt runs key', async () => {
    const action = readFileSync(join(ROOT, 'action.yml'), 'utf8')
    expect(await messages('action.yml', action)).toEqual([])
    expect((await messages('action.yml', action.replace(/using: '?node24'?/, "using: 'node42'"))).join('\n')).toMatch(/node42/)
    expect((await messages('action.yml', action.replace('\n  main:', '\n  mian:'))).join('\n')).toMatch(/mian/)
  })
})

describe('pins', () => {
  it.each([
    [`- uses: actions/checkout@${SHA} # v7.0.1`, []],
    [`      - uses: 'actions/checkout@${SHA}'  # v7.0.1`, []],
    [`  uses: github/codeql-action/init@${SHA} # v4.36.2`, []],
    ['- uses: ./', []],
    ['- uses: ./.github/self-test/check-cleanup', []],
    [`- uses: docker://alpine@sha256:${'a'.repeat(64)}`, []],
    ['- uses: actions/checkout@v7', [/full commit SHA/]],
    [`- uses: actions/checkout@${SHA.slice(0, 7)} # v7.0.1`, [/full commit SHA/]],
    [`- uses: actions/checkout@${SHA}`, [/# vX\.Y\.Z/]],
    [`- uses: actions/checkout@${SHA} # main`, [/# vX\.Y\.Z/]],
    ['- uses: docker://alpine:3', [/digest/]],
  ])('%s', (line, expected) => {
    const found = pinProblems({ path: 'w.yml', content: `steps:\n${line}\n` }).map((p) => p.message)
    expect(found).toHaveLength(expected.length)
    expected.forEach((pattern, i) => expect(found[i]).toMatch(pattern))
  })

  it('points at the line and column of the ref', () => {
    expect(pinProblems({ path: 'w.yml', content: 'a: 1\n  - uses: x/y@main\n' })).toEqual([
      { path: 'w.yml', line: 2, column: 11, message: expect.stringMatching(/x\/y@main/) },
    ])
  })
})

describe('dependabot.yml', () => {
  const config = `version: 2
updates:
  - package-ecosystem: npm
    directory: /
    schedule: { interval: weekly }
`
  it.each([
    ['a valid configuration', config, []],
    ['version 1', config.replace('version: 2', 'version: 1'), [/version/]],
    ['an unknown ecosystem', config.replace('npm', 'npmm'), [/package-ecosystem/]],
    ['no directory', config.replace('    directory: /\n', ''), [/directory/]],
    ['a bad interval', config.replace('weekly', 'weekley'), [/interval/]],
    ['no updates', 'version: 2\nupdates: []\n', [/updates/]],
  ])('%s', (_name, content, expected) => {
    const found = dependabotProblems({ path: '.github/dependabot.yml', content }).map((p) => p.message)
    expect(found).toHaveLength(expected.length)
    expected.forEach((pattern, i) => expect(found[i]).toMatch(pattern))
  })
})

describe('command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-workflows-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const run = (...files: string[]) => new Promise<{ code: number | null; stdout: string }>((resolve) => {
    execFile(process.execPath, [SCRIPT, ...files], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout) => resolve({ code: error ? (error.code as number | null) : 0, stdout }))
  })

  it('exits 1 and prints path:line:column for a workflow with a typo', async () => {
    writeFileSync(join(dir, 'typo.yml'), workflow(`      - run: npm ci\n`, 'stpes'))
    const { code, stdout } = await run('typo.yml')
    expect(code).toBe(1)
    expect(stdout).toMatch(/^typo\.yml:8:5: Unexpected value 'stpes'$/m)
  })

  it('exits 0 on a correct workflow and on the repository files', async () => {
    writeFileSync(join(dir, 'good.yml'), GOOD)
    expect(await run('good.yml')).toMatchObject({ code: 0, stdout: expect.stringMatching(/no problems/) })
    expect(await run()).toMatchObject({ code: 0, stdout: expect.stringMatching(/no problems/) })
  })
})
