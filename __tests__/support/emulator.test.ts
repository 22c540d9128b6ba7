import { spawn } from 'node:child_process'
import http from 'node:http'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import { isThrottlingError, isTransientError } from '@smithy/core/retry'
import { ECRClient, GetAuthorizationTokenCommand, type ECRClientConfig } from '@aws-sdk/client-ecr'
import { ECRPUBLICClient, GetAuthorizationTokenCommand as GetPublicTokenCommand } from '@aws-sdk/client-ecr-public'
import {
  CodeartifactClient,
  GetAuthorizationTokenCommand as GetCodeArtifactTokenCommand,
  GetRepositoryEndpointCommand,
} from '@aws-sdk/client-codeartifact'
import { startEmulator } from '../../test-support/emulator/index.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const KEY = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const ECR_TARGET = 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken'

let emu: Emulator
const clients: { destroy(): void }[] = []

function track<T extends { destroy(): void }>(client: T): T {
  clients.push(client)
  return client
}
const ecr = (region = 'eu-west-1', extra: Partial<ECRClientConfig> = {}) =>
  track(new ECRClient({ endpoint: emu.url, region, credentials: KEY, maxAttempts: 1, ...extra }))
const ecrPublic = (region = 'us-east-1') =>
  track(new ECRPUBLICClient({ endpoint: emu.url, region, credentials: KEY, maxAttempts: 1 }))
const codeartifact = (region = 'eu-west-1', maxAttempts = 1) =>
  track(new CodeartifactClient({ endpoint: emu.url, region, credentials: KEY, maxAttempts }))

type SdkError = Error & { code?: string; $fault?: string; $metadata: { httpStatusCode?: number; attempts?: number } }

async function failure(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise
  } catch (err) {
    return err as SdkError
  }
  throw new Error('expected the call to fail')
}

const decodePassword = (token: string | undefined) => Buffer.from(token ?? '', 'base64').toString('utf8')

/** Sends a hand-signed awsJson request (to test what the SDK never sends). */
async function rawEcrCall(opts: { service?: string; signedBody: string; sentBody?: string }) {
  const port = emu.port
  const headers = { host: `127.0.0.1:${port}`, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': ECR_TARGET }
  const signer = new SignatureV4({ credentials: KEY, region: 'eu-west-1', service: opts.service ?? 'ecr', sha256: Sha256 })
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', query: {}, headers, body: opts.signedBody,
  })
  const body = opts.sentBody ?? opts.signedBody
  return new Promise<{ status: number; json: Record<string, string> }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: signed.headers }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

beforeAll(async () => {
  emu = await startEmulator()
})
afterEach(() => emu.reset())
afterAll(async () => {
  for (const client of clients) client.destroy()
  await emu.stop()
})

describe('ECR GetAuthorizationToken', () => {
  it('answers for the caller account and records the region from the signature scope', async () => {
    const out = await ecr('eu-west-1').send(new GetAuthorizationTokenCommand({}))
    const [data] = out.authorizationData ?? []
    expect(out.authorizationData).toHaveLength(1)
    expect(data?.proxyEndpoint).toBe('https://123456789012.dkr.ecr.eu-west-1.amazonaws.com')
    const decoded = decodePassword(data?.authorizationToken)
    expect(decoded.startsWith('AWS:eyJwYXlsb2FkIjoi')).toBe(true)
    const password = decoded.slice(4)
    expect(password).toMatch(/\+/)
    expect(password).toMatch(/\//)
    expect(password).toMatch(/=$/)
    expect(emu.secrets()).toEqual(expect.arrayContaining([password, data?.authorizationToken]))
    const expiresIn = (data?.expiresAt?.getTime() ?? 0) - Date.now()
    expect(expiresIn).toBeGreaterThan(43_100_000)
    expect(expiresIn).toBeLessThanOrEqual(43_200_000)
    expect(emu.calls()).toEqual([expect.objectContaining({
      service: 'ecr', operation: 'GetAuthorizationToken', region: 'eu-west-1', accessKeyId: 'AKIDEXAMPLE',
      signatureValid: true, status: 200, params: {},
    })])
  })

  it('answers one entry per registry id, in another region', async () => {
    const out = await ecr('us-west-2').send(new GetAuthorizationTokenCommand({ registryIds: ['111111111111', '222222222222'] }))
    expect(out.authorizationData?.map((d) => d.proxyEndpoint)).toEqual([
      'https://111111111111.dkr.ecr.us-west-2.amazonaws.com',
      'https://222222222222.dkr.ecr.us-west-2.amazonaws.com',
    ])
    await ecr('eu-central-1').send(new GetAuthorizationTokenCommand({ registryIds: ['333333333333'] }))
    expect(emu.calls({ service: 'ecr' }).map((c) => [c.region, c.params])).toEqual([
      ['us-west-2', { registryIds: ['111111111111', '222222222222'] }],
      ['eu-central-1', { registryIds: ['333333333333'] }],
    ])
    expect(emu.calls({ region: 'eu-central-1' })).toHaveLength(1)
    expect(emu.calls((c) => c.region === 'ap-south-1')).toHaveLength(0)
  })

  it('rejects malformed registry ids like ECR does', async () => {
    const err = await failure(ecr().send(new GetAuthorizationTokenCommand({ registryIds: ['12'] })))
    expect(err.name).toBe('InvalidParameterException')
  })

  it('is reachable through AWS_ENDPOINT_URL_* variables', async () => {
    const saved = { ...process.env }
    Object.assign(process.env, emu.env)
    try {
      const out = await track(new ECRClient({ region: 'eu-west-1', maxAttempts: 1 })).send(new GetAuthorizationTokenCommand({}))
      expect(out.authorizationData).toHaveLength(1)
      await track(new ECRPUBLICClient({ region: 'us-east-1', maxAttempts: 1 })).send(new GetPublicTokenCommand({}))
      await track(new CodeartifactClient({ region: 'eu-west-1', maxAttempts: 1 }))
        .send(new GetCodeArtifactTokenCommand({ domain: 'corp' }))
      expect(emu.calls().map((c) => c.service)).toEqual(['ecr', 'ecr-public', 'codeartifact'])
    } finally {
      for (const key of Object.keys(emu.env)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    }
  })
})

describe('ECR Public GetAuthorizationToken', () => {
  it('answers a single object in us-east-1', async () => {
    const out = await ecrPublic().send(new GetPublicTokenCommand({}))
    expect(decodePassword(out.authorizationData?.authorizationToken)).toMatch(/^AWS:.{100,}/)
    expect(out.authorizationData?.expiresAt).toBeInstanceOf(Date)
    expect(emu.calls()).toEqual([expect.objectContaining({ service: 'ecr-public', region: 'us-east-1' })])
  })

  it('refuses other regions', async () => {
    const err = await failure(ecrPublic('eu-west-1').send(new GetPublicTokenCommand({})))
    expect(err.name).toBe('InvalidSignatureException')
    expect(err.message).toMatch(/valid region/)
  })
})

describe('CodeArtifact', () => {
  it('passes durationSeconds 0 through as duration=0 and records absent values as absent', async () => {
    const out = await codeartifact().send(new GetCodeArtifactTokenCommand({ domain: 'corp', domainOwner: '111111111111', durationSeconds: 0 }))
    expect(out.authorizationToken?.split('.')).toHaveLength(5)
    expect(out.expiration).toBeInstanceOf(Date)
    await codeartifact().send(new GetCodeArtifactTokenCommand({ domain: 'corp' }))
    const short = await codeartifact().send(new GetCodeArtifactTokenCommand({ domain: 'corp', durationSeconds: 900 }))
    expect((short.expiration?.getTime() ?? 0) - Date.now()).toBeLessThanOrEqual(900_000)
    const params = emu.calls({ service: 'codeartifact' }).map((c) => c.params)
    expect(params[0]).toEqual({ domain: 'corp', 'domain-owner': '111111111111', duration: '0' })
    expect(params[1]).toEqual({ domain: 'corp' })
    expect(params[1]).not.toHaveProperty('duration')
    expect(params[2]).toEqual({ domain: 'corp', duration: '900' })
    expect(emu.secrets()).toContain(out.authorizationToken)
  })

  it('rejects durations AWS rejects', async () => {
    const err = await failure(codeartifact().send(new GetCodeArtifactTokenCommand({ domain: 'corp', durationSeconds: 60 })))
    expect(err.name).toBe('ValidationException')
    expect(err.$metadata.httpStatusCode).toBe(400)
  })

  it('answers repository endpoints, including dualstack', async () => {
    const npm = await codeartifact('eu-west-1').send(new GetRepositoryEndpointCommand({ domain: 'corp', repository: 'npm-store', format: 'npm' }))
    expect(npm.repositoryEndpoint).toBe('https://corp-123456789012.d.codeartifact.eu-west-1.amazonaws.com/npm/npm-store/')
    const pypi = await codeartifact('us-east-2').send(new GetRepositoryEndpointCommand({
      domain: 'corp', domainOwner: '111111111111', repository: 'py', format: 'pypi', endpointType: 'dualstack',
    }))
    expect(pypi.repositoryEndpoint).toBe('https://corp-111111111111.d.codeartifact.us-east-2.on.aws/pypi/py/')
    expect(emu.calls({ operation: 'GetRepositoryEndpoint' }).map((c) => [c.region, c.params])).toEqual([
      ['eu-west-1', { domain: 'corp', repository: 'npm-store', format: 'npm' }],
      ['us-east-2', { domain: 'corp', 'domain-owner': '111111111111', repository: 'py', format: 'pypi', endpointType: 'dualstack' }],
    ])
  })
})

describe('callbacks', () => {
  it('lets a test fix passwords, tokens and proxy endpoints', async () => {
    const custom = await startEmulator({
      account: '999999999999',
      password: (account, region) => `pw-${account}-${region}`,
      token: (domain, owner) => `tok-${domain}-${owner}`,
      proxyEndpoint: () => 'http://127.0.0.1:5000',
      expiresInSeconds: 600,
    })
    try {
      const ecrClient = track(new ECRClient({ endpoint: custom.url, region: 'eu-west-1', credentials: KEY }))
      const [data] = (await ecrClient.send(new GetAuthorizationTokenCommand({}))).authorizationData ?? []
      expect(decodePassword(data?.authorizationToken)).toBe('AWS:pw-999999999999-eu-west-1')
      expect(data?.proxyEndpoint).toBe('http://127.0.0.1:5000')
      expect((data?.expiresAt?.getTime() ?? 0) - Date.now()).toBeLessThanOrEqual(600_000)
      const ca = track(new CodeartifactClient({ endpoint: custom.url, region: 'eu-west-1', credentials: KEY }))
      const { authorizationToken } = await ca.send(new GetCodeArtifactTokenCommand({ domain: 'corp' }))
      expect(authorizationToken).toBe('tok-corp-999999999999')
      expect(custom.secrets()).toEqual(expect.arrayContaining(['pw-999999999999-eu-west-1', 'tok-corp-999999999999']))
    } finally {
      await custom.stop()
    }
  })
})

describe('SigV4 verification', () => {
  it('rejects a wrong secret with InvalidSignatureException', async () => {
    const client = track(new ECRClient({ endpoint: emu.url, region: 'eu-west-1', maxAttempts: 1,
      credentials: { ...KEY, secretAccessKey: 'not-the-secret' } }))
    const err = await failure(client.send(new GetAuthorizationTokenCommand({})))
    expect(err.name).toBe('InvalidSignatureException')
    expect(err.$metadata.httpStatusCode).toBe(403)
    expect(emu.requests[0]).toMatchObject({ signatureValid: false, status: 403, accessKeyId: 'AKIDEXAMPLE' })
    expect(emu.calls()).toHaveLength(0)
  })

  it('rejects a wrong secret on restJson too', async () => {
    const client = track(new CodeartifactClient({ endpoint: emu.url, region: 'eu-west-1', maxAttempts: 1,
      credentials: { ...KEY, secretAccessKey: 'not-the-secret' } }))
    const err = await failure(client.send(new GetCodeArtifactTokenCommand({ domain: 'corp' })))
    expect(err.name).toBe('InvalidSignatureException')
  })

  it('rejects an unknown key with UnrecognizedClientException', async () => {
    const client = track(new ECRClient({ endpoint: emu.url, region: 'eu-west-1', maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' } }))
    const err = await failure(client.send(new GetAuthorizationTokenCommand({})))
    expect(err.name).toBe('UnrecognizedClientException')
    expect(emu.requests[0]).toMatchObject({ accessKeyId: 'AKIDUNKNOWN', signatureValid: false })
  })

  it('checks session tokens', async () => {
    const withToken = await startEmulator({ credentials: [{ ...KEY, sessionToken: 'session-token/+=' }] })
    try {
      expect(withToken.env.AWS_SESSION_TOKEN).toBe('session-token/+=')
      const good = track(new ECRClient({ endpoint: withToken.url, region: 'eu-west-1', credentials: { ...KEY, sessionToken: 'session-token/+=' } }))
      await good.send(new GetAuthorizationTokenCommand({}))
      const bad = track(new ECRClient({ endpoint: withToken.url, region: 'eu-west-1', maxAttempts: 1, credentials: { ...KEY, sessionToken: 'other' } }))
      expect((await failure(bad.send(new GetAuthorizationTokenCommand({})))).name).toBe('UnrecognizedClientException')
      const none = track(new ECRClient({ endpoint: withToken.url, region: 'eu-west-1', maxAttempts: 1, credentials: KEY }))
      expect((await failure(none.send(new GetAuthorizationTokenCommand({})))).name).toBe('UnrecognizedClientException')
    } finally {
      await withToken.stop()
    }
  })

  it('rejects a skewed clock, and the SDK corrects it on retry', async () => {
    const skewed = { systemClockOffset: -20 * 60 * 1000 }
    const err = await failure(ecr('eu-west-1', skewed).send(new GetAuthorizationTokenCommand({})))
    expect(err.name).toBe('InvalidSignatureException')
    expect(err.message).toMatch(/^Signature expired/)
    const out = await ecr('eu-west-1', { ...skewed, maxAttempts: 2 }).send(new GetAuthorizationTokenCommand({}))
    expect(out.$metadata.attempts).toBe(2)
  })

  it('requires the scope service to match the operation and detects a tampered body', async () => {
    expect(await rawEcrCall({ signedBody: '{}' })).toMatchObject({ status: 200 })
    const wrongService = await rawEcrCall({ service: 'ecr-public', signedBody: '{}' })
    expect(wrongService).toMatchObject({ status: 403, json: { __type: 'InvalidSignatureException' } })
    expect(wrongService.json.message).toMatch(/scoped to correct service: 'ecr'/)
    const tampered = await rawEcrCall({ signedBody: '{}', sentBody: '{"registryIds":["111111111111"]}' })
    expect(tampered).toMatchObject({ status: 403, json: { __type: 'InvalidSignatureException' } })
  })
})

describe('faults', () => {
  it('throttle: 400 ThrottlingException on awsJson, 429 on CodeArtifact, classified as throttling', async () => {
    emu.fault({ kind: 'throttle' })
    const err = await failure(ecr().send(new GetAuthorizationTokenCommand({})))
    expect(err.name).toBe('ThrottlingException')
    expect(err.$metadata.httpStatusCode).toBe(400)
    expect(isThrottlingError(err as never)).toBe(true)
    const caErr = await failure(codeartifact().send(new GetCodeArtifactTokenCommand({ domain: 'corp' })))
    expect(caErr.name).toBe('ThrottlingException')
    expect(caErr.$metadata.httpStatusCode).toBe(429)
    expect(emu.requests.map((r) => r.fault)).toEqual(['throttle', 'throttle'])
  })

  it('throttle times 2 is retried to success by the SDK', async () => {
    const handle = emu.fault({ kind: 'throttle', times: 2 })
    const out = await ecr('eu-west-1', { maxAttempts: 3 }).send(new GetAuthorizationTokenCommand({}))
    expect(out.$metadata.attempts).toBe(3)
    expect(handle.hits).toBe(2)
    expect(emu.requests.map((r) => r.status)).toEqual([400, 400, 200])
    expect(emu.calls()).toHaveLength(1)
  })

  it('server-error and unavailable are 5xx server faults, retried to success', async () => {
    emu.fault({ service: 'ecr', kind: 'server-error', times: 1 })
    const err = await failure(ecr().send(new GetAuthorizationTokenCommand({})))
    expect(err).toMatchObject({ name: 'ServerException', $fault: 'server' })
    expect(isTransientError(err as never)).toBe(true)
    emu.fault({ service: 'codeartifact', kind: 'server-error', times: 1 })
    expect((await failure(codeartifact().send(new GetCodeArtifactTokenCommand({ domain: 'corp' })))).name).toBe('InternalServerException')
    emu.fault({ kind: 'unavailable', times: 1 })
    const unavailable = await failure(ecr().send(new GetAuthorizationTokenCommand({})))
    expect(unavailable.$metadata.httpStatusCode).toBe(503)
    expect(isTransientError(unavailable as never)).toBe(true)
    emu.fault({ service: 'codeartifact', kind: 'server-error', times: 1 })
    emu.fault({ service: 'codeartifact', kind: 'unavailable', times: 1 })
    const out = await codeartifact('eu-west-1', 3).send(new GetCodeArtifactTokenCommand({ domain: 'corp' }))
    expect(out.$metadata.attempts).toBe(3)
  })

  it('denied names the IAM action', async () => {
    emu.fault({ kind: 'denied', service: 'ecr' })
    emu.fault({ kind: 'denied', operation: 'GetRepositoryEndpoint' })
    const err = await failure(ecr().send(new GetAuthorizationTokenCommand({})))
    expect(err.name).toBe('AccessDeniedException')
    expect(err.message).toBe('User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: '
      + 'ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action')
    const caErr = await failure(codeartifact().send(new GetRepositoryEndpointCommand({ domain: 'corp', repository: 'npm-store', format: 'npm' })))
    expect(caErr.name).toBe('AccessDeniedException')
    expect(caErr.$metadata.httpStatusCode).toBe(403)
    expect(caErr.message).toMatch(/codeartifact:GetRepositoryEndpoint on resource: arn:aws:codeartifact:eu-west-1:123456789012:repository\/corp\/npm-store/)
    await ecrPublic().send(new GetPublicTokenCommand({}))
    await codeartifact().send(new GetCodeArtifactTokenCommand({ domain: 'corp' }))
  })

  it('expired raises ExpiredTokenException', async () => {
    emu.fault({ kind: 'expired', times: 1 })
    expect((await failure(ecrPublic().send(new GetPublicTokenCommand({})))).name).toBe('ExpiredTokenException')
    await ecrPublic().send(new GetPublicTokenCommand({}))
  })

  it('malformed answers 200 with a non-JSON body', async () => {
    emu.fault({ kind: 'malformed', times: 1 })
    const err = await failure(ecr().send(new GetAuthorizationTokenCommand({})))
    expect(err.name).toBe('SyntaxError')
    expect(err.$metadata?.httpStatusCode).toBe(200)
    expect(emu.requests[0]).toMatchObject({ status: 200, fault: 'malformed' })
    expect(emu.calls()).toHaveLength(0)
  })

  it('reset destroys the socket, and the SDK retries it', async () => {
    emu.fault({ kind: 'reset', times: 1 })
    const err = await failure(codeartifact().send(new GetCodeArtifactTokenCommand({ domain: 'corp' })))
    // Under jest's VM realm node's socket error is not `instanceof Error` there, so the
    // SDK wraps it ("AWS SDK error wrapper for TimeoutError: socket hang up") and drops `code`.
    expect(err.message).toMatch(/socket hang up|ECONNRESET/)
    expect(emu.requests[0]).toMatchObject({ status: 0, fault: 'reset' })
    emu.fault({ kind: 'reset', times: 1 })
    const out = await codeartifact('eu-west-1', 2).send(new GetCodeArtifactTokenCommand({ domain: 'corp' }))
    expect(out.$metadata.attempts).toBe(2)
  })

  it('delay answers normally after delayMs', async () => {
    emu.fault({ kind: 'delay', delayMs: 300, times: 1 })
    const started = Date.now()
    await ecr().send(new GetAuthorizationTokenCommand({}))
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(emu.calls()).toEqual([expect.objectContaining({ fault: 'delay', status: 200 })])
  })

  it('matches faults by service, operation and region; clearFaults and reset clear them', async () => {
    const handle = emu.fault({ kind: 'throttle', service: 'ecr', region: 'us-west-2' })
    await ecr('eu-west-1').send(new GetAuthorizationTokenCommand({}))
    await ecrPublic().send(new GetPublicTokenCommand({}))
    expect((await failure(ecr('us-west-2').send(new GetAuthorizationTokenCommand({})))).name).toBe('ThrottlingException')
    handle.clear()
    await ecr('us-west-2').send(new GetAuthorizationTokenCommand({}))
    emu.fault({ kind: 'denied' })
    emu.clearFaults()
    await ecr().send(new GetAuthorizationTokenCommand({}))
    emu.fault({ kind: 'denied' })
    expect(emu.requests).toHaveLength(5)
    emu.reset()
    expect(emu.requests).toHaveLength(0)
    await ecr().send(new GetAuthorizationTokenCommand({}))
    expect(emu.calls()).toHaveLength(1)
    expect(() => emu.fault({ kind: 'nope' as never })).toThrow(/unknown fault kind/)
  })
})

describe('cli.js', () => {
  it('prints {url, env}, serves requests and stops on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../../test-support/emulator/cli.js', import.meta.url))
    const child = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const [line] = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value as string])
      const { url, env } = JSON.parse(line ?? '{}') as { url: string; env: Record<string, string> }
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(env).toMatchObject({ AWS_ENDPOINT_URL_ECR: url, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_EC2_METADATA_DISABLED: 'true' })
      expect(env).not.toHaveProperty('AWS_REGION')
      const client = new ECRClient({ endpoint: url, region: 'eu-west-1', credentials: KEY })
      const out = await client.send(new GetAuthorizationTokenCommand({}))
      client.destroy()
      expect(out.authorizationData).toHaveLength(1)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  })

  const startCli = async (...args: string[]) => {
    const cli = fileURLToPath(new URL('../../test-support/emulator/cli.js', import.meta.url))
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const first = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()
    return { child, exited, line: first.done ? undefined : (first.value as string), stderr: () => stderr }
  }

  it('hands out the --password, --token, --proxy-endpoint and --endpoint it is given', async () => {
    const token = 'eyJ0eXAiOiJKV1Qi.fixed-token+/='
    const { child, exited, line } = await startCli('--port', '0', '--password', 'fixed-password', `--token=${token}`,
      '--proxy-endpoint', 'https://127.0.0.1:5000', '--endpoint', 'npm=http://127.0.0.1:4873/npm/shared',
      '--endpoint=pypi=http://127.0.0.1:8080/pypi/shared/')
    try {
      const { url } = JSON.parse(line ?? '{}') as { url: string }
      const ecrClient = new ECRClient({ endpoint: url, region: 'eu-west-1', credentials: KEY, maxAttempts: 1 })
      const publicClient = new ECRPUBLICClient({ endpoint: url, region: 'us-east-1', credentials: KEY, maxAttempts: 1 })
      const caClient = new CodeartifactClient({ endpoint: url, region: 'eu-west-1', credentials: KEY, maxAttempts: 1 })
      try {
        const [data] = (await ecrClient.send(new GetAuthorizationTokenCommand({ registryIds: ['111111111111'] }))).authorizationData ?? []
        expect(Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8')).toBe('AWS:fixed-password')
        expect(data?.proxyEndpoint).toBe('https://127.0.0.1:5000')
        const pub = await publicClient.send(new GetPublicTokenCommand({}))
        expect(Buffer.from(pub.authorizationData?.authorizationToken ?? '', 'base64').toString('utf8')).toBe('AWS:fixed-password')
        const ca = await caClient.send(new GetCodeArtifactTokenCommand({ domain: 'acme', domainOwner: '123456789012' }))
        expect(ca.authorizationToken).toBe(token)
        const endpoint = (format: 'npm' | 'pypi' | 'maven', endpointType?: 'dualstack') => caClient.send(new GetRepositoryEndpointCommand({
          domain: 'acme', domainOwner: '123456789012', repository: 'shared', format, endpointType,
        })).then((out) => out.repositoryEndpoint)
        expect(await endpoint('npm')).toBe('http://127.0.0.1:4873/npm/shared/')
        expect(await endpoint('pypi')).toBe('http://127.0.0.1:8080/pypi/shared/')
        // Formats without --endpoint keep the emulator's CodeArtifact-style host.
        expect(await endpoint('maven')).toBe('https://acme-123456789012.d.codeartifact.eu-west-1.amazonaws.com/maven/shared/')
        expect(await endpoint('maven', 'dualstack')).toBe('https://acme-123456789012.d.codeartifact.eu-west-1.on.aws/maven/shared/')
      } finally {
        ecrClient.destroy()
        publicClient.destroy()
        caClient.destroy()
      }
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  })

  it.each([
    [['--endpoint', 'npm'], /invalid --endpoint npm: expected FORMAT=URL/],
    [['--endpoint', 'npm=ftp://x/'], /invalid --endpoint/],
    [['--proxy-endpoint', '127.0.0.1:5000'], /invalid --proxy-endpoint/],
    [['--token='], /need a value/],
    [['--port', '70000'], /invalid --port 70000/],
  ])('refuses %j with exit 2 and says why', async (args, message) => {
    const { exited, line, stderr } = await startCli(...args)
    expect(line).toBeUndefined()
    expect(await exited).toBe(2)
    expect(stderr()).toMatch(message)
  })
})
