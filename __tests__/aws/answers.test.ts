import { checkDate, checkEcrAuthorization, checkRegistryEndpoint, checkRepositoryEndpoint, checkToken, checkUrl } from '../../src/aws/answers.js'

const strict = { call: 'ecr us-east-1', field: 'proxyEndpoint', loopback: false }
const loopback = { ...strict, loopback: true }
const b64 = (text: string) => Buffer.from(text).toString('base64')

describe('checkToken', () => {
  test('printable ASCII without spaces is a token', () => {
    expect(checkToken('eyJ2ZXIiOjF9.a+b/c=d~_-', strict)).toBe('eyJ2ZXIiOjF9.a+b/c=d~_-')
  })
  test.each([
    ['missing', undefined, 'ecr us-east-1: the answer has no proxyEndpoint'],
    ['empty', '', 'ecr us-east-1: the answer has no proxyEndpoint'],
    ['a newline', 'abc\n::save-state name=undo::x', 'has spaces, control or non-ASCII characters'],
    ['a space', 'abc def', 'has spaces, control or non-ASCII characters'],
    ['non-ASCII', 'abcé', 'has spaces, control or non-ASCII characters'],
    ['too long', 'a'.repeat(16_385), 'is longer than 16384 characters'],
  ])('%s: refused, the value never shown', (_label, value, message) => {
    let text = ''
    try {
      checkToken(value, strict)
    } catch (error) {
      text = (error as Error).message
    }
    expect(text).toContain(message)
    if (value) expect(text).not.toContain(value)
  })
})

test('checkToken: a token of exactly 16384 characters is still a token', () => {
  expect(checkToken('a'.repeat(16_384), strict)).toHaveLength(16_384)
})

describe('checkEcrAuthorization', () => {
  test('base64 of user:password', () => {
    expect(checkEcrAuthorization(b64('AWS:pa:ss+/='), strict)).toEqual({ token: b64('AWS:pa:ss+/='), username: 'AWS', password: 'pa:ss+/=' })
  })
  test.each([
    ['not base64', 'AWS:password', 'is not base64 of user:password'],
    ['no colon', b64('AWSpassword'), 'is not base64 of user:password'],
    ['empty user', b64(':password'), 'is not base64 of user:password'],
    ['a user with a space', b64('A WS:password'), 'is not base64 of user:password'],
    ['a password with a newline', b64('AWS:pass\nword'), 'the password in the authorizationToken in the answer has spaces, control'],
    // Node's base64 decoder skips what is not base64: the whole token must be base64, not just its end or start.
    ['junk before the base64', `!!${b64('AWS:password')}`, 'is not base64 of user:password'],
    ['junk after the base64', `${b64('AWS:password')}!!`, 'is not base64 of user:password'],
  ])('%s: refused', (_label, token, message) => {
    expect(() => checkEcrAuthorization(token, { ...strict, field: 'authorizationToken' })).toThrow(message)
  })
})

describe('checkUrl', () => {
  test.each([
    ['http outside loopback', 'http://123456789012.dkr.ecr.us-east-1.amazonaws.com', 'is not an https URL (the token would travel in clear text)'],
    ['credentials', 'https://u:p@host.example', 'has credentials, a query or a fragment'],
    ['a user name only', 'https://u@host.example', 'has credentials, a query or a fragment'],
    ['a password only', 'https://:p@host.example', 'has credentials, a query or a fragment'],
    ['a query', 'https://host.example/?x=1', 'has credentials, a query or a fragment'],
    ['an empty query', 'https://host.example/?', 'has credentials, a query or a fragment'],
    ['a fragment', 'https://host.example/#x', 'has credentials, a query or a fragment'],
    ['a newline', 'https://host.example/\n::stop-commands::x', 'is not a URL'],
    ['shell characters in the host', 'https://a$(id).example', 'does not name a plain host'],
    ['HTML in the host', 'https://<b>x</b>.example', 'is not a URL'],
    ['an underscore host', 'https://a_b.example', 'does not name a plain host'],
    ['an encoded path', 'https://host.example/a%20b/', 'has a path with characters an endpoint cannot have'],
    ['not a string', 42, 'the answer has no proxyEndpoint'],
    ['a scheme only', 'ftp://host.example', 'is not an https URL'],
  ])('%s: refused, shown escaped', (_label, value, message) => {
    let text = ''
    try {
      checkUrl(value, strict)
    } catch (error) {
      text = (error as Error).message
    }
    expect(text).toContain(message)
    expect(text).not.toMatch(/[\r\n]/)
  })

  test('a terminal control sequence in the answer is shown escaped, not raw', () => {
    expect(() => checkUrl('https://host.example/\u009b2J\u001b[31m', strict)).toThrow(
      'ecr us-east-1: the proxyEndpoint in the answer, "https://host.example/\\u009b2J\\u001b[31m", is not a URL; refusing to use it')
  })

  test('https anywhere; http only for a loopback endpoint', () => {
    expect(checkUrl('https://host.example/npm/r/', strict).href).toBe('https://host.example/npm/r/')
    expect(checkUrl('http://127.0.0.1:5000/', loopback).host).toBe('127.0.0.1:5000')
    expect(checkUrl('http://127.8.0.1/', loopback).host).toBe('127.8.0.1')
    expect(checkUrl('http://localhost:5000/', loopback).host).toBe('localhost:5000')
    expect(checkUrl('http://[::1]:5000/', loopback).host).toBe('[::1]:5000')
    expect(checkUrl('https://registry.example/', loopback).host).toBe('registry.example')
  })

  test.each(['http://registry.example/', 'http://10.0.0.1:5000/', 'http://127.0.0.1.example/', 'http://localhost.example/'])(
    'even an emulator\'s answer may not send the token in clear text off this machine: %s', (value) => {
      expect(() => checkUrl(value, loopback)).toThrow('is not an https URL (the token would travel in clear text)')
    })

  test('hosts: one-letter labels are plain; [::1] only for a loopback endpoint', () => {
    expect(checkUrl('https://a.b/', strict).hostname).toBe('a.b')
    expect(checkUrl('http://[::1]:5000/', loopback).host).toBe('[::1]:5000')
    expect(() => checkUrl('https://[::1]:5000/', strict)).toThrow('does not name a plain host')
    expect(() => checkUrl('https://[::2]/', loopback)).toThrow('does not name a plain host')
  })
})

describe('checkRegistryEndpoint', () => {
  const expected = { region: 'us-east-1', account: '123456789012' }
  test('an ECR host of the account and region', () => {
    expect(checkRegistryEndpoint('https://123456789012.dkr.ecr.us-east-1.amazonaws.com', strict, expected)).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com')
    expect(checkRegistryEndpoint('https://123456789012.dkr-ecr.us-east-1.on.aws/', strict, {region: 'us-east-1'})).toBe('123456789012.dkr-ecr.us-east-1.on.aws')
  })
  test.each([
    ['another host', 'https://evil.example', 'is not an ECR registry of account 123456789012 in us-east-1'],
    ['another account', 'https://210987654321.dkr.ecr.us-east-1.amazonaws.com', 'is not an ECR registry of account 123456789012'],
    ['another region', 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'in us-east-1'],
    ['a port', 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com:444', 'is not an ECR registry'],
    ['a path', 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2', 'has a path'],
    ['a host under the registry\'s name', 'https://evil.123456789012.dkr.ecr.us-east-1.amazonaws.com', 'is not an ECR registry'],
    ['the registry\'s name under another domain', 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example', 'is not an ECR registry'],
  ])('%s: refused', (_label, value, message) => {
    expect(() => checkRegistryEndpoint(value, strict, expected)).toThrow(message)
  })
  test('a loopback endpoint\'s answers may name any plain host (a local registry)', () => {
    expect(checkRegistryEndpoint('http://localhost:5000', loopback, expected)).toBe('localhost:5000')
    expect(() => checkRegistryEndpoint('http://local host:5000', loopback, expected)).toThrow('is not a URL')
  })
})

describe('checkRepositoryEndpoint', () => {
  const expected = { domain: 'acme', owner: '123456789012', region: 'us-east-1', format: 'npm', repository: 'shared' }
  const source = { call: 'codeartifact us-east-1', field: 'npm repositoryEndpoint', loopback: false }
  test('the endpoint of the domain, region, format and repository; a trailing slash added', () => {
    expect(checkRepositoryEndpoint('https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/', source, expected))
      .toBe('https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/')
    expect(checkRepositoryEndpoint('https://acme-123456789012.d.codeartifact.us-east-1.on.aws/npm/shared', source, expected))
      .toBe('https://acme-123456789012.d.codeartifact.us-east-1.on.aws/npm/shared/')
  })
  test.each([
    ['another domain', 'https://evil-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/', 'is not a CodeArtifact endpoint of domain acme of owner 123456789012 in us-east-1'],
    ['another owner', 'https://acme-210987654321.d.codeartifact.us-east-1.amazonaws.com/npm/shared/', 'is not a CodeArtifact endpoint'],
    ['another format', 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/pypi/shared/', 'is not the npm endpoint of repository shared'],
    ['another host', 'https://registry.npmjs.org/', 'is not a CodeArtifact endpoint'],
    ['a host under the endpoint\'s name', 'https://evil.acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/', 'is not a CodeArtifact endpoint'],
    ['the endpoint\'s name under another domain', 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com.evil.example/npm/shared/', 'is not a CodeArtifact endpoint'],
    ['a port', 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com:8443/npm/shared/', 'is not a CodeArtifact endpoint'],
    ['another region', 'https://acme-123456789012.d.codeartifact.eu-west-1.amazonaws.com/npm/shared/', 'is not a CodeArtifact endpoint'],
    ['another repository', 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/other/', 'is not the npm endpoint of repository shared'],
    ['http', 'http://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/', 'is not an https URL'],
  ])('%s: refused', (_label, value, message) => {
    expect(() => checkRepositoryEndpoint(value, source, expected)).toThrow(message)
  })
  test('without an owner asked for, any owner of the domain; the message names no owner', () => {
    const { owner: _owner, ...anyOwner } = expected
    expect(checkRepositoryEndpoint('https://acme-210987654321.d.codeartifact.us-east-1.amazonaws.com/npm/shared/', source, anyOwner))
      .toBe('https://acme-210987654321.d.codeartifact.us-east-1.amazonaws.com/npm/shared/')
    expect(() => checkRepositoryEndpoint('https://evil-210987654321.d.codeartifact.us-east-1.amazonaws.com/npm/shared/', source, anyOwner))
      .toThrow('is not a CodeArtifact endpoint of domain acme in us-east-1; refusing to use it')
  })
  test('a loopback endpoint: any plain host and path', () => {
    expect(checkRepositoryEndpoint('http://127.0.0.1:4873/npm/shared', { ...source, loopback: true }, expected)).toBe('http://127.0.0.1:4873/npm/shared/')
  })
})

test('checkDate: only a valid date', () => {
  const date = new Date('2026-12-01T00:00:00Z')
  expect(checkDate(date)).toBe(date)
  expect(checkDate(new Date('nonsense'))).toBeUndefined()
  expect(checkDate('2026-12-01')).toBeUndefined()
})
