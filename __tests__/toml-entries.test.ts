import { revertToml, withTomlValues } from '../src/toml-entries.js'

const REPLACE = ['source', 'crates-io', 'replace-with']

describe('withTomlValues', () => {
  test('no file yet: a table with the key, ending in a newline', () => {
    expect(withTomlValues('', [[REPLACE, 'codeartifact']])).toBe('[source]\ncrates-io = { replace-with = "codeartifact" }\n')
  })

  test('the user\'s comments, order and layout stay; the key joins its existing table', () => {
    const user = '# my cargo config\n[build]\njobs = 2 # two cores\n\n[source.crates-io]\n# mirror\nregistry = "sparse+https://index.crates.io/"\n\n[registries.other]\nindex = "sparse+https://other.example/"\n'
    expect(withTomlValues(user, [[REPLACE, 'corp-rs']])).toBe(user.replace('registry = "sparse+https://index.crates.io/"\n', 'registry = "sparse+https://index.crates.io/"\nreplace-with = "corp-rs"\n'))
  })

  test('an existing replace-with is overwritten in place; dotted keys and CRLF are kept', () => {
    expect(withTomlValues('[source.crates-io]\r\nreplace-with = "vendored" # offline\r\n', [[REPLACE, 'ca']])).toBe('[source.crates-io]\r\nreplace-with = "ca" # offline\r\n')
    expect(withTomlValues('source.crates-io.registry = "x" # c\n[build]\njobs = 1\n', [[REPLACE, 'ca']]))
      .toBe('source.crates-io.registry = "x" # c\nsource.crates-io.replace-with = "ca"\n[build]\njobs = 1\n')
  })

  test('a file that is not TOML, or where a key on the way is not a table, is an error', () => {
    expect(() => withTomlValues('[source\n', [[REPLACE, 'ca']])).toThrow()
    expect(() => withTomlValues('source = "x"\n', [[REPLACE, 'ca']])).toThrow('source.crates-io.replace-with: source is not a table')
  })
})

describe('revertToml', () => {
  test('our key out, another step\'s settings and comments kept', () => {
    const current = '# mine\n[build]\njobs = 2\n\n[net]\noffline = true # added by a later step\n\n[source.crates-io]\nreplace-with = "ca"\n'
    expect(revertToml(current, '# mine\n[build]\njobs = 2\n', [REPLACE])).toEqual({
      text: '# mine\n[build]\njobs = 2\n\n[net]\noffline = true # added by a later step\n',
      asBefore: false,
    })
  })

  test('the user\'s own earlier value comes back; a table that was there stays', () => {
    const original = '[source.crates-io]\nreplace-with = "vendored"\n\n[source.vendored]\ndirectory = "vendor"\n'
    const current = '[source.crates-io]\nreplace-with = "ca"\n\n[source.vendored]\ndirectory = "vendor"\n\n[term]\nverbose = true\n'
    expect(revertToml(current, original, [REPLACE])).toEqual({ text: `${original}\n[term]\nverbose = true\n`, asBefore: false })
    const emptied = revertToml('[source.crates-io]\nregistry = "x"\nreplace-with = "ca"\n[term]\nquiet = true\n', '[source.crates-io]\nregistry = "x"\n', [REPLACE])
    expect(emptied.text).toBe('[source.crates-io]\nregistry = "x"\n[term]\nquiet = true\n')
  })

  test('what is left equals the original: asBefore (the file can be put back byte for byte)', () => {
    expect(revertToml('[source]\ncrates-io = { replace-with = "ca" }\n', undefined, [REPLACE]).asBefore).toBe(true)
    expect(revertToml('x = 1 # moved\n[source.crates-io]\nreplace-with = "ca"\n', 'x = 1\n', [REPLACE]).asBefore).toBe(true)
  })

  test('nothing to change: no text; dates and big integers compare by value', () => {
    expect(revertToml('when = 1979-05-27T07:32:00Z\nbig = 9007199254740993\n', 'when = 1979-05-27T07:32:00Z\nbig = 9007199254740993\n', [REPLACE]))
      .toEqual({ text: undefined, asBefore: true })
    expect(revertToml('when = 1979-05-27T07:32:00Z\n', 'when = 1980-01-01T00:00:00Z\n', [REPLACE])).toEqual({ text: undefined, asBefore: false })
  })

  test('a file that is no longer TOML is an error', () => {
    expect(() => revertToml('[source\n', undefined, [REPLACE])).toThrow()
  })
})
