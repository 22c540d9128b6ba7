/**
 * Every input of action.yml, read once and validated by pure functions into one typed object per
 * service. Nothing else in the action reads inputs. A bad value throws InputError with one line that
 * names the input and what it accepts.
 */
import { entryOf, honouring, isTool, toolsOf, type ClientOption, type PackageTool, type RegistryTool, type Tool } from './clients/catalog.js'
import type { ClientSettings } from './clients/context.js'
import { isAccountId, isRegion, parseRegistryHost, splitList, standardHost, type Registry } from './registries.js'
import {
  InputError, parseAccount, parseBoolean, parseChoice, parseDomain, parseDuration, parseInteger, parseNpmScopes, parseProxy,
  parseRegion, parseRegistryName, parseRepository, show,
} from './input-values.js'

export { InputError } from './input-values.js'

export type Service = 'ecr' | 'ecr-public' | 'codeartifact'

/** What every service shares. */
interface Common {
  exportEnv: boolean
  maskPassword: boolean
  logout: boolean
  maxAttempts: number
  /** The step's time limit: every AWS call and client process shares it. */
  timeoutSeconds: number
  httpProxy?: string
  /** Notes for the log about inputs that were accepted but have no effect. */
  warnings: string[]
}

export interface EcrInputs extends Common {
  service: 'ecr' | 'ecr-public'
  /** Region of the caller's own registry (no registries given); ECR Public is always us-east-1. */
  region?: string
  /** Private registries in input order; empty for the caller's own registry and for ECR Public. */
  registries: Registry[]
  tools: RegistryTool[]
}

export interface CodeArtifactInputs extends Common {
  service: 'codeartifact'
  region: string
  domain: string
  domainOwner?: string
  durationSeconds?: number
  repository?: string
  endpointType: 'ipv4' | 'dualstack'
  tools: PackageTool[]
  settings: ClientSettings
}

export type Inputs = EcrInputs | CodeArtifactInputs

export type InputReader = (name: string) => string

/** `registries`: account ids take `region`; hosts carry their own. */
export function parseRegistries(value: string, region: string | undefined): Registry[] {
  const registries: Registry[] = []
  const seen = new Set<string>()
  for (const item of splitList(value)) {
    const registry = isAccountId(item) ? accountRegistry(item, region) : parseRegistryHost(item)
    if (!registry) throw new InputError('registries', `${show(item)} ${whyNotARegistry(item)}`)
    // An account id and its own standard host are the same registry.
    const key = `${registry.fips}/${registry.host ?? standardHost(registry.account, registry.region)}`
    if (!seen.has(key)) registries.push(registry)
    seen.add(key)
  }
  return registries
}

/** What is wrong with a `registries` item, with the fix where a usual mistake explains it. */
function whyNotARegistry(item: string): string {
  const host = item.replace(/^https?:\/\//i, '')
  if (/^public\.ecr\.aws(\/|$)/i.test(host)) return 'is ECR Public; use registry-type: public (or service: ecr-public) instead of listing it'
  const slash = host.indexOf('/')
  if (slash > 0 && parseRegistryHost(host.slice(0, slash))) {
    return `is a repository URI; give the registry host without the path ${show(host.slice(slash).replace(/\/$/, ''))}`
  }
  return 'is not a 12-digit account id or an ECR registry host such as 123456789012.dkr.ecr.us-east-1.amazonaws.com'
}

function accountRegistry(account: string, region: string | undefined): Registry {
  if (!region) throw missingRegion(`account id ${account} in 'registries'`)
  return { account, region, fips: false }
}

function missingRegion(what: string): InputError {
  return new InputError('region', `not set and neither AWS_REGION nor AWS_DEFAULT_REGION is set; ${what} needs a region: set region, or aws-region in aws-actions/configure-aws-credentials`)
}

/** `tools` for a service: names from the catalog, `none`, or the default (docker for ECR). */
export function parseTools(value: string, service: Service): Tool[] {
  const kind = service === 'codeartifact' ? 'codeartifact' : 'ecr'
  const accepted = toolsOf(kind)
  const tools = splitList(value.toLowerCase())
  if (tools.length === 0) return kind === 'codeartifact' ? [] : ['docker']
  if (tools.includes('none')) {
    if (tools.length > 1) throw new InputError('tools', `'none' cannot be combined with other tools, got ${show(value)}`)
    return []
  }
  for (const tool of tools) {
    if (!isTool(tool) || !accepted.includes(tool)) {
      throw new InputError('tools', `${show(tool)} is not a client for ${kind === 'codeartifact' ? 'CodeArtifact' : 'ECR'}; use any of: ${accepted.join(', ')}, none`)
    }
  }
  return tools as Tool[]
}

export function parseService(service: string, registryType: string, domain: string): Service {
  const type = parseChoice('registry-type', registryType || 'private', ['private', 'public'])
  if (!service && domain && type === 'public') {
    throw new InputError('registry-type', "'public' conflicts with 'domain' (CodeArtifact); use registry-type: public only with ECR Public")
  }
  if (!service) return domain ? 'codeartifact' : type === 'public' ? 'ecr-public' : 'ecr'
  const chosen = parseChoice('service', service, ['ecr', 'ecr-public', 'codeartifact'])
  if (type === 'public' && chosen !== 'ecr-public') {
    throw new InputError('registry-type', `'public' conflicts with service '${chosen}'; use registry-type: public only with ECR Public`)
  }
  return chosen
}

const CODEARTIFACT_ONLY = ['domain-owner', 'duration-seconds', 'repository', 'npm-scope', 'registry-name', 'public-registry'] as const

/** Reads and validates every input. `get` returns the raw input ('' when unset); `env` gives the region fallbacks. */
export function readInputs(get: InputReader, env: Record<string, string | undefined>): Inputs {
  const text = (name: string): string => {
    const raw = get(name)
    if (raw !== '' && raw.trim() === '') throw new InputError(name, 'is blank; give a value or leave the input out')
    return raw.trim()
  }
  const flag = (name: string, fallback: boolean): boolean => (text(name) ? parseBoolean(name, text(name)) : fallback)
  const domain = text('domain')
  const service = parseService(text('service'), text('registry-type'), domain)
  const region = text('region') ? parseRegion('region', text('region')) : regionFromEnv(env)
  const tools = parseTools(text('tools'), service)
  const common: Common = {
    exportEnv: flag('export-env', true),
    maskPassword: flag('mask-password', true),
    logout: flag('logout', true) && !flag('skip-logout', false),
    maxAttempts: text('max-attempts') ? parseInteger('max-attempts', text('max-attempts'), 1, 20) : 5,
    timeoutSeconds: text('timeout-seconds') ? parseInteger('timeout-seconds', text('timeout-seconds'), 5, 3600) : 300,
    httpProxy: text('http-proxy') ? parseProxy(text('http-proxy')) : undefined,
    warnings: [],
  }
  const pipIndex = parseChoice('pip-index', text('pip-index') || 'index', ['index', 'extra'])
  const endpointType = parseChoice('endpoint-type', text('endpoint-type') || 'ipv4', ['ipv4', 'dualstack'])
  const needingEnv = tools.filter((tool) => entryOf(tool).exports)
  if (!common.exportEnv && needingEnv.length > 0) {
    throw new InputError('export-env', `'false' cannot be combined with tools (${needingEnv.join(', ')}): they read settings the action exports; use tools: none and the outputs instead`)
  }
  const registries = text('registries')
  if (service === 'codeartifact') {
    if (registries) throw new InputError('registries', "is for Amazon ECR; CodeArtifact takes 'domain' and 'repository'")
    return readCodeArtifact(text, region, common, tools as PackageTool[], pipIndex, endpointType)
  }
  if (domain) throw new InputError('domain', `is for CodeArtifact and conflicts with service '${service}'`)
  for (const name of CODEARTIFACT_ONLY) {
    if (text(name)) throw new InputError(name, `is for CodeArtifact and has no effect with service '${service}'; remove it`)
  }
  // These two have defaults, so only a value other than the default can be told apart.
  if (pipIndex !== 'index') throw new InputError('pip-index', `is for CodeArtifact and has no effect with service '${service}'; remove it`)
  if (endpointType !== 'ipv4') throw new InputError('endpoint-type', `is for CodeArtifact and has no effect with service '${service}'; remove it`)
  const ecr: EcrInputs = { ...common, service, registries: [], tools: tools as RegistryTool[] }
  if (service === 'ecr-public') {
    if (registries) common.warnings.push("Input 'registries' is ignored for ECR Public: it has one registry, public.ecr.aws")
    return { ...ecr, region: 'us-east-1' }
  }
  if (!registries && !region) throw missingRegion("the caller's own registry")
  return { ...ecr, region, registries: parseRegistries(registries, region) }
}

function readCodeArtifact(
  text: (name: string) => string,
  region: string | undefined,
  common: Common,
  tools: PackageTool[],
  pipIndex: 'index' | 'extra',
  endpointType: 'ipv4' | 'dualstack',
): CodeArtifactInputs {
  if (!text('domain')) throw new InputError('domain', "is required for CodeArtifact; name the domain, e.g. domain: acme")
  if (!region) throw missingRegion('CodeArtifact')
  const repository = text('repository') ? parseRepository(text('repository')) : undefined
  if (tools.length > 0 && !repository) {
    throw new InputError('repository', `is required to configure ${tools.join(', ')}; name the CodeArtifact repository`)
  }
  const settings: ClientSettings = {
    npmScopes: parseNpmScopes(text('npm-scope')),
    pipIndex,
    registryName: text('registry-name') ? parseRegistryName(text('registry-name')) : 'codeartifact',
    publicRegistry: parseChoice('public-registry', text('public-registry') || 'keep', ['keep', 'replace']),
  }
  const given = { 'npm-scope': settings.npmScopes.length > 0, 'registry-name': Boolean(text('registry-name')), 'public-registry': Boolean(text('public-registry')) }
  for (const [input, isGiven] of Object.entries(given) as [ClientOption, boolean][]) {
    const users = toolsOf('codeartifact').filter((tool) => honouring([tool], input).length > 0)
    if (!isGiven || honouring(tools, input).length > 0) continue
    common.warnings.push(users.length > 0 ? `Input '${input}' has no effect without ${anyOf(users)} in 'tools'` : `Input '${input}' has no effect with the clients of this version`)
  }
  return {
    ...common,
    service: 'codeartifact',
    region,
    domain: parseDomain(text('domain')),
    domainOwner: text('domain-owner') ? parseAccount('domain-owner', text('domain-owner')) : undefined,
    durationSeconds: text('duration-seconds') ? parseDuration(text('duration-seconds')) : undefined,
    repository,
    endpointType,
    tools,
    settings,
  }
}

/** `a, b or c` */
const anyOf = (names: string[]): string => (names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join(''))

function regionFromEnv(env: Record<string, string | undefined>): string | undefined {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name]?.trim()
    if (value) {
      if (!isRegion(value)) throw new InputError('region', `not set, and ${name} ${show(value)} is not an AWS region such as us-east-1`)
      return value
    }
  }
  return undefined
}
