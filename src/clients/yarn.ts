/**
 * yarn, classic (1.x) and berry (2+) alike: the action cannot know which one a later step installs.
 * yarn classic reads npmrc files, so it gets npm's private npmrc (NPM_CONFIG_USERCONFIG). yarn berry
 * ignores npmrc and YARN_NPM_* scopes; its token goes only to the CodeArtifact registry: ~/.yarnrc.yml gets an
 * `npmRegistries` entry for that registry whose token is `${CODEARTIFACT_AUTH_TOKEN_<DOMAIN>}` (yarn
 * takes per-registry settings only from a file; the top-level YARN_NPM_AUTH_TOKEN would go to every
 * registry without auth of its own). Without scopes YARN_NPM_REGISTRY_SERVER makes CodeArtifact the
 * default registry; with scopes, `npmScopes` entries name it for those scopes only. The file gets a
 * byte-exact backup; the post step puts it back (or takes out only these entries, when another step
 * changed the file meanwhile).
 */
import * as path from 'node:path'
import { isScalar, parseDocument, type Document } from 'yaml'
import { notParsable } from '../text.js'
import { changeUserFile } from '../user-file.js'
import { nerfDart, privateNpmrc } from './npm.js'
import type { PackageClient, PackageContext } from './context.js'

/** The keys the action sets in .yarnrc.yml: the registry's entry and one per scope (names without `@`). */
export function yarnrcKeys(endpoint: string, scopes: string[]): string[][] {
  // Stryker disable next-line Regex: scopes come from parseNpmScopes (^@[a-z0-9][a-z0-9._~-]*$), whose only '@' is the first character
  return [['npmRegistries', nerfDart(endpoint)], ...scopes.map((scope) => ['npmScopes', scope.replace(/^@/, '')])]
}

/** The yarnrc text with the registry's token entry and one `npmScopes` entry per scope, comments kept. */
export function yarnrcWithRegistry(text: string, endpoint: string, scopes: string[], tokenVariable: string, file = '.yarnrc.yml'): string {
  const document = parseDocument(text)
  if (document.errors.length > 0) throw new Error(`cannot parse ${file}: ${notParsable('YAML', document.errors[0], text)}`)
  const [registry, ...scopeKeys] = yarnrcKeys(endpoint, scopes)
  for (const key of [registry as string[], ...scopeKeys]) mapsAlong(document, key)
  document.setIn([...(registry as string[]), 'npmAuthToken'], `\${${tokenVariable}}`)
  document.setIn([...(registry as string[]), 'npmAlwaysAuth'], true)
  for (const key of scopeKeys) document.setIn([...key, 'npmRegistryServer'], endpoint)
  return document.toString()
}

/**
 * A key left empty (`npmScopes:` with its entries commented out) is null, which yarn reads as no
 * entries; setIn cannot add to it, so it becomes an empty map first.
 */
function mapsAlong(document: Document, key: string[]): void {
  for (let end = 1; end <= key.length; end++) {
    const node = document.getIn(key.slice(0, end), true)
    if (!isScalar(node) || node.value !== null) continue
    const map = document.createNode({})
    // Comments on the empty value (the first commented-out line) stay, at the top of the map.
    map.commentBefore = [node.commentBefore, node.comment].filter(Boolean).join('\n') || undefined
    document.setIn(key.slice(0, end), map)
  }
}

export const yarn: PackageClient = {
  async configure(context: PackageContext): Promise<Record<string, string>> {
    const { endpoint, settings, tokenVariable, workspace, home } = context
    const scopes = settings.npmScopes
    // yarn's home rc (also on Windows); through a symlink, the file it points at.
    const file = path.join(home, '.yarnrc.yml')
    await changeUserFile({
      file,
      description: `restore ${file}`,
      entries: { format: 'yaml', keys: yarnrcKeys(endpoint, scopes) },
      edit: (text) => yarnrcWithRegistry(text ?? '', endpoint, scopes, tokenVariable, file),
    }, workspace)
    const classic = await privateNpmrc(context)
    return { ...classic, ...(scopes.length === 0 ? { YARN_NPM_REGISTRY_SERVER: endpoint } : {}) }
  },
}
