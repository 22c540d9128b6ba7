// @ts-check
import { caGetAuthorizationToken, caGetRepositoryEndpoint } from './codeartifact.js'
import { ECR_PUBLIC_TARGET_PREFIX, ECR_TARGET_PREFIX, ecrGetAuthorizationToken, ecrPublicGetAuthorizationToken } from './ecr.js'

/** @typedef {import('./types.js').CallContext} CallContext */
/** @typedef {import('./types.js').Answer} Answer */
/** @typedef {import('./types.js').ServiceName} ServiceName */
/** @typedef {import('./types.js').WireProtocol} WireProtocol */

/**
 * @typedef {object} Route
 * @property {ServiceName | 'unknown'} service
 * @property {WireProtocol} protocol
 * @property {string} operation
 * @property {((ctx: CallContext, params: Record<string, any>) => Answer) | undefined} handler
 */

/** @type {Record<string, Route['handler']>} */
const JSON_OPERATIONS = {
  [`${ECR_TARGET_PREFIX}GetAuthorizationToken`]: ecrGetAuthorizationToken,
  [`${ECR_PUBLIC_TARGET_PREFIX}GetAuthorizationToken`]: ecrPublicGetAuthorizationToken,
}

/**
 * @param {string} method
 * @param {string} path
 * @param {string | undefined} target
 * @returns {Route}
 */
export function route(method, path, target) {
  if (target !== undefined) {
    const service = target.startsWith(ECR_TARGET_PREFIX) ? 'ecr' : target.startsWith(ECR_PUBLIC_TARGET_PREFIX) ? 'ecr-public' : 'unknown'
    const operation = target.slice(target.indexOf('.') + 1)
    return { service, protocol: 'json', operation, handler: method === 'POST' && path === '/' ? JSON_OPERATIONS[target] : undefined }
  }
  if (method === 'POST' && path === '/v1/authorization-token') {
    return { service: 'codeartifact', protocol: 'rest', operation: 'GetAuthorizationToken', handler: caGetAuthorizationToken }
  }
  if (method === 'GET' && path === '/v1/repository/endpoint') {
    return { service: 'codeartifact', protocol: 'rest', operation: 'GetRepositoryEndpoint', handler: caGetRepositoryEndpoint }
  }
  return { service: path.startsWith('/v1/') ? 'codeartifact' : 'unknown', protocol: 'rest', operation: `${method} ${path}`, handler: undefined }
}
