import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { filesHolding, secretForms, watchedFiles } from '../../scripts/self-test/cleanup-check.mjs'

const SECRET = 'pa+ss/word=0123456789'
const b64 = (text: string) => Buffer.from(text).toString('base64')

describe('the self-test cleanup check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cleanup-check-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('watches docker config.json where DOCKER_CONFIG points, and the npm, yarn, pip, twine, cargo, gem and bundler files', () => {
    const files = watchedFiles({ DOCKER_CONFIG: '/d' }, '/home/u')
    expect(files).toEqual(expect.arrayContaining([join('/d', 'config.json'), join('/home/u', '.npmrc'),
      join('/home/u', '.yarnrc.yml'), join('/home/u', '.pypirc'), join('/home/u', '.config', 'pip', 'pip.conf'),
      join('/home/u', '.cargo', 'config.toml'), join('/home/u', '.gemrc'), join('/home/u', '.gem', 'credentials'), join('/home/u', '.bundle', 'config')]))
    expect(watchedFiles({ CARGO_HOME: '/c' }, '/home/u')).toContain(join('/c', 'config.toml'))
  })

  it('looks for every form a client or the action could write', () => {
    expect(secretForms([SECRET, 'short'])).toEqual(expect.arrayContaining([
      SECRET, b64(SECRET).replace(/=+$/, ''), b64(`AWS:${SECRET}`).replace(/=+$/, ''), encodeURIComponent(SECRET),
    ]))
    expect(secretForms(['short'])).toEqual([])
  })

  it.each([
    ['the raw secret in an npmrc', 'a/.npmrc', `//host/:_authToken=${SECRET}\n`, true],
    ['docker\'s AWS:<password> auth in config.json', 'b/config.json', JSON.stringify({ auths: { h: { auth: b64(`AWS:${SECRET}`) } } }), true],
    ['a percent-encoded secret in a URL', 'c/pip.conf', `index-url = http://aws:${encodeURIComponent(SECRET)}@h/simple/\n`, true],
    ['a variable reference only', 'd/.npmrc', '//host/:_authToken=${CODEARTIFACT_AUTH_TOKEN_ACME}\n', false],
  ])('%s', (_name, file, content, found) => {
    const place = join(dir, `case-${file.split('/')[0]}`)
    mkdirSync(join(place, file.split('/')[0] ?? ''), { recursive: true })
    writeFileSync(join(place, file), content)
    expect(filesHolding(place, secretForms([SECRET]), [])).toEqual(found ? [join(place, file)] : [])
  })

  it('skips excluded directories', () => {
    const place = join(dir, 'excluded')
    mkdirSync(join(place, 'servers'), { recursive: true })
    writeFileSync(join(place, 'servers', 'servers.json'), JSON.stringify({ secrets: [SECRET] }))
    expect(filesHolding(place, secretForms([SECRET]), [join(place, 'servers')])).toEqual([])
    expect(filesHolding(place, secretForms([SECRET]), [])).toEqual([join(place, 'servers', 'servers.json')])
  })
})
