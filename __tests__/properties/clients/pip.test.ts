/** Properties of the pip index URL: the token travels in it intact, whatever characters it has. */
import fc from 'fast-check'
import { simpleIndexUrl } from '../../../src/clients/pip.js'
import { CODEARTIFACT_USERNAME } from '../../../src/clients/context.js'
import '../arbitraries.js'

const endpoints = fc.oneof(
  fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{1,20}$/))
    .map(([domain, owner, repository]) => `https://${domain}-${owner}.d.codeartifact.us-east-1.amazonaws.com/pypi/${repository}/`),
  fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.stringMatching(/^[A-Za-z0-9._~-]{1,10}$/).filter((text) => !/^\.\.?$/.test(text)))
    .map(([port, repository]) => `http://127.0.0.1:${port}/pypi/${repository}/`),
)
// Printable ASCII (what checkToken lets through), and any Unicode for good measure.
const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1 })
const tokens = fc.oneof(printable, fc.string({ unit: 'grapheme', minLength: 1 }))

describe('simpleIndexUrl', () => {
  test('the token decodes back exactly, as the password of user aws', () => {
    fc.assert(fc.property(endpoints, tokens, (endpoint, token) => {
      const url = new URL(simpleIndexUrl(endpoint, token))
      expect(url.username).toBe(CODEARTIFACT_USERNAME)
      expect(decodeURIComponent(url.password)).toBe(token)
    }))
  })

  test('the URL is the endpoint\'s simple/ index, host and path otherwise untouched, with nothing after the path', () => {
    fc.assert(fc.property(endpoints, tokens, (endpoint, token) => {
      const text = simpleIndexUrl(endpoint, token)
      const url = new URL(text)
      const base = new URL(endpoint)
      expect(url.host).toBe(base.host)
      expect(url.pathname).toBe(`${base.pathname}simple/`)
      expect(url.search + url.hash).toBe('')
      // Only URL-safe characters: the token cannot end the userinfo early or start a query.
      expect(text).toMatch(/^[A-Za-z0-9:/@.%_~!*'()-]+$/)
      expect(simpleIndexUrl(endpoint)).toBe(`${base.origin}${base.pathname}simple/`)
    }))
  })
})
