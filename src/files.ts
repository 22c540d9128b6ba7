/**
 * Reading the files the action looks at: a file's bytes unless it is missing, the real file behind a
 * symlink, and SHA-256 digests to tell later whether a file changed. Used by both steps.
 */
import { readFileSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'

/**
 * A file's bytes, or undefined when it does not exist; any other problem names the file. Read
 * synchronously: these are small config files, and the post step then never starts libuv's thread
 * pool, which its first asynchronous file call costs (2–6 ms here).
 */
export function readIfExists(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(`cannot read ${file}: ${(error as Error).message}`)
  }
}

/**
 * The file a user config path really names: a symlink's target, so that we change (and later put
 * back) the target and never replace the link. A link to a missing file is an error.
 */
export async function realFile(file: string): Promise<string> {
  let link: string
  try {
    if (!(await fs.lstat(file)).isSymbolicLink()) return file
    link = await fs.readlink(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return file
    throw error
  }
  const target = path.resolve(path.dirname(file), link)
  try {
    await fs.stat(target)
  } catch {
    throw new Error(`${file} is a link to ${target}, which does not exist; create it or remove the link`)
  }
  return fs.realpath(file)
}

/** A SHA-256 digest in hex. */
export type Digest = (bytes: Uint8Array) => Promise<string>

/** SHA-256 with node:crypto: for the main step, where the AWS SDK has loaded it already. */
export const sha256: Digest = async (bytes) => (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex')

/**
 * The same SHA-256 in JavaScript (@noble/hashes), for the post step: loading node:crypto alone would
 * cost it about 4 ms, a tenth of Node's own start (see BENCHMARKS.md).
 */
export const sha256Js: Digest = async (bytes) => (await import('./sha256-js.js')).sha256Hex(bytes)

/** The digest of a file's bytes, or undefined when it does not exist: to tell later whether it changed. */
export async function fileHash(file: string, digest: Digest = sha256): Promise<string | undefined> {
  const content = readIfExists(file)
  return content === undefined ? undefined : digest(content)
}
