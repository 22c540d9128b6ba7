/** Properties of the masked forms: every form of a secret that the leak scanner looks for is masked. */
import { jest } from '@jest/globals'
import fc from 'fast-check'
import { labelledSecretForms } from '../../test-support/harness/leaks.js'
import { anyString } from './arbitraries.js'

jest.unstable_mockModule('@actions/core', () => ({ setSecret: jest.fn() }))
const { secretForms } = await import('../../src/mask.js')

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')
const secrets = fc.oneof(anyString, fc.stringMatching(/^[A-Za-z0-9+/=]{8,40}$/)).filter((secret) => secret !== '')
const usernames = fc.uniqueArray(fc.oneof(fc.constantFrom('AWS', 'aws'), fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/)), { maxLength: 3 })
// encodeURIComponent throws on a lone surrogate: no such secret reaches the masker (tokens are ASCII).
const wellFormed = (text: string): boolean => !/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))

describe('secretForms', () => {
  test('has the raw, base64, percent-encoded, JSON-escaped and user:secret base64 forms, each once', () => {
    fc.assert(fc.property(secrets.filter(wellFormed), usernames, (secret, users) => {
      const forms = secretForms(secret, users)
      const expected = [secret, base64(secret), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), ...users.map((user) => base64(`${user}:${secret}`))]
      for (const form of expected) expect(forms).toContain(form)
      expect(new Set(forms).size).toBe(forms.length)
      expect(forms.every((form) => expected.includes(form))).toBe(true)
      expect(forms[0]).toBe(secret)
    }))
  })

  test('has every whole-value form the leak scanner of the test harness looks for', () => {
    // The scanner also looks for the secret's base64 inside a longer blob, which no fixed string can mask.
    const whole = new Set(['raw', 'base64', 'base64 of AWS:secret', 'base64 of aws:secret', 'url-encoded'])
    fc.assert(fc.property(secrets.filter(wellFormed), (secret) => {
      const forms = secretForms(secret, ['AWS', 'aws'])
      for (const { label, value } of labelledSecretForms(secret)) if (whole.has(label)) expect(forms).toContain(value)
    }))
  })

  test('nothing for an empty secret', () => {
    fc.assert(fc.property(usernames, (users) => {
      expect(secretForms('', users)).toEqual([])
    }))
  })
})
