/**
 * TOML files (cargo's config.toml): setting the action's keys, and taking them out again when another
 * step changed the file since (revertJson's and revertYaml's counterpart). toml-patch edits the
 * document in place, so comments, order and layout of everything else stay as they were. Its own
 * file in dist/, loaded only by a run that edits TOML and a post step that finds such a file changed.
 */
import { isDeepStrictEqual } from 'node:util'
import { parse, patch } from '@decimalturn/toml-patch'
import { sameContent, type Reverted } from './entries.js'
import { notParsable } from './text.js'

type Table = Record<string, unknown>

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)

/** A parsed value in comparable form: dates as their text, big integers as strings. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(plain)
  if (isTable(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]))
  return value
}

function parseTable(text: string): Table {
  let value: unknown
  try {
    value = parse(text)
  } catch (error) {
    throw new Error(notParsable('TOML', error, text))
  }
  if (!isTable(value)) throw new Error('it is not a TOML table')
  return value
}

function getIn(root: unknown, keys: string[]): unknown {
  let node = root
  for (const key of keys) {
    if (!isTable(node) || !Object.hasOwn(node, key)) return undefined
    node = node[key]
  }
  return node
}

function setIn(root: Table, keys: string[], value: unknown): void {
  let node = root
  for (const key of keys.slice(0, -1)) {
    const next = node[key]
    if (next !== undefined && !isTable(next)) throw new Error(`${keys.join('.')}: ${key} is not a table`)
    if (next === undefined) node[key] = {}
    node = node[key] as Table
  }
  node[keys.at(-1) as string] = value
}

/** Removes `keys`, and the tables on its way that only held it and were not in `before`. */
function deleteIn(root: Table, keys: string[], before: unknown): void {
  for (let depth = keys.length; depth > 0; depth--) {
    const parent = getIn(root, keys.slice(0, depth - 1))
    const key = keys[depth - 1] as string
    if (!isTable(parent)) return
    const node = parent[key]
    const emptyTable = isTable(node) && Object.keys(node).length === 0 && getIn(before, keys.slice(0, depth)) === undefined
    if (depth === keys.length || emptyTable) delete parent[key]
    else return
  }
}

/** `updated` written over `text`, checked: what it parses to must be exactly `updated`. */
function patched(text: string, updated: Table): string {
  let result = patch(text, updated)
  if (text === '' && result !== '' && !result.endsWith('\n')) result += '\n'
  if (!isDeepStrictEqual(plain(parseTable(result)), plain(updated))) throw new Error('the edited TOML does not read back as intended')
  return result
}

/** The TOML `text` (empty: no file yet) with each key path set to its value; the rest kept as written. */
export function withTomlValues(text: string, values: ReadonlyArray<readonly [string[], string]>): string {
  const table = parseTable(text)
  for (const [keys, value] of values) setIn(table, keys, value)
  return patched(text, table)
}

/** `current` with each of `keys` as in `original` (removed where `original` lacks it); throws when `current` is not TOML. */
export function revertToml(current: string, original: string | undefined, keys: string[][]): Reverted {
  const now = parseTable(current)
  const before = original === undefined ? {} : parseTable(original)
  const result = parseTable(current)
  const differs = keys.filter((key) => !isDeepStrictEqual(plain(getIn(now, key)), plain(getIn(before, key))))
  for (const key of differs) {
    const value = getIn(before, key)
    if (value === undefined) deleteIn(result, key, before)
    else setIn(result, key, value)
  }
  return { text: differs.length > 0 ? patched(current, result) : undefined, asBefore: sameContent(plain(result), plain(before)) }
}
