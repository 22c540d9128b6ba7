/** The main step: inputs (validated before anything else) → the service's login flow, within the step's time limit. */
import * as core from '@actions/core'
import { Deadline } from './deadline.js'
import { entryOf, runsOn, type Tool } from './clients/catalog.js'
import { readInputs } from './inputs.js'
import { isInstalled } from './platform.js'
import { maskSecret } from './mask.js'
import { writeFailureSummary } from './outputs.js'
import { UndoLog, saveNoRecords } from './undo.js'
import { Workspace } from './workspace.js'

export async function run(): Promise<void> {
  // First of all: the post step then replays only what this run records, never an undo list that
  // came from elsewhere (a STATE_undo in the job's environment).
  saveNoRecords()
  let accepted = false
  try {
    const inputs = readInputs((name) => core.getInput(name, { trimWhitespace: false }), process.env)
    accepted = true
    maskProxyPassword(inputs.httpProxy)
    const deadline = new Deadline(inputs.timeoutSeconds)
    await withinDeadline(deadline, async () => {
      for (const warning of inputs.warnings) core.warning(warning)
      await checkInstalled(inputs.tools)
      if (!inputs.maskPassword) {
        core.warning('mask-password is false: the credential is not masked and may show in logs; use it only to pass it to another job')
      }
      const workspace = new Workspace(new UndoLog(inputs.logout))
      if (inputs.service === 'codeartifact') {
        const { loginCodeArtifact } = await import('./login-codeartifact.js')
        await loginCodeArtifact(inputs, workspace, deadline)
      } else {
        const { loginEcr } = await import('./login-ecr.js')
        await loginEcr(inputs, workspace, deadline)
      }
      if (!inputs.logout) core.info('logout is false: the configuration stays after the job')
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    core.setFailed(message)
    // A bad input is one error line and nothing else; a failure after that also gets a summary.
    if (accepted) await writeFailureSummary(message).catch(() => undefined)
  }
}

/**
 * Runs `work`, failing when the step's time limit is reached first. Each AWS call and client process
 * has its own limit within it; this one also covers what has none (the SDK's credential providers).
 * After a timeout the process exits on its own, even with a call still hanging.
 */
async function withinDeadline(deadline: Deadline, work: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    // A second after the limit: the calls and processes that reach it report first, naming themselves.
    timer = setTimeout(() => {
      reject(new Error(`The step did not finish within ${deadline.describe()}; what it configured so far is undone by the post step`))
      setTimeout(() => process.exit(), 100).unref()
    }, deadline.remainingMs() + 1000)
    timer.unref()
  })
  try {
    await Promise.race([work(), expired])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * A client the action runs must be installed; one it configures through files or environment is
 * configured anyway (a later step may install it), and the log says so.
 */
async function checkInstalled(tools: Tool[]): Promise<void> {
  for (const tool of tools) {
    const { executables } = entryOf(tool)
    if (executables.length === 0 || (await isInstalled([...executables]))) continue
    if (runsOn(entryOf(tool))) {
      throw new Error(`Input 'tools': ${tool} is not installed (${executables.join(' or ')} not found on PATH); install it first or remove it from tools`)
    }
    core.info(`${tool} is not on PATH yet: it is configured for a later step that installs it`)
  }
}

function maskProxyPassword(proxy: string | undefined): void {
  if (!proxy) return
  // The password as written in the URL and decoded (inputs.ts checked that it decodes); maskSecret adds the other encodings.
  const { password } = new URL(proxy)
  if (password) for (const form of new Set([password, decodeURIComponent(password)])) maskSecret(form)
}
