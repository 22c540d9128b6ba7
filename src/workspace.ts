/** The run's private directory under RUNNER_TEMP (mode 0700) for backups and generated files. */
import { readFileSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { UndoLog } from './undo.js'

export class Workspace {
  private created?: Promise<string>

  constructor(
    readonly undo: UndoLog,
    private readonly root: string = process.env.RUNNER_TEMP || os.tmpdir(),
  ) {}

  /** Creates the directory on first use and records its removal (replayed last). */
  dir(): Promise<string> {
    this.created ??= (async () => {
      let dir: string
      try {
        await fs.mkdir(this.root, { recursive: true })
        dir = await fs.mkdtemp(path.join(this.root, 'registry-auth-'))
      } catch (error) {
        throw new Error(`cannot create a private directory in RUNNER_TEMP (${this.root}): ${(error as Error).message}`)
      }
      // mkdtemp creates it owner-only (0700; the umask can only take bits away).
      this.undo.add({ kind: 'remove', description: `remove ${dir}`, path: dir })
      return dir
    })()
    return this.created
  }

  /** Removes the directory now when nothing would remove it in the post step (logout: false). */
  async discardIfUnrecorded(): Promise<void> {
    if (this.created && !this.undo.enabled) await fs.rm(await this.created, { recursive: true, force: true })
  }

  /** A directory of its own inside the workspace (mode 0700). */
  async privateDir(name: string): Promise<string> {
    const dir = path.join(await this.dir(), name)
    await fs.mkdir(dir, { mode: 0o700 })
    return dir
  }

  /** Writes a file readable by the owner only. */
  async writePrivate(name: string, content: string | Buffer): Promise<string> {
    const file = path.join(await this.dir(), name)
    await fs.writeFile(file, content, { mode: 0o600 })
    await fs.chmod(file, 0o600)
    return file
  }
}

export interface Backup {
  /** The copy, or null when the file did not exist. */
  backup: string | null
  /** The file's permission bits, to put back with its bytes. */
  mode?: number
}

/**
 * A byte-exact copy of `file` in the workspace, with its mode. Nothing is copied when undo is off
 * (logout: false), since nothing would restore or remove the copy.
 */
export async function backupFile(file: string, workspace: Workspace): Promise<Backup> {
  if (!workspace.undo.enabled) return { backup: null }
  const content = readIfExists(file)
  if (content === undefined) return { backup: null }
  const mode = (await fs.stat(file)).mode & 0o7777
  const name = `${path.basename(file)}.${Date.now().toString(36)}.bak`
  return { backup: await workspace.writePrivate(name, content), mode }
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
