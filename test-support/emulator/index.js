// @ts-check
/**
 * A loopback emulator of the AWS APIs this action calls (ECR, ECR Public and
 * CodeArtifact token/endpoint operations). It checks SigV4 signatures against
 * configured keys, records every request and can inject faults.
 */
import http from 'node:http'
import { clearInterval, setInterval } from 'node:timers'
import { setTimeout as sleep } from 'node:timers/promises'
import { apiError, writeAnswer } from './answers.js'
import { ECR_PUBLIC_REGION } from './ecr.js'
import { createFaults, faultAnswer } from './faults.js'
import { route } from './routes.js'
import { parseQuery, verifyRequest } from './sigv4.js'

/** @typedef {import('./types.js').EmulatorOptions} EmulatorOptions */
/** @typedef {import('./types.js').Emulator} Emulator */
/** @typedef {import('./types.js').RequestRecord} RequestRecord */
/** @typedef {import('./types.js').CallFilter} CallFilter */
/** @typedef {import('./types.js').CallContext} CallContext */
/** @typedef {import('./types.js').Answer} Answer */

export const DEFAULT_ACCOUNT = '123456789012'
export const DEFAULT_CREDENTIAL = Object.freeze({
  accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
})

/**
 * @param {RequestRecord} record
 * @param {CallFilter | undefined} filter
 */
function matches(record, filter) {
  if (!filter) return true
  if (typeof filter === 'function') return filter(record)
  return Object.entries(filter).every(([key, value]) => value === undefined || record[/** @type {keyof RequestRecord} */ (key)] === value)
}

/**
 * Starts the emulator on 127.0.0.1.
 * @param {EmulatorOptions} [options]
 * @returns {Promise<Emulator>}
 */
export async function startEmulator(options = {}) {
  const account = options.account ?? DEFAULT_ACCOUNT
  const credentials = options.credentials?.length ? options.credentials : [{ ...DEFAULT_CREDENTIAL }]
  const settings = { ...options, expiresInSeconds: options.expiresInSeconds ?? 43200 }
  /** @type {RequestRecord[]} */
  const requests = []
  /** @type {Set<string>} */
  const handedOut = new Set()
  const faults = createFaults()

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handle(req, res) {
    const at = Date.now()
    const chunks = []
    for await (const chunk of req) chunks.push(/** @type {Buffer} */ (chunk))
    const body = Buffer.concat(chunks)
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = q < 0 ? url : url.slice(0, q)
    const rawQuery = q < 0 ? '' : url.slice(q + 1)
    const target = req.headers['x-amz-target']
    const r = route(req.method ?? 'GET', path, Array.isArray(target) ? target[0] : target)

    /** @type {Record<string, unknown>} */
    let params = {}
    let badJson = false
    if (r.protocol === 'json') {
      try {
        const parsed = body.length ? JSON.parse(body.toString('utf8')) : {}
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) params = parsed
        else badJson = true
      } catch {
        badJson = true
      }
    } else {
      for (const [key, value] of Object.entries(parseQuery(rawQuery))) params[key] = Array.isArray(value) ? value[0] : value
    }
    /** @type {RequestRecord} */
    const record = { service: r.service, operation: r.operation, region: undefined, accessKeyId: undefined,
      signatureValid: false, params, status: 0, at }
    requests.push(record)

    /** @param {Answer} answer */
    const answer = (answer) => {
      record.status = answer.status
      if (answer.error) record.error = answer.error.code
      writeAnswer(res, r.protocol, r.service, answer)
    }

    const v = await verifyRequest({ method: req.method ?? 'GET', path, rawQuery, headers: req.headers, body }, credentials)
    record.region = v.region
    record.accessKeyId = v.accessKeyId
    record.signatureValid = v.signatureValid
    if (v.error) return answer(apiError(v.error.status, v.error.code, v.error.message))
    const region = v.region ?? ''
    if (r.service !== 'unknown' && v.service !== r.service) {
      return answer(apiError(403, 'InvalidSignatureException', `Credential should be scoped to correct service: '${r.service}'. `))
    }
    if (r.service === 'ecr-public' && region !== ECR_PUBLIC_REGION) {
      return answer(apiError(403, 'InvalidSignatureException', 'Credential should be scoped to a valid region. '))
    }
    if (r.service === 'unknown' || !r.handler) {
      return answer(apiError(r.protocol === 'json' ? 400 : 404, 'UnknownOperationException',
        `Operation ${r.operation} is not supported by this emulator`))
    }
    if (badJson) return answer(apiError(400, 'SerializationException', 'Start of structure or map found where not expected.'))

    const caller = v.credential?.account ?? account
    const fault = faults.take({ service: r.service, operation: r.operation, region })
    if (fault) {
      record.fault = fault.kind
      if (fault.kind === 'reset') {
        req.socket.destroy()
        return undefined
      }
      if (fault.kind === 'hang') return undefined // stop() closes the connection
      if (fault.kind === 'trickle') {
        record.status = 200
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000000' })
        const timer = setInterval(() => res.write(' '), 500)
        res.once('close', () => clearInterval(timer))
        return undefined
      }
      if (fault.kind === 'delay') {
        await sleep(fault.delayMs ?? 1000)
      } else {
        return answer(faultAnswer(fault, { service: r.service, operation: r.operation, account: caller, region, params }))
      }
    }
    /** @type {CallContext} */
    const ctx = { account: caller, region, now: Date.now(), options: settings, remember: (s) => { handedOut.add(s) } }
    return answer(r.handler(ctx, params))
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((/** @type {unknown} */ err) => {
      if (res.headersSent || res.destroyed) return
      writeAnswer(res, 'json', 'unknown', apiError(500, 'InternalFailure', String(err instanceof Error ? err.message : err)))
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    // AWS endpoints keep idle connections for about a minute; Node's 5 s default would make the
    // SDK reuse sockets the server already closed after long retry back-offs (ECONNRESET).
    server.keepAliveTimeout = 65_000
    server.headersTimeout = 66_000
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}`
  const first = credentials[0] ?? DEFAULT_CREDENTIAL

  /** @type {Emulator} */
  const emulator = {
    url,
    port,
    env: {
      AWS_ENDPOINT_URL_ECR: url,
      AWS_ENDPOINT_URL_ECR_PUBLIC: url,
      AWS_ENDPOINT_URL_CODEARTIFACT: url,
      AWS_ACCESS_KEY_ID: first.accessKeyId,
      AWS_SECRET_ACCESS_KEY: first.secretAccessKey,
      ...('sessionToken' in first && first.sessionToken ? { AWS_SESSION_TOKEN: first.sessionToken } : {}),
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    requests,
    calls: (filter) => requests.filter((rec) => rec.signatureValid && rec.status >= 200 && rec.status < 300
      && rec.fault !== 'malformed' && matches(rec, filter)),
    fault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    reset: () => {
      faults.clear()
      requests.length = 0
    },
    secrets: () => [...handedOut],
    stop: () => new Promise((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()))
      server.closeAllConnections()
    }),
  }
  return emulator
}
