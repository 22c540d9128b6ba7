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

/**
 * SHA-256 with node:crypto, in both steps. The post step once used a JavaScript SHA-256 to save
 * loading node:crypto (about 4 ms), but since docker's config.json holds the ECR password itself
 * (about 3 KB a registry), hashing it in cold JavaScript cost about 10 ms (see BENCHMARKS.md).
 */
export const sha256 = async (bytes: Uint8Array): Promise<string> => (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex')

/** The digest of a file's bytes, or undefined when it does not exist: to tell later whether it changed. */
export async function fileHash(file: string): Promise<string | undefined> {
  const content = readIfExists(file)
  return content === undefined ? undefined : sha256(content)
}
