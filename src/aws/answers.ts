/**
 * Values from AWS answers, checked before anything uses them (SPEC "Trust"): a token is printable
 * ASCII without spaces, an endpoint is https with the host and path the service gives, and plain
 * http is accepted only for a loopback host while the SDK talks to a loopback endpoint (a local emulator). A value that
 * fails is an error naming where it came from, with the value shown escaped, never raw.
 */
import { parseRegistryHost } from '../registries.js'
import { show } from '../text.js'

/** Where a value came from, for messages: "ecr us-east-1 GetAuthorizationToken". */
export interface Source {
  /** e.g. `ecr us-east-1` */
  call: string
  /** The answer's field, e.g. `proxyEndpoint`. */
  field: string
  /** The SDK calls a loopback endpoint (an emulator): any host is accepted, and plain http for a loopback one. */
  loopback: boolean
}

// Printable ASCII without spaces: what every token of ECR and CodeArtifact is made of.
const TOKEN = /^[\x21-\x7e]+$/
const MAX_TOKEN = 16_384
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const USERNAME = /^[A-Za-z0-9._-]{1,64}$/
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/
const PATH = /^(?:\/[A-Za-z0-9._~-]+)*\/?$/

/** localhost, 127.0.0.0/8 or [::1]: a host on this machine. */
export const isLoopbackHost = (hostname: string): boolean => hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)

const refused = (source: Source, value: string, why: string): Error =>
  new Error(`${source.call}: the ${source.field} in the answer, ${show(value, 240)}, ${why}; refusing to use it`)

/** A token: printable ASCII, no spaces or control characters, of sane length. */
export function checkToken(value: unknown, source: Source): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${source.call}: the answer has no ${source.field}`)
  // The value is a secret: never shown, not even escaped.
  if (value.length > MAX_TOKEN) throw new Error(`${source.call}: the ${source.field} in the answer is longer than ${MAX_TOKEN} characters; refusing to use it`)
  if (!TOKEN.test(value)) throw new Error(`${source.call}: the ${source.field} in the answer has spaces, control or non-ASCII characters; refusing to use it`)
  return value
}

/** ECR's authorizationToken: base64 of `user:password`, both checked. */
export function checkEcrAuthorization(value: unknown, source: Source): { token: string; username: string; password: string } {
  const token = checkToken(value, source)
  const decoded = BASE64.test(token) ? Buffer.from(token, 'base64').toString('utf8') : ''
  const colon = decoded.indexOf(':')
  const username = colon > 0 ? decoded.slice(0, colon) : ''
  const password = colon > 0 ? decoded.slice(colon + 1) : ''
  if (!USERNAME.test(username) || !password) {
    throw new Error(`${source.call}: the ${source.field} in the answer is not base64 of user:password; refusing to use it`)
  }
  checkToken(password, { ...source, field: `password in the ${source.field}` })
  return { token, username, password }
}

/** An https URL (http only for a loopback host of a loopback endpoint) with a plain host, no credentials, query or fragment. */
export function checkUrl(value: unknown, source: Source): URL {
  if (typeof value !== 'string' || value === '') throw new Error(`${source.call}: the answer has no ${source.field}`)
  let url: URL | undefined
  try {
    url = /^[\x21-\x7e]+$/.test(value) ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  if (!url) throw refused(source, value, 'is not a URL')
  // Even an emulator's answer may not send the token in clear text off this machine.
  const clearTextOk = source.loopback && isLoopbackHost(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && clearTextOk)) throw refused(source, value, 'is not an https URL (the token would travel in clear text)')
  if (url.username || url.password || url.search || url.hash || value.includes('?') || value.includes('#')) {
    throw refused(source, value, 'has credentials, a query or a fragment')
  }
  const hostname = url.hostname
  if (!HOST.test(hostname) && !(source.loopback && hostname === '[::1]')) throw refused(source, value, 'does not name a plain host')
  if (!PATH.test(url.pathname)) throw refused(source, value, 'has a path with characters an endpoint cannot have')
  return url
}

/**
 * ECR's proxyEndpoint → the registry host (`host[:port]`). Outside a loopback endpoint it must be an
 * ECR registry host in `region`, of `account` when one was asked for, with no path.
 */
export function checkRegistryEndpoint(value: unknown, source: Source, expected: { region: string; account?: string }): string {
  const url = checkUrl(value, source)
  if (url.pathname !== '/' && url.pathname !== '') throw refused(source, String(value), 'has a path')
  if (source.loopback) return url.host
  const registry = url.port ? undefined : parseRegistryHost(url.hostname)
  const owner = expected.account ? ` of account ${expected.account}` : ''
  if (!registry || registry.region !== expected.region || (expected.account && registry.account !== expected.account)) {
    throw refused(source, String(value), `is not an ECR registry${owner} in ${expected.region}`)
  }
  return url.host
}

export const CODEARTIFACT_HOST = /^([a-z][a-z0-9-]{0,48}[a-z0-9])-(\d{12})\.d\.codeartifact\.([a-z0-9-]+)\.(?:amazonaws\.com|amazonaws\.com\.cn|on\.aws)$/

/**
 * CodeArtifact's repositoryEndpoint, with a trailing slash. Outside a loopback endpoint: the host of
 * `domain` in `region` (of `owner` when given) and the path `/<format>/<repository>/`.
 */
export function checkRepositoryEndpoint(
  value: unknown,
  source: Source,
  expected: { domain: string; owner?: string; region: string; format: string; repository: string },
): string {
  const url = checkUrl(value, source)
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`
  if (source.loopback) return url.href
  const host = CODEARTIFACT_HOST.exec(url.hostname)
  const owner = expected.owner ? ` of owner ${expected.owner}` : ''
  if (url.port || !host || host[1] !== expected.domain || host[3] !== expected.region || (expected.owner && host[2] !== expected.owner)) {
    throw refused(source, String(value), `is not a CodeArtifact endpoint of domain ${expected.domain}${owner} in ${expected.region}`)
  }
  if (url.pathname !== `/${expected.format}/${expected.repository}/`) {
    throw refused(source, String(value), `is not the ${expected.format} endpoint of repository ${expected.repository}`)
  }
  return url.href
}

/** An expiry time: a valid date, else unknown (an invalid one would break every output that shows it). */
export function checkDate(value: unknown): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined
}
