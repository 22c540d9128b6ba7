/** AWS CodeArtifact: the authorization token and the repository endpoints, all requested at once. */
import {
  CodeartifactClient,
  GetAuthorizationTokenCommand,
  GetRepositoryEndpointCommand,
  type EndpointType,
  type PackageFormat,
} from '@aws-sdk/client-codeartifact'
import { maskSecret } from '../mask.js'
import { clientConfig } from './client-config.js'
import { explainAwsError } from './errors.js'
import type { AwsCallOptions } from './ecr.js'
import { CODEARTIFACT_USERNAME } from '../clients/context.js'

export interface CodeArtifactRequest {
  region: string
  domain: string
  domainOwner?: string
  durationSeconds?: number
  repository?: string
  /** Package formats whose repository endpoint is needed (npm, pypi, …). */
  formats: string[]
  endpointType: 'ipv4' | 'dualstack'
}

export interface CodeArtifactCredential {
  token: string
  expiresAt?: Date
  /** Package format → repository endpoint URL (with a trailing slash). */
  endpoints: Record<string, string>
}

export async function getCodeArtifactCredential(request: CodeArtifactRequest, options: AwsCallOptions): Promise<CodeArtifactCredential> {
  const client = new CodeartifactClient(await clientConfig({ ...options, region: request.region }))
  const where = `${request.region} (domain ${request.domain})`
  const fail = (error: unknown): never => {
    throw new Error(explainAwsError(error, 'codeartifact', where, options.maxAttempts))
  }
  const tokenCall = client
    .send(new GetAuthorizationTokenCommand({
      domain: request.domain,
      domainOwner: request.domainOwner,
      durationSeconds: request.durationSeconds,
    }))
    .then((response) => {
      const token = response.authorizationToken ?? ''
      if (token && options.mask) maskSecret(token, [CODEARTIFACT_USERNAME])
      return { token, expiresAt: response.expiration }
    }, fail)
  const endpointCalls = request.formats.map((format) =>
    client
      .send(new GetRepositoryEndpointCommand({
        domain: request.domain,
        domainOwner: request.domainOwner,
        repository: request.repository,
        format: format as PackageFormat,
        endpointType: request.endpointType as EndpointType,
      }))
      .then((response) => [format, withSlash(response.repositoryEndpoint ?? '')] as const, fail))
  // Every call runs at once. The first failure (the token's, when it failed) is the one to read;
  // the others usually repeat it for each endpoint.
  const results = await Promise.allSettled<unknown>([tokenCall, ...endpointCalls])
  const failures = [...new Set(results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as Error).message] : [])))]
  if (failures.length > 1) throw new Error(`${failures[0]} (${failures.length - 1} more call${failures.length > 2 ? 's' : ''} failed too)`)
  if (failures.length > 0) throw new Error(failures[0])
  const [token, ...endpoints] = results.map((result) => (result as PromiseFulfilledResult<unknown>).value)
  const { token: value, expiresAt } = token as Awaited<typeof tokenCall>
  if (!value) throw new Error(`codeartifact ${where}: GetAuthorizationToken returned no token`)
  return { token: value, expiresAt, endpoints: Object.fromEntries(endpoints as [string, string][]) }
}

const withSlash = (url: string): string => (url && !url.endsWith('/') ? `${url}/` : url)
