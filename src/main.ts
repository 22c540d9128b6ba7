/** The main step: inputs (validated before anything else) → the service's login flow. */
import * as core from '@actions/core'
import { readInputs } from './inputs.js'
import { isInstalled } from './platform.js'
import { maskSecret } from './mask.js'
import { UndoLog } from './undo.js'
import { Workspace } from './workspace.js'

export async function run(): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name, { trimWhitespace: false }), process.env)
    maskProxyPassword(inputs.httpProxy)
    for (const warning of inputs.warnings) core.warning(warning)
    await checkInstalled(inputs.tools)
    if (!inputs.maskPassword) {
      core.warning('mask-password is false: the credential is not masked and may show in logs; use it only to pass it to another job')
    }
    const undo = new UndoLog(inputs.logout)
    const workspace = new Workspace(undo)
    if (inputs.service === 'codeartifact') {
      const { loginCodeArtifact } = await import('./login-codeartifact.js')
      await loginCodeArtifact(inputs, undo, workspace)
    } else {
      const { loginEcr } = await import('./login-ecr.js')
      await loginEcr(inputs, undo, workspace)
    }
    if (!inputs.logout) core.info('logout is false: the configuration stays after the job')
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

/** Executables that count as the tool being installed. */
const EXECUTABLES: Record<string, string[]> = { pip: ['pip', 'pip3'] }

async function checkInstalled(tools: string[]): Promise<void> {
  for (const tool of tools) {
    const names = EXECUTABLES[tool] ?? [tool]
    if (!(await isInstalled(names))) {
      throw new Error(`Input 'tools': ${tool} is not installed (${names.join(' or ')} not found on PATH); install it first or remove it from tools`)
    }
  }
}

function maskProxyPassword(proxy: string | undefined): void {
  if (!proxy) return
  // The password as written in the URL and decoded; maskSecret adds the other encodings.
  const { password } = new URL(proxy)
  if (password) for (const form of new Set([password, decodeURIComponent(password)])) maskSecret(form)
}
