/** Amazon ECR Public: one registry, public.ecr.aws, whose API lives in us-east-1. */
import { ECRPUBLICClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public'
import { clientConfig, endpointIsLoopback, type AwsCallOptions } from './client-config.js'
import { checkDate } from './answers.js'
import { decodeAuthorization, type RegistryCredential } from './authorization.js'
import { explainAwsError } from './errors.js'

export const PUBLIC_REGISTRY = 'public.ecr.aws'
export const PUBLIC_REGION = 'us-east-1'

export async function getEcrPublicCredentials(options: AwsCallOptions): Promise<RegistryCredential[]> {
  const client = new ECRPUBLICClient(await clientConfig({ ...options, region: PUBLIC_REGION }))
  const call = { service: 'ecr-public', operation: 'GetAuthorizationToken', where: PUBLIC_REGION, maxAttempts: options.maxAttempts, deadline: options.deadline }
  let data
  try {
    data = (await client.send(new GetAuthorizationTokenCommand({}), { abortSignal: options.deadline.signal() })).authorizationData
  } catch (error) {
    throw new Error(explainAwsError(error, call), { cause: error })
  }
  const source = { call: `ecr-public ${PUBLIC_REGION}`, loopback: endpointIsLoopback('AWS_ENDPOINT_URL_ECR_PUBLIC') }
  const { username, password } = decodeAuthorization(data?.authorizationToken, options.mask, source)
  return [{ host: PUBLIC_REGISTRY, region: PUBLIC_REGION, username, password, expiresAt: checkDate(data?.expiresAt) }]
}
