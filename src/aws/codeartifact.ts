/** AWS CodeArtifact: the authorization token and the repository endpoints, all requested at once. */
import {
  CodeartifactClient,
  GetAuthorizationTokenCommand,
  GetRepositoryEndpointCommand,
  type EndpointType,
  type PackageFormat,
} from '@aws-sdk/client-codeartifact'
import { maskSecret } from '../mask.js'
import { clientConfig, endpointIsLoopback, type AwsCallOptions } from './client-config.js'
import { checkDate, checkRepositoryEndpoint, checkToken } from './answers.js'
import { explainAwsError } from './errors.js'
import { settleAll } from './settle.js'

import { CODEARTIFACT_USERNAME } from './usernames.js'

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
  const source = { call: `codeartifact ${where}`, loopback: endpointIsLoopback('AWS_ENDPOINT_URL_CODEARTIFACT') }
  const signal = () => ({ abortSignal: options.deadline.signal() })
  const explained = (operation: string) => (error: unknown): never => {
    const call = { service: 'codeartifact', operation, where, maxAttempts: options.maxAttempts, deadline: options.deadline }
    throw new Error(explainAwsError(error, call), { cause: error })
  }
  const { domain, domainOwner, repository = '' } = request
  const tokenCall = client
    .send(new GetAuthorizationTokenCommand({ domain, domainOwner, durationSeconds: request.durationSeconds }), signal())
    .catch(explained('GetAuthorizationToken'))
    .then((response) => {
      const token = checkToken(response.authorizationToken, { ...source, field: 'authorizationToken' })
      if (options.mask) maskSecret(token, [CODEARTIFACT_USERNAME])
      return { token, expiresAt: checkDate(response.expiration) }
    })
  const endpointCalls = request.formats.map((format) =>
    client
      .send(new GetRepositoryEndpointCommand({
        domain,
        domainOwner,
        repository,
        format: format as PackageFormat,
        endpointType: request.endpointType as EndpointType,
      }), signal())
      .catch(explained('GetRepositoryEndpoint'))
      .then((response) => {
        const expected = { domain, owner: domainOwner, region: request.region, format, repository }
        return [format, checkRepositoryEndpoint(response.repositoryEndpoint, { ...source, field: `${format} repositoryEndpoint` }, expected)] as const
      }))
  // Every call runs at once; the first failure (the token's, when it failed) is the one to read,
  // the others usually repeat it for each endpoint.
  const [token, ...endpoints] = await settleAll<unknown>([tokenCall, ...endpointCalls], 'first')
  const { token: value, expiresAt } = token as Awaited<typeof tokenCall>
  return { token: value, expiresAt, endpoints: Object.fromEntries(endpoints as [string, string][]) }
}
