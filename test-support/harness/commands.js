// @ts-check
/**
 * Workflow commands (`::name key=value,...::data`) parsed the way actions/runner does it
 * (ActionCommand.TryParseV2 and the legacy `##[name key=value;...]data` form).
 */

/** Commands the runner registers; anything else on a `::x::` line is plain output. */
export const RUNNER_COMMANDS = Object.freeze([
  'add-mask', 'add-matcher', 'add-path', 'debug', 'echo', 'endgroup', 'error', 'group',
  'notice', 'remove-matcher', 'save-state', 'set-env', 'set-output', 'stop-commands', 'warning',
])

/**
 * @typedef {{ command: string, properties: Record<string, string>, data: string, line: string }} WorkflowCommand
 * `command` is lower-cased (the runner matches names case-insensitively); `properties` keys are kept
 * as written (look them up with {@link getProperty}); `data` and `properties` are unescaped.
 */

/**
 * Runs the runner's replacements in the runner's order (`%25` last, so `%250A` stays `%0A`).
 * @param {string} text
 * @param {Array<[string, string]>} mappings [escaped, plain]
 */
function unescapeWith(text, mappings) {
  let out = text
  for (const [escaped, plain] of mappings) out = out.split(escaped).join(plain)
  return out
}

/** @param {string} text */
export const unescapeData = (text) => unescapeWith(text, [['%0D', '\r'], ['%0A', '\n'], ['%25', '%']])

/** @param {string} text */
export const unescapeProperty = (text) =>
  unescapeWith(text, [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']])

/** @param {string} text */
const unescapeLegacy = (text) =>
  unescapeWith(text, [['%3B', ';'], ['%0D', '\r'], ['%0A', '\n'], ['%5D', ']'], ['%25', '%']])

/**
 * `key=value` pairs as the runner splits them: empty keys or values are dropped.
 * @param {string} text
 * @param {string} separator
 * @param {(s: string) => string} unescape
 */
function parseProperties(text, separator, unescape) {
  /** @type {Record<string, string>} */
  const properties = {}
  for (const part of text.split(separator)) {
    const eq = part.indexOf('=')
    if (eq <= 0 || eq === part.length - 1) continue
    properties[part.slice(0, eq)] = unescape(part.slice(eq + 1))
  }
  return properties
}

/**
 * @param {string} line one output line (no line terminator)
 * @param {Iterable<string>} [registered] command names to accept (case-insensitive)
 * @returns {WorkflowCommand | null}
 */
export function parseCommand(line, registered = RUNNER_COMMANDS) {
  const names = new Set([...registered].map((name) => name.toLowerCase()))
  const message = line.trimStart()
  if (message.startsWith('::')) {
    const end = message.indexOf('::', 2)
    if (end < 0) return null
    const info = message.slice(2, end)
    const space = info.indexOf(' ')
    const name = space < 0 ? info : info.slice(0, space)
    if (!names.has(name.toLowerCase())) return null
    const properties = space > 0 ? parseProperties(info.slice(space + 1).trim(), ',', unescapeProperty) : {}
    return { command: name.toLowerCase(), properties, data: unescapeData(message.slice(end + 2)), line }
  }
  const prefix = line.indexOf('##[')
  if (prefix < 0) return null
  const close = line.indexOf(']', prefix)
  if (close < 0) return null
  const info = line.slice(prefix + 3, close)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!names.has(name.toLowerCase())) return null
  const properties = space > 0 ? parseProperties(info.slice(space + 1), ';', unescapeLegacy) : {}
  return { command: name.toLowerCase(), properties, data: unescapeLegacy(line.slice(close + 1)), line }
}

/**
 * Property lookup, case-insensitive like the runner's dictionary.
 * @param {Record<string, string>} properties
 * @param {string} key
 */
export function getProperty(properties, key) {
  const found = Object.keys(properties).find((k) => k.toLowerCase() === key.toLowerCase())
  return found === undefined ? undefined : properties[found]
}

/**
 * Lines as .NET's StreamReader.ReadLine sees them: `\r\n`, `\r` and `\n` all end a line, and a
 * final terminator does not start an empty line.
 * @param {string} text
 */
export function splitLines(text) {
  if (text === '') return []
  const lines = text.split(/\r\n|\r|\n/)
  if (/[\r\n]$/.test(text)) lines.pop()
  return lines
}
