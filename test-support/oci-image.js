// @ts-check
/**
 * A tiny but valid container image built in memory (config blob, one gzipped tar layer, manifest),
 * written as an OCI image layout directory or pushed into a registry over the Docker Registry HTTP
 * API v2 with Basic auth, so that a test registry can be filled without a daemon or another tool.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { tarGz } from './npm-registry/tarball.js'

/** Media types per manifest format; `oci` is the OCI image spec, `docker` is Docker's schema 2. */
export const MEDIA_TYPES = {
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
}

/** Every manifest type a client may be offered, for the Accept header of a manifest GET. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.oci.manifest, MEDIA_TYPES.docker.manifest,
  'application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ')

// A fixed creation time keeps the config blob, and so every digest, stable between runs.
const CREATED = '1985-10-26T08:15:00Z'

/**
 * @typedef {{ mediaType: string, digest: string, size: number }} Descriptor
 * @typedef {Descriptor & { bytes: Buffer }} Blob
 * @typedef {{ format: 'oci' | 'docker', config: Blob, layers: (Blob & { diffId: string })[], manifest: Blob,
 *   blobs: Blob[], files: Record<string, string> }} Image
 *   blobs: the config and the layers, in push order; files: what the layer holds
 */

/** @param {Buffer} bytes */
export const sha256 = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/**
 * @param {string} mediaType
 * @param {Buffer} bytes
 * @returns {Blob}
 */
const blob = (mediaType, bytes) => ({ mediaType, digest: sha256(bytes), size: bytes.length, bytes })

/** @param {Blob} b @returns {Descriptor} */
const descriptor = ({ mediaType, digest, size }) => ({ mediaType, digest, size })

/** The platform of this machine in OCI terms, so that clients pull the image without a warning. */
export function hostPlatform() {
  /** @type {Record<string, string>} */
  const arches = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' }
  return { os: 'linux', architecture: arches[process.arch] ?? process.arch }
}

/**
 * Builds the image: one layer holding `files` (regular files, mode 0644), a config whose rootfs
 * lists that layer's diff ID, and a manifest pointing at both. Same input, same digests.
 * @param {{ files?: Record<string, string>, format?: 'oci' | 'docker', platform?: { os: string, architecture: string } }} [options]
 * @returns {Image}
 */
export function buildImage({ files = { 'hello.txt': 'hello from oci-image.js\n' }, format = 'oci', platform = hostPlatform() } = {}) {
  const types = MEDIA_TYPES[format]
  const layerBytes = tarGz(files)
  const layer = { ...blob(types.layer, layerBytes), diffId: sha256(gunzipSync(layerBytes)) }
  const configJson = {
    created: CREATED,
    architecture: platform.architecture,
    os: platform.os,
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/hello'] },
    rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    history: [{ created: CREATED, created_by: 'test-support/oci-image.js' }],
  }
  const config = blob(types.config, Buffer.from(JSON.stringify(configJson)))
  const manifestJson = {
    schemaVersion: 2,
    mediaType: types.manifest,
    config: descriptor(config),
    layers: [descriptor(layer)],
  }
  const manifest = blob(types.manifest, Buffer.from(JSON.stringify(manifestJson)))
  return { format, config, layers: [layer], manifest, blobs: [config, layer], files }
}

/**
 * Writes the image as an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/<hex>`), the
 * manifest tagged `tag` through the `org.opencontainers.image.ref.name` annotation, so that
 * `skopeo inspect oci:<dir>:<tag>` reads it.
 * @param {string} dir created if missing
 * @param {Image} image
 * @param {string} [tag]
 * @returns {string} dir
 */
export function writeOciLayout(dir, image, tag = 'latest') {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true })
  for (const b of [...image.blobs, image.manifest]) writeFileSync(join(dir, 'blobs', 'sha256', b.digest.slice('sha256:'.length)), b.bytes)
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ ...descriptor(image.manifest), annotations: { 'org.opencontainers.image.ref.name': tag } }],
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index))
  return dir
}

/**
 * @typedef {{ status: number, headers: import('node:http').IncomingHttpHeaders, body: Buffer }} RegistryResponse
 * @typedef {{ url: string, username?: string, password?: string }} RegistryTarget
 *   url: `http://host:port` (https works too); no username means no Authorization header
 */

/** An HTTP status other than the expected one from the registry, with the answer's body. */
export class RegistryError extends Error {
  /**
   * @param {string} what
   * @param {RegistryResponse} response
   */
  constructor(what, response) {
    super(`${what}: HTTP ${response.status} ${response.body.toString('utf8').trim()}`)
    this.name = 'RegistryError'
    this.status = response.status
    this.body = response.body.toString('utf8')
  }
}

/**
 * One request to the registry with Basic auth when `target.username` is set.
 * @param {RegistryTarget} target
 * @param {string} method
 * @param {string} path absolute path (`/v2/...`) or a full URL from a Location header
 * @param {{ headers?: Record<string, string>, body?: Buffer, timeoutMs?: number }} [options]
 * @returns {Promise<RegistryResponse>}
 */
export function registryRequest(target, method, path, { headers = {}, body, timeoutMs = 15000 } = {}) {
  const url = new URL(path, target.url)
  /** @type {Record<string, string>} */
  const all = { ...headers }
  if (target.username !== undefined) all.Authorization = `Basic ${Buffer.from(`${target.username}:${target.password ?? ''}`).toString('base64')}`
  if (body) all['Content-Length'] = String(body.length)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: all }, (response) => {
      /** @type {Buffer[]} */
      const chunks = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.once('error', reject)
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)))
    req.once('error', reject)
    req.end(body)
  })
}

/**
 * @param {RegistryResponse} response
 * @param {number[]} expected
 * @param {string} what
 */
function expectStatus(response, expected, what) {
  if (!expected.includes(response.status)) throw new RegistryError(what, response)
  return response
}

/**
 * Pushes the image as `<repository>:<tag>` the way clients do: per blob, HEAD to skip one already
 * there, else `POST /v2/<repository>/blobs/uploads/` and a monolithic `PUT <Location>&digest=...`;
 * then `PUT /v2/<repository>/manifests/<tag>`. Throws a RegistryError (with `status`, 401 for
 * missing or wrong credentials) on the first unexpected answer.
 * @param {Image} image
 * @param {RegistryTarget & { repository: string, tag?: string }} target
 * @returns {Promise<{ digest: string, reference: string }>} the manifest digest and `host:port/repository:tag`
 */
export async function pushImage(image, target) {
  const { repository, tag = 'latest' } = target
  const base = `/v2/${repository}`
  for (const b of image.blobs) {
    const head = await registryRequest(target, 'HEAD', `${base}/blobs/${b.digest}`)
    if (head.status === 200) continue
    if (head.status !== 404) throw new RegistryError(`HEAD blob ${b.digest}`, head)
    const started = expectStatus(await registryRequest(target, 'POST', `${base}/blobs/uploads/`), [202], `start upload of ${b.digest}`)
    const location = started.headers.location
    if (!location) throw new RegistryError(`start upload of ${b.digest} gave no Location`, started)
    const upload = new URL(location, target.url)
    upload.searchParams.set('digest', b.digest)
    expectStatus(await registryRequest(target, 'PUT', upload.href, {
      headers: { 'Content-Type': 'application/octet-stream' }, body: b.bytes,
    }), [201], `upload ${b.digest}`)
  }
  const put = expectStatus(await registryRequest(target, 'PUT', `${base}/manifests/${tag}`, {
    headers: { 'Content-Type': image.manifest.mediaType }, body: image.manifest.bytes,
  }), [201], `put manifest ${repository}:${tag}`)
  const digest = String(put.headers['docker-content-digest'] ?? image.manifest.digest)
  return { digest, reference: `${new URL(target.url).host}/${repository}:${tag}` }
}

/**
 * `GET /v2/<repository>/manifests/<reference>` with every manifest type accepted.
 * @param {RegistryTarget & { repository: string }} target
 * @param {string} reference a tag or a digest
 */
export function getManifest(target, reference) {
  return registryRequest(target, 'GET', `/v2/${target.repository}/manifests/${reference}`, { headers: { Accept: MANIFEST_ACCEPT } })
}
