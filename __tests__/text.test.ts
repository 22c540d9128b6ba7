import { hasControl, notParsable, show, showValue, untrusted } from '../src/text.js'

describe('untrusted', () => {
  test.each([
    ['plain', 'Access denied', 'Access denied'],
    ['a workflow command on a line of its own stays inside the line', 'bad\n::save-state name=undo::[]', 'bad ::save-state name=undo::[]'],
    ['CR and tabs are whitespace', 'a\r\n\tb', 'a b'],
    ['a terminal escape is shown escaped', 'red\u001b[31m', 'red\\u001b[31m'],
    ['DEL and C1 controls too', 'a\u007fb\u0085c', 'a\\u007fb\\u0085c'],
    ['NUL', 'a\u0000b', 'a\\u0000b'],
  ])('%s', (_label, text, expected) => {
    expect(untrusted(text)).toBe(expected)
    expect(hasControl(untrusted(text))).toBe(false)
  })

  test('long text is cut', () => {
    expect(untrusted('x'.repeat(600))).toBe(`${'x'.repeat(499)}…`)
    expect(untrusted('x'.repeat(20), 10)).toHaveLength(10)
  })
})

test('show quotes, escapes and shortens', () => {
  expect(show('a\nb')).toBe('"a\\nb"')
  // JSON.stringify leaves these raw: a C1 CSI could drive a terminal, U+2028 ends a line for some viewers.
  expect(show('a\u009b2J\u007f\u2028\u2029')).toBe('"a\\u009b2J\\u007f\\u2028\\u2029"')
  expect(JSON.parse(show('a\u009b2J\u007f\u2028'))).toBe('a\u009b2J\u007f\u2028')
  expect(show('y'.repeat(100))).toBe(`"${'y'.repeat(76)}..."`)
})

test('hasControl: positive and negative', () => {
  expect(hasControl('line\n')).toBe(true)
  expect(hasControl('\u009b')).toBe(true)
  expect(hasControl('plain text ~!')).toBe(false)
})

test('at exactly the limit nothing is cut; one more and it is', () => {
  expect(show('x'.repeat(78))).toBe(`"${'x'.repeat(78)}"`)
  expect(show('x'.repeat(79))).toBe(`"${'x'.repeat(76)}..."`)
  expect(untrusted('y'.repeat(500))).toBe('y'.repeat(500))
  expect(untrusted('y'.repeat(501))).toBe(`${'y'.repeat(499)}…`)
  expect(untrusted('  \n a \t ')).toBe('a')
})

describe('notParsable', () => {
  const SECRET = 'own-secret-8f3a'
  test.each<[string, string, string]>([
    ['JSON.parse with an offset', '{\n"a": 1,\n"b": 2 3}', 'it is not valid JSON (line 3, column 8)'],
    ['JSON.parse without one (V8 quotes the text instead)', `{"auth": ${SECRET}}`, 'it is not valid JSON'],
  ])('%s: the place, never the parser\'s message', (_label, text, expected) => {
    let error: unknown
    try {
      JSON.parse(text)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SyntaxError)
    expect(notParsable('JSON', error, text)).toBe(expected)
  })

  test('positive control: V8\'s own message quotes the secret', () => {
    expect(() => JSON.parse(`{"auth": ${SECRET}}`)).toThrow(SECRET.slice(0, 10))
  })

  test('YAML, TOML and XML positions (yaml linePos; toml-patch 0-based column; xmldom locator)', () => {
    expect(notParsable('YAML', { linePos: [{ line: 2, col: 15 }], message: `npmAuthToken: ${SECRET} : x` }, '')).toBe('it is not valid YAML (line 2, column 15)')
    expect(notParsable('TOML', { line: 2, column: 22, message: `token = "${SECRET}` }, '')).toBe('it is not valid TOML (line 2, column 23)')
    expect(notParsable('XML', { lineNumber: 3, columnNumber: 7 }, '')).toBe('it is not valid XML (line 3, column 7)')
    expect(notParsable('XML', { lineNumber: 3 }, '')).toBe('it is not valid XML (line 3, column 1)')
    expect(notParsable('XML', undefined, '')).toBe('it is not valid XML')
    expect(notParsable('JSON', { message: `${SECRET} at position 4` }, 'ab\ncd')).toBe('it is not valid JSON (line 2, column 2)')
  })
})

test('showValue: any value as one line of JSON, escaped like show (DEL, C1, line separators), cut at 120', () => {
  expect(showValue({ kind: 'x\u2028y\u007f', n: [1] })).toBe('{"kind":"x\\u2028y\\u007f","n":[1]}')
  expect(showValue(undefined)).toBe('undefined')
  expect(showValue('x'.repeat(118))).toBe(`"${'x'.repeat(118)}"`)
  expect(showValue('x'.repeat(119))).toBe(`"${'x'.repeat(116)}...`)
  expect(showValue(['a\nb'])).not.toMatch(/[\n\u2028]/)
})
