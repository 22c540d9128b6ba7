// @ts-check
/**
 * A private Python package index on 127.0.0.1 laid out like an AWS CodeArtifact PyPI endpoint:
 * `/pypi/<repository>/simple/…` (PEP 503) for pip and poetry, `POST /pypi/<repository>/` (the legacy
 * upload API) for twine and poetry publish. Every request needs HTTP Basic auth `aws:<token>`.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import { boundaryOf, parseMultipart } from './multipart.js'
import { buildWheel, normalizeName } from './wheel.js'

export { buildWheel, distributionName, makeWheel, normalizeName } from './wheel.js'

/**
 * @typedef {{ method: string, path: string, user: string | null, authorized: boolean, status: number }} PypiRequest
 * @typedef {{ name: string, version: string, filename: string, sha256: string, user: string,
 *   fields: Record<string, string> }} PypiUpload
 * @typedef {{ name: string, version: string, filename: string, sha256: string, data: Buffer }} StoredFile
 * @typedef {{ url: string, simpleUrl: string, port: number, repository: string, token: string,
 *   requests: PypiRequest[], uploads: PypiUpload[], files: (name: string) => StoredFile[],
 *   stop: () => Promise<void> }} PypiIndex
 */

export const USERNAME = 'aws'

/** @param {string} text */
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * `http://aws:<token>@host/…` with user and token percent-encoded, as pip's index URLs need them.
 * @param {string} url
 * @param {string} token
 * @param {string} [user]
 */
export function credentialUrl(url, token, user = USERNAME) {
  const parsed = new URL(url)
  return `${parsed.protocol}//${encodeURIComponent(user)}:${encodeURIComponent(token)}@${parsed.host}${parsed.pathname}${parsed.search}`
}

/**
 * @param {string | undefined} header
 * @returns {{ user: string, password: string } | null}
 */
function basicCredentials(header) {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '')
  if (!match?.[1]) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/**
 * @param {{ repository?: string, token: string, packages?: { name: string, version: string }[] }} options
 * @returns {Promise<PypiIndex>}
 */
export async function startPypiIndex({ repository = 'shared', token, packages = [] }) {
  if (!token) throw new Error('startPypiIndex needs a token')
  /** @type {Map<string, Map<string, StoredFile>>} normalized project name → filename → file */
  const projects = new Map()
  /** @type {PypiRequest[]} */
  const requests = []
  /** @type {PypiUpload[]} */
  const uploads = []
  const base = `/pypi/${repository}/`

  /**
   * @param {string} name
   * @param {string} version
   * @param {string} filename
   * @param {Buffer} data
   */
  const store = (name, version, filename, data) => {
    const sha256 = createHash('sha256').update(data).digest('hex')
    const files = projects.get(normalizeName(name)) ?? new Map()
    projects.set(normalizeName(name), files)
    files.set(filename, { name, version, filename, sha256, data })
    return sha256
  }
  for (const { name, version } of packages) {
    const wheel = buildWheel(name, version)
    store(name, version, wheel.filename, wheel.data)
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {Buffer} body
   * @param {string} path
   * @param {string} user
   * @returns {{ status: number, type?: string, body?: string | Buffer, location?: string }}
   */
  function answer(req, body, path, user) {
    const method = req.method ?? 'GET'
    if (method === 'POST' && (path === base || `${path}/` === base)) return upload(req, body, user)
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, body: 'method not allowed\n' }
    if (!path.startsWith(`${base}simple/`)) return { status: 404, body: 'not found\n' }
    const parts = path.slice(`${base}simple/`.length).split('/').map((p) => decodeURIComponent(p))
    if (parts.length === 1 && parts[0] === '') {
      const links = [...projects.keys()].sort().map((n) => `<a href="${escapeHtml(n)}/">${escapeHtml(n)}</a><br/>`)
      return page('Simple index', links)
    }
    const [project = '', second, third] = parts
    if (parts.length === 1 || (parts.length === 2 && second === '' && project !== normalizeName(project))) {
      return { status: 301, location: `${base}simple/${normalizeName(project)}/` }
    }
    const files = projects.get(normalizeName(project))
    if (!files) return { status: 404, body: 'not found\n' }
    if (parts.length === 2 && second === '') {
      const links = [...files.values()].map((f) =>
        `<a href="${escapeHtml(`${f.version}/${f.filename}#sha256=${f.sha256}`)}">${escapeHtml(f.filename)}</a><br/>`)
      return page(`Links for ${project}`, links)
    }
    const file = parts.length === 3 && third ? files.get(third) : undefined
    if (!file || file.version !== second) return { status: 404, body: 'not found\n' }
    return { status: 200, type: 'application/octet-stream', body: file.data }
  }

  /**
   * @param {string} title
   * @param {string[]} links
   */
  const page = (title, links) => ({
    status: 200, type: 'text/html; charset=utf-8',
    body: `<!DOCTYPE html>\n<html><head><meta name="pypi:repository-version" content="1.0"><title>${escapeHtml(title)}</title></head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n${links.join('\n')}\n</body></html>\n`,
  })

  /**
   * @param {http.IncomingMessage} req
   * @param {Buffer} body
   * @param {string} user
   */
  function upload(req, body, user) {
    const boundary = boundaryOf(req.headers['content-type'])
    const form = boundary ? parseMultipart(body, boundary) : null
    if (!form) return { status: 400, body: 'expected multipart/form-data\n' }
    const { fields } = form
    const content = form.files.content
    if (fields[':action'] !== 'file_upload') return { status: 400, body: `unsupported :action ${fields[':action']}\n` }
    if (!content || !fields.name || !fields.version) return { status: 400, body: 'name, version and content are required\n' }
    const sha256 = createHash('sha256').update(content.data).digest('hex')
    if (fields.sha256_digest && fields.sha256_digest !== sha256) return { status: 400, body: 'sha256_digest does not match the content\n' }
    if (projects.get(normalizeName(fields.name))?.has(content.filename)) return { status: 409, body: `${content.filename} already exists\n` }
    store(fields.name, fields.version, content.filename, content.data)
    uploads.push({ name: fields.name, version: fields.version, filename: content.filename, sha256, user, fields })
    return { status: 200, body: 'OK\n' }
  }

  const server = http.createServer(async (req, res) => {
    const chunks = []
    for await (const chunk of req) chunks.push(/** @type {Buffer} */ (chunk))
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const credentials = basicCredentials(req.headers.authorization)
    const authorized = credentials?.user === USERNAME && credentials.password === token
    /** @type {{ status: number, type?: string, body?: string | Buffer, location?: string }} */
    let result
    if (!authorized) {
      result = { status: 401, body: 'Unauthorized\n' }
      res.setHeader('WWW-Authenticate', `Basic realm="${repository}"`)
    } else {
      try {
        result = answer(req, Buffer.concat(chunks), path, credentials.user)
      } catch (error) {
        result = { status: 500, body: `${error}\n` }
      }
    }
    requests.push({ method: req.method ?? '', path, user: credentials?.user ?? null, authorized, status: result.status })
    if (result.location) res.setHeader('Location', result.location)
    res.writeHead(result.status, { 'Content-Type': result.type ?? 'text/plain; charset=utf-8' })
    res.end(result.body ?? '')
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}${base}`
  return {
    url, simpleUrl: `${url}simple/`, port, repository, token, requests, uploads,
    files: (name) => [...(projects.get(normalizeName(name))?.values() ?? [])],
    stop: () => new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}
