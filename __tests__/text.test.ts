import { hasControl, show, untrusted } from '../src/text.js'

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
