/** Turns AWS SDK errors into messages that keep the service's words and say what to do. */

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

/** Explains an error from `service` in `where` (e.g. a region) as one readable line. */
export function explainAwsError(error: unknown, service: string, where: string, maxAttempts: number): string {
  const err = (error ?? {}) as AwsError
  const name = err.name ?? 'Error'
  const message = (err.message ?? String(error)).replace(/\s+/g, ' ').trim()
  const prefix = `${service} ${where}: ${message}`
  const tried = attempts(err.$metadata?.attempts ?? maxAttempts)
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
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(err.code ?? '') || name === 'TimeoutError') {
    return `${prefix} — the connection failed after ${tried}; check the network, proxy settings and region.`
  }
  const status = err.$metadata?.httpStatusCode
  if (err.$responseBodyText !== undefined || /Deserialization error/i.test(message)) {
    const body = (err.$responseBodyText ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)
    return `${service} ${where}: the answer was not an AWS response (HTTP ${status ?? 'unknown'}${body ? `, body starts ${JSON.stringify(body)}` : ''}); check http-proxy, HTTPS_PROXY and any AWS_ENDPOINT_URL_* setting.`
  }
  if (status === 407) {
    return `${prefix} — the proxy refused the request (HTTP 407 Proxy Authentication Required); check the credentials in http-proxy or HTTPS_PROXY.`
  }
  if (status && status >= 500) {
    return `${prefix} — the service failed (HTTP ${status}) after ${tried}; retry later or raise max-attempts.`
  }
  const detail = name === 'Error' || message.startsWith(name) ? prefix : `${service} ${where}: ${name}: ${message}`
  return status ? `${detail} (HTTP ${status})` : detail
}
