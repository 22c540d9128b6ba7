// @ts-check
/**
 * The main and post step of the local action .github/self-test/cleanup-check, which checks what
 * registry-auth's post step leaves behind on a real runner.
 *
 * Post steps run in the reverse order of their main steps, so when this action is used before the
 * registry-auth steps, its post step runs after theirs, as the last word of the job:
 * - main: records SHA-256 and mode of the files registry-auth may change (docker's config.json,
 *   npmrc, .yarnrc.yml, pip and twine files, cargo's config.toml, the gem and bundler files, plus
 *   `paths`) in the step's state;
 * - post: checks that each of them is back as it was (or still absent), and that no form of the
 *   secrets listed in `secrets-file` (raw, base64, `AWS:`/`aws:` + secret in base64, percent-encoded)
 *   is left in those files, under RUNNER_TEMP or in docker's config directory, except under
 *   `exclude`. Prints file names, never a value, and fails the job on any finding. The runner's own files
 *   for outputs, exported variables and state (RUNNER_TEMP/_runner_file_commands) are not scanned.
 * No dependencies: state and inputs go through the runner's files and variables directly.
 */
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

const MAX_SCAN_BYTES = 16 * 1024 * 1024

/** @param {string} name */
const input = (name) => (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim()

/** @param {string} path */
const expand = (path) => resolve(path.replace(/^~(?=$|[\\/])/, homedir()))

/** The files registry-auth may change in the user's home, on every platform. */
export function watchedFiles(env = process.env, home = homedir()) {
  const appData = env.APPDATA ?? join(home, 'AppData', 'Roaming')
  return [
    join(env.DOCKER_CONFIG || join(home, '.docker'), 'config.json'),
    join(home, '.npmrc'),
    join(home, '.yarnrc.yml'),
    join(home, '.pypirc'),
    join(home, '.netrc'),
    join(home, '.config', 'pip', 'pip.conf'),
    join(home, '.pip', 'pip.conf'),
    join(home, 'Library', 'Application Support', 'pip', 'pip.conf'),
    join(appData, 'pip', 'pip.ini'),
    join(env.CARGO_HOME || join(home, '.cargo'), 'config.toml'),
    join(home, '.gemrc'),
    join(home, '.gem', 'credentials'),
    join(home, '.bundle', 'config'),
  ]
}

/**
 * @param {string} path
 * @returns {{ sha256: string, mode: number } | null}
 */
function fingerprint(path) {
  if (!existsSync(path)) return null
  return {
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    mode: process.platform === 'win32' ? 0 : statSync(path).mode & 0o777,
  }
}

/**
 * Every form in which a secret could be written down by a client or by the action.
 * @param {string[]} secrets
 */
export function secretForms(secrets) {
  const forms = new Set()
  for (const secret of secrets.filter((s) => s.length >= 8)) {
    const b64 = (/** @type {string} */ text) => Buffer.from(text).toString('base64')
    for (const form of [secret, b64(secret), b64(`AWS:${secret}`), b64(`aws:${secret}`), encodeURIComponent(secret)]) {
      forms.add(form.replace(/=+$/, ''))
    }
  }
  return [...forms]
}

/**
 * The files under `dir` (not following links) that hold any of `forms`.
 * @param {string} dir
 * @param {string[]} forms
 * @param {string[]} exclude absolute paths
 * @returns {string[]}
 */
export function filesHolding(dir, forms, exclude) {
  /** @type {string[]} */
  const found = []
  /** @param {string} path */
  const visit = (path) => {
    if (exclude.some((e) => path === e || path.startsWith(`${e}/`) || path.startsWith(`${e}\\`))) return
    let stat
    try { stat = lstatSync(path) } catch { return }
    if (stat.isDirectory()) {
      let entries = []
      try { entries = readdirSync(path) } catch { return }
      for (const entry of entries) visit(join(path, entry))
    } else if (stat.isFile() && stat.size <= MAX_SCAN_BYTES) {
      let text = ''
      try { text = readFileSync(path, 'latin1') } catch { return }
      if (forms.some((form) => text.includes(form))) found.push(path)
    }
  }
  if (existsSync(dir)) visit(dir)
  return found
}

function main() {
  const files = [...watchedFiles(), ...input('paths').split(/\r?\n/).filter(Boolean).map(expand)]
  /** @type {Record<string, ReturnType<typeof fingerprint>>} */
  const snapshot = {}
  for (const file of files) snapshot[file] = fingerprint(file)
  const stateFile = process.env.GITHUB_STATE
  if (!stateFile) throw new Error('GITHUB_STATE is not set: run this as an action step')
  appendFileSync(stateFile, `snapshot=${JSON.stringify(snapshot)}\n`)
  for (const [file, print] of Object.entries(snapshot)) console.log(`${print ? 'present' : 'absent '} ${file}`)
  console.log('The post step of this action checks these files and scans for the secrets after registry-auth\'s post steps.')
}

function post() {
  let problems = 0
  /** @param {string} message */
  const problem = (message) => {
    console.log(`::error::${message}`)
    problems++
  }
  /** @type {Record<string, ReturnType<typeof fingerprint>>} */
  const snapshot = JSON.parse(process.env.STATE_snapshot ?? '{}')
  for (const [file, before] of Object.entries(snapshot)) {
    const after = fingerprint(file)
    if (JSON.stringify(after) === JSON.stringify(before)) console.log(`ok - ${file} is as it was${before ? '' : ' (absent)'}`)
    else if (!before) problem(`${file} was absent and is there now`)
    else if (!after) problem(`${file} was removed`)
    else problem(`${file} changed (${before.sha256 === after.sha256 ? 'same content' : 'other content'}, mode ${before.mode.toString(8)} → ${after.mode.toString(8)})`)
  }

  const secretsFile = input('secrets-file')
  const secrets = secretsFile && existsSync(secretsFile) ? /** @type {unknown} */ (JSON.parse(readFileSync(secretsFile, 'utf8'))) : null
  // A JSON array of secrets, or an object with one under `secrets` (as servers.mjs writes it).
  const list = Array.isArray(secrets) ? secrets : /** @type {{ secrets?: unknown }} */ (secrets ?? {}).secrets
  const values = Array.isArray(list) ? list.filter((s) => typeof s === 'string') : []
  if (secretsFile && values.length === 0) problem(`no secrets to look for in ${secretsFile}`)
  const forms = secretForms(values)
  // The runner's own channel for outputs, exported variables and state is no file the action wrote.
  const runnerFiles = process.env.RUNNER_TEMP ? [join(process.env.RUNNER_TEMP, '_runner_file_commands')] : []
  const exclude = [...runnerFiles, ...input('exclude').split(/\r?\n/).filter(Boolean).map(expand)]
  const places = [
    process.env.RUNNER_TEMP ?? '',
    process.env.DOCKER_CONFIG || join(homedir(), '.docker'),
    ...Object.keys(snapshot),
  ].filter(Boolean)
  const holding = new Set(places.flatMap((place) => filesHolding(place, forms, exclude)))
  for (const file of holding) problem(`${file} still holds a form of a credential`)
  if (holding.size === 0) console.log(`ok - no form of the ${values.length} secret(s) in ${places.length} places scanned`)
  if (problems > 0) process.exitCode = 1
}

if (process.env.GITHUB_ACTIONS || process.env.GITHUB_STATE) {
  if (process.env.STATE_snapshot === undefined) main()
  else post()
}
