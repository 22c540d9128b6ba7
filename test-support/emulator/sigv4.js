// @ts-check
import { createHash, timingSafeEqual } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'
import { Sha256 } from '@aws-crypto/sha256-js'

/** @typedef {import('./types.js').EmulatorCredential} EmulatorCredential */

/** Allowed difference between x-amz-date and the server clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000

/**
 * @typedef {object} ReceivedRequest
 * @property {string} method
 * @property {string} path       raw (still percent-encoded) path
 * @property {string} rawQuery   raw query string without '?'
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {Buffer} body
 *
 * @typedef {object} ParsedAuthorization
 * @property {string} accessKeyId
 * @property {string} date      YYYYMMDD of the scope
 * @property {string} region
 * @property {string} service
 * @property {string[]} signedHeaders
 * @property {string} signature
 *
 * @typedef {object} Verification
 * @property {boolean} signatureValid
 * @property {string} [accessKeyId]
 * @property {string} [region]
 * @property {string} [service]        signing name from the scope
 * @property {EmulatorCredential} [credential]
 * @property {{ status: number, code: string, message: string }} [error]
 */

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex`.
 * @param {string} header
 * @returns {ParsedAuthorization | string}  the parsed header, or a problem description
 */
export function parseAuthorization(header) {
  const match = /^(\S+)\s+(.*)$/s.exec(header.trim())
  if (!match) return 'Authorization header requires \'Credential\' parameter.'
  const [, algorithm = '', rest = ''] = match
  if (algorithm !== 'AWS4-HMAC-SHA256') return `Unsupported AWS 'algorithm': '${algorithm}'`
  /** @type {Record<string, string>} */
  const parts = {}
  for (const piece of rest.split(',')) {
    const eq = piece.indexOf('=')
    if (eq > 0) parts[piece.slice(0, eq).trim()] = piece.slice(eq + 1).trim()
  }
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!parts[name]) return `Authorization header requires '${name}' parameter. Authorization=${header}`
  }
  const scope = (parts.Credential ?? '').split('/')
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    return `Credential should be scoped to a valid region, and a terminating 'aws4_request'. Credential=${parts.Credential}`
  }
  const [accessKeyId = '', date = '', region = '', service = ''] = scope
  return {
    accessKeyId, date, region, service,
    signedHeaders: (parts.SignedHeaders ?? '').split(';').map((h) => h.trim().toLowerCase()),
    signature: (parts.Signature ?? '').toLowerCase(),
  }
}

/** @param {string} amzDate  YYYYMMDDTHHMMSSZ */
function parseAmzDate(amzDate) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s] = m.map(Number)
  return new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s))
}

/**
 * Splits a raw query string into decoded values; '+' stays '+' as SigV4 expects.
 * @param {string} rawQuery
 * @returns {Record<string, string | string[]>}
 */
export function parseQuery(rawQuery) {
  /** @type {Record<string, string | string[]>} */
  const query = {}
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq))
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1))
    const prev = query[key]
    query[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value]
  }
  return query
}

/** @param {string | string[] | undefined} v */
const headerText = (v) => (Array.isArray(v) ? v.join(',') : v)

/**
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
const fail = (status, code, message) => ({ status, code, message })

const BAD_SIGNATURE = 'The request signature we calculated does not match the signature you provided. '
  + 'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
const BAD_TOKEN = 'The security token included in the request is invalid.'

/**
 * Re-signs the received request with the stored secret and compares signatures.
 * @param {ReceivedRequest} req
 * @param {EmulatorCredential[]} credentials
 * @param {number} [now]
 * @returns {Promise<Verification>}
 */
export async function verifyRequest(req, credentials, now = Date.now()) {
  const header = headerText(req.headers.authorization)
  if (!header) return { signatureValid: false, error: fail(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token') }
  const auth = parseAuthorization(header)
  if (typeof auth === 'string') return { signatureValid: false, error: fail(400, 'IncompleteSignatureException', auth) }
  const { accessKeyId, region, service } = auth
  const base = { accessKeyId, region, service }
  const credential = credentials.find((c) => c.accessKeyId === accessKeyId)
  if (!credential) return { ...base, signatureValid: false, error: fail(403, 'UnrecognizedClientException', BAD_TOKEN) }

  const amzDate = headerText(req.headers['x-amz-date']) ?? ''
  const signingDate = parseAmzDate(amzDate)
  if (!signingDate || !auth.signedHeaders.includes('x-amz-date')) {
    return { ...base, credential, signatureValid: false, error: fail(400, 'IncompleteSignatureException',
      'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.') }
  }

  /** @type {Record<string, string>} */
  const signed = {}
  for (const name of auth.signedHeaders) {
    const value = headerText(req.headers[name])
    if (value !== undefined) signed[name] = value
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: credential.secretAccessKey },
    region, service, sha256: Sha256, applyChecksum: false, uriEscapePath: true,
  })
  const [hostname = '127.0.0.1', port] = (signed.host ?? '').split(':')
  const resigned = await signer.sign({
    method: req.method, protocol: 'http:', hostname, port: port ? Number(port) : undefined,
    path: req.path, query: parseQuery(req.rawQuery), headers: signed, body: req.body.length ? req.body : undefined,
  }, { signingDate, signingRegion: region, signingService: service, signableHeaders: new Set(auth.signedHeaders) })
  const expected = /Signature=([0-9a-f]+)/.exec(resigned.headers.authorization ?? '')?.[1] ?? ''
  const bodyHash = createHash('sha256').update(req.body).digest('hex')
  const claimedHash = headerText(req.headers['x-amz-content-sha256'])
  const signatureValid = expected.length === auth.signature.length
    && timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))
    && (claimedHash === undefined || claimedHash === bodyHash || claimedHash === 'UNSIGNED-PAYLOAD')
  const result = { ...base, credential, signatureValid }

  if (auth.date !== amzDate.slice(0, 8)) {
    return { ...result, error: fail(403, 'InvalidSignatureException', 'Date in Credential scope does not match YYYYMMDD '
      + `from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`) }
  }
  const token = headerText(req.headers['x-amz-security-token'])
  if ((credential.sessionToken ?? undefined) !== token) {
    return { ...result, error: fail(403, 'UnrecognizedClientException', BAD_TOKEN) }
  }
  const skew = signingDate.getTime() - now
  if (Math.abs(skew) > MAX_SKEW_MS) {
    const bound = toAmzDate(now + (skew < 0 ? -MAX_SKEW_MS : MAX_SKEW_MS))
    const message = skew < 0
      ? `Signature expired: ${amzDate} is now earlier than ${bound} (${toAmzDate(now)} - 15 min.)`
      : `Signature not yet current: ${amzDate} is still later than ${bound} (${toAmzDate(now)} + 15 min.)`
    return { ...result, error: fail(403, 'InvalidSignatureException', message) }
  }
  if (!signatureValid) return { ...result, error: fail(403, 'InvalidSignatureException', BAD_SIGNATURE) }
  if (!auth.signedHeaders.includes('host')) {
    return { ...result, error: fail(403, 'InvalidSignatureException', '\'Host\' must be a \'SignedHeader\' in the AWS Authorization.') }
  }
  return result
}

/** @param {number} ms */
export function toAmzDate(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}
