/** Amazon ECR (private): one GetAuthorizationToken call per region, all regions in parallel. */
import { ECRClient, GetAuthorizationTokenCommand, type AuthorizationData } from '@aws-sdk/client-ecr'
import { groupByRegion, type Registry, type RegistryGroup } from '../registries.js'
import { clientConfig, endpointIsLoopback, type AwsCallOptions } from './client-config.js'
import { checkDate, checkRegistryEndpoint } from './answers.js'
import { decodeAuthorization, type RegistryCredential } from './authorization.js'
import { explainAwsError } from './errors.js'
import { settleAll } from './settle.js'

/** GetAuthorizationToken takes at most this many registry ids a call. */
export const MAX_IDS_PER_CALL = 10

/**
 * Credentials for every registry, in input order; no registries means the caller's own registry in
 * `region`. Any failed region fails the whole call, so nothing is logged in when something is missing.
 */
export async function getEcrCredentials(registries: Registry[], region: string, options: AwsCallOptions): Promise<RegistryCredential[]> {
  const groups = registries.length > 0 ? groupByRegion(registries) : [{ region, fips: false, registries: [] }]
  const found = (await settleAll(groups.map((group) => credentialsForGroup(group, options)))).flat()
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
  // More than MAX_IDS_PER_CALL registries in one region go in parallel calls.
  const batches = accounts.length > 0 ? chunks(accounts, MAX_IDS_PER_CALL).map((registryIds) => ({ registryIds })) : [{}]
  let data: AuthorizationData[]
  try {
    const send = (input: { registryIds?: string[] }) => client.send(new GetAuthorizationTokenCommand(input), { abortSignal: options.deadline.signal() })
    data = (await Promise.all(batches.map(send))).flatMap((response) => response.authorizationData ?? [])
  } catch (error) {
    const call = { service: 'ecr', operation: 'GetAuthorizationToken', where, maxAttempts: options.maxAttempts, deadline: options.deadline }
    throw new Error(explainAwsError(error, call), { cause: error })
  }
  const source = { call: `ecr ${where}`, loopback: endpointIsLoopback('AWS_ENDPOINT_URL_ECR') }
  const answers = data.map((item) => ({
    host: checkRegistryEndpoint(item.proxyEndpoint, { ...source, field: 'proxyEndpoint' }, { region: group.region }),
    ...decodeAuthorization(item.authorizationToken, options.mask, source),
    expiresAt: checkDate(item.expiresAt),
  }))
  if (answers.length === 0 || answers.length < accounts.length) {
    throw new Error(`ecr ${where}: GetAuthorizationToken returned ${answers.length} authorization(s) for ${Math.max(accounts.length, 1)} registr${accounts.length > 1 ? 'ies' : 'y'}`)
  }
  if (accounts.length === 0) {
    return answers.map(({ host, username, password, expiresAt }) => ({ credential: { host, region: group.region, username, password, expiresAt } }))
  }
  // An answer belongs to the account its host names; a local emulator's hosts may name none, and
  // then the answers are taken in the order of the ids asked for.
  const byAccount = (account: string) =>
    answers.find((answer) => answer.host.startsWith(`${account}.`)) ?? (source.loopback ? answers[accounts.indexOf(account)] : undefined)
  return group.registries.map((registry) => {
    const found = byAccount(registry.account)
    if (!found) throw new Error(`ecr ${where}: GetAuthorizationToken returned no authorization for ${registry.account}`)
    const { host, username, password, expiresAt } = found
    return { registry, credential: { host: registry.host ?? host, region: group.region, account: registry.account, username, password, expiresAt } }
  })
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size))
}
