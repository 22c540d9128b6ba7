// @ts-check
/**
 * Runs a JavaScript action (its `runs.main`, then `runs.post`) the way the GitHub Actions runner
 * does, and returns what a workflow and a log viewer would see. Modules: manifest.js (action.yml,
 * INPUT_*), process.js (spawn), step-log.js + commands.js (workflow commands), masker.js (add-mask,
 * literal values only), files.js (GITHUB_* files), leaks.js (secret scanning).
 *
 * Choices, where the runner leaves room:
 * - The process env is built from scratch: PATH (from `env` or this process), `env`, the values main
 *   exported (post only), `stepEnv`, STATE_* (post only), INPUT_*, then the runner's GITHUB_* /
 *   RUNNER_* values, which win as in the runner. HOME and everything else come only from `env`.
 * - Entry points run with this Node (process.execPath), whatever `runs.using` says.
 * - The output is interpreted after the process exits; the result is the same as line by line.
 * - The masker is job-wide: values masked in main are masked in post too.
 * - Leaks are searched in what others can see: both masked logs, both summaries as uploaded
 *   (masked), the state handed to post, the exported env as later steps' headers show it (masked),
 *   and `scanFiles`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createFileCommandFiles, processFileCommands } from './files.js'
import { scanForLeaks } from './leaks.js'
import { evaluatePostIf, inputEnvironment, loadActionManifest } from './manifest.js'
import { SecretMasker } from './masker.js'
import { runNodeScript } from './process.js'
import { StepLog } from './step-log.js'

export { scanForLeaks, secretForms, labelledSecretForms } from './leaks.js'
export { parseCommand, splitLines } from './commands.js'
export { parseKeyValues } from './files.js'
export { SecretMasker } from './masker.js'

/** The repository root (this file lives in test-support/harness/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * @typedef {object} StepResult
 * @property {number | null} exitCode
 * @property {NodeJS.Signals | null} signal
 * @property {boolean} timedOut
 * @property {number} durationMs
 * @property {'success' | 'failure'} outcome failure: non-zero exit, timeout, or a command the runner rejects
 * @property {string} raw the process's stdout+stderr, unmasked, in write order
 * @property {string} log what the runner shows: masked, commands interpreted, `##[debug]` only with debug
 * @property {string[]} lines `log` split into lines
 * @property {import('./commands.js').WorkflowCommand[]} commands interpreted commands (data unmasked)
 * @property {string[]} masks values registered with add-mask in this step
 * @property {string[]} errors masked annotation messages
 * @property {string[]} warnings
 * @property {string[]} notices
 * @property {string[]} debug masked `::debug::` messages (recorded even when debug is off)
 * @property {import('./step-log.js').Annotation[]} annotations
 * @property {Record<string, string>} outputs
 * @property {Record<string, string>} env what this step exported for later steps (GITHUB_ENV)
 * @property {Record<string, string>} state what this step saved for the post step (GITHUB_STATE)
 * @property {string[]} path what this step added to PATH (GITHUB_PATH), oldest first
 * @property {string} summary GITHUB_STEP_SUMMARY as written
 * @property {string} maskedSummary the summary as the runner uploads it (masked per line)
 */

/**
 * @typedef {object} RunOptions
 * @property {string} [actionDir] directory holding action.yml (default: the repository root)
 * @property {Record<string, string | number | boolean>} [with] step inputs
 * @property {Record<string, string>} [env] job-level env; values the action exports override it in post
 * @property {Record<string, string>} [stepEnv] the step's own `env:`; wins over exported values
 * @property {boolean} [debug] step debug logging (RUNNER_DEBUG=1, `##[debug]` lines, command echo)
 * @property {boolean} [post] run runs.post (default true)
 * @property {number} [timeoutMs] per step (default 60000); the process group is killed
 * @property {string[]} [secrets] known secrets to scan for
 * @property {string[]} [scanFiles] more files to scan after the post step
 * @property {string} [stepId] the step's id (GITHUB_ACTION; default '__self')
 * @property {string} [workspace] GITHUB_WORKSPACE and working directory (default: inside tempDir)
 * @property {Record<string, string>} [runner] overrides of the runner's GITHUB_* / RUNNER_* values
 * @property {string} [node] the node binary (default: process.execPath)
 * @property {(main: StepResult, later: { env: Record<string, string> }) => unknown} [beforePost]
 *   runs between main and post, like later steps; `later.env` is what a later step's process gets
 */

/**
 * @typedef {object} RunResult
 * @property {StepResult} main
 * @property {StepResult | null} post null when there is no post step or its condition was false
 * @property {import('./leaks.js').Leak[]} leaks empty means clean
 * @property {string} tempDir root of everything the run created
 * @property {string} runnerTemp RUNNER_TEMP
 * @property {string} workspace GITHUB_WORKSPACE
 * @property {() => void} cleanup removes tempDir
 */

/**
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
export async function runAction(options = {}) {
  const manifest = loadActionManifest(options.actionDir ?? repoRoot)
  const tempDir = mkdtempSync(join(tmpdir(), 'action-run-'))
  const cleanup = () => rmSync(tempDir, { recursive: true, force: true })
  try {
    const runnerTemp = join(tempDir, 'work', '_temp')
    const workspace = options.workspace ?? join(tempDir, 'work', 'repo', 'repo')
    for (const dir of [runnerTemp, workspace, join(tempDir, 'toolcache'), join(runnerTemp, '_github_workflow')]) {
      mkdirSync(dir, { recursive: true })
    }
    const eventPath = join(runnerTemp, '_github_workflow', 'event.json')
    writeFileSync(eventPath, '{}\n')
    const masker = new SecretMasker()
    const inputs = inputEnvironment(manifest, options.with)
    /** @type {Record<string, string>} */
    const runtime = {
      CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_ACTION: options.stepId ?? '__self', GITHUB_ACTOR: 'octocat',
      GITHUB_ACTOR_ID: '583231', GITHUB_API_URL: 'https://api.github.com', GITHUB_BASE_REF: '',
      GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: eventPath, GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
      GITHUB_HEAD_REF: '', GITHUB_JOB: 'test', GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main',
      GITHUB_REF_PROTECTED: 'false', GITHUB_REF_TYPE: 'branch', GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_REPOSITORY_ID: '123456', GITHUB_REPOSITORY_OWNER: 'octo-org', GITHUB_REPOSITORY_OWNER_ID: '654321',
      GITHUB_RETENTION_DAYS: '90', GITHUB_RUN_ATTEMPT: '1', GITHUB_RUN_ID: '1234567890', GITHUB_RUN_NUMBER: '1',
      GITHUB_SERVER_URL: 'https://github.com', GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
      GITHUB_TRIGGERING_ACTOR: 'octocat', GITHUB_WORKFLOW: 'CI',
      GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
      GITHUB_WORKFLOW_SHA: 'ffac537e6cbbf934b08745a378932722df287a53', GITHUB_WORKSPACE: workspace,
      RUNNER_ARCH: 'X64', RUNNER_ENVIRONMENT: 'github-hosted', RUNNER_NAME: 'GitHub Actions 1', RUNNER_OS: 'Linux',
      RUNNER_TEMP: runnerTemp, RUNNER_TOOL_CACHE: join(tempDir, 'toolcache'), RUNNER_WORKSPACE: dirname(workspace),
      ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
      ...options.runner,
    }

    /**
     * @param {'main' | 'post'} stage
     * @param {StepResult | null} main
     */
    const runStage = async (stage, main) => {
      const envContext = { ...options.env, ...main?.env, ...options.stepEnv }
      const log = new StepLog({
        masker, debug: options.debug, stepId: runtime.GITHUB_ACTION,
        allowUnsecureCommands: /^true$/i.test(envContext.ACTIONS_ALLOW_UNSECURE_COMMANDS ?? ''),
      })
      if (stage === 'main' && inputs.warning) log.issue('warning', inputs.warning)
      const files = createFileCommandFiles(runnerTemp)
      const state = Object.fromEntries(Object.entries(main?.state ?? {}).map(([k, v]) => [`STATE_${k}`, v]))
      const env = { ...processEnv(envContext, main?.path ?? []), ...state, ...inputs.env, ...runtime, ...files }
      const script = join(manifest.dir, stage === 'main' ? manifest.main : String(manifest.post))
      const outputFile = join(tempDir, `${stage}.out`)
      const timeoutMs = options.timeoutMs ?? 60000
      const proc = await runNodeScript({ script, cwd: workspace, env, outputFile, timeoutMs, node: options.node })
      log.processOutput(proc.raw)
      if (proc.timedOut) log.issue('error', 'The action has timed out.')
      else log.runnerDebug(`Node Action run completed with exit code ${proc.exitCode}`)
      const { summary, maskedSummary } = processFileCommands(files, log)
      const outcome = proc.exitCode === 0 && !proc.timedOut && !log.failed ? 'success' : 'failure'
      const pick = (/** @type {string} */ type) => log.annotations.filter((a) => a.type === type).map((a) => a.message)
      /** @type {StepResult} */
      const result = {
        ...proc, outcome, log: log.lines.join('\n'), lines: log.lines, commands: log.commands, masks: log.masks,
        errors: pick('error'), warnings: pick('warning'), notices: pick('notice'), debug: log.debug,
        annotations: log.annotations, outputs: log.outputs, env: log.env, state: log.state, path: log.path,
        summary, maskedSummary,
      }
      return result
    }

    const main = await runStage('main', null)
    const exportedView = Object.entries(main.env).map(([k, v]) => masker.mask(`  ${k}: ${v}`)).join('\n')
    /** @type {StepResult | null} */
    let post = null
    let hookError = null
    try {
      const laterEnv = { ...processEnv({ ...options.env, ...main.env }, main.path), ...runtime }
      await options.beforePost?.(main, { env: laterEnv })
    } catch (error) {
      hookError = error
    }
    if (options.post !== false && manifest.post && evaluatePostIf(manifest.postIf, main.outcome === 'success')) {
      post = await runStage('post', main)
    }
    if (hookError) throw hookError
    const texts = [
      { where: 'main log', text: main.log },
      { where: 'post log', text: post?.log ?? '' },
      { where: 'main summary', text: main.maskedSummary },
      { where: 'post summary', text: post?.maskedSummary ?? '' },
      { where: 'state', text: Object.entries(main.state).map(([k, v]) => `${k}=${v}`).join('\n') },
      { where: 'exported env (as later steps show it)', text: exportedView },
      ...(options.scanFiles ?? []).filter((f) => existsSync(f)).map((f) => ({ where: f, text: readFileSync(f, 'utf8') })),
    ]
    const leaks = scanForLeaks(texts, options.secrets ?? [])
    return { main, post, leaks, tempDir, runnerTemp, workspace, cleanup }
  } catch (error) {
    cleanup()
    throw error
  }
}

/**
 * The environment of a step's process before state, inputs and runner values: the env context
 * with PATH. Nothing but PATH (when the env context has none) comes from the test process.
 * @param {Record<string, string | undefined>} envContext
 * @param {string[]} path
 * @returns {Record<string, string>}
 */
function processEnv(envContext, path) {
  /** @type {Record<string, string>} */
  const env = {}
  for (const [k, v] of Object.entries(envContext)) if (v !== undefined) env[k] = v
  // GITHUB_PATH entries, newest first, before the PATH of the env context (or of this process).
  const base = envContext.PATH ?? process.env.PATH ?? ''
  env.PATH = [...[...path].reverse(), base].filter((p) => p !== '').join(delimiter)
  return env
}

