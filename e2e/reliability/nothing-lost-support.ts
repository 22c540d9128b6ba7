/**
 * Helpers for the reliability tests: exact pictures of directory trees (bytes, modes, symlinks) to
 * prove user files come back as they were, secret scans over every file a run could have written,
 * command shims for tools that are not on PATH, and immutable files (root ignores permission bits).
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { labelledSecretForms, repoRoot } from '../../test-support/harness/index.js'

export interface Entry {
  type: 'file' | 'dir' | 'symlink' | 'other'
  /** permission bits, octal, e.g. '644' */
  mode: string
  /** file content (base64, so any bytes compare exactly) */
  content?: string
  /** symlink target as stored */
  target?: string
}

const octal = (mode: number) => (mode & 0o7777).toString(8)

/** Every entry under `root` (relative path → type, mode, bytes or link target); {} when root is missing. */
export function tree(root: string): Record<string, Entry> {
  const entries: Record<string, Entry> = {}
  const walk = (at: string) => {
    for (const name of fs.readdirSync(at)) {
      const full = path.join(at, name)
      const rel = path.relative(root, full)
      const stat = fs.lstatSync(full)
      if (stat.isSymbolicLink()) entries[rel] = { type: 'symlink', mode: octal(stat.mode), target: fs.readlinkSync(full) }
      else if (stat.isDirectory()) {
        entries[rel] = { type: 'dir', mode: octal(stat.mode) }
        walk(full)
      } else if (stat.isFile()) entries[rel] = { type: 'file', mode: octal(stat.mode), content: fs.readFileSync(full).toString('base64') }
      else entries[rel] = { type: 'other', mode: octal(stat.mode) }
    }
  }
  if (fs.existsSync(root)) walk(root)
  return entries
}

const clip = (line: string | undefined) => (line === undefined ? '<none>' : JSON.stringify(line.length > 160 ? `${line.slice(0, 160)}…` : line))

/** The first line where two texts differ (clipped), for a readable report. */
function firstDifference(before: string, after: string): string {
  const a = Buffer.from(before, 'base64').toString('utf8').split('\n')
  const b = Buffer.from(after, 'base64').toString('utf8').split('\n')
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: ${clip(a[i])} became ${clip(b[i])}`
  }
  return 'same lines, different bytes'
}

/**
 * What changed between two pictures of the same tree, one line per difference; `label` prefixes
 * each line. Content is never shown in full: only the first differing line, clipped.
 */
export function treeDiff(before: Record<string, Entry>, after: Record<string, Entry>, label: string): string[] {
  const problems: string[] = []
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[name]
    const now = after[name]
    const where = `${label}/${name}`
    if (!now) problems.push(`${where}: ${was?.type} was removed`)
    else if (!was) problems.push(`${where}: ${now.type} was left behind (mode ${now.mode})`)
    else if (was.type !== now.type) problems.push(`${where}: was a ${was.type}, now a ${now.type}`)
    else {
      if (was.mode !== now.mode) problems.push(`${where}: mode ${was.mode} became ${now.mode}`)
      if (was.target !== now.target) problems.push(`${where}: symlink to ${was.target} now points to ${now.target}`)
      if (was.content !== now.content) problems.push(`${where}: content changed, ${firstDifference(was.content ?? '', now.content ?? '')}`)
    }
  }
  return problems
}

/** Files of one harness run that are the runner's, not the action's: raw process output and file commands. */
export function runnerOwned(tempDir: string): (file: string) => boolean {
  const owned = [path.join(tempDir, 'main.out'), path.join(tempDir, 'post.out'), path.join(tempDir, 'work', '_temp', '_runner_file_commands')]
  return (file) => owned.some((prefix) => file === prefix || file.startsWith(`${prefix}${path.sep}`))
}

/** The harness run's root (RUNNER_TEMP is `<root>/work/_temp`). */
export const runRoot = (runnerTemp: string): string => path.resolve(runnerTemp, '..', '..')

export interface SecretHit {
  file: string
  form: string
  secret: number
  mode: string
}

/** Regular files under `roots` (symlinks not followed) that hold any form of any secret. */
export function filesHoldingSecrets(roots: string[], secrets: string[], skip: (file: string) => boolean = () => false): SecretHit[] {
  const forms = secrets.flatMap((secret, index) => labelledSecretForms(secret).map((form) => ({ ...form, secret: index })))
  const hits: SecretHit[] = []
  const walk = (at: string) => {
    for (const name of fs.readdirSync(at)) {
      const full = path.join(at, name)
      if (skip(full)) continue
      const stat = fs.lstatSync(full)
      if (stat.isDirectory()) walk(full)
      else if (stat.isFile()) {
        const text = fs.readFileSync(full, 'latin1')
        const form = forms.find(({ value }) => text.includes(value))
        if (form) hits.push({ file: full, form: form.label, secret: form.secret, mode: octal(stat.mode) })
      }
    }
  }
  for (const root of new Set(roots)) if (fs.existsSync(root)) walk(root)
  return hits
}

/** The action's private directories under a RUNNER_TEMP. */
export function workspaceDirs(runnerTemp: string): string[] {
  if (!fs.existsSync(runnerTemp)) return []
  return fs.readdirSync(runnerTemp).filter((name) => name.startsWith('registry-auth-')).map((name) => path.join(runnerTemp, name))
}

/** Every entry under the action's directories in `runnerTemp` that is not owner-only (files 600, directories 700). */
export function looseWorkspaceEntries(runnerTemp: string): string[] {
  const problems: string[] = []
  for (const dir of workspaceDirs(runnerTemp)) {
    const mode = octal(fs.statSync(dir).mode)
    if (mode !== '700') problems.push(`${dir}: directory mode ${mode}, expected 700`)
    for (const [name, entry] of Object.entries(tree(dir))) {
      const expected = entry.type === 'dir' ? '700' : '600'
      if (entry.mode !== expected) problems.push(`${path.join(dir, name)}: ${entry.type} mode ${entry.mode}, expected ${expected}`)
    }
  }
  return problems
}

/** Writes `<dir>/<name>`, an executable that runs `node <script>`: yarn and pnpm from node_modules on PATH. */
export function nodeShim(dir: string, name: 'yarn' | 'pnpm'): string {
  const scripts = {
    yarn: path.join(repoRoot, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js'),
    pnpm: path.join(repoRoot, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs'),
  }
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, name)
  fs.writeFileSync(file, `#!/bin/sh\nexec '${process.execPath}' '${scripts[name]}' "$@"\n`, { mode: 0o755 })
  return dir
}

/**
 * Immutable files and directories (`chattr +i`): writes fail with EPERM even for root, which
 * permission bits cannot do. `release()` undoes every one; call it before removing the tree.
 */
export class Immutables {
  private readonly paths: string[] = []

  /** Whether this file system supports the immutable attribute (probed on a file in `dir`). */
  static supported(dir: string): boolean {
    const probe = path.join(dir, '.immutable-probe')
    fs.writeFileSync(probe, '')
    try {
      execFileSync('chattr', ['+i', probe], { stdio: 'ignore' })
      execFileSync('chattr', ['-i', probe], { stdio: 'ignore' })
      return true
    } catch {
      return false
    } finally {
      fs.rmSync(probe, { force: true })
    }
  }

  add(file: string): void {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' })
    this.paths.push(file)
  }

  release(): void {
    for (const file of this.paths.splice(0).reverse()) {
      try {
        execFileSync('chattr', ['-i', file], { stdio: 'ignore' })
      } catch {
        // already gone or already mutable
      }
    }
  }
}
