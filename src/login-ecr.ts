/** Amazon ECR and ECR Public: credentials (masked) → outputs → registry logins → job summary. */
import * as core from '@actions/core'
import type { Inputs } from './inputs.js'
import type { UndoLog } from './undo.js'
import type { Workspace } from './workspace.js'
import type { Deadline } from './deadline.js'
import type { RegistryCredential } from './aws/authorization.js'
import { setRegistryOutputs, writeRegistrySummary } from './outputs.js'

export async function loginEcr(inputs: Inputs, undo: UndoLog, workspace: Workspace, deadline: Deadline): Promise<void> {
  const label = inputs.service === 'ecr-public' ? 'ECR Public' : 'ECR'
  const credentials = await core.group(`Getting ${label} credentials`, () => getCredentials(inputs, deadline))
  setRegistryOutputs(credentials)
  if (inputs.tools.length > 0) {
    const { loginRegistries } = await import('./clients/oci.js')
    for (const tool of inputs.tools) {
      await core.group(`Logging in ${tool}`, () => loginRegistries(tool, credentials, undo, workspace, deadline))
    }
  }
  await writeRegistrySummary(inputs.service, credentials, inputs.tools)
}

async function getCredentials(inputs: Inputs, deadline: Deadline): Promise<RegistryCredential[]> {
  const options = { maxAttempts: inputs.maxAttempts, httpProxy: inputs.httpProxy, mask: inputs.maskPassword, deadline }
  if (inputs.service === 'ecr-public') {
    const { getEcrPublicCredentials } = await import('./aws/ecr-public.js')
    return getEcrPublicCredentials(options)
  }
  const regions = [...new Set(inputs.registries.map((registry) => registry.region))]
  core.info(`Requesting ECR tokens in ${regions.length > 0 ? regions.join(', ') : inputs.region}`)
  const { getEcrCredentials } = await import('./aws/ecr.js')
  return getEcrCredentials(inputs.registries, inputs.region ?? '', options)
}
