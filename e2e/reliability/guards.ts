/**
 * Guards for "this step did nothing": recording stand-ins for every client the action can run, a
 * snapshot of a directory tree (files, directories, modes, contents), and what a run left in the
 * harness's own directories (RUNNER_TEMP, workspace, tool cache) besides the runner's files.
 */
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { CATALOG } from '../../src/clients/catalog.js'
import { parseKeyValues } from '../../test-support/harness/index.js'

/** Every executable the action may look up or run for a client (from the catalog). */
export const CLIENT_EXECUTABLES: readonly string[] = [...new Set(Object.values(CATALOG).flatMap((entry) => entry.executables))]

export interface Stubs {
  dir: string
  logFile: string
  /** One line per call: the executable's name, then each argument quoted as JSON. */
  calls(): string[]
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`

/**
 * Writes `<dir>/<name>` for each name: a shell script that appends its name and argv to
 * `<dir>/calls.log` and exits 0, reading stdin only after `--password-stdin`. Put `dir` first on PATH.
 */
export function recordingStubs(dir: string, names: readonly string[] = CLIENT_EXECUTABLES): Stubs {
  fs.mkdirSync(dir, { recursive: true })
  const logFile = path.join(dir, 'calls.log')
  for (const name of names) {
    const script = `#!/bin/sh
{
  printf '%s' ${shellQuote(name)}
  for a in "$@"; do printf ' "%s"' "$a"; done
  printf '\\n'
} >> ${shellQuote(logFile)}
# Like the real clients, take the password when told to, so the writer never meets a closed pipe.
for a in "$@"; do
  if [ "$a" = "--password-stdin" ]; then cat > /dev/null; fi
done
exit 0
`
    fs.writeFileSync(path.join(dir, name), script, { mode: 0o755 })
  }
  return {
    dir,
    logFile,
    calls: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []),
  }
}

/**
 * Every entry under `root` (relative path → kind, mode and, for files, sha256 of the content), so
 * a created, deleted, rewritten or re-permissioned file or directory shows as a difference.
 */
export function treeSnapshot(root: string): Record<string, string> {
  const entries: Record<string, string> = {}
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name)
      const stat = fs.lstatSync(full)
      const mode = (stat.mode & 0o7777).toString(8)
      const key = path.relative(root, full)
      if (stat.isDirectory()) {
        entries[key] = `dir ${mode}`
        walk(full)
      } else if (stat.isSymbolicLink()) {
        entries[key] = `link -> ${fs.readlinkSync(full)}`
      } else {
        entries[key] = `file ${mode} ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`
      }
    }
  }
  if (fs.existsSync(root)) walk(root)
  return entries
}

/** What the harness itself puts under its temp dir for one run, relative to that dir. */
const HARNESS_OWN = {
  /** The step's captured stdout+stderr. */
  output: /^(main|post)\.out$/,
  /** The runner's event payload, written before the step. */
  event: path.join('work', '_temp', '_github_workflow', 'event.json'),
  /** GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE / GITHUB_PATH / GITHUB_STEP_SUMMARY of each stage. */
  fileCommands: path.join('work', '_temp', '_runner_file_commands'),
  /** RUNNER_TEMP and its runner folders, the workspace, the tool cache. */
  dirs: ['work', 'work/_temp', 'work/_temp/_github_workflow', 'work/_temp/_runner_file_commands', 'work/repo', 'work/repo/repo', 'toolcache']
    .map((dir) => dir.split('/').join(path.sep)),
}

/**
 * Files and non-empty contents (by size: they may hold credentials) a run left in the harness's directories (RUNNER_TEMP, the workspace,
 * the tool cache) that the runner did not put there: the event file changed, anything written to a
 * file-command file (env, outputs, state, path, summary), any other file. Empty when the step wrote
 * nothing.
 */
export function harnessLeftovers(tempDir: string): string[] {
  const found: string[] = []
  for (const [relative, entry] of Object.entries(treeSnapshot(tempDir))) {
    if (entry.startsWith('dir ')) {
      if (!HARNESS_OWN.dirs.includes(relative)) found.push(`${relative}/`)
      continue
    }
    if (HARNESS_OWN.output.test(relative)) continue
    if (relative === HARNESS_OWN.event) {
      const text = fs.readFileSync(path.join(tempDir, relative), 'utf8')
      if (text !== '{}\n') found.push(`${relative} changed: ${JSON.stringify(text)}`)
      continue
    }
    if (path.dirname(relative) === HARNESS_OWN.fileCommands) {
      const text = fs.readFileSync(path.join(tempDir, relative), 'utf8')
      // The main step saves an empty undo list first of all (so no STATE_undo from elsewhere reaches post).
      const emptyUndo = path.basename(relative).startsWith('save_state_') && JSON.stringify(parseKeyValues(text)) === JSON.stringify({ undo: '[]' })
      if (text !== '' && !emptyUndo) found.push(`${relative} (${text.length} characters written)`)
      continue
    }
    found.push(relative)
  }
  return found.sort()
}
