/** Amazon ECR and ECR Public: credentials (masked) → outputs → each client configured → environment exported → job summary. */
import * as core from '@actions/core'
import type { RegistryCredential } from './aws/authorization.js'
import { entryOf, type RegistryTool } from './clients/catalog.js'
import type { RegistryClient } from './clients/context.js'
import type { Deadline } from './deadline.js'
import type { EcrInputs } from './inputs.js'
import { setRegistryOutputs, writeRegistrySummary } from './outputs.js'
import { homeDirectory } from './platform.js'
import type { Workspace } from './workspace.js'
import { exporter } from './exporter.js'

export async function loginEcr(inputs: EcrInputs, workspace: Workspace, deadline: Deadline): Promise<void> {
  const label = inputs.service === 'ecr-public' ? 'ECR Public' : 'ECR'
  const credentials = await core.group(`Getting ${label} credentials`, () => getCredentials(inputs, deadline))
  setRegistryOutputs(credentials)
  const exported = exporter(inputs.exportEnv)
  const done = new Set<RegistryClient>()
  for (const tool of inputs.tools) {
    const client = await (entryOf(tool).load() as Promise<RegistryClient>)
    // podman, buildah and skopeo share one module and one auth file.
    if (done.has(client)) continue
    done.add(client)
    await core.group(`Configuring ${clientsOf(inputs.tools, tool).join(', ')}`, async () => {
      exported.add(await client.configure({ credentials, workspace, deadline, env: process.env, home: homeDirectory() }))
    })
  }
  await writeRegistrySummary(inputs.service, credentials, inputs.tools)
}

/** The tools of this run that share `tool`'s module. */
const clientsOf = (tools: RegistryTool[], tool: RegistryTool): RegistryTool[] =>
  tools.filter((other) => entryOf(other).load === entryOf(tool).load)

async function getCredentials(inputs: EcrInputs, deadline: Deadline): Promise<RegistryCredential[]> {
  const options = { maxAttempts: inputs.maxAttempts, httpProxy: inputs.httpProxy, mask: inputs.maskPassword, deadline }
  if (inputs.service === 'ecr-public') {
    core.info('Requesting the ECR Public token in us-east-1 (the region of its API) for public.ecr.aws')
    const { getEcrPublicCredentials } = await import('./aws/ecr-public.js')
    return getEcrPublicCredentials(options)
  }
  const regions = [...new Set(inputs.registries.map((registry) => registry.region))]
  core.info(`Requesting ECR tokens in ${regions.length > 0 ? regions.join(', ') : inputs.region}`)
  const { getEcrCredentials } = await import('./aws/ecr.js')
  return getEcrCredentials(inputs.registries, inputs.region ?? '', options)
}
