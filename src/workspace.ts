/** The run's private directory under RUNNER_TEMP (mode 0700) for backups and generated files. */
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
      await fs.mkdir(this.root, { recursive: true })
      const dir = await fs.mkdtemp(path.join(this.root, 'registry-auth-'))
      await fs.chmod(dir, 0o700)
      this.undo.add({ kind: 'remove', description: `remove ${dir}`, path: dir })
      return dir
    })()
    return this.created
  }

  /** Writes a file readable by the owner only. */
  async writePrivate(name: string, content: string | Buffer): Promise<string> {
    const file = path.join(await this.dir(), name)
    await fs.writeFile(file, content, { mode: 0o600 })
    await fs.chmod(file, 0o600)
    return file
  }
}

/**
 * A byte-exact copy of `file` in the workspace, or null when the file does not exist. Nothing is
 * copied when undo is off (logout: false), since nothing would restore or remove the copy.
 */
export async function backupFile(file: string, workspace: Workspace): Promise<string | null> {
  if (!workspace.undo.enabled) return null
  let content: Buffer
  try {
    content = await fs.readFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const name = `${path.basename(file)}.${Date.now().toString(36)}.bak`
  return workspace.writePrivate(name, content)
}
