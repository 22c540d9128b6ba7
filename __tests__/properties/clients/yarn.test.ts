/** Properties of the ~/.yarnrc.yml edit: every other setting and comment kept, idempotent, and undone by revertYaml. */
import fc from 'fast-check'
import { parseDocument, stringify } from 'yaml'
import { yarnrcKeys, yarnrcWithRegistry } from '../../../src/clients/yarn.js'
import { nerfDart } from '../../../src/clients/npm.js'
import { sameContent } from '../../../src/entries.js'
import { revertYaml } from '../../../src/yaml-entries.js'
import '../arbitraries.js'

const endpoints = fc.oneof(
  fc.tuple(fc.constantFrom('acme', 'my-domain'), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{1,12}$/))
    .map(([domain, repository]) => `https://${domain}-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/${repository}/`),
  fc.integer({ min: 1, max: 65535 }).map((port) => `http://127.0.0.1:${port}/npm/r/`),
)
const scopeName = fc.stringMatching(/^[a-z0-9][a-z0-9._~-]{0,8}$/)
const scopes = fc.uniqueArray(scopeName.map((name) => `@${name}`), { maxLength: 3 })
const tokenVariable = fc.constantFrom('CODEARTIFACT_AUTH_TOKEN_ACME', 'CODEARTIFACT_AUTH_TOKEN_MY_DOMAIN_012345678901')

/** Settings of a registry or scope entry, ours among them sometimes (the user's own earlier values). */
const entry = fc.dictionary(
  fc.constantFrom('npmAuthToken', 'npmAlwaysAuth', 'npmAuthIdent', 'npmRegistryServer', 'npmPublishRegistry'),
  fc.oneof(fc.string({ maxLength: 12 }), fc.boolean()),
  { maxKeys: 3 },
)
const endpointsAndScopes = fc.tuple(endpoints, scopes)

/** A yarnrc for an endpoint and scopes: random settings, other registries and scopes, maybe ours already. */
const yarnrcs = (endpoint: string, ourScopes: string[]) => fc.record({
  other: fc.dictionary(fc.oneof(fc.constantFrom('nodeLinker', 'enableTelemetry', 'yarnPath'), fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  // A section or entry may be there but empty (null), as when its lines are commented out.
  registries: fc.option(fc.option(fc.dictionary(fc.oneof(fc.constant(nerfDart(endpoint)), fc.constantFrom('//npm.pkg.github.com/', '//registry.npmjs.org/')), fc.option(entry), { maxKeys: 2 })), { nil: undefined }),
  scopes: fc.option(fc.option(fc.dictionary(fc.oneof(fc.constantFrom(...ourScopes.map((scope) => scope.slice(1)), 'octo'), scopeName), fc.option(entry), { maxKeys: 3 })), { nil: undefined }),
  comment: fc.constantFrom('', '# user settings\n'),
  flow: fc.boolean(),
}).map(({ other, registries, scopes, comment, flow }) => {
  const object: Record<string, unknown> = { ...other }
  delete object.npmRegistries
  delete object.npmScopes
  if (registries !== undefined) object.npmRegistries = registries
  if (scopes !== undefined) object.npmScopes = scopes
  return comment + (Object.keys(object).length > 0 ? stringify(object, flow ? { collectionStyle: 'flow' } : {}) : '')
})
const cases = fc.tuple(endpointsAndScopes, tokenVariable).chain(([[endpoint, ourScopes], variable]) =>
  yarnrcs(endpoint, ourScopes).map((text) => ({ text, endpoint, scopes: ourScopes, variable })))

type Sections = Record<string, Record<string, Record<string, unknown> | null | undefined> | null | undefined>

/** The settings as data, an empty section or entry (null) as an empty map: the same to yarn. */
function content(text: string): Sections {
  const data = (parseDocument(text).toJS() ?? {}) as Sections
  for (const name of ['npmRegistries', 'npmScopes']) {
    if (data[name] === null) data[name] = {}
    for (const [key, value] of Object.entries(data[name] ?? {})) if (value === null) (data[name] ?? {})[key] = {}
  }
  return data
}

/** The settings as data, without the leaves the edit writes. */
function others(text: string, endpoint: string, scopes: string[]): unknown {
  const data = content(text)
  const registry = data.npmRegistries?.[nerfDart(endpoint)]
  delete registry?.npmAuthToken
  delete registry?.npmAlwaysAuth
  for (const scope of scopes) delete data.npmScopes?.[scope.slice(1)]?.npmRegistryServer
  return data
}

describe('yarnrcWithRegistry', () => {
  test('keeps every other setting and comment; sets the token reference and the scopes', () => {
    fc.assert(fc.property(cases, ({ text, endpoint, scopes, variable }) => {
      const edited = yarnrcWithRegistry(text, endpoint, scopes, variable)
      expect(sameContent(others(edited, endpoint, scopes), others(text, endpoint, scopes))).toBe(true)
      if (text.startsWith('#')) expect(edited.startsWith(text.split('\n')[0] ?? '')).toBe(true)
      const document = parseDocument(edited)
      expect(document.errors).toEqual([])
      expect(document.getIn(['npmRegistries', nerfDart(endpoint), 'npmAuthToken'])).toBe(`\${${variable}}`)
      expect(document.getIn(['npmRegistries', nerfDart(endpoint), 'npmAlwaysAuth'])).toBe(true)
      for (const scope of scopes) expect(document.getIn(['npmScopes', scope.slice(1), 'npmRegistryServer'])).toBe(endpoint)
    }))
  })

  test('editing twice is editing once', () => {
    fc.assert(fc.property(cases, ({ text, endpoint, scopes, variable }) => {
      const once = yarnrcWithRegistry(text, endpoint, scopes, variable)
      expect(yarnrcWithRegistry(once, endpoint, scopes, variable)).toBe(once)
    }))
  })

  test('revertYaml of the edit gives back the original content', () => {
    fc.assert(fc.property(cases, fc.boolean(), ({ text, endpoint, scopes, variable }, existed) => {
      const original = existed ? text : undefined
      const edited = yarnrcWithRegistry(original ?? '', endpoint, scopes, variable)
      const { text: reverted, asBefore } = revertYaml(edited, original, yarnrcKeys(endpoint, scopes))
      expect(sameContent(content(reverted ?? edited), content(original ?? ''))).toBe(true)
      // An empty section the edit filled in comes back as {}: the same to yarn, but not byte for byte.
      const raw = (parseDocument(original ?? '').toJS() ?? {}) as Sections
      const filled = raw.npmRegistries === null || (scopes.length > 0 && raw.npmScopes === null)
      expect(asBefore).toBe(!filled)
    }))
  })
})
