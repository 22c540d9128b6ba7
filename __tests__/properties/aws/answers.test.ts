/** Properties of the checks on AWS answers: they refuse with one-line Errors, and what they accept is clean. */
import fc from 'fast-check'
import { checkEcrAuthorization, checkRegistryEndpoint, checkRepositoryEndpoint, checkToken, checkUrl, type Source } from '../../../src/aws/answers.js'
import { CONTROL, LINE_BREAK, anyString } from '../arbitraries.js'

const sources: fc.Arbitrary<Source> = fc.record({
  call: fc.constantFrom('ecr us-east-1', 'codeartifact eu-west-1'),
  field: fc.constantFrom('authorizationToken', 'proxyEndpoint', 'repositoryEndpoint'),
  loopback: fc.boolean(),
})
/** Answers as the SDK could hand them over: strings of every kind, and other types. */
const answers = fc.oneof(
  { weight: 4, arbitrary: anyString },
  { weight: 2, arbitrary: fc.webUrl({ validSchemes: ['https', 'http', 'ftp'], withFragments: true, withQueryParameters: true, authoritySettings: { withUserInfo: true, withPort: true, withIPv6: true } }) },
  { weight: 1, arbitrary: fc.constantFrom('https://123456789012.dkr.ecr.us-east-1.amazonaws.com', 'http://[::1]:5000', 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/r/', 'https://a..b/', 'https://a/%0a', 'https://a\n/') },
  { weight: 1, arbitrary: fc.anything() },
)

/** Calls `check`; what it throws must be a plain Error of one printable line. */
function acceptsOrRefuses<T>(check: () => T): T | undefined {
  try {
    return check()
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).constructor).toBe(Error)
    expect((error as Error).message).not.toMatch(CONTROL)
    expect((error as Error).message).not.toMatch(LINE_BREAK)
    return undefined
  }
}

describe('checkToken', () => {
  test('any answer: a one-line printable Error, or a token without control characters or spaces', () => {
    fc.assert(fc.property(answers, sources, (value, source) => {
      const token = acceptsOrRefuses(() => checkToken(value, source))
      if (token === undefined) return
      expect(token).toBe(value)
      expect(token).toMatch(/^[\x21-\x7e]{1,16384}$/)
    }))
  })

  test('a refused token is never shown, not even in part', () => {
    const secret = fc.string({ minLength: 1 }).map((text) => `S3CR3T${text}`)
    fc.assert(fc.property(secret, fc.constantFrom(' ', '\n', '\u0000', 'é', 'x'.repeat(16_384)), sources, (text, bad, source) => {
      try {
        checkToken(text + bad, source)
      } catch (error) {
        expect((error as Error).message).not.toContain('S3CR3T')
      }
    }))
  })

  test('checkEcrAuthorization: refuses with one line, or gives a user and password that make up the token', () => {
    const tokens = fc.oneof(answers, fc.tuple(fc.stringMatching(/^[A-Za-z0-9._ -]{0,8}$/), anyString).map(([user, password]) => Buffer.from(`${user}:${password}`).toString('base64')))
    fc.assert(fc.property(tokens, sources, (value, source) => {
      const checked = acceptsOrRefuses(() => checkEcrAuthorization(value, source))
      if (!checked) return
      expect(Buffer.from(checked.token, 'base64').toString('utf8')).toBe(`${checked.username}:${checked.password}`)
      expect(checked.password).not.toMatch(CONTROL)
      expect(checked.password).not.toMatch(/\s/)
    }))
  })
})

describe('checkUrl', () => {
  test('any answer: a one-line Error, or an http(s) URL without control characters, credentials, query or fragment', () => {
    fc.assert(fc.property(answers, sources, (value, source) => {
      const url = acceptsOrRefuses(() => checkUrl(value, source))
      if (!url) return
      expect(url.href).not.toMatch(CONTROL)
      expect(url.href).not.toMatch(/\s/)
      expect(source.loopback ? ['https:', 'http:'] : ['https:']).toContain(url.protocol)
      expect(url.username + url.password + url.search + url.hash).toBe('')
    }))
  })

  test('the registry and repository endpoint checks refuse with one line too', () => {
    const expected = { region: 'us-east-1', account: '123456789012', domain: 'acme', owner: '123456789012', format: 'npm', repository: 'r' }
    fc.assert(fc.property(answers, sources, (value, source) => {
      const host = acceptsOrRefuses(() => checkRegistryEndpoint(value, source, expected))
      if (host !== undefined) expect(host).not.toMatch(/[\s/]/)
      const endpoint = acceptsOrRefuses(() => checkRepositoryEndpoint(value, source, expected))
      if (endpoint !== undefined) expect(endpoint.endsWith('/')).toBe(true)
    }))
  })
})
