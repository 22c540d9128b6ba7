/** Amazon ECR Public: one registry, public.ecr.aws, whose API lives in us-east-1. */
import { ECRPUBLICClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public'
import { clientConfig } from './client-config.js'
import { decodeAuthorization, type RegistryCredential } from './authorization.js'
import { explainAwsError } from './errors.js'
import type { AwsCallOptions } from './ecr.js'

export const PUBLIC_REGISTRY = 'public.ecr.aws'
export const PUBLIC_REGION = 'us-east-1'

export async function getEcrPublicCredentials(options: AwsCallOptions): Promise<RegistryCredential[]> {
  const client = new ECRPUBLICClient(await clientConfig({ ...options, region: PUBLIC_REGION }))
  let data
  try {
    data = (await client.send(new GetAuthorizationTokenCommand({}))).authorizationData
  } catch (error) {
    throw new Error(explainAwsError(error, 'ecr-public', PUBLIC_REGION, options.maxAttempts))
  }
  if (!data?.authorizationToken) throw new Error(`ecr-public ${PUBLIC_REGION}: GetAuthorizationToken returned no authorization`)
  const { username, password } = decodeAuthorization(data, options.mask, `ecr-public ${PUBLIC_REGION}`)
  return [{ host: PUBLIC_REGISTRY, region: PUBLIC_REGION, username, password, expiresAt: data.expiresAt }]
}
