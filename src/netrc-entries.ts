/**
 * ~/.netrc: adding one `machine` entry in front of the user's text, and revertNetrc, revertJson's
 * counterpart for taking that entry out of a file another step changed. The npm packages for netrc
 * either only parse and rewrite the whole file without its comments and layout (netrc) or bring a
 * process runner and gpg support along (netrc-parser); this needs two operations on text, each kept
 * to the tokens of the format.
 *
 * The format (as curl, Python's netrc and SwiftPM's Netrc read it): whitespace-separated tokens;
 * `machine <host>` or `default` starts an entry, followed by `login`, `password`, `account` (and
 * curl's/SwiftPM's `port`) each with a value; `macdef <name>` is followed by a macro that ends at the
 * first empty line; `#` starts a comment up to the end of the line. The first entry for a host wins
 * (SwiftPM's Netrc.authorization: `machines.first`), so the action's entry goes first.
 * Its own file in dist/, loaded by the post step only when a netrc changed under it.
 */
import type { Reverted } from './entries.js'

interface Token {
  text: string
  start: number
  end: number
}

const VALUED = new Set(['machine', 'login', 'password', 'account', 'port', 'macdef'])

/** The tokens of `text` with their offsets, without comments and macro bodies. */
function tokens(text: string): Token[] {
  const found: Token[] = []
  const pattern = /\S+/g
  let expectValue = false
  let inMacro = false
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const token = { text: match[0], start: match.index, end: match.index + match[0].length }
    if (!expectValue && token.text.startsWith('#')) {
      const lineEnd = text.indexOf('\n', token.start)
      pattern.lastIndex = lineEnd < 0 ? text.length : lineEnd
      continue
    }
    found.push(token)
    if (expectValue) {
      expectValue = false
      if (inMacro) {
        // The macro runs to the first empty line.
        const blank = /\n[ \t]*\n/g
        blank.lastIndex = token.end
        const end = blank.exec(text)
        pattern.lastIndex = end ? end.index + end[0].length : text.length
        inMacro = false
      }
      continue
    }
    expectValue = VALUED.has(token.text)
    inMacro = token.text === 'macdef'
  }
  return found
}

interface Machine {
  host: string
  /** Where the entry's text starts and ends (up to the end of the line of its last value). */
  start: number
  end: number
}

/** The `machine` entries of `text`, in order. */
function machines(text: string): Machine[] {
  const list = tokens(text)
  const found: Machine[] = []
  for (let index = 0; index < list.length; index++) {
    const token = list[index] as Token
    if (token.text !== 'machine' || !list[index + 1]) continue
    let last = list[index + 1] as Token
    let next = index + 2
    while (next + 1 < list.length && ['login', 'password', 'account', 'port'].includes((list[next] as Token).text)) {
      last = list[next + 1] as Token
      next += 2
    }
    const lineEnd = text.indexOf('\n', last.end)
    found.push({ host: (list[index + 1] as Token).text.toLowerCase(), start: token.start, end: lineEnd < 0 ? text.length : lineEnd + 1 })
    index = next - 1
  }
  return found
}

/** The entry the action writes: `machine <host> login <login> password <password>`, one per line. */
export const netrcEntry = (host: string, login: string, password: string): string => `machine ${host}\n  login ${login}\n  password ${password}\n`

/** The user's netrc with the entry for `host` first, so it wins over any later entry for the host. */
export function netrcWithMachine(text: string | undefined, host: string, login: string, password: string): string {
  for (const value of [host, login, password]) {
    if (!/^[\x21-\x7e]+$/.test(value) || value.startsWith('#')) throw new Error('a netrc value must be printable ASCII without spaces')
  }
  return `${netrcEntry(host, login, password)}${text ?? ''}`
}

/**
 * `current` without the action's entry for each host (each key is `[host]`): the first entry for the
 * host, when the file has one more of them than `original` had. The rest stays as it is.
 */
export function revertNetrc(current: string, original: string | undefined, keys: string[][]): Reverted {
  let text = current
  for (const [host = ''] of keys) {
    const want = host.toLowerCase()
    const count = (source: string) => machines(source).filter((machine) => machine.host === want).length
    if (count(text) <= count(original ?? '')) continue
    const ours = machines(text).find((machine) => machine.host === want) as Machine
    text = `${text.slice(0, ours.start)}${text.slice(ours.end)}`
  }
  return { text: text === current ? undefined : text, asBefore: text === (original ?? '') }
}
