/**
 * AWS faults through dist/: for ECR (two regions), ECR Public and CodeArtifact (npm, pip), the step
 * either succeeds or fails within the bound with one actionable line per cause, and in both cases
 * leaves nothing configured after the post step and shows no secret (debug on).
 *
 * Every test opens its own emulator and sandbox, so the slow ones (the SDK backs off for seconds
 * between throttled attempts) run concurrently.
 */
import {
  ENDPOINT_OVERRIDES,
  SERVICES,
  TARGETS,
  expectCleanFailure,
  escapeRegExp,
  expectSucceeded,
  inWorld,
  lineFor,
  type Service,
  type World,
} from './aws-faults-world.js'

const CREDENTIALS_HINT = 'No AWS credentials found\\. Add aws-actions/configure-aws-credentials before this step .*'

/** Lines for a fault on every call: one per ECR region, one for the others. */
const allLines = (world: World, body: string): RegExp[] => world.target.prefixes.map((prefix) => lineFor(prefix, body))
/** The line for a fault on the one call (group) `target.one` selects. */
const oneLine = (world: World, body: string): RegExp[] => [lineFor(world.target.onePrefix, body)]

const throttled = (attempts: number) => `Rate exceeded — still throttled after ${attempts} attempts?; raise max-attempts or retry later\\.`

/** A fault on the one call `target.one` selects. */
const onOne = (world: World, spec: Parameters<World['emu']['fault']>[0]) => world.emu.fault({ ...world.target.one, ...spec })

describe.each(SERVICES)('%s', (service: Service) => {
  const calls = TARGETS[service].calls

  describe('throttling', () => {
    test.concurrent.each([
      ['max-attempts 3', '3', 3],
      ['the default 5', undefined, 5],
    ])('a burst below %s: retried, the step succeeds', (_label, given, attempts) => inWorld(service, async (world) => {
      const burst = attempts - 1
      const fault = world.emu.fault({ kind: 'throttle', times: burst })
      const result = await world.run(given ? { 'max-attempts': given } : {})
      expectSucceeded(world, result)
      // No call can meet more throttles than the burst holds, and each throttle costs one retry.
      expect(fault.hits).toBe(burst)
      expect(world.emu.requests.filter((request) => request.fault === 'throttle')).toHaveLength(burst)
      expect(world.emu.requests.filter((request) => request.status === 200)).toHaveLength(calls)
      expect(world.emu.requests).toHaveLength(calls + burst)
    }))

    test.concurrent.each([
      ['equal to max-attempts 1', '1', 1, 1],
      ['above max-attempts 1', '1', 1, 4],
      ['equal to the default 5', undefined, 5, 5],
      ['above the default 5', undefined, 5, 8],
    ])('a burst %s on one call: fails saying still throttled after N attempts and pointing to max-attempts', (_label, given, attempts, burst) =>
      inWorld(service, async (world) => {
        onOne(world, { kind: 'throttle', times: burst })
        const result = await world.run(given ? { 'max-attempts': given } : {})
        expectCleanFailure(world, result, oneLine(world, throttled(attempts)))
        const hit = world.requestsOf(world.target.one)
        expect(hit.map((request) => request.fault)).toEqual(Array(attempts).fill('throttle'))
        // The other calls were served, and their credentials stay masked.
        expect(world.emu.requests.filter((request) => !hit.includes(request)).map((request) => request.status)).toEqual(Array(calls - 1).fill(200))
      }))

    test.concurrent('persistent throttling of every call with max-attempts 2: one line per region', () => inWorld(service, async (world) => {
      world.emu.fault({ kind: 'throttle' })
      const result = await world.run({ 'max-attempts': '2' })
      expectCleanFailure(world, result, allLines(world, throttled(2)))
      expect(world.emu.requests).toHaveLength(2 * calls)
    }))
  })

  describe('5xx', () => {
    test.concurrent.each([
      ['server-error', 500],
      ['unavailable', 503],
    ] as const)('%s twice, max-attempts 3: retried, the step succeeds', (kind, _status) => inWorld(service, async (world) => {
      world.emu.fault({ kind, times: 2 })
      const result = await world.run({ 'max-attempts': '3' })
      expectSucceeded(world, result)
      expect(world.emu.requests.filter((request) => request.fault === kind)).toHaveLength(2)
      expect(world.emu.requests).toHaveLength(calls + 2)
    }))

    test.concurrent.each([
      ['server-error', 500],
      ['unavailable', 503],
    ] as const)('%s every time, max-attempts 3: fails naming HTTP %s and the attempts', (kind, status) => inWorld(service, async (world) => {
      world.emu.fault({ kind })
      const result = await world.run({ 'max-attempts': '3' })
      expectCleanFailure(world, result, allLines(world, `.* — the service failed \\(HTTP ${status}\\) after 3 attempts; retry later or raise max-attempts\\.`))
      expect(world.emu.requests).toHaveLength(3 * calls)
    }))
  })

  test.concurrent('every response 2 s late: the step succeeds', () => inWorld(service, async (world) => {
    world.emu.fault({ kind: 'delay', delayMs: 2000 })
    const result = await world.run({ 'max-attempts': '1' })
    expectSucceeded(world, result)
    expect(world.emu.requests.map((request) => request.fault)).toEqual(Array(calls).fill('delay'))
  }))

  describe('connection reset', () => {
    test.concurrent('twice, max-attempts 3: retried, the step succeeds', () => inWorld(service, async (world) => {
      world.emu.fault({ kind: 'reset', times: 2 })
      const result = await world.run({ 'max-attempts': '3' })
      expectSucceeded(world, result)
      expect(world.emu.requests.filter((request) => request.fault === 'reset')).toHaveLength(2)
      expect(world.emu.requests).toHaveLength(calls + 2)
    }))

    test.concurrent('every time, max-attempts 3: fails with a connection message and the attempts', () => inWorld(service, async (world) => {
      world.emu.fault({ kind: 'reset' })
      const result = await world.run({ 'max-attempts': '3' })
      expectCleanFailure(world, result, allLines(world, '.* — the connection failed after 3 attempts; check the network, proxy settings and region\\.'))
      expect(world.emu.requests).toHaveLength(3 * calls)
    }))
  })

  test.concurrent('a 200 answer that is not JSON (an HTML error page): fails naming the service and region, and says what to check', () =>
    inWorld(service, async (world) => {
      world.emu.fault({ kind: 'malformed' })
      const result = await world.run({ 'max-attempts': '2' })
      const lines = expectCleanFailure(world, result, allLines(world, '.+'))
      for (const line of lines) {
        // Advice about SDK internals ("inspect the hidden field {error}.$response") is not something
        // a workflow author can follow; the line should say what answered instead of AWS.
        expect(line).not.toMatch(/\$response|hidden field/)
        expect(line).toMatch(/proxy|endpoint/i)
      }
    }))

  describe('credentials', () => {
    test.concurrent('expired: says so and how to refresh them', () => inWorld(service, async (world) => {
      world.emu.fault({ kind: 'expired' })
      const result = await world.run()
      expectCleanFailure(world, result, allLines(world,
        'The security token included in the request is expired — the AWS credentials have expired; refresh them .*configure-aws-credentials.*'))
    }))

    test.concurrent('a wrong secret key: rejected', () => inWorld(service, async (world) => {
      world.sandbox.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGKEY'
      const result = await world.run({}, { secrets: ['wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGKEY'] })
      expectCleanFailure(world, result, allLines(world,
        'The request signature we calculated does not match .* — the AWS credentials were rejected; check the access key, secret key and session token\\.'))
      expect(world.emu.requests.every((request) => request.error === 'InvalidSignatureException')).toBe(true)
    }))

    test.concurrent('an unknown access key: rejected', () => inWorld(service, async (world) => {
      world.sandbox.env.AWS_ACCESS_KEY_ID = 'AKIAUNKNOWNKEY000000'
      const result = await world.run()
      expectCleanFailure(world, result, allLines(world,
        'The security token included in the request is invalid\\. — the AWS credentials were rejected; check the access key, secret key and session token\\.'))
      expect(world.emu.requests.every((request) => request.error === 'UnrecognizedClientException')).toBe(true)
    }))

    test.concurrent('none at all: one line pointing to aws-actions/configure-aws-credentials, no request', () => inWorld(service, async (world) => {
      delete world.sandbox.env.AWS_ACCESS_KEY_ID
      delete world.sandbox.env.AWS_SECRET_ACCESS_KEY
      const result = await world.run()
      // One cause, so one line, however many regions or calls there are.
      expectCleanFailure(world, result, [lineFor('', CREDENTIALS_HINT)])
      expect(world.emu.requests).toEqual([])
    }))
  })

  test.concurrent('AccessDenied: the service message plus exactly the permissions SPEC.md names', () => inWorld(service, async (world) => {
    world.emu.fault({ kind: 'denied' })
    const result = await world.run()
    expectCleanFailure(world, result, allLines(world,
      `User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: .* — the credentials need ${escapeRegExp(world.target.permissions)}\\.`))
  }))
})

describe('a failure in only part of the calls fails the whole step, with nothing logged in or exported', () => {
  test.concurrent.each([
    ['denied', 'User: .* is not authorized to perform: ecr:GetAuthorizationToken .* — the credentials need ecr:GetAuthorizationToken\\.'],
    ['server-error', '.* — the service failed \\(HTTP 500\\) after 2 attempts; retry later or raise max-attempts\\.'],
  ] as const)('ECR: %s in eu-west-1 only, us-east-1 served', (kind, body) => inWorld('ecr', async (world) => {
    world.emu.fault({ kind, region: 'eu-west-1' })
    const result = await world.run({ 'max-attempts': '2' })
    expectCleanFailure(world, result, [lineFor('ecr eu-west-1: ', body)])
    expect(world.requestsOf({ region: 'us-east-1' }).map((request) => request.status)).toEqual([200])
    expect(result.main.outputs).toEqual({})
  }))

  test.concurrent('CodeArtifact: the token served, GetRepositoryEndpoint denied', () => inWorld('codeartifact', async (world) => {
    world.emu.fault({ kind: 'denied', operation: 'GetRepositoryEndpoint' })
    const result = await world.run()
    expectCleanFailure(world, result, [lineFor('codeartifact eu-west-1 (domain acme): ',
      'User: .* is not authorized to perform: codeartifact:GetRepositoryEndpoint .* — the credentials need codeartifact:GetAuthorizationToken, codeartifact:GetRepositoryEndpoint and sts:GetServiceBearerToken\\.')])
    expect(world.requestsOf({ operation: 'GetAuthorizationToken' }).map((request) => request.status)).toEqual([200])
  }))
})

describe('a region typo (us-esat-1)', () => {
  describe('with the endpoint overridden (the emulator accepts any region in the signature)', () => {
    test.concurrent('ECR: the call is signed for us-esat-1 and the step succeeds, logging in to the host as written', () => inWorld('ecr', async (world) => {
      const host = '123456789012.dkr.ecr.us-esat-1.amazonaws.com'
      const result = await world.run({ region: 'us-esat-1', registries: host })
      expectSucceeded(world, result, [host])
      expect(world.emu.requests.map((request) => [request.region, request.status])).toEqual([['us-esat-1', 200]])
      expect(result.main.outputs.registries).toBe(host)
    }))

    test.concurrent('CodeArtifact: the calls are signed for us-esat-1 and the step succeeds', () => inWorld('codeartifact', async (world) => {
      const result = await world.run({ region: 'us-esat-1' })
      expectSucceeded(world, result)
      expect(world.emu.requests.map((request) => request.region)).toEqual(Array(3).fill('us-esat-1'))
      expect(result.main.outputs.registry).toBe('https://acme-123456789012.d.codeartifact.us-esat-1.amazonaws.com/npm/shared/')
    }))
  })

  describe('without an endpoint override (the SDK resolves the real AWS host; no DNS here): fails fast about resolving the endpoint', () => {
    const unresolved = (host: string) => `getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ${escapeRegExp(host)} — the endpoint could not be resolved; check the (?:region|network) and any proxy settings\\.`
    test.concurrent.each([
      ['ECR, region: us-esat-1', 'ecr', { region: 'us-esat-1', registries: '' }, 'ecr us-esat-1: ', 'api.ecr.us-esat-1.amazonaws.com'],
      ['ECR, a us-esat-1 registry host', 'ecr', { registries: '123456789012.dkr.ecr.us-esat-1.amazonaws.com' }, 'ecr us-esat-1: ', 'api.ecr.us-esat-1.amazonaws.com'],
      ['CodeArtifact, region: us-esat-1', 'codeartifact', { region: 'us-esat-1' }, 'codeartifact us-esat-1 (domain acme): ', 'codeartifact.us-esat-1.amazonaws.com'],
      ['ECR Public (always us-east-1)', 'ecr-public', {}, 'ecr-public us-east-1: ', 'api.ecr-public.us-east-1.amazonaws.com'],
    ] as const)('%s', (_label, service, given, prefix, host) => inWorld(service, async (world) => {
      for (const name of ENDPOINT_OVERRIDES) delete world.sandbox.env[name]
      const result = await world.run({ ...given })
      expectCleanFailure(world, result, [lineFor(prefix, unresolved(host))])
      expect(world.emu.requests).toEqual([])
    }))
  })
})
