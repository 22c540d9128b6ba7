/**
 * The run's private directory: `registry-auth-XXXXXX` (mode 0700) directly in RUNNER_TEMP, for
 * backups and generated files, and the undo log that records its removal.
 */
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { PRIVATE_DIR_PREFIX, type UndoLog } from './undo.js'

export class Workspace {
  private created?: Promise<string>

  private readonly root: string

  /** `root`: RUNNER_TEMP, else the system's temp directory; made absolute, as the post step checks it. */
  constructor(
    readonly undo: UndoLog,
    root: string = process.env.RUNNER_TEMP || os.tmpdir(),
  ) {
    this.root = path.resolve(root)
  }

  /** Creates the directory on first use and records its removal (replayed last). */
  dir(): Promise<string> {
    this.created ??= (async () => {
      let dir: string
      try {
        await fs.mkdir(this.root, { recursive: true })
        dir = await fs.mkdtemp(path.join(this.root, PRIVATE_DIR_PREFIX))
      } catch (error) {
        throw new Error(`cannot create a private directory in RUNNER_TEMP (${this.root}): ${(error as Error).message}`)
      }
      // mkdtemp creates it owner-only (0700; the umask can only take bits away).
      this.undo.add({ kind: 'remove', description: `remove ${dir}`, path: dir })
      return dir
    })()
    return this.created
  }

  /**
   * With logout: false nothing removes the directory in the post step: removed now when empty. A file
   * another client exported (REGISTRY_AUTH_FILE, HELM_REGISTRY_CONFIG) keeps it for later steps.
   */
  async discardIfUnrecorded(): Promise<void> {
    if (!this.created || this.undo.enabled) return
    await fs.rmdir(await this.created).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
    })
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
    // Stryker disable next-line ObjectLiteral: the chmod below sets the same mode; the option only closes the moment in between, which no test can observe
    await fs.writeFile(file, content, { mode: 0o600 })
    await fs.chmod(file, 0o600)
    return file
  }
}
