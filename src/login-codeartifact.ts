/**
 * AWS CodeArtifact: token and endpoints (one concurrent batch, masked) → outputs → each tool
 * configured → environment exported → job summary.
 */
import * as core from '@actions/core'
import type { Inputs } from './inputs.js'
import type { UndoLog } from './undo.js'
import type { Workspace } from './workspace.js'
import type { Deadline } from './deadline.js'
import { TOKEN_VARIABLE, CODEARTIFACT_USERNAME, domainTokenVariable, type PackageClient } from './clients/context.js'
import { PACKAGE_CLIENTS } from './clients/index.js'
import { getCodeArtifactCredential, type CodeArtifactCredential } from './aws/codeartifact.js'
import { writeCodeArtifactSummary } from './outputs.js'
import { homeDirectory } from './platform.js'

export async function loginCodeArtifact(inputs: Inputs, undo: UndoLog, workspace: Workspace, deadline: Deadline): Promise<void> {
  const clients = inputs.tools.map((tool) => [tool, PACKAGE_CLIENTS[tool]] as const)
  const formats = [...new Set(clients.flatMap(([, client]) => (client ? [client.format] : [])))]
  const credential = await core.group('Getting the CodeArtifact token and endpoints', () => {
    const owner = inputs.domainOwner ? ` (owner ${inputs.domainOwner})` : ''
    const endpoints = formats.length > 0 ? ` and the ${formats.join(', ')} endpoints of ${inputs.repository}` : ''
    core.info(`Requesting a token for domain ${inputs.domain}${owner}${endpoints} in ${inputs.region}`)
    return getCodeArtifactCredential(
      {
        region: inputs.region ?? '',
        domain: inputs.domain ?? '',
        domainOwner: inputs.domainOwner,
        durationSeconds: inputs.durationSeconds,
        repository: inputs.repository,
        formats,
        endpointType: inputs.endpointType,
      },
      { maxAttempts: inputs.maxAttempts, httpProxy: inputs.httpProxy, mask: inputs.maskPassword, deadline },
    )
  })
  setCodeArtifactOutputs(credential)
  const exported: string[] = []
  const exportAll = (variables: Record<string, string>) => {
    if (!inputs.exportEnv) return
    for (const [name, value] of Object.entries(variables)) {
      core.exportVariable(name, value)
      if (!exported.includes(name)) exported.push(name)
    }
  }
  exportAll({ [TOKEN_VARIABLE]: credential.token })
  const done = new Set<PackageClient>()
  for (const [tool, client] of clients) {
    if (!client) throw new Error(`Input 'tools': ${tool} is not supported by this version`)
    if (done.has(client)) continue
    done.add(client)
    await core.group(`Configuring ${tool}`, async () => {
      const variables = await client.configure({
        token: credential.token, tokenVariable: domainTokenVariable(inputs.domain ?? '', inputs.domainOwner), endpoints: credential.endpoints, inputs, workspace, undo, env: process.env, homedir: homeDirectory(),
      })
      exportAll(variables)
      const names = Object.keys(variables)
      core.info(`${tool}: ${credential.endpoints[client.format]}${names.length > 0 ? ` (through ${names.join(', ')})` : ''}`)
    })
  }
  await writeCodeArtifactSummary(inputs, credential, exported)
}

function setCodeArtifactOutputs(credential: CodeArtifactCredential): void {
  core.setOutput('token', credential.token)
  core.setOutput('username', CODEARTIFACT_USERNAME)
  if (credential.expiresAt) core.setOutput('expiration', credential.expiresAt.toISOString())
  const first = Object.values(credential.endpoints)[0]
  if (first) core.setOutput('registry', first)
  core.setOutput('endpoints', JSON.stringify(credential.endpoints))
}
