import { pruned, revertJson, sameContent } from '../src/entries.js'
import { revertYaml } from '../src/yaml-entries.js'

describe('revertJson', () => {
  const keys = [['auths', 'ecr.example']]
  test('our entry back to the earlier value, another step\'s entry kept, written as docker writes', () => {
    const current = '{"auths":{"ecr.example":{"auth":"new"},"quay.io":{"auth":"q"}},"psFormat":"table"}'
    const original = '{"auths":{"ecr.example":{"auth":"old"}},"psFormat":"table"}'
    expect(revertJson(current, original, keys)).toEqual({
      text: '{\n\t"auths": {\n\t\t"ecr.example": {\n\t\t\t"auth": "old"\n\t\t},\n\t\t"quay.io": {\n\t\t\t"auth": "q"\n\t\t}\n\t},\n\t"psFormat": "table"\n}\n',
      asBefore: false,
    })
  })
  test('an entry that did not exist before is removed; what is left equals the original', () => {
    expect(revertJson('{"auths":{"ecr.example":{"auth":"new"}}}', undefined, keys)).toEqual({ text: '{\n\t"auths": {}\n}\n', asBefore: true })
    expect(revertJson('{"auths":{"ecr.example":{"auth":"new"}},"x":1}', '{"x":1}', keys).asBefore).toBe(true)
  })
  test('nothing to change: no text', () => {
    expect(revertJson('{"auths":{},"x":2}', '{"x":1}', keys)).toEqual({ text: undefined, asBefore: false })
  })
  test('a file that is not a JSON object is an error', () => {
    expect(() => revertJson('[1]', undefined, keys)).toThrow('it is not a JSON object')
    expect(() => revertJson('{', undefined, keys)).toThrow()
  })
})

test('pruned and sameContent: empty maps are no difference, key order neither', () => {
  expect(pruned({ auths: {}, a: { b: {} }, c: 1 })).toEqual({ c: 1 })
  expect(sameContent({ auths: {} }, {})).toBe(true)
  expect(sameContent({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true)
  expect(sameContent({ a: 1 }, { a: 2 })).toBe(false)
})

describe('revertYaml', () => {
  const keys = [['npmRegistries', '//host/npm/r/'], ['npmScopes', 'acme']]
  test('our keys out, another step\'s keys and comments kept', () => {
    const current = '# mine\nnpmRegistries:\n  //host/npm/r/:\n    npmAuthToken: ${T}\nnpmScopes:\n  acme:\n    npmRegistryServer: https://host/npm/r/\nnodeLinker: node-modules\n'
    expect(revertYaml(current, '# mine\n', keys)).toEqual({ text: '# mine\nnpmRegistries: {}\nnpmScopes: {}\nnodeLinker: node-modules\n', asBefore: false })
  })
  test('what is left equals the original', () => {
    expect(revertYaml('npmScopes:\n  acme:\n    npmRegistryServer: x\n', 'a: 1\n', [['npmScopes', 'acme']])).toMatchObject({ asBefore: false })
    expect(revertYaml('a: 1\nnpmScopes:\n  acme:\n    npmRegistryServer: x\n', 'a: 1\n', [['npmScopes', 'acme']])).toMatchObject({ asBefore: true })
  })
  test('the user\'s own earlier value comes back', () => {
    const result = revertYaml('npmScopes:\n  acme:\n    npmRegistryServer: ours\n  other: {}\n', 'npmScopes:\n  acme:\n    npmRegistryServer: theirs\n', [['npmScopes', 'acme']])
    expect(result.text).toBe('npmScopes:\n  acme:\n    npmRegistryServer: theirs\n  other: {}\n')
  })
  test('unchanged: no text; not YAML: an error', () => {
    expect(revertYaml('a: 1\n', 'a: 1\n', keys)).toEqual({ text: undefined, asBefore: true })
    expect(() => revertYaml('a: [x\n', undefined, keys)).toThrow(/^it is not valid YAML \(line 2, column \d+\)$/)
  })
})
