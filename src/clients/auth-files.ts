/**
 * Registry auth files in docker's format (`{"auths": {"host": {"auth": base64(user:password)}}}`),
 * which docker, podman, buildah, skopeo and helm all read: parsing with errors that name the file,
 * merging several in a client's lookup order, and adding logins.
 */
import type { RegistryCredential } from '../aws/authorization.js'
import { readIfExists } from '../files.js'
import { notParsable } from '../text.js'

export interface AuthFile {
  auths?: Record<string, unknown>
  credsStore?: unknown
  credHelpers?: Record<string, unknown>
  [setting: string]: unknown
}

/** The parsed file, `{}` when it does not exist; anything but a JSON object is an error naming the file. */
export function readAuthFile(file: string): AuthFile {
  const text = readIfExists(file)?.toString('utf8')
  return parseAuthFile(text, file)
}

export function parseAuthFile(text: string | undefined, file: string): AuthFile {
  if (text === undefined || text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`cannot parse ${file}: ${notParsable('JSON', error, text)}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`cannot parse ${file}: not a JSON object`)
  return parsed as AuthFile
}

/** The `auth` value docker writes for a login: base64 of `user:password`. */
export const authValue = (username: string, password: string): string => Buffer.from(`${username}:${password}`, 'utf8').toString('base64')

/**
 * Several auth files as one, for a client that reads them in this order and takes the first entry
 * it finds for a registry: earlier files win entry by entry (`auths`, `credHelpers`); other settings
 * come from the first file that has them.
 */
export function mergeAuthFiles(files: AuthFile[]): AuthFile {
  const merged: AuthFile = {}
  for (const file of [...files].reverse()) {
    const { auths, credHelpers, ...settings } = file
    Object.assign(merged, settings)
    if (auths) merged.auths = { ...merged.auths, ...auths }
    if (credHelpers) merged.credHelpers = { ...merged.credHelpers, ...credHelpers }
  }
  return merged
}

/** `file` with an `auths` entry per credential (a registry's own entry replaced), and no credential helper for those hosts. */
export function withLogins(file: AuthFile, credentials: RegistryCredential[]): AuthFile {
  const auths = { ...file.auths }
  const credHelpers = { ...file.credHelpers }
  for (const { host, username, password } of credentials) {
    auths[host] = { auth: authValue(username, password) }
    delete credHelpers[host]
  }
  return { ...file, auths, ...(file.credHelpers ? { credHelpers } : {}) }
}

/** As docker writes its config.json: tabs, and a final newline. */
export const formatAuthFile = (file: AuthFile): string => `${JSON.stringify(file, null, '\t')}\n`
