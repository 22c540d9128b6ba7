/**
 * Taking the action's own entries out of a config file that another step changed since the action
 * wrote it: each key path gets its value from before the action (or is removed), the rest of the file
 * stays as the other step left it. JSON here; YAML, TOML, XML (Maven), NuGet's XML and netrc each in
 * its own `<format>-entries.ts`, loaded only when needed.
 */
import { isDeepStrictEqual } from 'node:util'
import { notParsable } from './text.js'

type Json = Record<string, unknown>

/**
 * The formats whose entries the post step can take out: JSON here, each other in its own
 * `<format>-entries.ts`. Two for XML, by how an entry is named: `xml` (Maven's settings.xml: list
 * items named by their `<id>`) and `nuget` (NuGet.Config: elements keyed by an attribute).
 */
export const ENTRY_FORMATS = ['json', 'yaml', 'toml', 'xml', 'nuget', 'netrc'] as const
export type EntryFormat = (typeof ENTRY_FORMATS)[number]

export interface Reverted {
  /** The new text, or undefined when the file already has the earlier values. */
  text: string | undefined
  /** What is left equals the file before the action: it can be put back byte for byte (or removed). */
  asBefore: boolean
}

/** A copy of a JSON value (made here, not by structuredClone, so that it has this realm's prototypes). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

const isMap = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A value without empty maps (a left-over `"auths": {}` is no difference). */
export function pruned(value: unknown): unknown {
  if (!isMap(value)) return value
  const kept = Object.entries(value).flatMap(([key, item]) => {
    const inner = pruned(item)
    return isMap(inner) && Object.keys(inner).length === 0 ? [] : [[key, inner] as const]
  })
  return Object.fromEntries(kept)
}

export const sameContent = (a: unknown, b: unknown): boolean => isDeepStrictEqual(pruned(a), pruned(b))

function getIn(root: unknown, keys: string[]): unknown {
  let node = root
  for (const key of keys) {
    if (!isMap(node) || !Object.hasOwn(node, key)) return undefined
    node = node[key]
  }
  return node
}

function setIn(root: Json, keys: string[], value: unknown): void {
  let node = root
  for (const key of keys.slice(0, -1)) {
    if (!isMap(node[key])) node[key] = {}
    node = node[key] as Json
  }
  node[keys.at(-1) as string] = value
}

function deleteIn(root: Json, keys: string[]): void {
  const parent = getIn(root, keys.slice(0, -1))
  if (isMap(parent)) delete parent[keys.at(-1) as string]
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Error(notParsable('JSON', error, text))
  }
}

/**
 * `current` with each of `keys` as in `original` (removed where `original` lacks it), written the way
 * docker writes config.json. Throws when `current` is not a JSON object.
 */
export function revertJson(current: string, original: string | undefined, keys: string[][]): Reverted {
  const now = parseJson(current)
  if (!isMap(now)) throw new Error('it is not a JSON object')
  const before = original === undefined ? {} : parseJson(original)
  const result = clone(now)
  for (const key of keys) {
    const value = getIn(before, key)
    if (value === undefined) deleteIn(result, key)
    else setIn(result, key, clone(value))
  }
  const text = isDeepStrictEqual(result, now) ? undefined : `${JSON.stringify(result, null, '\t')}\n`
  return { text, asBefore: sameContent(result, before) }
}
