/** Amazon ECR (private): one GetAuthorizationToken call per region, all regions in parallel. */
import { ECRClient, GetAuthorizationTokenCommand, type AuthorizationData } from '@aws-sdk/client-ecr'
import { groupByRegion, type Registry, type RegistryGroup } from '../registries.js'
import { clientConfig } from './client-config.js'
import { decodeAuthorization, hostOf, type RegistryCredential } from './authorization.js'
import { explainAwsError } from './errors.js'

export interface AwsCallOptions {
  maxAttempts: number
  httpProxy?: string
  mask: boolean
}

/**
 * Credentials for every registry, in input order; no registries means the caller's own registry in
 * `region`. Any failed region fails the whole call, so nothing is logged in when something is missing.
 */
export async function getEcrCredentials(registries: Registry[], region: string, options: AwsCallOptions): Promise<RegistryCredential[]> {
  const groups = registries.length > 0 ? groupByRegion(registries) : [{ region, fips: false, registries: [] }]
  const results = await Promise.allSettled(groups.map((group) => credentialsForGroup(group, options)))
  // One line per cause: regions that failed the same way (no credentials, say) share a line.
  const failures = new Set(results.flatMap((result) => (result.status === 'rejected' ? [errorMessage(result.reason)] : [])))
  if (failures.size > 0) throw new Error([...failures].join('\n'))
  const found = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
  if (registries.length === 0) return found.map(({ credential }) => credential)
  return registries.map((registry) => found.find((item) => item.registry === registry)?.credential as RegistryCredential)
}

interface Found {
  registry?: Registry
  credential: RegistryCredential
}

async function credentialsForGroup(group: RegistryGroup, options: AwsCallOptions): Promise<Found[]> {
  const where = `${group.region}${group.fips ? ' (FIPS)' : ''}`
  const accounts = [...new Set(group.registries.map((registry) => registry.account))]
  const client = new ECRClient(await clientConfig({ ...options, region: group.region, useFipsEndpoint: group.fips }))
  // The API takes at most 10 registry ids a call; more than that in one region go in parallel calls.
  const batches = accounts.length > 0 ? chunks(accounts, 10).map((registryIds) => ({ registryIds })) : [{}]
  let data: AuthorizationData[]
  try {
    const responses = await Promise.all(batches.map((input) => client.send(new GetAuthorizationTokenCommand(input))))
    data = responses.flatMap((response) => response.authorizationData ?? [])
  } catch (error) {
    throw new Error(explainAwsError(error, 'ecr', where, options.maxAttempts))
  }
  if (data.length === 0 || data.length < accounts.length) {
    throw new Error(`ecr ${where}: GetAuthorizationToken returned ${data.length} authorization(s) for ${Math.max(accounts.length, 1)} registr${accounts.length > 1 ? 'ies' : 'y'}`)
  }
  const credentials = data.map((item) => ({ item, ...decodeAuthorization(item, options.mask, `ecr ${where}`) }))
  const byAccount = (account: string, index: number) =>
    credentials.find(({ item }) => hostOf(item.proxyEndpoint ?? '').startsWith(`${account}.`)) ?? credentials[index]
  if (accounts.length === 0) {
    return credentials.map(({ item, username, password }) => ({
      credential: { host: hostOf(item.proxyEndpoint ?? ''), region: group.region, username, password, expiresAt: item.expiresAt },
    }))
  }
  return group.registries.map((registry) => {
    const found = byAccount(registry.account, accounts.indexOf(registry.account))
    if (!found) throw new Error(`ecr ${where}: no authorization returned for ${registry.account}`)
    const credential = {
      host: registry.host ?? hostOf(found.item.proxyEndpoint ?? ''),
      region: group.region,
      account: registry.account,
      username: found.username,
      password: found.password,
      expiresAt: found.item.expiresAt,
    }
    return { registry, credential }
  })
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size))
}

function errorMessage(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason)
}
