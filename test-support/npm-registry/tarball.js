// @ts-check
/**
 * Builds npm package tarballs in memory (a minimal ustar writer + gzip) and the document that
 * `npm publish` sends, so a test registry can be filled without spawning a client. `tarGz` is the
 * writer alone, for other formats that are gzipped tarballs too (cargo's `.crate`).
 */
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'

/** @typedef {{ name: string, version: string, files?: Record<string, string> }} PackageSpec */

// npm packs every entry with this mtime; a fixed one keeps tarballs (and their integrity) stable.
const MTIME = Math.floor(Date.UTC(1985, 9, 26, 8, 15) / 1000)

/**
 * @param {Buffer} header
 * @param {number} offset
 * @param {number} length
 * @param {string} value
 */
function put(header, offset, length, value) {
  header.write(value.slice(0, length), offset, length, 'utf8')
}

/**
 * @param {number} value
 * @param {number} length the field size; the octal digits take length - 1 bytes plus a NUL
 */
const octal = (value, length) => `${value.toString(8).padStart(length - 1, '0')}\0`

/**
 * One ustar entry: a 512-byte header and the content padded to 512 bytes.
 * @param {string} name
 * @param {Buffer} content
 */
function entry(name, content) {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`)
  const header = Buffer.alloc(512)
  put(header, 0, 100, name)
  put(header, 100, 8, octal(0o644, 8))
  put(header, 108, 8, octal(0, 8))
  put(header, 116, 8, octal(0, 8))
  put(header, 124, 12, octal(content.length, 12))
  put(header, 136, 12, octal(MTIME, 12))
  header.fill(' ', 148, 156) // the checksum is computed with its own field as spaces
  put(header, 156, 1, '0')
  put(header, 257, 6, 'ustar\0')
  put(header, 263, 2, '00')
  let sum = 0
  for (const byte of header) sum += byte
  put(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `)
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512)
  return Buffer.concat([header, content, padding])
}

/**
 * @param {Record<string, string | Buffer>} files full paths inside the archive, sorted before writing
 * @returns {Buffer} a gzipped ustar archive of regular files (mode 0644, fixed mtime)
 */
export function tarGz(files) {
  const entries = Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, content]) => entry(path, Buffer.from(content)))
  return gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]))
}

/**
 * @param {Record<string, string | Buffer>} files paths relative to the package root
 * @returns {Buffer} a gzipped tarball with every file under `package/`, as `npm pack` lays it out
 */
export function tgz(files) {
  return tarGz(Object.fromEntries(Object.entries(files).map(([path, content]) => [`package/${path}`, content])))
}

/**
 * The package.json and files of a spec; `files['package.json']`, when given, wins.
 * @param {PackageSpec} spec
 */
export function packageFiles({ name, version, files = {} }) {
  const manifest = { name, version, description: `${name} test package`, main: 'index.js', license: 'MIT' }
  return {
    'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'index.js': `module.exports = ${JSON.stringify(`${name}@${version}`)}\n`,
    ...files,
  }
}

/**
 * The body of `PUT /<name>` that publishes one version, as `npm publish` sends it.
 * @param {PackageSpec} spec
 * @param {string} registryUrl with a trailing slash
 */
export function publishDocument(spec, registryUrl) {
  const files = packageFiles(spec)
  const manifest = JSON.parse(files['package.json'])
  const { name, version } = manifest
  const tarball = tgz(files)
  const fileName = `${name.split('/').pop()}-${version}.tgz`
  const dist = {
    shasum: createHash('sha1').update(tarball).digest('hex'),
    integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
    tarball: `${registryUrl}${name}/-/${fileName}`,
  }
  return {
    _id: name,
    name,
    description: manifest.description,
    'dist-tags': { latest: version },
    versions: { [version]: { ...manifest, _id: `${name}@${version}`, dist } },
    access: null,
    _attachments: {
      [`${name}-${version}.tgz`]: {
        content_type: 'application/octet-stream',
        data: tarball.toString('base64'),
        length: tarball.length,
      },
    },
  }
}
