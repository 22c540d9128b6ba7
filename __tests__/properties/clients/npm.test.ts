/** Properties of the npmrc edit and the nerf-dart keys it writes. */
import fc from 'fast-check'
import * as ini from 'ini'
import { nerfDart, npmrcWithRegistry } from '../../../src/clients/npm.js'
import { pruned } from '../../../src/entries.js'
import '../arbitraries.js'

/**
 * Endpoints the action accepts from CodeArtifact (checkRepositoryEndpoint): https CodeArtifact hosts, or for a
 * loopback endpoint any plain host with a port and a path of [A-Za-z0-9._~-] segments.
 */
const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/).filter((text) => text !== '.' && text !== '..')
export const endpoints = fc.oneof(
  fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), fc.stringMatching(/^\d{12}$/), fc.constantFrom('us-east-1', 'cn-north-1'), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{1,20}$/))
    .map(([domain, owner, region, repository]) => `https://${domain}-${owner}.d.codeartifact.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/npm/${repository}/`),
  fc.tuple(fc.constantFrom('http', 'https'), fc.oneof(fc.domain(), fc.constantFrom('127.0.0.1', 'localhost', '[::1]')),
    fc.option(fc.integer({ min: 1, max: 65535 })), fc.array(segment, { maxLength: 3 }), fc.constantFrom('', '/'))
    .map(([scheme, host, port, path, slash]) => `${scheme}://${host}${port ? `:${port}` : ''}/${path.join('/')}${path.length > 0 ? slash : ''}`),
)
const scopes = fc.uniqueArray(fc.stringMatching(/^@[a-z0-9][a-z0-9._~-]{0,10}$/), { maxLength: 3 })
const tokenVariable = fc.stringMatching(/^CODEARTIFACT_AUTH_TOKEN_[A-Z0-9_]{1,12}$/)

/** npmrc text: lines of settings (other registries' tokens, scopes, arrays, sections), comments and junk. */
const key = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
  fc.stringMatching(/^@[a-z]{1,6}:registry$/),
  fc.stringMatching(/^\/\/[a-z.]{1,12}\/(?:[a-z]{1,5}\/)?:_authToken$/),
  fc.constantFrom('registry', 'always-auth', 'fund', '_auth', 'email', 'strict-ssl'),
)
const value = fc.oneof(fc.stringMatching(/^[\x21-\x7e ]{0,20}$/), fc.constantFrom('true', 'false', '${NODE_AUTH_TOKEN}', 'https://registry.npmjs.org/', ''))
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, fc.constantFrom('=', ' = '), value).map(([k, eq, v]) => `${k}${eq}${v}`) },
  { weight: 1, arbitrary: fc.tuple(key, value).map(([k, v]) => `${k}[]=${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('; comment', '# comment', '', '   ', 'no-equals-sign') },
  { weight: 1, arbitrary: fc.stringMatching(/^\[[a-z]{1,6}\]$/) },
)
export const npmrcs = fc.oneof(
  fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n')),
  fc.dictionary(key, value, { maxKeys: 8 }).map((object) => ini.stringify(object)),
)

/** The settings of a parsed npmrc other than the ones the edit writes (an empty section is no setting). */
function others(text: string, endpoint: string, scopes: string[]): unknown {
  const config = ini.parse(text) as Record<string, unknown>
  delete config[`${nerfDart(endpoint)}:_authToken`]
  if (scopes.length === 0) delete config.registry
  for (const scope of scopes) delete config[`${scope}:registry`]
  return pruned(config)
}

describe('nerfDart', () => {
  test('starts with // and ends with /, and keeps the host and path', () => {
    fc.assert(fc.property(endpoints, (endpoint) => {
      const dart = nerfDart(endpoint)
      const url = new URL(endpoint)
      expect(dart.startsWith('//')).toBe(true)
      expect(dart.endsWith('/')).toBe(true)
      expect(dart.startsWith(`//${url.host}/`)).toBe(true)
      expect(`${dart.slice(2 + url.host.length).replace(/\/$/, '')}`).toBe(url.pathname.replace(/\/$/, ''))
      expect(nerfDart(`https:${dart}`)).toBe(dart)
    }))
  })
})

describe('npmrcWithRegistry', () => {
  test('keeps every other setting and writes the registry (or scopes) and the token reference', () => {
    fc.assert(fc.property(npmrcs, endpoints, scopes, tokenVariable, (text, endpoint, scopes, variable) => {
      const edited = npmrcWithRegistry(text, endpoint, scopes, variable)
      expect(others(edited, endpoint, scopes)).toEqual(others(text, endpoint, scopes))
      const config = ini.parse(edited) as Record<string, unknown>
      expect(config[`${nerfDart(endpoint)}:_authToken`]).toBe(`\${${variable}}`)
      if (scopes.length === 0) expect(config.registry).toBe(endpoint)
      for (const scope of scopes) expect(config[`${scope}:registry`]).toBe(endpoint)
    }))
  })

  test('editing twice is editing once', () => {
    fc.assert(fc.property(npmrcs, endpoints, scopes, tokenVariable, (text, endpoint, scopes, variable) => {
      const once = npmrcWithRegistry(text, endpoint, scopes, variable)
      expect(npmrcWithRegistry(once, endpoint, scopes, variable)).toBe(once)
    }))
  })
})
