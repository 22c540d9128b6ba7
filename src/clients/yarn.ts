/**
 * yarn (berry). Without scopes, environment alone does it: YARN_NPM_REGISTRY_SERVER,
 * YARN_NPM_AUTH_TOKEN, YARN_NPM_ALWAYS_AUTH. Scopes can only be set in a file: ~/.yarnrc.yml gets
 * `npmScopes` entries whose token is `${CODEARTIFACT_AUTH_TOKEN_<DOMAIN>}`, after a byte-exact backup that the
 * post step puts back.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { parseDocument } from 'yaml'
import { backupFile, readIfExists, realFile } from '../workspace.js'
import { endpointFor, type PackageClient, type PackageContext } from './context.js'

/** The yarnrc text with one `npmScopes` entry per scope (names without `@`), comments kept. */
export function yarnrcWithScopes(text: string, endpoint: string, scopes: string[], tokenVariable: string): string {
  const document = parseDocument(text)
  if (document.errors.length > 0) throw new Error(`cannot parse .yarnrc.yml: ${document.errors[0]?.message}`)
  for (const scope of scopes) {
    const name = scope.replace(/^@/, '')
    document.setIn(['npmScopes', name, 'npmRegistryServer'], endpoint)
    document.setIn(['npmScopes', name, 'npmAuthToken'], `\${${tokenVariable}}`)
    document.setIn(['npmScopes', name, 'npmAlwaysAuth'], true)
  }
  return document.toString()
}

export const yarn: PackageClient = {
  format: 'npm',
  async configure(context: PackageContext): Promise<Record<string, string>> {
    const endpoint = endpointFor(context, 'npm')
    if (context.inputs.npmScopes.length === 0) {
      return { YARN_NPM_REGISTRY_SERVER: endpoint, YARN_NPM_AUTH_TOKEN: context.token, YARN_NPM_ALWAYS_AUTH: 'true' }
    }
    // yarn's home rc (also on Windows); through a symlink, the file it points at.
    const file = await realFile(path.join(context.homedir, '.yarnrc.yml'))
    const text = readIfExists(file)?.toString('utf8') ?? ''
    const { backup, mode } = await backupFile(file, context.workspace)
    const updated = yarnrcWithScopes(text, endpoint, context.inputs.npmScopes, context.tokenVariable)
    context.undo.add({ kind: 'restore', description: `restore ${file}`, path: file, backup, mode })
    await fs.writeFile(file, updated, { mode: 0o600 })
    return { [context.tokenVariable]: context.token }
  },
}
