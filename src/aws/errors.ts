/** Turns AWS SDK errors into messages that keep the service's words and say what to do. */
import type { Deadline } from '../deadline.js'
import { untrusted } from '../text.js'
import { ATTEMPT_TIMEOUT_MS, CONNECT_TIMEOUT_MS } from './client-config.js'


export const PERMISSIONS: Record<string, string> = {
  ecr: 'ecr:GetAuthorizationToken',
  'ecr-public': 'ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken',
  codeartifact: 'codeartifact:GetAuthorizationToken, codeartifact:GetRepositoryEndpoint and sts:GetServiceBearerToken',
}

const CREDENTIALS_HINT =
  'Add aws-actions/configure-aws-credentials before this step (or provide credentials the AWS SDK reads: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity or instance metadata)'

interface AwsError {
  name?: string
  message?: string
  code?: string
  $metadata?: { attempts?: number; httpStatusCode?: number }
  $retryable?: unknown
  /** Set by the SDK when a response body was not the JSON it expected. */
  $responseBodyText?: string
}

const attempts = (count: number): string => `${count} attempt${count === 1 ? '' : 's'}`

/** One AWS call, for messages: `ecr us-east-1` and GetAuthorizationToken. */
export interface AwsCall {
  service: string
  operation: string
  /** Where: a region, maybe with the domain. */
  where: string
  maxAttempts: number
  deadline?: Deadline
}

/** Explains an error of `call` as one readable line; the service's own words are kept, made printable. */
export function explainAwsError(error: unknown, call: AwsCall): string {
  const { service, operation, where, maxAttempts } = call
  const err = (error ?? {}) as AwsError
  const name = err.name ?? 'Error'
  const message = untrusted(err.message ?? String(error))
  const prefix = `${service} ${where}: ${message}`
  const tried = attempts(err.$metadata?.attempts ?? maxAttempts)
  if (name === 'AbortError' || (call.deadline && call.deadline.remainingMs() === 0)) {
    return `${service} ${where}: ${operation} did not finish within ${call.deadline?.describe() ?? 'the time limit'}; check the network, proxy settings and any AWS_ENDPOINT_URL_* setting, or raise timeout-seconds.`
  }
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return `No AWS credentials found. ${CREDENTIALS_HINT}.`
  }
  if (name === 'AccessDeniedException' || /not authorized to perform/i.test(message)) {
    return `${prefix} — the credentials need ${PERMISSIONS[service] ?? 'permission for this call'}.`
  }
  if (name === 'ExpiredTokenException' || name === 'ExpiredToken') {
    return `${prefix} — the AWS credentials have expired; refresh them (e.g. run aws-actions/configure-aws-credentials again or raise its role-duration-seconds).`
  }
  if (['UnrecognizedClientException', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'InvalidClientTokenId'].includes(name)) {
    return `${prefix} — the AWS credentials were rejected; check the access key, secret key and session token.`
  }
  if (/throttl|too many requests|rate exceeded/i.test(`${name} ${message}`)) {
    return `${prefix} — still throttled after ${tried}; raise max-attempts or retry later.`
  }
  if (['ENOTFOUND', 'EAI_AGAIN'].includes(err.code ?? '') || /getaddrinfo/.test(message)) {
    const check = service === 'ecr-public' ? 'check the network and any proxy settings' : 'check the region and any proxy settings'
    return `${prefix} — the endpoint could not be resolved; ${check}.`
  }
  // The HTTP handler names its own time limits and also socket errors (ECONNRESET, …) TimeoutError.
  const limit = /requestTimeout/.test(message)
    ? `got no complete answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`
    : /without establishing a connection/.test(message) ? `could not connect within ${CONNECT_TIMEOUT_MS / 1000} s` : undefined
  if (limit) {
    return `${service} ${where}: ${operation} ${limit}, ${tried}; check the network, proxy settings and any AWS_ENDPOINT_URL_* setting.`
  }
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(err.code ?? '') || name === 'TimeoutError') {
    return `${prefix} — the connection failed after ${tried}; check the network, proxy settings and region.`
  }
  const status = err.$metadata?.httpStatusCode
  if (err.$responseBodyText !== undefined || /Deserialization error/i.test(message)) {
    const body = untrusted(err.$responseBodyText ?? '', 60)
    return `${service} ${where}: the answer was not an AWS response (HTTP ${status ?? 'unknown'}${body ? `, body starts "${body}"` : ''}); check http-proxy, HTTPS_PROXY and any AWS_ENDPOINT_URL_* setting.`
  }
  if (status === 407) {
    return `${prefix} — the proxy refused the request (HTTP 407 Proxy Authentication Required); check the credentials in http-proxy or HTTPS_PROXY.`
  }
  if (status && status >= 500) {
    return `${prefix} — the service failed (HTTP ${status}) after ${tried}; retry later or raise max-attempts.`
  }
  const detail = name === 'Error' || message.startsWith(name) ? prefix : `${service} ${where}: ${untrusted(name, 80)}: ${message}`
  return status ? `${detail} (HTTP ${status})` : detail
}
