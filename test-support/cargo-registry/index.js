// @ts-check
/**
 * A private cargo registry on 127.0.0.1 laid out like an AWS CodeArtifact cargo endpoint
 * (`https://DOMAIN-OWNER.d.codeartifact.REGION.amazonaws.com/cargo/REPO/`): a sparse index at
 * `/cargo/<repository>/` whose config.json says `"auth-required": true`, crate downloads, and
 * `cargo publish`. Every request needs `Authorization: <token>` — the bare token, which is what cargo
 * sends for `CARGO_REGISTRIES_<NAME>_TOKEN` (and what CodeArtifact's documented
 * `cargo:token-from-stdout aws codeartifact get-authorization-token …` provider hands it); anything
 * else, `Bearer <token>` included, is a 401.
 */
import http from 'node:http'
import { buildCrate, entryFromPublish, indexPath, parsePublishBody } from './crate.js'

export { buildCrate, indexPath, publishBody, sha256 } from './crate.js'

/**
 * @typedef {import('./crate.js').CrateSpec} CrateSpec
 * @typedef {import('./crate.js').IndexEntry} IndexEntry
 * @typedef {{ method: string, path: string, authorization: string | null, authorized: boolean,
 *   status: number }} CargoRequest
 * @typedef {{ entry: IndexEntry, data: Buffer }} StoredVersion
 * @typedef {{ status: number, type?: string, body?: string | Buffer }} Answer
 * @typedef {{ url: string, indexUrl: string, port: number, repository: string, token: string,
 *   requests: CargoRequest[], published: IndexEntry[], addCrate: (spec: CrateSpec) => IndexEntry,
 *   versions: (name: string) => StoredVersion[], stop: () => Promise<void> }} CargoRegistry
 */

/**
 * @param {{ repository?: string, token: string, crates?: CrateSpec[] }} options
 * @returns {Promise<CargoRegistry>}
 */
export async function startCargoRegistry({ repository = 'shared', token, crates = [] }) {
  if (!token) throw new Error('startCargoRegistry needs a token')
  const base = `/cargo/${repository}/`
  /** @type {Map<string, Map<string, StoredVersion>>} lower-case name → version → crate */
  const store = new Map()
  /** @type {CargoRequest[]} */
  const requests = []
  /** @type {IndexEntry[]} */
  const published = []
  let origin = ''

  /**
   * @param {IndexEntry} entry
   * @param {Buffer} data
   */
  const put = (entry, data) => {
    const versions = store.get(entry.name.toLowerCase()) ?? new Map()
    store.set(entry.name.toLowerCase(), versions)
    versions.set(entry.vers, { entry, data })
  }
  /** @param {CrateSpec} spec */
  const addCrate = (spec) => {
    const built = buildCrate(spec)
    put(built.entry, built.data)
    return built.entry
  }
  for (const spec of crates) addCrate(spec)

  /**
   * @param {unknown} value
   * @param {number} [status]
   */
  const json = (value, status = 200) => ({ status, type: 'application/json', body: `${JSON.stringify(value)}\n` })
  /**
   * @param {string} detail
   * @param {number} status
   */
  const apiError = (detail, status) => json({ errors: [{ detail }] }, status)

  /**
   * @param {string} method
   * @param {string} path below `base`
   * @param {Buffer} body
   * @returns {Answer}
   */
  function answer(method, path, body) {
    if (method === 'PUT' && path === 'api/v1/crates/new') return publish(body)
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, body: 'method not allowed\n' }
    if (path === 'config.json') {
      return json({ dl: `${origin}${base}api/v1/crates`, api: `${origin}${base.slice(0, -1)}`, 'auth-required': true })
    }
    const download = /^api\/v1\/crates\/([^/]+)\/([^/]+)\/download$/.exec(path)
    if (download) {
      const stored = store.get(decodeURIComponent(download[1] ?? '').toLowerCase())?.get(decodeURIComponent(download[2] ?? ''))
      return stored ? { status: 200, type: 'application/x-tar', body: stored.data } : { status: 404, body: 'not found\n' }
    }
    const name = path.split('/').pop() ?? ''
    const versions = store.get(name.toLowerCase())
    // Cargo asks for the lower-case path; a miss is a plain 404, which it reads as "no such crate".
    if (!versions || indexPath(name) !== path) return { status: 404, body: 'not found\n' }
    const lines = [...versions.values()].map((v) => JSON.stringify(v.entry)).join('\n')
    return { status: 200, type: 'text/plain; charset=utf-8', body: `${lines}\n` }
  }

  /** @param {Buffer} body */
  function publish(body) {
    const parsed = parsePublishBody(body)
    if (!parsed || typeof parsed.metadata.name !== 'string' || typeof parsed.metadata.vers !== 'string') {
      return apiError('malformed publish request', 400)
    }
    const { metadata, crate } = parsed
    if (store.get(metadata.name.toLowerCase())?.has(metadata.vers)) {
      return apiError(`crate version \`${metadata.name}@${metadata.vers}\` is already uploaded`, 409)
    }
    const entry = entryFromPublish(metadata, crate)
    put(entry, crate)
    published.push(entry)
    return json({ warnings: { invalid_categories: [], invalid_badges: [], other: [] } })
  }

  const server = http.createServer(async (req, res) => {
    const chunks = []
    for await (const chunk of req) chunks.push(/** @type {Buffer} */ (chunk))
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const method = req.method ?? 'GET'
    const authorization = req.headers.authorization ?? null
    const authorized = authorization === token
    /** @type {Answer} */
    let result
    if (!path.startsWith(base)) {
      result = { status: 404, body: 'not found\n' }
    } else if (!authorized) {
      result = path.startsWith(`${base}api/`) ? apiError('unauthorized', 401) : { status: 401, body: 'Unauthorized\n' }
      // Cargo 1.95 needs only the 401 on config.json to retry with its token: with or without this
      // challenge (RFC 3139's form) it behaved and worded its errors the same.
      res.setHeader('WWW-Authenticate', `Cargo login_url="${origin}${base}me"`)
    } else {
      try {
        result = answer(method, path.slice(base.length), Buffer.concat(chunks))
      } catch (error) {
        result = { status: 500, body: `${error}\n` }
      }
    }
    requests.push({ method, path, authorization, authorized, status: result.status })
    res.writeHead(result.status, { 'Content-Type': result.type ?? 'text/plain; charset=utf-8' })
    res.end(method === 'HEAD' ? undefined : result.body ?? '')
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  origin = `http://127.0.0.1:${port}`
  const url = `${origin}${base}`
  return {
    url, indexUrl: `sparse+${url}`, port, repository, token, requests, published, addCrate,
    versions: (name) => [...(store.get(name.toLowerCase())?.values() ?? [])],
    stop: () => new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}
