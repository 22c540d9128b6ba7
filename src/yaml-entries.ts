/**
 * revertJson's counterpart for YAML files (~/.yarnrc.yml), comments and layout of the rest kept. Its
 * own file in dist/, loaded by the post step only when a YAML file changed under it: the YAML parser
 * would otherwise make every post step slower to start.
 */
import { isNode, parseDocument } from 'yaml'
import { sameContent, type Reverted } from './entries.js'
import { notParsable } from './text.js'

export function revertYaml(current: string, original: string | undefined, keys: string[][]): Reverted {
  const now = parseDocument(current)
  if (now.errors.length > 0) throw new Error(notParsable('YAML', now.errors[0], current))
  const before = parseDocument(original ?? '')
  const plain = (value: unknown): unknown => (isNode(value) ? value.toJSON() : value)
  const differs = keys.filter((key) => JSON.stringify(plain(now.getIn(key))) !== JSON.stringify(plain(before.getIn(key))))
  for (const key of differs) {
    const value = before.getIn(key)
    if (value === undefined) now.deleteIn(key)
    else now.setIn(key, now.createNode(plain(value)))
  }
  return { text: differs.length > 0 ? now.toString() : undefined, asBefore: sameContent(now.toJS() ?? {}, before.toJS() ?? {}) }
}
