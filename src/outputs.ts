/** Step outputs and the job summary for registry logins. No secret reaches the summary. */
import * as core from '@actions/core'
import type { RegistryCredential } from './aws/authorization.js'
import type { CodeArtifactCredential } from './aws/codeartifact.js'
import type { CodeArtifactInputs } from './inputs.js'

/** Text for the job summary, which is HTML: every value goes in escaped (it may come from an AWS answer). */
export const html = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** amazon-ecr-login's output suffix: every run of characters outside [a-zA-Z0-9_] becomes `_`. */
export function outputSuffix(host: string): string {
  return host.replace(/[^a-zA-Z0-9_]+/g, '_')
}

export function earliest(dates: (Date | undefined)[]): Date | undefined {
  const times = dates.flatMap((date) => (date ? [date.getTime()] : []))
  return times.length > 0 ? new Date(Math.min(...times)) : undefined
}

export function setRegistryOutputs(credentials: RegistryCredential[]): void {
  const first = credentials[0]
  if (!first) return
  core.setOutput('registry', first.host)
  core.setOutput('registries', credentials.map((credential) => credential.host).join(','))
  core.setOutput('username', first.username)
  core.setOutput('token', first.password)
  const expiration = earliest(credentials.map((credential) => credential.expiresAt))
  if (expiration) core.setOutput('expiration', expiration.toISOString())
  for (const credential of credentials) {
    core.setOutput(`docker_username_${outputSuffix(credential.host)}`, credential.username)
    core.setOutput(`docker_password_${outputSuffix(credential.host)}`, credential.password)
  }
}

export async function writeRegistrySummary(service: string, credentials: RegistryCredential[], tools: string[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const rows = credentials.map((credential) => [
    credential.host,
    credential.region,
    credential.expiresAt ? credential.expiresAt.toISOString() : 'unknown',
  ].map(html))
  await core.summary
    .addHeading(`Registry login: ${service === 'ecr-public' ? 'Amazon ECR Public' : 'Amazon ECR'}`, 3)
    .addTable([[{ data: 'Registry', header: true }, { data: 'Region', header: true }, { data: 'Expires (UTC)', header: true }], ...rows])
    .addRaw(html(`Configured: ${tools.length > 0 ? tools.join(', ') : 'no client (outputs only)'}`), true)
    .write()
}

export async function writeCodeArtifactSummary(inputs: CodeArtifactInputs, credential: CodeArtifactCredential, exported: string[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const rows = Object.entries(credential.endpoints).map(([format, endpoint]) => [html(format), html(endpoint)])
  const summary = core.summary
    .addHeading(html(`CodeArtifact: ${inputs.domain}${inputs.repository ? ` / ${inputs.repository}` : ''}`), 3)
    .addList([
      `Region: ${inputs.region}${inputs.domainOwner ? `, domain owner ${inputs.domainOwner}` : ''}`,
      `Expires (UTC): ${credential.expiresAt ? credential.expiresAt.toISOString() : 'unknown'}`,
      `Configured: ${inputs.tools.length > 0 ? inputs.tools.join(', ') : 'no client (outputs only)'}`,
      `Environment for later steps: ${exported.length > 0 ? exported.join(', ') : 'none'}`,
    ].map(html))
  if (rows.length > 0) summary.addTable([[{ data: 'Format', header: true }, { data: 'Repository endpoint', header: true }], ...rows])
  await summary.write()
}

/** The job summary of a failed step: what failed (each cause on its line, with what to do) and that nothing is left. */
export async function writeFailureSummary(message: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary
    .addHeading('Registry login failed', 3)
    .addList(message.split('\n').map(html))
    .addRaw(html('Whatever this step configured before it failed is put back by its post step.'), true)
    .write()
}
