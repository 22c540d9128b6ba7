/** Showing text that came from a user or from outside (AWS answers, client output) in one safe line. */

/** JSON text with what JSON leaves raw escaped too: DEL, the C1 controls and the Unicode line separators. */
const asJson = (value: unknown): string =>
  (JSON.stringify(value) ?? String(value)).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

/** Shows a value quoted, escaped so it stays on one line, and shortened to `limit` characters. */
export function show(value: string, limit = 80): string {
  const quoted = asJson(value)
  return quoted.length > limit ? `${quoted.slice(0, limit - 3)}..."` : quoted
}

/** Any value (a field of a saved record) as one escaped line of JSON, shortened to `limit` characters. */
export function showValue(value: unknown, limit = 120): string {
  const text = asJson(value)
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text
}

// C0 controls (newline, escape, …), DEL and C1 controls: what could end a log line, start a
// workflow command on a line of its own, or drive a terminal. Matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

/**
 * Text from outside (an AWS error message, a client's stderr) as one printable line: whitespace runs
 * become one space, other control characters are shown escaped, and long text is cut.
 */
export function untrusted(text: string, limit = 500): string {
  const line = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line
}

/** Whether text has a control character (a newline included). */
export const hasControl = (text: string): boolean => new RegExp(CONTROL.source).test(text)

/**
 * Why a file does not parse, by position only. JSON, YAML, TOML and XML parsers quote the text
 * around the problem, and a user's config file can hold credentials this action never masked (a
 * docker `auth`, an npm token), so their messages are never shown: only the line and column.
 */
export function notParsable(kind: string, error: unknown, text: string): string {
  const at = position(error, text)
  return `it is not valid ${kind}${at ? ` (line ${at.line}, column ${at.column})` : ''}`
}

function position(error: unknown, text: string): { line: number; column: number } | undefined {
  const found = error as {
    linePos?: { line: number; col: number }[]; line?: unknown; column?: unknown; lineNumber?: unknown; columnNumber?: unknown; message?: unknown
  } | null | undefined
  // yaml's YAMLParseError.
  const yaml = found?.linePos?.[0]
  if (yaml) return { line: yaml.line, column: yaml.col }
  // toml-patch's error: 1-based line, 0-based column.
  if (typeof found?.line === 'number' && typeof found.column === 'number') return { line: found.line, column: found.column + 1 }
  // xmldom's locator (both 1-based).
  if (typeof found?.lineNumber === 'number') return { line: found.lineNumber, column: typeof found.columnNumber === 'number' ? found.columnNumber : 1 }
  const message = typeof found?.message === 'string' ? found.message : ''
  // JSON.parse: an offset into the text.
  const offset = /at position (\d+)/.exec(message)
  if (!offset) return undefined
  const before = text.slice(0, Number(offset[1])).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}
