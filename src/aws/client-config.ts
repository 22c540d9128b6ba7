/** What every AWS SDK client of the action shares: region, retries, time limits, proxy and user agent. */
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { Deadline } from '../deadline.js'
import { isLoopbackHost } from './answers.js'

/** How the action calls AWS: the same for every service. */
export interface AwsCallOptions {
  maxAttempts: number
  httpProxy?: string
  mask: boolean
  /** The step's time limit; every call is aborted when it is reached. */
  deadline: Deadline
}

export interface ClientOptions {
  region: string
  maxAttempts: number
  /** Proxy for every call; otherwise HTTPS_PROXY/HTTP_PROXY apply, minus NO_PROXY. */
  httpProxy?: string
  useFipsEndpoint?: boolean
}

/** Time limits of one attempt; the SDK retries an attempt that reaches them, within max-attempts. */
export const CONNECT_TIMEOUT_MS = 10_000
export const ATTEMPT_TIMEOUT_MS = 20_000

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY']

const handlers = new Map<string, Promise<WholeAnswerLimit>>()

type Handle = NodeHttpHandler['handle']

/**
 * The HTTP handler with a limit on the whole answer of each attempt. NodeHttpHandler's requestTimeout
 * ends when the headers arrive; a body trickled a byte at a time would keep the attempt open for
 * ever. Here the body is cut off at the same limit, with an error the SDK retries like a timeout.
 */
export class WholeAnswerLimit {
  readonly metadata = { handlerProtocol: 'http/1.1' }

  constructor(readonly inner: NodeHttpHandler, readonly limitMs: number) {}

  async handle(...args: Parameters<Handle>): ReturnType<Handle> {
    const started = Date.now()
    const answer = await this.inner.handle(...args)
    const body = answer.response.body as NodeJS.ReadableStream & { destroy?: (error: Error) => void; once: (event: string, listener: () => void) => unknown }
    if (body && typeof body.destroy === 'function') {
      const error = Object.assign(new Error(`the answer did not complete within the ${this.limitMs} ms requestTimeout`), { name: 'TimeoutError', code: 'ETIMEDOUT' })
      const timer = setTimeout(() => body.destroy?.(error), Math.max(0, this.limitMs - (Date.now() - started)))
      timer.unref()
      body.once('close', () => clearTimeout(timer))
    }
    return answer
  }

  updateHttpClientConfig(...args: Parameters<NodeHttpHandler['updateHttpClientConfig']>): void {
    this.inner.updateHttpClientConfig(...args)
  }

  httpHandlerConfigs(): ReturnType<NodeHttpHandler['httpHandlerConfigs']> {
    return this.inner.httpHandlerConfigs()
  }

  destroy(): void {
    this.inner.destroy()
  }
}

/** One HTTP handler per proxy setting, shared by all clients of a run so parallel calls share connections. */
export function requestHandler(httpProxy: string | undefined, env = process.env): Promise<WholeAnswerLimit> {
  const key = httpProxy ?? ''
  let handler = handlers.get(key)
  if (!handler) {
    handler = makeHandler(httpProxy, Boolean(httpProxy) || PROXY_VARIABLES.some((name) => env[name]))
    handlers.set(key, handler)
  }
  return handler
}

async function makeHandler(httpProxy: string | undefined, proxied: boolean): Promise<WholeAnswerLimit> {
  const agent = proxied ? new (await import('./proxy-agent.js')).ProxyChoosingAgent(httpProxy) : undefined
  const inner = new NodeHttpHandler({
    connectionTimeout: CONNECT_TIMEOUT_MS,
    // The whole request and answer, not only idle time: an endpoint that trickles bytes is cut off
    // too. Without throwOnRequestTimeout the handler (4.x) would only log a warning and wait forever.
    requestTimeout: ATTEMPT_TIMEOUT_MS,
    throwOnRequestTimeout: true,
    ...(agent ? { httpAgent: agent, httpsAgent: agent } : {}),
  })
  return new WholeAnswerLimit(inner, ATTEMPT_TIMEOUT_MS)
}

export async function clientConfig(options: ClientOptions) {
  return {
    region: options.region,
    maxAttempts: options.maxAttempts,
    retryMode: 'standard',
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    customUserAgent: 'registry-auth-action',
    requestHandler: await requestHandler(options.httpProxy),
  }
}

/** Whether the SDK sends this service's calls to a loopback endpoint (a local emulator). */
export function endpointIsLoopback(variable: string, env: Record<string, string | undefined> = process.env): boolean {
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return false
  const configured = env[variable] || env.AWS_ENDPOINT_URL
  if (!configured) return false
  try {
    return isLoopbackHost(new URL(configured).hostname)
  } catch {
    return false
  }
}
