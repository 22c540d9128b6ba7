import * as net from 'node:net'
import * as tls from 'node:tls'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { requestHandler } from '../../src/aws/client-config.js'
import { ProxyChoosingAgent } from '../../src/aws/proxy-agent.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

describe('ProxyChoosingAgent.proxyFor', () => {
  test.each<[Record<string, string>, string | undefined, string, string]>([
    [{ HTTPS_PROXY: 'http://proxy:3128' }, undefined, 'https://api.ecr.us-east-1.amazonaws.com:443', 'http://proxy:3128'],
    [{ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.amazonaws.com' }, undefined, 'https://api.ecr.us-east-1.amazonaws.com:443', ''],
    [{ https_proxy: 'http://proxy:3128', no_proxy: '*' }, undefined, 'https://api.ecr.us-east-1.amazonaws.com:443', ''],
    [{ HTTP_PROXY: 'http://proxy:3128' }, undefined, 'https://api.ecr.us-east-1.amazonaws.com:443', ''],
    [{}, 'http://explicit:8080', 'https://api.ecr.us-east-1.amazonaws.com:443', 'http://explicit:8080'],
  ])('env %j, input %s, %s → %j', (env, explicit, url, expected) => {
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[name]
    Object.assign(process.env, env)
    expect(new ProxyChoosingAgent(explicit).proxyFor(url)).toBe(expected)
  })
})

test('a proxy in the environment alone means the proxy-choosing agent for the calls, which applies NO_PROXY per URL', async () => {
  // Its own test file: the first handler without an explicit proxy is kept for the whole run.
  const handler = await requestHandler(undefined, { HTTPS_PROXY: 'http://proxy.example:3128' })
  const settings = await (handler.inner as unknown as { configProvider: Promise<{ httpsAgent: unknown }> }).configProvider
  expect(settings.httpsAgent).toBeInstanceOf(ProxyChoosingAgent)
})

test('connect: a direct socket (TLS for https) without a proxy; one tunnelling agent per proxy, reused', () => {
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[name]
  type Connect = Parameters<ProxyChoosingAgent['connect']>
  const request = {} as Connect[0]
  const options = (secureEndpoint: boolean) => ({ secureEndpoint, host: '127.0.0.1', port: 9 }) as Connect[1]
  const direct = new ProxyChoosingAgent()
  for (const secure of [false, true]) {
    const socket = direct.connect(request, options(secure)) as net.Socket
    socket.on('error', () => {})
    socket.destroy()
    expect(socket).toBeInstanceOf(net.Socket)
    expect(socket instanceof tls.TLSSocket).toBe(secure)
  }
  const proxied = new ProxyChoosingAgent('http://proxy.example:3128')
  const first = proxied.connect(request, options(true))
  expect(first).toBeInstanceOf(HttpsProxyAgent)
  expect((first as HttpsProxyAgent<string>).proxy.href).toBe('http://proxy.example:3128/')
  expect(proxied.connect(request, options(false))).toBe(first)
})
