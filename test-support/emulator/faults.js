// @ts-check
import { apiError } from './answers.js'

/** @typedef {import('./types.js').FaultSpec} FaultSpec */
/** @typedef {import('./types.js').FaultHandle} FaultHandle */
/** @typedef {import('./types.js').FaultKind} FaultKind */
/** @typedef {import('./types.js').ServiceName} ServiceName */
/** @typedef {import('./types.js').Answer} Answer */

export const FAULT_KINDS = /** @type {const} */ (['throttle', 'server-error', 'unavailable', 'delay', 'malformed', 'denied', 'reset', 'expired', 'hang', 'trickle'])

/** @typedef {{ spec: FaultSpec, left: number, hits: number }} ActiveFault */

export function createFaults() {
  /** @type {ActiveFault[]} */
  let active = []
  return {
    /**
     * @param {FaultSpec} spec
     * @returns {FaultHandle}
     */
    add(spec) {
      if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind ${JSON.stringify(spec.kind)}`)
      const fault = { spec: { ...spec }, left: spec.times ?? Infinity, hits: 0 }
      active.push(fault)
      return {
        get hits() { return fault.hits },
        clear() { active = active.filter((f) => f !== fault) },
      }
    },
    /**
     * Consumes and returns the first fault matching the call, if any.
     * @param {{ service: ServiceName, operation: string, region: string }} call
     * @returns {FaultSpec | undefined}
     */
    take(call) {
      const fault = active.find(({ spec, left }) => left > 0
        && (spec.service === undefined || spec.service === call.service)
        && (spec.operation === undefined || spec.operation === call.operation)
        && (spec.region === undefined || spec.region === call.region))
      if (!fault) return undefined
      fault.left -= 1
      fault.hits += 1
      if (fault.left <= 0) active = active.filter((f) => f !== fault)
      return fault.spec
    },
    clear() { active = [] },
  }
}

/**
 * The IAM action and resource a call needs, for AccessDenied messages.
 * @param {ServiceName} service
 * @param {string} operation
 * @param {{ account: string, region: string, params: Record<string, unknown> }} call
 */
function iamTarget(service, operation, { account, region, params }) {
  if (service !== 'codeartifact') return { action: `${service}:${operation}`, resource: '*' }
  const owner = String(params['domain-owner'] ?? account)
  const domain = String(params.domain ?? '')
  if (operation === 'GetRepositoryEndpoint') {
    return { action: 'codeartifact:GetRepositoryEndpoint',
      resource: `arn:aws:codeartifact:${region}:${owner}:repository/${domain}/${String(params.repository ?? '')}` }
  }
  return { action: `codeartifact:${operation}`, resource: `arn:aws:codeartifact:${region}:${owner}:domain/${domain}` }
}

/**
 * Builds the response of an injected fault. 'delay' and 'reset' are handled by the caller.
 * @param {FaultSpec} spec
 * @param {{ service: ServiceName, operation: string, account: string, region: string, params: Record<string, unknown> }} call
 * @returns {Answer}
 */
export function faultAnswer(spec, call) {
  const rest = call.service === 'codeartifact'
  switch (spec.kind) {
    case 'throttle':
      return apiError(rest ? 429 : 400, 'ThrottlingException', spec.message ?? 'Rate exceeded')
    case 'server-error':
      return apiError(500, rest ? 'InternalServerException' : 'ServerException',
        spec.message ?? 'We encountered an internal error. Please try again.')
    case 'unavailable':
      return apiError(503, 'ServiceUnavailableException', spec.message ?? 'Service Unavailable')
    case 'malformed':
      return { status: 200, raw: spec.message ?? '<html><body><h1>502 Bad Gateway</h1></body></html>',
        headers: { 'content-type': rest ? 'application/json' : 'application/x-amz-json-1.1' } }
    case 'denied': {
      const { action, resource } = iamTarget(call.service, call.operation, call)
      return apiError(rest ? 403 : 400, 'AccessDeniedException', spec.message
        ?? `User: arn:aws:sts::${call.account}:assumed-role/ci/x is not authorized to perform: ${action} `
        + `on resource: ${resource} because no identity-based policy allows the ${action} action`)
    }
    case 'expired':
      return apiError(rest ? 403 : 400, 'ExpiredTokenException', spec.message ?? 'The security token included in the request is expired')
    default:
      throw new Error(`fault ${spec.kind} has no answer`)
  }
}
