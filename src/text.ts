/** Showing text that came from a user or from outside (AWS answers, client output) in one safe line. */

/** Shows a value quoted, escaped so it stays on one line, and shortened to `limit` characters. */
export function show(value: string, limit = 80): string {
  // JSON escapes the C0 controls only: DEL, the C1 controls and the Unicode line separators too.
  const quoted = JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return quoted.length > limit ? `${quoted.slice(0, limit - 3)}..."` : quoted
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
