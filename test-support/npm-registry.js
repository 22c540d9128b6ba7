// @ts-check
/**
 * A private npm registry that looks like AWS CodeArtifact: verdaccio behind a path-prefix proxy, so
 * clients use `http://127.0.0.1:PORT/npm/<repository>/` the way they use
 * `https://DOMAIN-OWNER.d.codeartifact.REGION.amazonaws.com/npm/REPO/`. Anonymous reads are refused;
 * `token` reads. Also the commands that run npm, pnpm and yarn 4 from this checkout.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchPrefixProxy } from './npm-registry/proxy.js'
import { publishDocument } from './npm-registry/tarball.js'
import { launchVerdaccio, writeConfig } from './npm-registry/verdaccio.js'
import { freePort } from './registry.js'

export { packageFiles, publishDocument, tgz } from './npm-registry/tarball.js'

/** @typedef {import('./npm-registry/tarball.js').PackageSpec} PackageSpec */
/** @typedef {import('./npm-registry/proxy.js').ProxiedRequest} ProxiedRequest */
/**
 * @typedef {{ url: string, host: string, port: number, repository: string, token: string,
 *   username: string, password: string, dir: string, logFile: string, pid: number, proxyPid: number,
 *   readonly requests: ProxiedRequest[], clearRequests: () => void, stop: () => Promise<void> }} NpmRegistry
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/**
 * `//host/path/` of a registry URL: the key npm and pnpm put before `:_authToken=`, and the
 * key of yarn's `npmRegistries`.
 * @param {string} url
 */
export const nerfDart = (url) => url.replace(/^https?:/, '').replace(/\/?$/, '/')

/**
 * @param {string} url
 * @param {{ method?: string, token?: string, body?: unknown }} [options]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function requestJson(url, { method = 'GET', token, body } = {}) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await globalThis.fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await response.text()
  let parsed = text
  try { parsed = JSON.parse(text) } catch { /* not JSON */ }
  return { status: response.status, body: parsed }
}

/**
 * Starts verdaccio and the proxy, registers the one user, and publishes `packages`.
 * `requests` (read from the proxy's log at each access) leaves out the set-up's own requests and
 * those before the last `clearRequests()`.
 * @param {{ repository?: string, packages?: PackageSpec[], username?: string, password?: string,
 *   timeoutMs?: number }} [options]
 * @returns {Promise<NpmRegistry>}
 */
export async function startNpmRegistry(options = {}) {
  const { repository = 'shared', packages = [], username = 'ci-reader', timeoutMs = 15000 } = options
  const password = options.password ?? randomBytes(12).toString('hex')
  const prefix = `/npm/${repository}/`
  const dir = mkdtempSync(join(tmpdir(), 'npm-registry-'))
  /** @type {Array<() => Promise<void>>} */
  const cleanups = []
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    let verdaccio
    for (let attempt = 1; !verdaccio; attempt++) {
      const port = await freePort()
      writeConfig({ dir, port, urlPrefix: prefix })
      try {
        verdaccio = { port, ...(await launchVerdaccio({ dir, port, timeoutMs })) }
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error
      }
    }
    cleanups.push(verdaccio.stop)
    const proxy = await launchPrefixProxy({ prefix, upstreamPort: verdaccio.port, logFile: join(dir, 'requests.jsonl'), timeoutMs })
    cleanups.push(proxy.stop)
    const host = `127.0.0.1:${proxy.port}`
    const url = `http://${host}${prefix}`

    const login = await requestJson(`${url}-/user/org.couchdb.user:${username}`, {
      method: 'PUT',
      body: { name: username, password },
    })
    if (login.status !== 201 || typeof login.body?.token !== 'string') {
      throw new Error(`registering ${username} failed: ${login.status} ${JSON.stringify(login.body)}`)
    }
    const token = login.body.token
    for (const spec of packages) {
      const put = await requestJson(`${url}${spec.name.replace('/', '%2f')}`, {
        method: 'PUT',
        token,
        body: publishDocument(spec, url),
      })
      if (put.status !== 201) throw new Error(`publishing ${spec.name}@${spec.version} failed: ${put.status} ${JSON.stringify(put.body)}`)
    }
    let seen = proxy.readRequests().length
    return {
      url, host, port: proxy.port, repository, token, username, password, dir,
      logFile: verdaccio.logFile, pid: verdaccio.pid, proxyPid: proxy.pid, stop,
      get requests() { return proxy.readRequests().slice(seen) },
      clearRequests() { seen = proxy.readRequests().length },
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** @returns {string[]} the npm that ships with the running node (`npm` from PATH if it has none) */
export function npmBin() {
  const cli = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')
  return existsSync(cli) ? [process.execPath, cli] : ['npm']
}

/** @returns {string[]} pnpm 10 (plain JavaScript, so it runs on Node 20 and installs from a lock on any platform) */
export function pnpmBin() {
  return [process.execPath, join(ROOT, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')]
}

/** @returns {string[]} yarn 4 from `@yarnpkg/cli-dist` */
export function yarnBin() {
  return [process.execPath, join(ROOT, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js')]
}

/** @returns {string[]} yarn 1.22 (classic), the yarn GitHub-hosted runners have preinstalled */
export function yarnClassicBin() {
  return [process.execPath, join(ROOT, 'node_modules', 'yarn', 'bin', 'yarn.js')]
}
