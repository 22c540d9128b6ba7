/** Decoding ECR authorization data into registry credentials, masked as soon as they exist. */
import { maskSecret } from '../mask.js'

export interface RegistryCredential {
  /** Host to log in to, without scheme. */
  host: string
  region: string
  account?: string
  username: string
  password: string
  expiresAt?: Date
}

interface AuthorizationData {
  authorizationToken?: string
  expiresAt?: Date
  proxyEndpoint?: string
}

/** Decodes `base64(user:password)`; masks the token and every form of the password first when `mask`. */
export function decodeAuthorization(data: AuthorizationData, mask: boolean, where: string): { username: string; password: string } {
  const token = data.authorizationToken ?? ''
  const decoded = Buffer.from(token, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  const username = colon > 0 ? decoded.slice(0, colon) : ''
  const password = colon > 0 ? decoded.slice(colon + 1) : ''
  if (mask) {
    maskSecret(token)
    maskSecret(password, [username])
  }
  if (!username || !password) throw new Error(`${where}: the authorization token returned is not in the user:password form`)
  return { username, password }
}

/** `https://123456789012.dkr.ecr.us-east-1.amazonaws.com` → `123456789012.dkr.ecr.us-east-1.amazonaws.com`. */
export function hostOf(endpoint: string): string {
  return endpoint.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '')
}
