/** Properties of untrusted(): whatever comes in, one printable line goes out. */
import fc from 'fast-check'
import { hasControl, show, untrusted } from '../../src/text.js'
import { CONTROL, LINE_BREAK, anyString } from './arbitraries.js'

describe('untrusted', () => {
  test('never a control character or a line break, and never longer than the limit', () => {
    fc.assert(fc.property(anyString, fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }), (text, limit) => {
      const line = untrusted(text, limit)
      expect(line).not.toMatch(CONTROL)
      expect(line).not.toMatch(LINE_BREAK)
      expect(hasControl(line)).toBe(false)
      expect(line.length).toBeLessThanOrEqual(limit ?? 500)
    }))
  })

  test('text that is already one printable line, short enough, comes out as it was (trimmed)', () => {
    const printable = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '~', '"', '\\', 'é', '€'), maxLength: 60 })
    fc.assert(fc.property(printable, (text) => {
      expect(untrusted(text)).toBe(text.trim().replace(/ +/g, ' '))
    }))
  })

  test('every character of the input that is not a control or space is kept, in order', () => {
    fc.assert(fc.property(anyString, (text) => {
      const kept = [...text].filter((c) => !/\s/.test(c) && !CONTROL.test(c)).join('')
      const shown = untrusted(text, 100_000).replace(/\\u00[0-9a-f]{2}/g, '').replace(/ /g, '')
      expect(shown).toBe(kept)
    }))
  })
})

describe('show and hasControl', () => {
  // A cut value is one character longer than the limit: limit - 3 characters, then `..."` (4).
  test('show is one quoted, printable line of about the limit that JSON.parse gives back when not cut', () => {
    fc.assert(fc.property(anyString, fc.integer({ min: 8, max: 100 }), (text, limit) => {
      const shown = show(text, limit)
      expect(shown).not.toMatch(CONTROL)
      expect(shown).not.toMatch(LINE_BREAK)
      expect(shown.length).toBeLessThanOrEqual(limit + 1)
      expect(shown.startsWith('"') && shown.endsWith('"')).toBe(true)
      if (!shown.endsWith('..."')) expect(JSON.parse(shown)).toBe(text)
    }))
  })

  test('hasControl is true exactly when a character is a C0 or C1 control or DEL', () => {
    fc.assert(fc.property(anyString, (text) => {
      expect(hasControl(text)).toBe([...text].some((c) => CONTROL.test(c)))
    }))
  })
})
