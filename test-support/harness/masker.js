// @ts-check
/**
 * The runner's secret masker, reduced to what `::add-mask::` does.
 *
 * Every line the runner writes to the log goes through one job-wide masker: each registered value is
 * found, overlapping and touching hits are merged, and each merged range becomes `***`. Values are
 * matched literally. The real runner also registers derived forms of each value (base64 at three
 * offsets, JSON/URI/XML escapes, ...); this harness deliberately does NOT, so a test fails unless the
 * action itself registers every form it prints or writes. Leaks of the forms the runner would have
 * caught are then reported by the leak scanner instead of being silently hidden.
 */
export class SecretMasker {
  /** @param {Iterable<string>} [values] */
  constructor(values = []) {
    /** @type {Set<string>} */
    this.values = new Set()
    for (const value of values) this.add(value)
  }

  /** @param {string} value */
  add(value) {
    if (value) this.values.add(value)
  }

  /** Registered values, longest first. */
  list() {
    return [...this.values].sort((a, b) => b.length - a.length)
  }

  /**
   * @param {string} text one log line
   * @returns {string}
   */
  mask(text) {
    if (!text || this.values.size === 0) return text
    /** @type {Array<[number, number]>} */
    const ranges = []
    for (const value of this.values) {
      let at = text.indexOf(value)
      while (at >= 0) {
        ranges.push([at, at + value.length])
        at = text.indexOf(value, at + 1)
      }
    }
    if (ranges.length === 0) return text
    ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
    let out = ''
    let pos = 0
    let [start, end] = ranges[0] ?? [0, 0]
    for (const [s, e] of ranges.slice(1)) {
      if (s <= end) {
        end = Math.max(end, e)
        continue
      }
      out += text.slice(pos, start) + '***'
      pos = end
      ;[start, end] = [s, e]
    }
    return out + text.slice(pos, start) + '***' + text.slice(end)
  }
}
