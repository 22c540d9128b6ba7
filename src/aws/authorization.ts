/** ECR authorization data → registry credentials: checked (see answers.ts), then masked at once. */
import { maskSecret } from '../mask.js'
import { checkEcrAuthorization, type Source } from './answers.js'

export interface RegistryCredential {
  /** Host to log in to, without scheme. */
  host: string
  region: string
  account?: string
  username: string
  password: string
  expiresAt?: Date
}

/** Decodes `base64(user:password)` after checking it; masks the token and every form of the password when `mask`. */
export function decodeAuthorization(token: unknown, mask: boolean, source: Omit<Source, 'field'>): { username: string; password: string } {
  const checked = checkEcrAuthorization(token, { ...source, field: 'authorizationToken' })
  if (mask) {
    maskSecret(checked.token)
    maskSecret(checked.password, [checked.username])
  }
  return { username: checked.username, password: checked.password }
}
