import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import {
  MEDIA_TYPES, RegistryError, buildImage, getManifest, pushImage, registryRequest, sha256, writeOciLayout,
} from '../../test-support/oci-image.js'
import { startRegistry } from '../../test-support/registry.js'

const PASSWORD = 'correct-horse-battery-staple'
const FILES = { 'hello.txt': 'hello from the test registry\n' }
let registry: Awaited<ReturnType<typeof startRegistry>>
let scratch: string

beforeAll(async () => {
  registry = await startRegistry({ username: 'AWS', password: PASSWORD })
  scratch = mkdtempSync(join(tmpdir(), 'oci-image-test-'))
})
afterAll(async () => {
  await registry?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

const right = () => ({ url: registry.url, username: 'AWS', password: PASSWORD })
const hex = (digest: string) => digest.slice('sha256:'.length)

/** The entries of an uncompressed ustar archive: name and content. */
function untar(tar: Buffer) {
  const entries: Record<string, string> = {}
  for (let offset = 0; offset + 512 <= tar.length && tar[offset] !== 0;) {
    const name = tar.subarray(offset, offset + 100).toString('utf8').replace(/\0.*$/s, '')
    const size = parseInt(tar.subarray(offset + 124, offset + 136).toString('utf8').replace(/\0.*$/s, ''), 8)
    entries[name] = tar.subarray(offset + 512, offset + 512 + size).toString('utf8')
    offset += 512 + Math.ceil(size / 512) * 512
  }
  return entries
}

describe('buildImage', () => {
  test('a manifest pointing at a config and one gzipped tar layer holding the files, every digest matching its bytes', () => {
    const image = buildImage({ files: FILES })
    const manifest = JSON.parse(image.manifest.bytes.toString('utf8'))
    const config = JSON.parse(image.config.bytes.toString('utf8'))
    const [layer] = image.layers
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.oci.manifest,
      config: { mediaType: MEDIA_TYPES.oci.config, digest: image.config.digest, size: image.config.bytes.length },
      layers: [{ mediaType: MEDIA_TYPES.oci.layer, digest: layer?.digest, size: layer?.bytes.length }],
    })
    for (const blob of [image.manifest, image.config, ...image.layers]) {
      expect(blob.digest).toBe(`sha256:${createHash('sha256').update(blob.bytes).digest('hex')}`)
      expect(blob.size).toBe(blob.bytes.length)
    }
    const tar = gunzipSync(layer!.bytes)
    expect(untar(tar)).toEqual(FILES)
    expect(config.rootfs).toEqual({ type: 'layers', diff_ids: [sha256(tar)] })
    expect(config.os).toBe('linux')
    expect(config.architecture).toEqual(process.arch === 'x64' ? 'amd64' : expect.any(String))
    expect(image.blobs.map((b) => b.digest)).toEqual([image.config.digest, layer!.digest])
  })

  test('is deterministic, and the docker format differs only in media types', () => {
    expect(buildImage({ files: FILES }).manifest.digest).toBe(buildImage({ files: FILES }).manifest.digest)
    expect(buildImage({ files: { 'other.txt': 'x' } }).manifest.digest).not.toBe(buildImage({ files: FILES }).manifest.digest)
    const docker = buildImage({ files: FILES, format: 'docker' })
    expect(JSON.parse(docker.manifest.bytes.toString('utf8'))).toMatchObject({
      mediaType: MEDIA_TYPES.docker.manifest,
      config: { mediaType: MEDIA_TYPES.docker.config },
      layers: [{ mediaType: MEDIA_TYPES.docker.layer }],
    })
    expect(docker.config.digest).toBe(buildImage({ files: FILES }).config.digest)
  })
})

describe('writeOciLayout', () => {
  test('writes oci-layout, an index.json naming the manifest by tag, and every blob under blobs/sha256', () => {
    const image = buildImage({ files: FILES })
    const dir = writeOciLayout(join(scratch, 'layout'), image, 'v1')
    expect(JSON.parse(readFileSync(join(dir, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' })
    expect(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{
        mediaType: MEDIA_TYPES.oci.manifest, digest: image.manifest.digest, size: image.manifest.size,
        annotations: { 'org.opencontainers.image.ref.name': 'v1' },
      }],
    })
    for (const blob of [image.manifest, ...image.blobs]) {
      expect(readFileSync(join(dir, 'blobs', 'sha256', hex(blob.digest)))).toEqual(blob.bytes)
    }
  })
})

describe('pushImage into the real docker-registry', () => {
  test('with the right password: the manifest is tagged, and GET returns it and every blob byte for byte', async () => {
    const image = buildImage({ files: FILES })
    const pushed = await pushImage(image, { ...right(), repository: 'team/hello', tag: 'v1' })
    expect(pushed).toEqual({ digest: image.manifest.digest, reference: `${registry.host}/team/hello:v1` })

    const target = { ...right(), repository: 'team/hello' }
    for (const reference of ['v1', image.manifest.digest]) {
      const manifest = await getManifest(target, reference)
      expect(manifest.status).toBe(200)
      expect(manifest.headers['content-type']).toBe(MEDIA_TYPES.oci.manifest)
      expect(manifest.headers['docker-content-digest']).toBe(image.manifest.digest)
      expect(manifest.body).toEqual(image.manifest.bytes)
    }
    for (const blob of image.blobs) {
      const got = await registryRequest(right(), 'GET', `/v2/team/hello/blobs/${blob.digest}`)
      expect(got.status).toBe(200)
      expect(got.body).toEqual(blob.bytes)
    }
    const tags = await registryRequest(right(), 'GET', '/v2/team/hello/tags/list')
    expect(JSON.parse(tags.body.toString('utf8'))).toEqual({ name: 'team/hello', tags: ['v1'] })
  })

  test('pushing again (blobs already there) and the docker format under another tag both work', async () => {
    await pushImage(buildImage({ files: FILES }), { ...right(), repository: 'team/again', tag: 'v1' })
    await expect(pushImage(buildImage({ files: FILES }), { ...right(), repository: 'team/again', tag: 'v1' })).resolves.toBeDefined()
    const docker = buildImage({ files: FILES, format: 'docker' })
    await pushImage(docker, { ...right(), repository: 'team/again', tag: 'docker' })
    const manifest = await getManifest({ ...right(), repository: 'team/again' }, 'docker')
    expect(manifest.status).toBe(200)
    expect(manifest.headers['content-type']).toBe(MEDIA_TYPES.docker.manifest)
    expect(manifest.body).toEqual(docker.manifest.bytes)
  })

  test('fails with 401 without credentials and with a wrong password, and nothing is tagged', async () => {
    const image = buildImage({ files: { 'denied.txt': 'no\n' } })
    for (const credentials of [{}, { username: 'AWS', password: 'wrong-password' }]) {
      const push = pushImage(image, { url: registry.url, ...credentials, repository: 'team/denied', tag: 'v1' })
      await expect(push).rejects.toThrow(RegistryError)
      await expect(push).rejects.toMatchObject({ status: 401 })
    }
    expect((await getManifest({ ...right(), repository: 'team/denied' }, 'v1')).status).toBe(404)
  })

  test('GET of a pushed manifest answers 401 without credentials', async () => {
    await pushImage(buildImage({ files: FILES }), { ...right(), repository: 'team/private', tag: 'v1' })
    const anonymous = await getManifest({ url: registry.url, repository: 'team/private' }, 'v1')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="basic-realm"')
    expect((await getManifest({ url: registry.url, username: 'AWS', password: 'nope', repository: 'team/private' }, 'v1')).status).toBe(401)
  })
})
