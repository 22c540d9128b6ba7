// @ts-check
/**
 * Cargo's registry formats: `.crate` files (a gzipped tarball whose entries sit under
 * `<name>-<version>/`), the JSON line of one version in a sparse index file, the path of that file,
 * and the body of `cargo publish` (`PUT /api/v1/crates/new`).
 */
import { createHash } from 'node:crypto'
import { tarGz } from '../npm-registry/tarball.js'

/**
 * @typedef {{ name: string, req: string, features: string[], optional: boolean, default_features: boolean,
 *   target: string | null, kind: 'normal' | 'dev' | 'build', registry?: string | null,
 *   package?: string | null }} IndexDependency
 * @typedef {{ name: string, vers: string, deps: IndexDependency[], cksum: string,
 *   features: Record<string, string[]>, yanked: boolean, links?: string | null, v?: number,
 *   rust_version?: string | null }} IndexEntry
 * @typedef {{ name: string, version: string, dependencies?: Record<string, string>,
 *   files?: Record<string, string> }} CrateSpec
 * @typedef {{ filename: string, data: Buffer, entry: IndexEntry }} BuiltCrate
 */

/** @param {Buffer} data */
export const sha256 = (data) => createHash('sha256').update(data).digest('hex')

/**
 * Where cargo looks for a crate in a sparse index, relative to the index root: `1/a`, `2/ab`,
 * `3/a/abc`, `ab/cd/abcd…`; always lower case.
 * @param {string} name
 */
export function indexPath(name) {
  const lower = name.toLowerCase()
  if (lower.length <= 2) return `${lower.length}/${lower}`
  if (lower.length === 3) return `3/${lower[0]}/${lower}`
  return `${lower.slice(0, 2)}/${lower.slice(2, 4)}/${lower}`
}

/**
 * A `.crate` that cargo unpacks and builds: Cargo.toml and src/lib.rs (with a `hello()` saying
 * name and version) under `<name>-<version>/`; `files` adds or replaces entries.
 * @param {CrateSpec} spec
 * @returns {BuiltCrate}
 */
export function buildCrate({ name, version, dependencies = {}, files = {} }) {
  const deps = Object.entries(dependencies)
  const manifest = `[package]\nname = "${name}"\nversion = "${version}"\nedition = "2021"\n` +
    `description = "${name} test crate"\nlicense = "MIT"\n` +
    (deps.length ? `\n[dependencies]\n${deps.map(([dep, req]) => `${dep} = "${req}"\n`).join('')}` : '')
  const root = `${name}-${version}`
  const data = tarGz({
    [`${root}/Cargo.toml`]: manifest,
    [`${root}/src/lib.rs`]: `pub fn hello() -> &'static str {\n    "hello from ${name} ${version}"\n}\n`,
    ...Object.fromEntries(Object.entries(files).map(([path, content]) => [`${root}/${path}`, content])),
  })
  /** @type {IndexDependency[]} */
  const indexDeps = deps.map(([dep, req]) => ({
    name: dep, req, features: [], optional: false, default_features: true, target: null, kind: 'normal',
  }))
  return {
    filename: `${root}.crate`,
    data,
    entry: { name, vers: version, deps: indexDeps, cksum: sha256(data), features: {}, yanked: false },
  }
}

/**
 * The body `cargo publish` sends: a little-endian u32 length and the JSON metadata, then a u32
 * length and the `.crate` bytes.
 * @param {Record<string, unknown>} metadata
 * @param {Buffer} crate
 */
export function publishBody(metadata, crate) {
  const json = Buffer.from(JSON.stringify(metadata))
  const lengths = Buffer.alloc(8)
  lengths.writeUInt32LE(json.length, 0)
  lengths.writeUInt32LE(crate.length, 4)
  return Buffer.concat([lengths.subarray(0, 4), json, lengths.subarray(4), crate])
}

/**
 * @param {Buffer} body
 * @returns {{ metadata: Record<string, any>, crate: Buffer } | null} null when the lengths do not add up
 */
export function parsePublishBody(body) {
  if (body.length < 4) return null
  const jsonLength = body.readUInt32LE(0)
  if (body.length < 8 + jsonLength) return null
  const crateLength = body.readUInt32LE(4 + jsonLength)
  if (body.length !== 8 + jsonLength + crateLength) return null
  try {
    const metadata = JSON.parse(body.subarray(4, 4 + jsonLength).toString('utf8'))
    return { metadata, crate: body.subarray(8 + jsonLength) }
  } catch {
    return null
  }
}

/**
 * The index line of a published version. Publish metadata names a dependency's requirement
 * `version_req` and a renamed one `explicit_name_in_toml`; the index says `req`, `name` (the name in
 * Cargo.toml) and `package` (the real crate).
 * @param {Record<string, any>} metadata
 * @param {Buffer} crate
 * @returns {IndexEntry}
 */
export function entryFromPublish(metadata, crate) {
  /** @type {IndexDependency[]} */
  const deps = (metadata.deps ?? []).map((/** @type {Record<string, any>} */ dep) => ({
    name: dep.explicit_name_in_toml ?? dep.name,
    req: dep.version_req,
    features: dep.features ?? [],
    optional: Boolean(dep.optional),
    default_features: dep.default_features !== false,
    target: dep.target ?? null,
    kind: dep.kind ?? 'normal',
    registry: dep.registry ?? null,
    ...(dep.explicit_name_in_toml ? { package: dep.name } : {}),
  }))
  return {
    name: metadata.name, vers: metadata.vers, deps, cksum: sha256(crate), features: metadata.features ?? {},
    yanked: false, links: metadata.links ?? null, rust_version: metadata.rust_version ?? null,
  }
}
