/** Generators shared by the property tests (fast-check). */
import fc from 'fast-check'

// FC_NUM_RUNS=2000 runs every property more often than the default 100 (e.g. after changing a parser).
if (process.env.FC_NUM_RUNS) fc.configureGlobal({ numRuns: Number(process.env.FC_NUM_RUNS) })

/** Characters that break naive parsers and log lines: separators, controls, quotes, escapes, non-ASCII. */
const NASTY = [
  '\n', '\r', '\t', ' ', ',', '\u0000', '\u001b', '\u007f', '\u0085', '\u009b', '\u00a0', '\u2028', '\u2029', '\ufeff',
  '%', '%2', '%zz', '@', ':', '/', '"', "'", '\\', '=', ';', '#', '[', ']', '{', '}', '$', 'a', 'Z', '1', '0', '-', '.', '_', 'é', '😀',
]

/** Any string: printable ASCII, any Unicode, or mostly troublesome characters. */
export const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom(...NASTY) }),
)

/** A string made of the given pieces (for values that should sometimes parse). */
export const stringOf = (...pieces: string[]) => fc.string({ unit: fc.constantFrom(...pieces), maxLength: 30 })

export const accountId = fc.stringMatching(/^\d{12}$/)
export const region = fc.oneof(
  fc.constantFrom('us-east-1', 'eu-west-1', 'cn-north-1', 'us-gov-west-1', 'ap-southeast-5', 'eusc-de-east-1'),
  fc.stringMatching(/^[a-z]{2,4}(?:-[a-z]{1,10}){1,3}-\d{1,2}$/),
)

/** One line and no control characters (C0, DEL, C1). */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
export const LINE_BREAK = /[\r\n\u2028\u2029]/
