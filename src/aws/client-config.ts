/** What every AWS SDK client of the action shares: region, retries, proxy and user agent. */
import * as net from 'node:net'
import * as tls from 'node:tls'
import type * as http from 'node:http'
import { Agent, type AgentConnectOpts } from 'agent-base'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { getProxyForUrl } from 'proxy-from-env'
import { NodeHttpHandler } from '@smithy/node-http-handler'

export interface ClientOptions {
  region: string
  maxAttempts: number
  /** Proxy for every call; otherwise HTTPS_PROXY/HTTP_PROXY apply, minus NO_PROXY. */
  httpProxy?: string
  useFipsEndpoint?: boolean
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY']

/** Chooses per connection: the explicit proxy, the environment's proxy for that URL, or a direct socket. */
export class ProxyChoosingAgent extends Agent {
  private readonly proxies = new Map<string, HttpsProxyAgent<string>>()

  constructor(private readonly explicitProxy?: string) {
    super({ keepAlive: true })
  }

  proxyFor(url: string): string {
    return this.explicitProxy ?? getProxyForUrl(url)
  }

  override connect(_req: http.ClientRequest, opts: AgentConnectOpts): net.Socket | http.Agent {
    const url = `${opts.secureEndpoint ? 'https' : 'http'}://${opts.host}:${opts.port}`
    const proxy = this.proxyFor(url)
    if (!proxy) return opts.secureEndpoint ? tls.connect(opts) : net.connect(opts)
    let agent = this.proxies.get(proxy)
    if (!agent) {
      agent = new HttpsProxyAgent(proxy, { keepAlive: true })
      this.proxies.set(proxy, agent)
    }
    return agent
  }
}

const handlers = new Map<string, NodeHttpHandler>()

/** One HTTP handler per proxy setting, shared by all clients of a run so parallel calls share connections. */
export function requestHandler(httpProxy: string | undefined, env = process.env): NodeHttpHandler {
  const key = httpProxy ?? ''
  let handler = handlers.get(key)
  if (!handler) {
    const proxied = Boolean(httpProxy) || PROXY_VARIABLES.some((name) => env[name])
    const agent = proxied ? new ProxyChoosingAgent(httpProxy) : undefined
    handler = new NodeHttpHandler({
      connectionTimeout: 10_000,
      requestTimeout: 30_000,
      ...(agent ? { httpAgent: agent, httpsAgent: agent } : {}),
    })
    handlers.set(key, handler)
  }
  return handler
}

export function clientConfig(options: ClientOptions) {
  return {
    region: options.region,
    maxAttempts: options.maxAttempts,
    retryMode: 'standard',
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    customUserAgent: 'registry-auth-action',
    requestHandler: requestHandler(options.httpProxy),
  }
}
