import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr'
import { ATTEMPT_TIMEOUT_MS, CONNECT_TIMEOUT_MS, WholeAnswerLimit, clientConfig, endpointIsLoopback, requestHandler } from '../../src/aws/client-config.js'
import { ProxyChoosingAgent } from '../../src/aws/proxy-agent.js'
import { startEmulator } from '../../test-support/emulator/index.js'
import { startProxy } from '../../test-support/proxy.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

test('the SDK goes through the http-proxy input, with proxy credentials, and the signature still checks', async () => {
  const emu = await startEmulator()
  const proxy = await startProxy({ username: 'ci', password: 'proxy-pass' })
  try {
    Object.assign(process.env, emu.env)
    const client = new ECRClient(await clientConfig({ region: 'us-east-1', maxAttempts: 1, httpProxy: `http://ci:proxy-pass@127.0.0.1:${proxy.port}` }))
    const response = await client.send(new GetAuthorizationTokenCommand({}))
    expect(response.authorizationData).toHaveLength(1)
    expect(proxy.tunnels).toEqual([expect.objectContaining({ target: `127.0.0.1:${emu.port}`, allowed: true })])
    expect(emu.calls()).toHaveLength(1)
  } finally {
    await Promise.all([emu.stop(), proxy.stop()])
  }
})

describe('endpointIsLoopback', () => {
  test.each<[Record<string, string>, boolean]>([
    [{ AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:4566' }, true],
    [{ AWS_ENDPOINT_URL_ECR: 'http://127.10.20.30' }, true],
    [{ AWS_ENDPOINT_URL_ECR: 'http://localhost:4566' }, true],
    [{ AWS_ENDPOINT_URL_ECR: 'http://[::1]:4566' }, true],
    [{ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }, true],
    [{ AWS_ENDPOINT_URL_ECR: '', AWS_ENDPOINT_URL: 'http://localhost' }, true],
    [{ AWS_ENDPOINT_URL_ECR: 'https://ecr.example', AWS_ENDPOINT_URL: 'http://localhost' }, false],
    [{ AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1.evil.example' }, false],
    [{ AWS_ENDPOINT_URL_ECR: 'http://x127.0.0.1' }, false],
    [{ AWS_ENDPOINT_URL_ECR: 'http://localhost.evil.example' }, false],
    [{ AWS_ENDPOINT_URL_ECR: 'http://10.0.0.1' }, false],
    [{ AWS_ENDPOINT_URL_ECR: 'not a url' }, false],
    [{ AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE' }, false],
    [{ AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }, true],
    [{ AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true-ish' }, true],
    [{}, false],
  ])('%j → %s', (env, expected) => {
    expect(endpointIsLoopback('AWS_ENDPOINT_URL_ECR', env)).toBe(expected)
  })
})

describe('clientConfig and requestHandler', () => {
  test('region, attempts, standard retries, FIPS only when asked, the user agent, the shared handler', async () => {
    const config = await clientConfig({ region: 'eu-west-1', maxAttempts: 3 })
    expect(config).toEqual({
      region: 'eu-west-1', maxAttempts: 3, retryMode: 'standard', useFipsEndpoint: false, customUserAgent: 'registry-auth-action', requestHandler: expect.any(WholeAnswerLimit),
    })
    expect((await clientConfig({ region: 'us-gov-west-1', maxAttempts: 1, useFipsEndpoint: true })).useFipsEndpoint).toBe(true)
    expect(config.requestHandler).toBe((await clientConfig({ region: 'us-east-1', maxAttempts: 5 })).requestHandler)
  })

  test('one handler per proxy setting; a proxy means the proxy-choosing agent for http and https', async () => {
    const direct = await requestHandler(undefined, {})
    expect(await requestHandler(undefined, {})).toBe(direct)
    expect(direct.limitMs).toBe(ATTEMPT_TIMEOUT_MS)
    const proxied = await requestHandler('http://proxy.example:3128', {})
    expect(proxied).not.toBe(direct)
    expect(await requestHandler('http://proxy.example:3128', {})).toBe(proxied)
    type Settings = { httpAgentProvider: () => Promise<unknown>; httpsAgent: unknown; connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean }
    const agents = (handler: WholeAnswerLimit) => (handler.inner as unknown as { configProvider: Promise<Settings> }).configProvider
    const proxiedConfig = await agents(proxied)
    expect(proxiedConfig.httpsAgent).toBeInstanceOf(ProxyChoosingAgent)
    expect(await proxiedConfig.httpAgentProvider()).toBe(proxiedConfig.httpsAgent)
    expect((proxiedConfig.httpsAgent as ProxyChoosingAgent).proxyFor('https://api.ecr.us-east-1.amazonaws.com:443')).toBe('http://proxy.example:3128')
    const directConfig = await agents(direct)
    expect(directConfig.httpsAgent).not.toBeInstanceOf(ProxyChoosingAgent)
    expect(await directConfig.httpAgentProvider()).not.toBeInstanceOf(ProxyChoosingAgent)
    expect(directConfig).toMatchObject({ connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: ATTEMPT_TIMEOUT_MS, throwOnRequestTimeout: true })
  })
})

describe('WholeAnswerLimit', () => {
  let server: http.Server
  let port: number
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/trickle') {
        res.writeHead(200, { 'content-length': '100000' })
        const timer = setInterval(() => res.write(' '), 20)
        res.once('close', () => clearInterval(timer))
      } else {
        res.end('whole answer')
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  type Request = Parameters<WholeAnswerLimit['handle']>[0]
  const request = (path: string) => ({ protocol: 'http:', hostname: '127.0.0.1', port, method: 'GET', path, query: {}, headers: { host: `127.0.0.1:${port}` } }) as unknown as Request
  const read = async (body: NodeJS.ReadableStream): Promise<string> => {
    let text = ''
    for await (const chunk of body) text += String(chunk)
    return text
  }

  test('a body that trickles is cut off at the limit with a timeout error the SDK retries', async () => {
    const handler = new WholeAnswerLimit(new NodeHttpHandler(), 300)
    const started = Date.now()
    const { response } = await handler.handle(request('/trickle'))
    await expect(read(response.body as NodeJS.ReadableStream)).rejects.toMatchObject({
      name: 'TimeoutError', code: 'ETIMEDOUT', message: 'the answer did not complete within the 300 ms requestTimeout',
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(Date.now() - started).toBeLessThan(5000)
    handler.destroy()
  })

  test('a whole answer within the limit is read as it is', async () => {
    const handler = new WholeAnswerLimit(new NodeHttpHandler(), 60_000)
    expect(handler.metadata).toEqual({ handlerProtocol: 'http/1.1' })
    const { response } = await handler.handle(request('/whole'))
    expect(await read(response.body as NodeJS.ReadableStream)).toBe('whole answer')
    handler.destroy()
  })

  test('settings and destroy pass through to the inner handler', () => {
    const calls: unknown[][] = []
    const inner = {
      updateHttpClientConfig: (...args: unknown[]) => calls.push(['update', ...args]),
      httpHandlerConfigs: () => ({ requestTimeout: 1 }),
      destroy: () => calls.push(['destroy']),
    }
    const handler = new WholeAnswerLimit(inner as unknown as NodeHttpHandler, 10)
    handler.updateHttpClientConfig('requestTimeout', 4321)
    expect(handler.httpHandlerConfigs()).toEqual({ requestTimeout: 1 })
    handler.destroy()
    expect(calls).toEqual([['update', 'requestTimeout', 4321], ['destroy']])
  })
})
