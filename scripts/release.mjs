// @ts-check
/**
 * Cuts a release: checks, tags `vX.Y.Z`, moves the major tag (`v1`) to it, and prints the release
 * notes drafted from the version's CHANGELOG.md section.
 *
 * Usage: node scripts/release.mjs X.Y.Z [--dry-run] [--push]
 *   --dry-run  run the checks and print what would be done and the notes; creates no tag (the dist/
 *              check rebuilds dist/, which changes it only when it was stale)
 *   --push     also push both tags to origin (otherwise the push commands are printed)
 *
 * Checks, in order: the version is X.Y.Z; the branch is main; the working tree is clean; the tag
 * does not exist yet; package.json has that version; CHANGELOG.md has a non-empty section for it;
 * and dist/ is what the sources build to (`npm run bundle` leaves no difference).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/**
 * The body of the `## [version]` (or `## version`) section of a Keep a Changelog file: everything up
 * to the next `## ` heading or the link definitions at the end, trimmed.
 * @param {string} changelog
 * @param {string} version X.Y.Z
 * @returns {string}
 */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/)
  const escaped = version.replace(/\./g, '\\.')
  const heading = new RegExp(`^##\\s+\\[?v?${escaped}\\]?(\\s|$)`)
  const start = lines.findIndex((line) => heading.test(line))
  if (start < 0) throw new Error(`CHANGELOG.md has no section for ${version}: move the Unreleased entries under "## [${version}] - YYYY-MM-DD"`)
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => /^##\s/.test(line) || /^\[[^\]]+\]:\s*\S/.test(line))
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim()
  if (!body) throw new Error(`the CHANGELOG.md section for ${version} is empty`)
  return body
}

/**
 * Release notes: the changelog section with its `###` headings one level up, then how to pin the
 * release by commit SHA.
 * @param {string} changelog
 * @param {string} version X.Y.Z
 * @param {{ sha?: string, repository?: string }} [pin] the release commit and `owner/name`
 * @returns {string}
 */
export function draftNotes(changelog, version, pin = {}) {
  const body = changelogSection(changelog, version).replace(/^###(\s)/gm, '##$1')
  const repository = pin.repository ?? 'OWNER/registry-auth'
  const major = version.split('.')[0]
  const usage = pin.sha
    ? `uses: ${repository}@${pin.sha} # v${version}`
    : `uses: ${repository}@<commit SHA of v${version}> # v${version}`
  return `${body}\n\n## Using this release\n\nPin the commit (recommended; Dependabot keeps the SHA and the comment current):\n\n\`\`\`yaml\n${usage}\n\`\`\`\n\nor follow the major version: \`uses: ${repository}@v${major}\`.\n`
}

/**
 * `owner/name` of a GitHub remote URL (https or ssh), or undefined.
 * @param {string} url
 */
export function repositoryOf(url) {
  return /github\.com[:/]([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url.trim())?.[1]
}

/**
 * @param {string[]} args
 * @param {{ capture?: boolean }} [options]
 */
function git(args, { capture = true } = {}) {
  // With inherited stdio execFileSync returns null.
  return (execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' }) ?? '').trim()
}

/** @param {string} message */
function fail(message) {
  process.stderr.write(`release: ${message}\n`)
  process.exit(1)
}

async function main() {
  const args = process.argv.slice(2)
  const dryRun = args.includes('--dry-run')
  const push = args.includes('--push')
  const version = args.find((a) => !a.startsWith('--'))?.replace(/^v/, '')
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) fail('usage: node scripts/release.mjs X.Y.Z [--dry-run] [--push]')
  const v = /** @type {string} */ (version)
  const tag = `v${v}`
  const major = `v${v.split('.')[0]}`

  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD'])
  if (branch !== 'main') fail(`releases are cut from main; this is ${branch}`)
  if (git(['status', '--porcelain'])) fail('the working tree has changes; commit or stash them first')
  if (git(['tag', '--list', tag])) fail(`the tag ${tag} exists already`)
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  if (pkg.version !== v) fail(`package.json says ${pkg.version}; set "version": "${v}" in the release commit`)
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')
  let notes = ''
  try {
    const sha = git(['rev-parse', 'HEAD'])
    let repository
    try { repository = repositoryOf(git(['remote', 'get-url', 'origin'])) } catch { /* no origin */ }
    notes = draftNotes(changelog, v, { sha, repository })
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }

  console.log('Rebuilding dist/ to check that it is fresh …')
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT, stdio: 'inherit' })
  const stale = git(['status', '--porcelain', '--', 'dist'])
  if (stale) fail(`dist/ differs from a rebuild of the sources (left rebuilt; commit it):\n${stale}`)

  const sha = git(['rev-parse', 'HEAD'])
  /** @type {string[][]} */
  const commands = [
    ['tag', '--annotate', tag, '--message', `${tag}\n\n${notes}`, sha],
    ['tag', '--force', major, `${tag}^{commit}`],
  ]
  const pushes = [['push', 'origin', `refs/tags/${tag}`], ['push', '--force', 'origin', `refs/tags/${major}`]]
  const show = (/** @type {string[]} */ c) => `git ${c.map((a) => (/^[\w./^{}:-]+$/.test(a) ? a : JSON.stringify(a.split('\n')[0] + (a.includes('\n') ? ' …' : '')))).join(' ')}`

  if (dryRun) {
    console.log(`\nDry run: ${tag} would be tagged at ${sha} and ${major} moved to it:`)
    for (const c of [...commands, ...(push ? pushes : [])]) console.log(`  would run: ${show(c)}`)
  } else {
    for (const c of commands) git(c, { capture: false })
    console.log(`\nTagged ${tag} at ${sha}; ${major} now points to it.`)
    if (push) for (const c of pushes) git(c, { capture: false })
  }
  if (!push) console.log(`\nTo publish:\n${pushes.map((c) => `  ${show(c)}`).join('\n')}`)
  console.log(`\nRelease notes for ${tag} (paste into the GitHub release):\n\n${notes}`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
