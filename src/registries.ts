/** ECR registry references: account ids and registry hosts (their forms, regions, FIPS), and grouping registries by the API endpoint that serves them. */

export interface Registry {
  account: string
  region: string
  /** The host the user named; absent when the registry was given as an account id. */
  host?: string
  /** FIPS hosts are served by the FIPS API endpoint of their region. */
  fips: boolean
}

export interface RegistryGroup {
  region: string
  fips: boolean
  registries: Registry[]
}

const ACCOUNT = /^\d{12}$/

// ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn] | .amazonaws.eu, and dual-stack ACCOUNT.dkr-ecr[-fips].REGION.on.aws
const HOST_PATTERNS = [
  /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.amazonaws\.(?:com|com\.cn|eu)$/,
  /^(\d{12})\.dkr-ecr(-fips)?\.([a-z0-9-]+)\.on\.(?:aws|amazonwebservices\.com\.cn)$/,
]

const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/

export const isRegion = (value: string): boolean => REGION.test(value)
export const isAccountId = (value: string): boolean => ACCOUNT.test(value)

/** Splits a list input on commas, whitespace and newlines; trims and drops empty items and duplicates. */
export function splitList(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))]
}

/** Parses one registry host (an optional http:// or https:// and trailing slash are tolerated), or returns undefined. */
export function parseRegistryHost(value: string): Registry | undefined {
  const host = value.replace(/^https?:\/\//i, '').replace(/\/$/, '').toLowerCase()
  for (const pattern of HOST_PATTERNS) {
    const match = pattern.exec(host)
    if (match && isRegion(match[3] ?? '')) {
      return { account: match[1] ?? '', region: match[3] ?? '', host, fips: Boolean(match[2]) }
    }
  }
  return undefined
}

/** Groups registries by the API endpoint that serves them (region, and FIPS or not), keeping input order. */
export function groupByRegion(registries: Registry[]): RegistryGroup[] {
  const groups = new Map<string, RegistryGroup>()
  for (const registry of registries) {
    const key = `${registry.region}${registry.fips ? '/fips' : ''}`
    const group = groups.get(key) ?? { region: registry.region, fips: registry.fips, registries: [] }
    group.registries.push(registry)
    groups.set(key, group)
  }
  return [...groups.values()]
}

/** The standard registry host of an account in a region (what GetAuthorizationToken names). */
export function standardHost(account: string, region: string): string {
  return `${account}.dkr.ecr.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`
}
