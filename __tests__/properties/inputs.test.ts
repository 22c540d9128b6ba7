/** Properties of the input parsers: any value parses or fails with one line naming the input; parsing is stable. */
import fc from 'fast-check'
import { readInputs, InputError, type Inputs } from '../../src/inputs.js'
import {
  parseAccount, parseBoolean, parseChoice, parseDomain, parseDuration, parseInteger, parseNpmScopes, parseProxy, parseRegion,
  parseRegistryName, parseRepository,
} from '../../src/input-values.js'
import { CONTROL, LINE_BREAK, accountId, anyString, region, stringOf } from './arbitraries.js'

const INPUTS = [
  'service', 'region', 'registries', 'registry-type', 'domain', 'domain-owner', 'duration-seconds', 'repository', 'tools',
  'registry-name', 'public-registry', 'npm-scope', 'pip-index', 'endpoint-type', 'export-env', 'mask-password', 'logout', 'skip-logout', 'max-attempts',
  'timeout-seconds', 'http-proxy',
] as const

/** Calls `parse`; a failure must be an InputError of one printable line that names one of `names`. */
function parsesOrFailsCleanly<T>(names: readonly string[], parse: () => T): T | undefined {
  try {
    return parse()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).name).toBe('InputError')
    const message = (error as Error).message
    expect(message).not.toMatch(CONTROL)
    expect(message).not.toMatch(LINE_BREAK)
    const named = /^Input '([a-z-]+)': ./.exec(message)?.[1]
    expect(names).toContain(named)
    return undefined
  }
}

/** Valid values of each input for each service ('' leaves the input out). */
const COMMON = {
  'export-env': ['true', 'false', ''],
  'mask-password': ['true', 'FALSE', ''],
  logout: ['true', 'false', ''],
  'skip-logout': ['true', 'false', ''],
  'max-attempts': ['1', '20', ''],
  'timeout-seconds': ['5', '3600', ''],
  'http-proxy': ['http://proxy:3128', 'https://u:p%40ss@proxy:8443', ''],
}
const ECR_TOOLS = ['none', 'docker', 'helm podman', 'buildah,skopeo', '']
const VALID: Record<string, Record<string, string[]>> = {
  ecr: {
    ...COMMON, service: ['ecr', 'ECR', ''], 'registry-type': ['private', ''], region: ['us-east-1', 'cn-north-1', ''],
    registries: ['123456789012', '123456789012.dkr.ecr.us-east-1.amazonaws.com', 'https://123456789012.dkr-ecr-fips.us-gov-west-1.on.aws/', '123456789012,210987654321 123456789012', ''],
    tools: ECR_TOOLS,
  },
  'ecr-public': { ...COMMON, service: ['ecr-public', ''], 'registry-type': ['public'], region: ['eu-west-1', ''], tools: ECR_TOOLS },
  codeartifact: {
    ...COMMON, service: ['codeartifact', ''], region: ['us-east-1', 'eu-west-1', ''], domain: ['acme', 'my-domain'], 'domain-owner': ['012345678901', ''],
    'duration-seconds': ['900', '0', '43200', ''], repository: ['repo.1', 'shared'],
    tools: ['none', 'npm, pip', 'yarn', 'pnpm uv poetry twine', 'maven gradle cargo', 'bundler, gem, nuget, dotnet', 'swift generic', ''],
    'registry-name': ['corp', 'Corp_repo-2', ''], 'public-registry': ['keep', 'replace', ''],
    'npm-scope': ['@acme', 'acme,tools', ''], 'pip-index': ['index', 'extra', ''], 'endpoint-type': ['ipv4', 'dualstack', ''],
  },
}
/** Values that are valid for some other input or nearly valid. */
const NEAR = ['maven', 'docker', '1corp', 'none docker', ' x ', '\n', '21', 'http://u:%zz@proxy', 'us-east-1a', '12345678901', 'public', 'codeartifact', 'acme']

/** Input sets that are mostly valid for one service, with a few values replaced by any string. */
const inputSets: fc.Arbitrary<Record<string, string>> = fc.constantFrom(...Object.values(VALID)).chain((valid) => fc.record(
  Object.fromEntries(INPUTS.map((name) => [name, fc.oneof(
    { weight: 60, arbitrary: fc.constantFrom(...(valid[name] ?? [''])) },
    { weight: 1, arbitrary: fc.constantFrom(...NEAR) },
    { weight: 1, arbitrary: anyString },
  )])),
)).map((given) => Object.fromEntries(Object.entries(given).filter(([, value]) => value !== '')))
const environments = fc.record({ AWS_REGION: fc.option(fc.oneof(region, anyString), { nil: undefined }), AWS_DEFAULT_REGION: fc.option(region, { nil: undefined }) })

const read = (given: Record<string, string>, env: Record<string, string | undefined>): Inputs =>
  readInputs((name) => given[name] ?? '', env)

/** Inputs written back as the strings a workflow would give. */
function asInputs(inputs: Inputs): Record<string, string> {
  const given: Record<string, string> = {
    service: inputs.service,
    tools: inputs.tools.length > 0 ? inputs.tools.join(', ') : 'none',
    'export-env': String(inputs.exportEnv),
    'mask-password': String(inputs.maskPassword),
    logout: String(inputs.logout),
    'max-attempts': String(inputs.maxAttempts),
    'timeout-seconds': String(inputs.timeoutSeconds),
  }
  if (inputs.region) given.region = inputs.region
  if (inputs.httpProxy) given['http-proxy'] = inputs.httpProxy
  if (inputs.service !== 'codeartifact') {
    if (inputs.registries.length > 0) given.registries = inputs.registries.map((registry) => registry.host ?? registry.account).join('\n')
    return given
  }
  given.domain = inputs.domain
  given['endpoint-type'] = inputs.endpointType
  given['pip-index'] = inputs.settings.pipIndex
  given['registry-name'] = inputs.settings.registryName
  given['public-registry'] = inputs.settings.publicRegistry
  if (inputs.domainOwner) given['domain-owner'] = inputs.domainOwner
  if (inputs.durationSeconds !== undefined) given['duration-seconds'] = String(inputs.durationSeconds)
  if (inputs.repository) given.repository = inputs.repository
  if (inputs.settings.npmScopes.length > 0) given['npm-scope'] = inputs.settings.npmScopes.join(' ')
  return given
}

describe('readInputs', () => {
  test('any set of inputs is read, or refused with one line naming an input', () => {
    fc.assert(fc.property(inputSets, environments, (given, env) => {
      parsesOrFailsCleanly(INPUTS, () => read(given, env))
    }))
  })

  test('what it reads, written back as inputs, reads the same', () => {
    fc.assert(fc.property(inputSets, environments, (given, env) => {
      const inputs = parsesOrFailsCleanly(INPUTS, () => read(given, env))
      if (!inputs) return
      const again = read(asInputs(inputs), {})
      expect({ ...again, warnings: [] }).toEqual({ ...inputs, warnings: [] })
    }))
  })

  test('the proxy password is never shown in an error', () => {
    const password = fc.stringMatching(/^[A-Za-z0-9%@:]{0,12}$/).map((text) => `S3CR3T${text}`)
    const scheme = fc.constantFrom('http', 'https', 'ftp', 'socks5', 'http:/', '')
    fc.assert(fc.property(scheme, password, fc.constantFrom('proxy:3128', '', '[::1]', 'a b', 'proxy\n'), (scheme, secret, host) => {
      const value = `${scheme}://user:${secret}@${host}`
      try {
        read({ 'http-proxy': value }, { AWS_REGION: 'us-east-1' })
      } catch (error) {
        expect((error as Error).message).not.toContain('S3CR3T')
      }
    }))
  })
})

describe('single values', () => {
  // Each parser with a generator of mostly-near-valid text and a way to write its result back.
  const cases = [
    ['parseChoice', 'pip-index', (value: string) => parseChoice('pip-index', value, ['index', 'extra']), stringOf('index', 'extra', 'INDEX', 'x', ' ', '\n'), String],
    ['parseBoolean', 'logout', (value: string) => parseBoolean('logout', value), stringOf('true', 'false', 'True', 'FALSE', '1', '\n'), String],
    ['parseInteger', 'max-attempts', (value: string) => parseInteger('max-attempts', value, 1, 20), stringOf('0', '1', '2', '9', '-', '.', 'e', ' ', '\n'), String],
    ['parseRegion', 'region', (value: string) => parseRegion('region', value), fc.oneof(region, stringOf('us', 'east', '-', '1', 'X', '\n')), String],
    ['parseAccount', 'domain-owner', (value: string) => parseAccount('domain-owner', value), fc.oneof(accountId, stringOf('0', '1', '9', '\n', 'a')), String],
    ['parseDomain', 'domain', parseDomain, stringOf('a', 'z', '0', '-', 'A', '_', '\n'), String],
    ['parseRegistryName', 'registry-name', parseRegistryName, stringOf('a', 'Z', '0', '_', '-', '.', ' ', '\n'), String],
    ['parseRepository', 'repository', parseRepository, stringOf('a', 'Z', '0', '.', '_', '-', '/', '\n'), String],
    ['parseDuration', 'duration-seconds', parseDuration, fc.oneof(fc.integer({ min: 0, max: 50_000 }).map(String), stringOf('0', '9', '4', '\n')), String],
    ['parseNpmScopes', 'npm-scope', parseNpmScopes, stringOf('@', 'acme', 'A', '.', '~', '-', ',', ' ', '\n', '/'), (scopes: string[]) => scopes.join(',')],
    ['parseProxy', 'http-proxy', parseProxy, fc.oneof(fc.webUrl({ withQueryParameters: true }), stringOf('http://', 'https://', 'ftp://', 'u:p@', '%', '%41', 'host', ':8080', '/', '\n')), String],
  ] as const

  test.each(cases)('%s: any string parses or fails with one line naming %s', (_label, name, parse, near) => {
    fc.assert(fc.property(fc.oneof(near, anyString), (value) => {
      parsesOrFailsCleanly([name], () => parse(value))
    }))
  })

  test.each(cases)('%s: a parsed value, written back, parses the same', (_label, name, parse, near, write) => {
    fc.assert(fc.property(near, (value) => {
      const parsed = parsesOrFailsCleanly([name], () => parse(value))
      if (parsed === undefined) return
      expect((parse as (value: string) => unknown)((write as (parsed: unknown) => string)(parsed))).toEqual(parsed)
    }))
  })
})
