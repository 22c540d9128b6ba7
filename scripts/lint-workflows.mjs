// @ts-check
/**
 * Validates the repository's GitHub Actions files:
 * - workflows (`.github/workflows/*.yml`) and action metadata (`action.yml`, local actions under
 *   `.github/`) with @actions/workflow-parser, the parser and schemas GitHub maintains for its own
 *   Actions language service (the one behind the official VS Code extension), offline;
 * - that every action taken from another repository is pinned by a full commit SHA with a
 *   `# vX.Y.Z` comment, and container images by digest;
 * - the shape of `.github/dependabot.yml` (version 2, ecosystem, directory, schedule).
 *
 * Usage: node scripts/lint-workflows.mjs [FILE...]   (default: every such file in the repository)
 * Prints one line per problem, `path:line:column: message`, and exits 1 when there is any.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { register } from 'node:module'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

/** @typedef {{ path: string, content: string }} SourceFile */
/** @typedef {{ path: string, line: number, column: number, message: string }} Problem */

const ROOT = fileURLToPath(new URL('..', import.meta.url))

// The parser imports its JSON schemas without `with { type: 'json' }`, as a bundler would accept;
// Node asks for the attribute. This hook adds it, for that package's JSON files only.
const JSON_HOOK = `export async function load(url, context, next) {
  if (url.endsWith('.json') && url.includes('/@actions/workflow-parser/')) {
    const key = 'importAttributes' in context ? 'importAttributes' : 'importAssertions'
    return next(url, { ...context, [key]: { ...context[key], type: 'json' } })
  }
  return next(url, context)
}`
register(`data:text/javascript,${encodeURIComponent(JSON_HOOK)}`)

/** @type {Promise<[typeof import('@actions/workflow-parser'), typeof import('@actions/workflow-parser/actions/index')]> | undefined} */
let parser
// One import after the other: jest's module loader fails on two that share modules at once.
const loadParser = () => (parser ??= (async () => {
  const workflows = await import('@actions/workflow-parser')
  return /** @type {const} */ ([workflows, await import('@actions/workflow-parser/actions/index')])
})())

/**
 * @param {string} path
 * @param {import('@actions/workflow-parser/templates/template-context').TemplateContext} context
 * @returns {Problem[]}
 */
function parserProblems(path, context) {
  return context.errors.getErrors().map((error) => ({
    path,
    line: error.range?.start.line ?? 1,
    column: error.range?.start.column ?? 1,
    message: error.rawMessage,
  }))
}

/**
 * A workflow against GitHub's workflow schema, then converted (job graph, `needs`, matrix, …).
 * @param {SourceFile} file
 * @returns {Promise<Problem[]>}
 */
export async function workflowProblems({ path, content }) {
  const [{ parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter }] = await loadParser()
  const result = parseWorkflow({ name: path, content }, new NoOperationTraceWriter())
  if (result.value && result.context.errors.getErrors().length === 0) {
    await convertWorkflowTemplate(result.context, result.value)
  }
  return dedupe(parserProblems(path, result.context))
}

/**
 * Action metadata against GitHub's action schema, then converted (runs, inputs, outputs).
 * @param {SourceFile} file
 * @returns {Promise<Problem[]>}
 */
export async function actionProblems({ path, content }) {
  const [{ NoOperationTraceWriter }, { parseAction, convertActionTemplate }] = await loadParser()
  const result = parseAction({ name: path, content }, new NoOperationTraceWriter())
  if (result.value && result.context.errors.getErrors().length === 0) {
    convertActionTemplate(result.context, result.value)
  }
  return dedupe(parserProblems(path, result.context))
}

/** @param {Problem[]} problems */
const dedupe = (problems) => [...new Map(problems.map((p) => [`${p.line}:${p.column}:${p.message}`, p])).values()]

const USES = /^(\s*(?:-\s+)?uses:\s*)(["']?)([^"'\s#]+)\2\s*(?:#\s*(.*))?$/

/**
 * Every `uses:` of another repository's action pinned by a 40-hex commit SHA and followed by a
 * `# vX.Y.Z` comment (the tag the SHA was taken from, which Dependabot updates together with
 * it); `docker://` images pinned by digest; local actions (`./…`) as they are.
 * @param {SourceFile} file
 * @returns {Problem[]}
 */
export function pinProblems({ path, content }) {
  /** @type {Problem[]} */
  const problems = []
  content.split(/\r?\n/).forEach((text, index) => {
    const match = USES.exec(text)
    if (!match) return
    const [, before = '', , ref = '', comment] = match
    const at = { path, line: index + 1, column: before.length + 1 }
    if (ref.startsWith('./')) return
    if (ref.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(ref)) problems.push({ ...at, message: `${ref}: pin the image by digest (docker://image@sha256:…)` })
      return
    }
    const sha = /^[\w.-]+\/[\w.-]+(?:\/[^@\s]+)?@([0-9a-f]{40})$/.exec(ref)
    if (!sha) {
      problems.push({ ...at, message: `${ref}: pin the action by its full commit SHA (owner/repo@<40 hex digits> # vX.Y.Z)` })
    } else if (!/^v\d+\.\d+\.\d+\S*$/.test(comment?.trim() ?? '')) {
      problems.push({ ...at, message: `${ref}: add the release the SHA belongs to as a comment (# vX.Y.Z)` })
    }
  })
  return problems
}

const ECOSYSTEMS = new Set(['bun', 'bundler', 'cargo', 'composer', 'devcontainers', 'docker', 'docker-compose',
  'dotnet-sdk', 'elm', 'github-actions', 'gitsubmodule', 'gomod', 'gradle', 'helm', 'maven', 'mix', 'npm',
  'nuget', 'pip', 'pub', 'swift', 'terraform', 'uv'])
const INTERVALS = new Set(['daily', 'weekly', 'monthly', 'quarterly', 'semiannually', 'yearly', 'cron'])

/**
 * The parts of Dependabot's configuration schema this repository uses.
 * @param {SourceFile} file
 * @returns {Problem[]}
 */
export function dependabotProblems({ path, content }) {
  const at = (/** @type {string} */ message) => ({ path, line: 1, column: 1, message })
  /** @type {any} */
  let config
  try {
    config = parseYaml(content, { prettyErrors: false })
  } catch (error) {
    return [at(`not YAML: ${error instanceof Error ? error.message : String(error)}`)]
  }
  if (config?.version !== 2) return [at("'version' must be 2")]
  if (!Array.isArray(config.updates) || config.updates.length === 0) return [at("'updates' must list at least one ecosystem")]
  /** @type {Problem[]} */
  const problems = []
  config.updates.forEach((/** @type {any} */ update, /** @type {number} */ i) => {
    const name = `updates[${i}]`
    if (!ECOSYSTEMS.has(update?.['package-ecosystem'])) problems.push(at(`${name}: unknown package-ecosystem ${JSON.stringify(update?.['package-ecosystem'])}`))
    if (typeof update?.directory !== 'string' && !Array.isArray(update?.directories)) problems.push(at(`${name}: 'directory' is required`))
    if (!INTERVALS.has(update?.schedule?.interval)) problems.push(at(`${name}: schedule.interval must be one of ${[...INTERVALS].join(', ')}`))
  })
  return problems
}

/**
 * @param {SourceFile} file
 * @returns {Promise<Problem[]>}
 */
export async function lintFile(file) {
  const name = file.path.split(/[\\/]/).pop() ?? ''
  if (/^dependabot\.ya?ml$/.test(name)) return dependabotProblems(file)
  if (/^action\.ya?ml$/.test(name)) return [...await actionProblems(file), ...pinProblems(file)]
  return [...await workflowProblems(file), ...pinProblems(file)]
}

/**
 * The files this repository has: action.yml, the workflows, local actions under .github/ and the
 * Dependabot configuration; paths relative to `root`, with `/`.
 * @param {string} [root]
 */
export function repositoryFiles(root = ROOT) {
  const files = ['action.yml', '.github/dependabot.yml'].filter((f) => existsSync(join(root, f)))
  const github = join(root, '.github')
  if (existsSync(github)) {
    for (const entry of readdirSync(github, { recursive: true, encoding: 'utf8' }).sort()) {
      const path = `.github/${entry.split(sep).join('/')}`
      if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) || /\/action\.ya?ml$/.test(path)) files.push(path)
    }
  }
  return files
}

/** @param {Problem} p */
export const formatProblem = (p) => `${p.path}:${p.line}:${p.column}: ${p.message}`

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2)
  const paths = args.length > 0 ? args : repositoryFiles().map((f) => join(ROOT, f))
  let count = 0
  for (const path of paths) {
    const shown = relative(process.cwd(), path).split(sep).join('/') || path
    for (const problem of await lintFile({ path: shown, content: readFileSync(path, 'utf8') })) {
      console.log(formatProblem(problem))
      count++
    }
  }
  if (count > 0) {
    console.log(`${count} problem${count === 1 ? '' : 's'} in ${paths.length} file${paths.length === 1 ? '' : 's'}`)
    process.exitCode = 1
  } else {
    console.log(`${paths.length} file${paths.length === 1 ? '' : 's'} checked: no problems`)
  }
}
