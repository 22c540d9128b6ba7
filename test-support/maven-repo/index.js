// @ts-check
/**
 * A Maven repository on 127.0.0.1 laid out like an AWS CodeArtifact maven endpoint:
 * `http://127.0.0.1:PORT/maven/<repository>/<group path>/<artifactId>/<version>/…`. GET and HEAD
 * serve stored files, PUT stores the body (so `mvn deploy` and Gradle's publishing work).
 *
 * Every request needs HTTP Basic auth `aws:<token>`; anything else gets a 401 with a Basic challenge,
 * which Maven 3.8 waits for before it sends credentials at all. With `auth: false` the server is a
 * stand-in public repository that lets everyone in and still records any Authorization header sent.
 */
import http from 'node:http'
import { artifactPath, buildJar, checksums, metadataPath, metadataXml, pomXml } from './artifacts.js'

export { artifactPath, buildJar, checksums, metadataPath, metadataXml, pomXml, versionFolder } from './artifacts.js'

/**
 * @typedef {import('./artifacts.js').PomSpec} PomSpec
 * @typedef {{ method: string, path: string, scheme: string | null, user: string | null,
 *   authorized: boolean, status: number }} MavenRequest one request: `scheme` is the Authorization
 *   header's scheme (`Basic`, `Bearer`) or null when none was sent; `authorized` only for `aws:<token>`
 * @typedef {{ url: string, port: number, repository: string, token: string | undefined,
 *   requests: MavenRequest[], clearRequests: () => void,
 *   file: (path: string) => Buffer | undefined, paths: () => string[],
 *   seed: (path: string, data: Buffer | string) => void,
 *   publish: (spec: PomSpec & { jar?: Buffer }) => string[],
 *   stop: () => Promise<void> }} MavenRepo paths are relative to `url`
 */

export const USERNAME = 'aws'

/**
 * @param {string | undefined} header
 * @returns {{ scheme: string | null, user: string | null, password: string | null }}
 */
function credentialsOf(header) {
  if (!header) return { scheme: null, user: null, password: null }
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2)
  if (scheme.toLowerCase() !== 'basic') return { scheme, user: null, password: null }
  const decoded = Buffer.from(value, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return { scheme, user: null, password: null }
  return { scheme, user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/**
 * A repository-relative path, or null when the URL path is outside the repository or climbs out of it.
 * @param {string} urlPath
 * @param {string} base `/maven/<repository>/`
 */
function relativePath(urlPath, base) {
  if (!urlPath.startsWith(base)) return null
  let segments
  try {
    segments = urlPath.slice(base.length).split('/').map((s) => decodeURIComponent(s))
  } catch {
    return null
  }
  if (segments.some((s) => s === '..' || s === '.' || /[/\\]/.test(s))) return null
  return segments.join('/')
}

/**
 * @param {{ repository?: string, token?: string, auth?: boolean, realm?: string }} options
 *   `auth: false` serves everyone (a public repository) and needs no token
 * @returns {Promise<MavenRepo>}
 */
export async function startMavenRepo({ repository = 'shared', token, auth = true, realm = `${repository}/maven` }) {
  if (auth && !token) throw new Error('startMavenRepo needs a token unless auth is false')
  /** @type {Map<string, Buffer>} repository-relative path → content */
  const files = new Map()
  /** @type {Map<string, { groupId: string, artifactId: string, versions: string[] }>} */
  const published = new Map()
  /** @type {MavenRequest[]} */
  const requests = []
  const base = `/maven/${repository}/`

  /**
   * Stores a file with its `.sha1` and `.md5` beside it.
   * @param {string} path
   * @param {Buffer | string} data
   */
  const seed = (path, data) => {
    const bytes = Buffer.from(data)
    const sums = checksums(bytes)
    files.set(path, bytes)
    files.set(`${path}.sha1`, Buffer.from(sums.sha1))
    files.set(`${path}.md5`, Buffer.from(sums.md5))
  }

  /**
   * Seeds one version of an artifact: its POM, its jar unless packaging is `pom`, and the
   * artifact-level maven-metadata.xml listing every version published so far. Returns the paths written.
   * @param {PomSpec & { jar?: Buffer }} spec
   */
  const publish = ({ jar, ...spec }) => {
    const written = [artifactPath(spec, 'pom')]
    seed(written[0] ?? '', pomXml(spec))
    if ((spec.packaging ?? 'jar') !== 'pom') {
      written.push(artifactPath(spec, 'jar'))
      seed(written[1] ?? '', jar ?? buildJar(spec))
    }
    const key = `${spec.groupId}:${spec.artifactId}`
    const entry = published.get(key) ?? { groupId: spec.groupId, artifactId: spec.artifactId, versions: [] }
    if (!entry.versions.includes(spec.version)) entry.versions.push(spec.version)
    published.set(key, entry)
    seed(metadataPath(entry), metadataXml(entry, entry.versions))
    return [...written, metadataPath(entry)]
  }

  const server = http.createServer(async (req, res) => {
    const chunks = []
    for await (const chunk of req) chunks.push(/** @type {Buffer} */ (chunk))
    const method = req.method ?? ''
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/'
    const { scheme, user, password } = credentialsOf(req.headers.authorization)
    const authorized = auth && user === USERNAME && password === token
    /** @type {{ status: number, body?: Buffer | string, type?: string }} */
    let result
    const path = relativePath(urlPath, base)
    if (auth && !authorized) {
      res.setHeader('WWW-Authenticate', `Basic realm="${realm}"`)
      result = { status: 401, body: 'Unauthorized\n' }
    } else if (path === null || path === '' || path.endsWith('/')) {
      result = { status: 404, body: 'not found\n' }
    } else if (method === 'GET' || method === 'HEAD') {
      const data = files.get(path)
      result = data ? { status: 200, body: data, type: contentType(path) } : { status: 404, body: 'not found\n' }
    } else if (method === 'PUT') {
      files.set(path, Buffer.concat(chunks))
      result = { status: 201 }
    } else {
      res.setHeader('Allow', 'GET, HEAD, PUT')
      result = { status: 405, body: 'method not allowed\n' }
    }
    requests.push({ method, path: urlPath, scheme, user, authorized, status: result.status })
    const body = Buffer.from(result.body ?? '')
    res.writeHead(result.status, { 'Content-Type': result.type ?? 'text/plain; charset=utf-8', 'Content-Length': body.length })
    res.end(method === 'HEAD' ? undefined : body)
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}${base}`, port, repository, token, requests,
    clearRequests: () => { requests.length = 0 },
    file: (path) => files.get(path),
    paths: () => [...files.keys()].sort(),
    seed, publish,
    stop: () => new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}

/** @param {string} path */
function contentType(path) {
  if (path.endsWith('.pom') || path.endsWith('.xml')) return 'text/xml'
  if (path.endsWith('.jar')) return 'application/java-archive'
  if (/\.(sha1|sha256|sha512|md5)$/.test(path)) return 'text/plain'
  return 'application/octet-stream'
}
