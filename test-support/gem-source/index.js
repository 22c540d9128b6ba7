// @ts-check
/**
 * A private RubyGems source on 127.0.0.1 laid out like an AWS CodeArtifact ruby endpoint
 * (`https://DOMAIN-OWNER.d.codeartifact.REGION.amazonaws.com/ruby/REPO/`). It serves what CodeArtifact
 * documents: the dependency API (`/api/v1/dependencies`) but neither the compact index's `/versions`
 * nor the full `specs.4.8.gz` index; plus `/info/<name>`, the quick gemspecs and the `.gem` files that
 * RubyGems 3 reads once the root answers. Reads need HTTP Basic `aws:<token>` (the credentials
 * CodeArtifact puts in a gemrc source URL and in `bundle config`); `gem push` (`POST /api/v1/gems`)
 * needs `Authorization: Bearer <token>`, the `:codeartifact_api_key:` its docs put in ~/.gem/credentials.
 */
import http from 'node:http'
import { buildGem, infoLine, inspectGem } from './gems.js'
import { marshal } from './marshal.js'

export { buildGem, inspectGem, requireClient, runRuby, rubyEnv } from './gems.js'

/**
 * @typedef {import('./gems.js').GemSpec} GemSpec
 * @typedef {import('./gems.js').GemInfo} GemInfo
 * @typedef {{ method: string, path: string, scheme: string | null, user: string | null,
 *   authorized: boolean, status: number }} GemRequest
 * @typedef {{ status: number, type?: string, body?: string | Buffer }} Answer
 * @typedef {{ url: string, port: number, repository: string, token: string, requests: GemRequest[],
 *   pushed: GemInfo[], addGem: (spec: GemSpec) => Promise<GemInfo>, gems: (name: string) => GemInfo[],
 *   stop: () => Promise<void> }} GemSource
 */

export const USERNAME = 'aws'

/**
 * `http://aws:<token>@host/…` with user and token percent-encoded, as a gemrc source or `--source`.
 * @param {string} url
 * @param {string} token
 */
export function credentialUrl(url, token, user = USERNAME) {
  const parsed = new URL(url)
  return `${parsed.protocol}//${encodeURIComponent(user)}:${encodeURIComponent(token)}@${parsed.host}${parsed.pathname}`
}

/**
 * @param {string | undefined} header
 * @returns {{ scheme: string | null, user: string | null, secret: string | null }}
 */
function credentialsOf(header) {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header ?? '')
  if (!match?.[1] || !match[2]) return { scheme: header ? 'other' : null, user: null, secret: null }
  const scheme = match[1]
  if (scheme.toLowerCase() !== 'basic') return { scheme, user: null, secret: match[2] }
  const decoded = Buffer.from(match[2], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? { scheme, user: null, secret: null } : { scheme, user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

/**
 * @param {{ repository?: string, token: string, gems?: GemSpec[] }} options
 * @returns {Promise<GemSource>}
 */
export async function startGemSource({ repository = 'shared', token, gems = [] }) {
  if (!token) throw new Error('startGemSource needs a token')
  const base = `/ruby/${repository}/`
  /** @type {Map<string, Map<string, GemInfo>>} name → `version[-platform]` → gem */
  const store = new Map()
  /** @type {GemRequest[]} */
  const requests = []
  /** @type {GemInfo[]} */
  const pushed = []

  /** @param {GemInfo} gem */
  const put = (gem) => {
    const versions = store.get(gem.name) ?? new Map()
    store.set(gem.name, versions)
    versions.set(fullVersion(gem), gem)
  }
  /** @param {GemInfo} gem */
  const fullVersion = (gem) => gem.platform === 'ruby' ? gem.version : `${gem.version}-${gem.platform}`
  /** @param {GemSpec} spec */
  const addGem = async (spec) => {
    const gem = await inspectGem((await buildGem(spec)).data)
    put(gem)
    return gem
  }
  for (const spec of gems) await addGem(spec)

  /**
   * @param {string} file `<name>-<version>[-<platform>]` + suffix
   * @param {string} suffix
   */
  const byFileName = (file, suffix) => {
    for (const versions of store.values()) {
      for (const [version, gem] of versions) if (`${gem.name}-${version}${suffix}` === file) return gem
    }
    return undefined
  }

  /**
   * @param {string} method
   * @param {string} path below `base`
   * @param {URLSearchParams} query
   * @param {Buffer} body
   * @returns {Promise<Answer>}
   */
  async function answer(method, path, query, body) {
    if (method === 'POST' && path === 'api/v1/gems') return push(body)
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, body: 'method not allowed\n' }
    // RubyGems 3 probes the root: an answer makes it use /info/<name>, an error the specs.4.8 index.
    if (path === '') return { status: 200, body: `${repository}\n` }
    if (path === 'api/v1/dependencies') {
      const names = (query.get('gems') ?? '').split(',').filter(Boolean)
      if (!names.length) return { status: 200, type: 'application/octet-stream', body: '' }
      const records = names.flatMap((name) => [...(store.get(name)?.values() ?? [])]).map((gem) => new Map(/** @type {[symbol, unknown][]} */ ([
        [Symbol.for('name'), gem.name], [Symbol.for('number'), gem.version], [Symbol.for('platform'), gem.platform],
        [Symbol.for('dependencies'), gem.dependencies.map(([dep, reqs]) => [dep, reqs.join(', ')])],
      ])))
      return { status: 200, type: 'application/octet-stream', body: marshal(records) }
    }
    const info = /^info\/([^/]+)$/.exec(path)
    if (info) {
      const versions = store.get(decodeURIComponent(info[1] ?? ''))
      if (!versions) return { status: 404, body: 'not found\n' }
      return { status: 200, body: `---\n${[...versions.values()].map(infoLine).join('\n')}\n` }
    }
    const quick = /^quick\/Marshal\.4\.8\/([^/]+)$/.exec(path)
    const spec = quick && byFileName(decodeURIComponent(quick[1] ?? ''), '.gemspec.rz')
    if (spec) return { status: 200, type: 'application/octet-stream', body: spec.specRz }
    const file = /^gems\/([^/]+)$/.exec(path)
    const gem = file && byFileName(decodeURIComponent(file[1] ?? ''), '.gem')
    if (gem) return { status: 200, type: 'application/octet-stream', body: gem.data }
    return { status: 404, body: 'not found\n' }
  }

  /** @param {Buffer} body */
  async function push(body) {
    /** @type {GemInfo} */
    let gem
    try {
      gem = await inspectGem(body)
    } catch {
      return { status: 422, body: 'RubyGems could not read that gem\n' }
    }
    if (store.get(gem.name)?.has(fullVersion(gem))) return { status: 409, body: `Repushing of gem versions is not allowed: ${gem.name}-${fullVersion(gem)}\n` }
    put(gem)
    pushed.push(gem)
    return { status: 200, body: `Successfully registered gem: ${gem.name} (${fullVersion(gem)})\n` }
  }

  const server = http.createServer(async (req, res) => {
    const chunks = []
    for await (const chunk of req) chunks.push(/** @type {Buffer} */ (chunk))
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const { scheme, user, secret } = credentialsOf(req.headers.authorization)
    const isPush = method === 'POST' && url.pathname === `${base}api/v1/gems`
    const authorized = isPush
      ? req.headers.authorization === `Bearer ${token}`
      : scheme?.toLowerCase() === 'basic' && user === USERNAME && secret === token
    /** @type {Answer} */
    let result
    if (!url.pathname.startsWith(base) && `${url.pathname}/` !== base) {
      result = { status: 404, body: 'not found\n' }
    } else if (!authorized) {
      result = { status: 401, body: isPush ? 'Access Denied.\n' : 'Unauthorized\n' }
      if (!isPush) res.setHeader('WWW-Authenticate', `Basic realm="${repository}"`)
    } else {
      try {
        result = await answer(method, url.pathname.slice(base.length), url.searchParams, Buffer.concat(chunks))
      } catch (error) {
        result = { status: 500, body: `${error}\n` }
      }
    }
    requests.push({ method, path: url.pathname, scheme, user, authorized, status: result.status })
    res.writeHead(result.status, { 'Content-Type': result.type ?? 'text/plain; charset=utf-8' })
    res.end(method === 'HEAD' ? undefined : result.body ?? '')
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}${base}`, port, repository, token, requests, pushed, addGem,
    gems: (name) => [...(store.get(name)?.values() ?? [])],
    stop: () => new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}
