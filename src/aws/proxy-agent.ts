/**
 * The HTTP agent for runs behind a proxy. Loaded only when a proxy is set: it pulls in agent-base,
 * https-proxy-agent and their debug logger, which a run without a proxy never needs.
 */
import * as net from 'node:net'
import * as tls from 'node:tls'
import type * as http from 'node:http'
import { Agent, type AgentConnectOpts } from 'agent-base'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { getProxyForUrl } from 'proxy-from-env'

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
