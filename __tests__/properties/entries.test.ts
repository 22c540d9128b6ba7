/**
 * Properties of taking the action's entries out of a changed config file (revertJson, revertYaml):
 * reverting the action's edit gives back the original content, and what another step wrote elsewhere stays.
 */
import fc from 'fast-check'
import { parseDocument, stringify } from 'yaml'
import { revertJson, sameContent, type Reverted } from '../../src/entries.js'
import { revertYaml } from '../../src/yaml-entries.js'
import './arbitraries.js'

type Json = Record<string, unknown>
const isMap = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

const formats = [
  { name: 'revertJson', write: (data: Json) => JSON.stringify(data), read: (text: string) => JSON.parse(text) as unknown, revert: revertJson },
  { name: 'revertYaml', write: (data: Json) => stringify(data), read: (text: string) => parseDocument(text).toJS() ?? {}, revert: revertYaml },
] as const

/** Hosts and settings like docker's config.json and yarn's .yarnrc.yml have. */
const HOSTS = ['123456789012.dkr.ecr.us-east-1.amazonaws.com', 'public.ecr.aws', 'quay.io', '//host/npm/r/', 'acme']
const SECTIONS = ['auths', 'credHelpers', 'npmScopes']
const values = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown)
const section = fc.dictionary(fc.oneof(fc.constantFrom(...HOSTS), fc.string({ maxLength: 6 })), values, { maxKeys: 4 })
/** A settings file: some sections of host entries and other top-level settings. */
const files = fc.record({
  sections: fc.dictionary(fc.constantFrom(...SECTIONS), section, { maxKeys: 2 }),
  other: fc.dictionary(fc.string({ maxLength: 8 }).filter((key) => !SECTIONS.includes(key)), values, { maxKeys: 4 }),
}).map(({ sections, other }): Json => ({ ...other, ...sections }))
/** The action's key paths: host entries of a section, and maybe a top-level setting. */
const keyLists = fc.uniqueArray(
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...SECTIONS), fc.constantFrom(...HOSTS)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('credsStore', 'currentContext')) },
  ),
  { minLength: 1, maxLength: 3, selector: (key) => key.join('\0') },
).filter((keys) => keys.every((key) => keys.every((other) => key === other || key.length === other.length || key[0] !== other[0])))

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** `data` with each key path set to the value the action writes (maps made along the way). */
function edited(data: Json, keys: string[][], written: unknown[]): Json {
  const result = clone(data)
  keys.forEach((key, index) => {
    let node = result
    for (const part of key.slice(0, -1)) {
      if (!isMap(node[part])) node[part] = {}
      node = node[part] as Json
    }
    node[key.at(-1) as string] = clone(written[index % written.length])
  })
  return result
}

/** Asserts that `result` and `current` agree everywhere except on the listed key paths and their parents. */
function expectOthersKept(result: unknown, current: unknown, keys: string[][]): void {
  if (!isMap(result) || !isMap(current)) return
  for (const name of new Set([...Object.keys(result), ...Object.keys(current)])) {
    const under = keys.filter((key) => key[0] === name)
    if (under.some((key) => key.length === 1)) continue
    if (under.length > 0) expectOthersKept(result[name], current[name], under.map((key) => key.slice(1)))
    else expect(result[name]).toEqual(current[name])
  }
}

describe.each(formats)('$name', ({ write, read, revert }) => {
  const written = fc.array(fc.oneof(fc.constant({ auth: 'QVdTOnRva2Vu' }), fc.constant({}), values), { minLength: 1, maxLength: 3 })
  const contentOf = (reverted: Reverted, current: string): unknown => read(reverted.text ?? current)

  test('revert(edit(original)) has the original content, and says so', () => {
    fc.assert(fc.property(fc.option(files, { nil: undefined }), keyLists, written, (original, keys, values) => {
      const current = write(edited(original ?? {}, keys, values))
      const reverted = revert(current, original === undefined ? undefined : write(original), keys)
      expect(sameContent(contentOf(reverted, current), original ?? {})).toBe(true)
      expect(reverted.asBefore).toBe(true)
    }))
  })

  test('another step\'s settings stay as they are in current; ours get their earlier values', () => {
    fc.assert(fc.property(files, files, keyLists, written, (original, theirs, keys, values) => {
      // The action edits the original, then another step writes its own settings over it.
      const current = edited({ ...edited(original, keys, values), ...theirs }, [], values)
      const reverted = revert(write(current), write(original), keys)
      const result = contentOf(reverted, write(current))
      expectOthersKept(result, read(write(current)), keys)
      for (const key of keys) {
        const before = key.reduce<unknown>((node, part) => (isMap(node) ? node[part] : undefined), original)
        const after = key.reduce<unknown>((node, part) => (isMap(node) ? node[part] : undefined), result)
        expect(after).toEqual(before)
      }
      expect(reverted.text === undefined).toBe(sameContent(read(write(current)), result) && JSON.stringify(read(write(current))) === JSON.stringify(result))
    }))
  })

  test('reverting twice is reverting once', () => {
    fc.assert(fc.property(files, files, keyLists, written, (original, current, keys, values) => {
      const text = write(edited(current, keys, values))
      const once = revert(text, write(original), keys)
      const twice = revert(once.text ?? text, write(original), keys)
      expect(twice.text).toBeUndefined()
      expect(twice.asBefore).toBe(once.asBefore)
    }))
  })
})
