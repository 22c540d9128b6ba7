// @ts-check
import { apiError, ok } from './answers.js'
import { codeArtifactToken } from './secrets.js'

/** @typedef {import('./types.js').CallContext} CallContext */
/** @typedef {import('./types.js').Answer} Answer */

export const FORMATS = ['npm', 'pypi', 'maven', 'nuget', 'generic', 'ruby', 'swift', 'cargo']

/** @param {string} member @param {unknown} value @param {string} constraint */
const invalid = (member, value, constraint) => apiError(400, 'ValidationException',
  `1 validation error detected: Value ${value === undefined ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`)

/**
 * Validates the query members shared by both operations.
 * @param {Record<string, string>} q
 * @returns {Answer | undefined}
 */
function checkDomain(q) {
  const domain = q.domain
  if (domain === undefined) return invalid('domain', domain, 'Member must not be null')
  if (!/^[a-z][a-z0-9-]{0,48}[a-z0-9]$/.test(domain)) {
    return invalid('domain', domain, 'Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]{0,48}[a-z0-9]')
  }
  const owner = q['domain-owner']
  if (owner !== undefined && !/^[0-9]{12}$/.test(owner)) {
    return invalid('domainOwner', owner, 'Member must satisfy regular expression pattern: [0-9]{12}')
  }
  return undefined
}

/**
 * POST /v1/authorization-token?domain=&domain-owner=&duration=
 * @param {CallContext} ctx
 * @param {Record<string, string>} q  raw query values
 * @returns {Answer}
 */
export function caGetAuthorizationToken(ctx, q) {
  const problem = checkDomain(q)
  if (problem) return problem
  let lifetime = ctx.options.expiresInSeconds
  if (q.duration !== undefined) {
    const seconds = Number(q.duration)
    if (!/^\d+$/.test(q.duration) || (seconds !== 0 && (seconds < 900 || seconds > 43200))) {
      return invalid('durationSeconds', q.duration, 'Member must have value between 0 and 43200, and be 0 or at least 900')
    }
    if (seconds > 0) lifetime = seconds
  }
  const domain = /** @type {string} */ (q.domain)
  const owner = q['domain-owner'] ?? ctx.account
  const nowSeconds = Math.floor(ctx.now / 1000)
  const authorizationToken = ctx.options.token?.(domain, owner, ctx.region) ?? codeArtifactToken(nowSeconds)
  ctx.remember(authorizationToken)
  return ok({ authorizationToken, expiration: nowSeconds + lifetime })
}

/**
 * GET /v1/repository/endpoint?domain=&domain-owner=&repository=&format=&endpointType=
 * @param {CallContext} ctx
 * @param {Record<string, string>} q  raw query values
 * @returns {Answer}
 */
export function caGetRepositoryEndpoint(ctx, q) {
  const problem = checkDomain(q)
  if (problem) return problem
  const { repository, format } = q
  if (repository === undefined || !/^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/.test(repository)) {
    return invalid('repository', repository, 'Member must satisfy regular expression pattern: [A-Za-z0-9][A-Za-z0-9._\\-]{1,99}')
  }
  if (format === undefined || !FORMATS.includes(format)) {
    return invalid('format', format, `Member must satisfy enum value set: [${FORMATS.join(', ')}]`)
  }
  const endpointType = q.endpointType ?? 'ipv4'
  if (endpointType !== 'ipv4' && endpointType !== 'dualstack') {
    return invalid('endpointType', endpointType, 'Member must satisfy enum value set: [ipv4, dualstack]')
  }
  const domain = /** @type {string} */ (q.domain)
  const owner = q['domain-owner'] ?? ctx.account
  const suffix = endpointType === 'dualstack' ? 'on.aws' : 'amazonaws.com'
  const repositoryEndpoint = ctx.options.repositoryEndpoint?.({ domain, owner, repository, format, region: ctx.region, endpointType })
    ?? `https://${domain}-${owner}.d.codeartifact.${ctx.region}.${suffix}/${format}/${repository}/`
  return ok({ repositoryEndpoint })
}
