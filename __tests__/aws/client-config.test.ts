import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr'
import { clientConfig } from '../../src/aws/client-config.js'
import { ProxyChoosingAgent } from '../../src/aws/proxy-agent.js'
import { startEmulator } from '../../test-support/emulator/index.js'
import { startProxy } from '../../test-support/proxy.js'

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
