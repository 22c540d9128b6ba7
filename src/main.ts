/** The main step: inputs → credentials (masked) → outputs → client logins → summary. */
import * as core from '@actions/core'
import * as io from '@actions/io'
import { readInputs, InputError, type Inputs } from './inputs.js'
import { maskSecret } from './mask.js'
import { UndoLog } from './undo.js'
import { Workspace } from './workspace.js'
import { setRegistryOutputs, writeRegistrySummary } from './outputs.js'
import type { RegistryCredential } from './aws/authorization.js'

export async function run(): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name), process.env)
    maskProxyPassword(inputs.httpProxy)
    for (const warning of inputs.warnings) core.warning(warning)
    await checkInstalled(inputs.tools)
    if (inputs.service === 'codeartifact') throw new Error('CodeArtifact is not supported by this version yet')
    if (!inputs.maskPassword) {
      core.warning('mask-password is false: the registry password is not masked and may show in logs; use it only to pass the password to another job')
    }
    const credentials = await core.group(`Getting ${inputs.service === 'ecr-public' ? 'ECR Public' : 'ECR'} credentials`, () => getCredentials(inputs))
    setRegistryOutputs(credentials)
    const undo = new UndoLog(inputs.logout)
    const workspace = new Workspace(undo)
    if (inputs.tools.length > 0) {
      const { loginRegistries } = await import('./clients/oci.js')
      for (const tool of inputs.tools) {
        await core.group(`Logging in ${tool}`, () => loginRegistries(tool, credentials, undo, workspace))
      }
    }
    if (!inputs.logout) core.info('logout is false: the logins stay after the job')
    await writeRegistrySummary(inputs.service, credentials, inputs.tools)
  } catch (error) {
    core.setFailed(error instanceof InputError || error instanceof Error ? error.message : String(error))
  }
}

async function getCredentials(inputs: Inputs): Promise<RegistryCredential[]> {
  const options = { maxAttempts: inputs.maxAttempts, httpProxy: inputs.httpProxy, mask: inputs.maskPassword }
  if (inputs.service === 'ecr-public') {
    const { getEcrPublicCredentials } = await import('./aws/ecr-public.js')
    return getEcrPublicCredentials(options)
  }
  const regions = [...new Set(inputs.registries.map((registry) => registry.region))]
  core.info(`Requesting ECR tokens in ${regions.length > 0 ? regions.join(', ') : inputs.region}`)
  const { getEcrCredentials } = await import('./aws/ecr.js')
  return getEcrCredentials(inputs.registries, inputs.region ?? '', options)
}

async function checkInstalled(tools: string[]): Promise<void> {
  const command = (tool: string) => (tool === 'dotnet' || tool === 'nuget' ? 'dotnet' : tool === 'maven' ? 'mvn' : tool)
  for (const tool of tools) {
    if (!(await io.which(command(tool), false))) {
      throw new Error(`Input 'tools': ${tool} is not installed (${command(tool)} was not found on PATH); install it first or remove it from tools`)
    }
  }
}

function maskProxyPassword(proxy: string | undefined): void {
  if (!proxy) return
  const url = new URL(proxy)
  if (url.password) maskSecret(decodeURIComponent(url.password))
  if (url.password) maskSecret(url.password)
}
