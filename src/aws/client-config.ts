/** What every AWS SDK client of the action shares: region, retries, proxy and user agent. */
import { NodeHttpHandler } from '@smithy/node-http-handler'

export interface ClientOptions {
  region: string
  maxAttempts: number
  /** Proxy for every call; otherwise HTTPS_PROXY/HTTP_PROXY apply, minus NO_PROXY. */
  httpProxy?: string
  useFipsEndpoint?: boolean
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY']

const handlers = new Map<string, Promise<NodeHttpHandler>>()

/** One HTTP handler per proxy setting, shared by all clients of a run so parallel calls share connections. */
export function requestHandler(httpProxy: string | undefined, env = process.env): Promise<NodeHttpHandler> {
  const key = httpProxy ?? ''
  let handler = handlers.get(key)
  if (!handler) {
    handler = makeHandler(httpProxy, Boolean(httpProxy) || PROXY_VARIABLES.some((name) => env[name]))
    handlers.set(key, handler)
  }
  return handler
}

async function makeHandler(httpProxy: string | undefined, proxied: boolean): Promise<NodeHttpHandler> {
  const agent = proxied ? new (await import('./proxy-agent.js')).ProxyChoosingAgent(httpProxy) : undefined
  return new NodeHttpHandler({
    connectionTimeout: 10_000,
    requestTimeout: 30_000,
    ...(agent ? { httpAgent: agent, httpsAgent: agent } : {}),
  })
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
