/**
 * AWS CodeArtifact: token and endpoints (one concurrent batch, masked) → outputs → each tool
 * configured → environment exported → job summary.
 */
import * as core from '@actions/core'
import { getCodeArtifactCredential, type CodeArtifactCredential } from './aws/codeartifact.js'
import { CODEARTIFACT_USERNAME } from './aws/usernames.js'
import { entryOf, type PackageEntry } from './clients/catalog.js'
import { TOKEN_VARIABLE, domainTokenVariable, type PackageClient } from './clients/context.js'
import type { Deadline } from './deadline.js'
import { exporter } from './exporter.js'
import type { CodeArtifactInputs } from './inputs.js'
import { writeCodeArtifactSummary } from './outputs.js'
import { homeDirectory } from './platform.js'
import type { Workspace } from './workspace.js'

export async function loginCodeArtifact(inputs: CodeArtifactInputs, workspace: Workspace, deadline: Deadline): Promise<void> {
  const entries = inputs.tools.map((tool) => [tool, entryOf(tool) as PackageEntry] as const)
  const formats = [...new Set(entries.map(([, entry]) => entry.format))]
  const credential = await core.group('Getting the CodeArtifact token and endpoints', () => {
    const owner = inputs.domainOwner ? ` (owner ${inputs.domainOwner})` : ''
    const endpoints = formats.length > 0 ? ` and the ${formats.join(', ')} endpoints of ${inputs.repository}` : ''
    core.info(`Requesting a token for domain ${inputs.domain}${owner}${endpoints} in ${inputs.region}`)
    const { region, domain, domainOwner, durationSeconds, repository, endpointType } = inputs
    return getCodeArtifactCredential(
      { region, domain, domainOwner, durationSeconds, repository, formats, endpointType },
      { maxAttempts: inputs.maxAttempts, httpProxy: inputs.httpProxy, mask: inputs.maskPassword, deadline },
    )
  })
  setCodeArtifactOutputs(credential)
  const exported = exporter(inputs.exportEnv)
  exported.add({ [TOKEN_VARIABLE]: credential.token })
  const done = new Set<PackageClient>()
  for (const [tool, entry] of entries) {
    const client = await entry.load()
    // pnpm shares npm's module: one npmrc for both.
    if (done.has(client)) continue
    done.add(client)
    const endpoint = credential.endpoints[entry.format] as string
    await core.group(`Configuring ${tool}`, async () => {
      const variables = await client.configure({
        token: credential.token,
        tokenVariable: domainTokenVariable(inputs.domain, inputs.domainOwner),
        endpoint,
        settings: inputs.settings,
        workspace,
        deadline,
        env: process.env,
        home: homeDirectory(),
      })
      exported.add(variables)
      const names = Object.keys(variables)
      core.info(`${tool}: ${endpoint}${names.length > 0 ? ` (through ${names.join(', ')})` : ''}`)
    })
  }
  await writeCodeArtifactSummary(inputs, credential, exported.names)
}


function setCodeArtifactOutputs(credential: CodeArtifactCredential): void {
  core.setOutput('token', credential.token)
  core.setOutput('username', CODEARTIFACT_USERNAME)
  if (credential.expiresAt) core.setOutput('expiration', credential.expiresAt.toISOString())
  const first = Object.values(credential.endpoints)[0]
  if (first) core.setOutput('registry', first)
  core.setOutput('endpoints', JSON.stringify(credential.endpoints))
}
