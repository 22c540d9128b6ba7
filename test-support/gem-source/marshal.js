// @ts-check
/**
 * Just enough of Ruby's Marshal format (version 4.8) for the body of the RubyGems dependency API
 * (`GET /api/v1/dependencies?gems=…`): nil, booleans, small integers, UTF-8 strings, symbols,
 * arrays (JavaScript arrays) and hashes (Maps). `Symbol.for('name')` becomes the Ruby symbol `:name`.
 */

/**
 * Marshal's integer form: 0 is one zero byte, -123..122 one byte offset by 5, larger values a byte
 * count and that many little-endian bytes.
 * @param {number} value
 * @returns {number[]}
 */
function fixnum(value) {
  if (!Number.isInteger(value) || Math.abs(value) >= 2 ** 30) throw new Error(`not a small integer: ${value}`)
  if (value === 0) return [0]
  if (value > 0 && value < 123) return [value + 5]
  if (value < 0 && value > -124) return [(value - 5) & 0xff]
  const bytes = []
  let rest = value
  while (value > 0 ? rest > 0 : rest < -1 || bytes.length === 0) {
    bytes.push(rest & 0xff)
    rest >>= 8
  }
  return [value > 0 ? bytes.length : 256 - bytes.length, ...bytes]
}

/**
 * @param {unknown} value
 * @returns {Buffer}
 */
export function marshal(value) {
  /** @type {Map<string, number>} symbol → its index in the stream's symbol table */
  const symbols = new Map()
  /** @type {number[]} */
  const out = [4, 8]

  /** @param {string} name */
  const symbol = (name) => {
    const seen = symbols.get(name)
    if (seen !== undefined) return out.push(0x3b, ...fixnum(seen)) // ';' a link to a symbol already written
    symbols.set(name, symbols.size)
    const bytes = Buffer.from(name, 'utf8')
    out.push(0x3a, ...fixnum(bytes.length), ...bytes) // ':'
  }

  /** @param {unknown} item */
  const write = (item) => {
    if (item === null) out.push(0x30) // '0'
    else if (item === true) out.push(0x54) // 'T'
    else if (item === false) out.push(0x46) // 'F'
    else if (typeof item === 'number') out.push(0x69, ...fixnum(item)) // 'i'
    else if (typeof item === 'symbol') symbol(Symbol.keyFor(item) ?? item.description ?? '')
    else if (typeof item === 'string') {
      // 'I' (with instance variables) '"' bytes, then one ivar: :E => true, Ruby's mark for UTF-8.
      const bytes = Buffer.from(item, 'utf8')
      out.push(0x49, 0x22, ...fixnum(bytes.length), ...bytes, ...fixnum(1))
      symbol('E')
      out.push(0x54)
    } else if (Array.isArray(item)) {
      out.push(0x5b, ...fixnum(item.length)) // '['
      for (const element of item) write(element)
    } else if (item instanceof Map) {
      out.push(0x7b, ...fixnum(item.size)) // '{'
      for (const [key, entry] of item) { write(key); write(entry) }
    } else {
      throw new Error(`cannot marshal ${typeof item}`)
    }
  }
  write(value)
  return Buffer.from(out)
}
