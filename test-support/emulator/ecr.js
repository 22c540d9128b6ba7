// @ts-check
import { apiError, ok } from './answers.js'
import { ecrPassword } from './secrets.js'

/** @typedef {import('./types.js').CallContext} CallContext */
/** @typedef {import('./types.js').Answer} Answer */

export const ECR_TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.'
export const ECR_PUBLIC_TARGET_PREFIX = 'SpencerFrontendService.'
export const ECR_PUBLIC_REGION = 'us-east-1'

/**
 * @param {CallContext} ctx
 * @param {string} account
 * @param {'ecr' | 'ecr-public'} service
 */
function issue(ctx, account, service) {
  const expiresAt = Math.floor(ctx.now / 1000) + ctx.options.expiresInSeconds
  const password = ctx.options.password?.(account, ctx.region, service) ?? ecrPassword()
  const authorizationToken = Buffer.from(`AWS:${password}`).toString('base64')
  ctx.remember(password)
  ctx.remember(authorizationToken)
  return { authorizationToken, expiresAt }
}

/**
 * ECR GetAuthorizationToken: one entry per requested registry id, else the caller's account.
 * @param {CallContext} ctx
 * @param {Record<string, unknown>} params
 * @returns {Answer}
 */
export function ecrGetAuthorizationToken(ctx, params) {
  const { registryIds } = params
  if (registryIds !== undefined && registryIds !== null) {
    const valid = Array.isArray(registryIds) && registryIds.length >= 1 && registryIds.length <= 10
      && registryIds.every((id) => typeof id === 'string' && /^[0-9]{12}$/.test(id))
    if (!valid) {
      return apiError(400, 'InvalidParameterException', 'Invalid parameter at \'registryIds\' failed to satisfy constraint: '
        + '\'Member must have length between 1 and 10 and members must satisfy regular expression pattern: [0-9]{12}\'')
    }
  }
  const accounts = /** @type {string[] | undefined} */ (registryIds) ?? [ctx.account]
  const authorizationData = accounts.map((account) => ({
    ...issue(ctx, account, 'ecr'),
    proxyEndpoint: ctx.options.proxyEndpoint?.(account, ctx.region)
      ?? `https://${account}.dkr.ecr.${ctx.region}.${ctx.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`,
  }))
  return ok({ authorizationData })
}

/**
 * ECR Public GetAuthorizationToken: a single object, not a list.
 * @param {CallContext} ctx
 * @returns {Answer}
 */
export function ecrPublicGetAuthorizationToken(ctx) {
  return ok({ authorizationData: issue(ctx, ctx.account, 'ecr-public') })
}
