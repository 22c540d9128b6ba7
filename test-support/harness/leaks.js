// @ts-check
/**
 * Finds known secrets, in every form a credential helper is likely to print or store, in texts that
 * a viewer or a later step can see. Reports never contain a secret: every form of every secret is
 * replaced by `<LEAK>` before an excerpt is cut.
 */

const MIN_FORM_LENGTH = 8
const EXCERPT = 40
const b64 = (/** @type {string | Buffer} */ value) => Buffer.from(value).toString('base64')

/**
 * The base64 characters that depend only on `secret` when it sits `offset` bytes into a longer
 * base64-encoded blob (e.g. a whole config file encoded at once).
 * @param {string} secret
 * @param {number} offset 0, 1 or 2
 */
function embeddedBase64(secret, offset) {
  const bytes = Buffer.from(secret)
  const encoded = b64(Buffer.concat([Buffer.alloc(offset), bytes])).replace(/=+$/, '')
  return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6))
}

/**
 * When `secret` is itself base64 of `user:password` (an ECR authorization token), the password.
 * @param {string} secret
 */
function decodedPassword(secret) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) return null
  const bytes = Buffer.from(secret, 'base64')
  if (bytes.toString('base64') !== secret) return null
  const decoded = bytes.toString('utf8')
  if (!Buffer.from(decoded, 'utf8').equals(bytes)) return null
  const colon = decoded.indexOf(':')
  return colon > 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null
}

/**
 * @typedef {{ label: string, value: string }} SecretForm
 * @param {string} secret
 * @returns {SecretForm[]} distinct forms of at least 8 characters, the raw value first
 */
export function labelledSecretForms(secret) {
  /** @type {SecretForm[]} */
  const forms = [
    { label: 'raw', value: secret },
    { label: 'base64', value: b64(secret) },
    { label: 'base64 of AWS:secret', value: b64(`AWS:${secret}`) },
    { label: 'base64 of aws:secret', value: b64(`aws:${secret}`) },
    { label: 'url-encoded', value: encodeURIComponent(secret) },
    ...[0, 1, 2].map((offset) => ({ label: `base64 inside a longer blob (offset ${offset})`, value: embeddedBase64(secret, offset) })),
  ]
  const password = decodedPassword(secret)
  if (password !== null) {
    forms.push({ label: 'decoded password', value: password })
    forms.push({ label: 'decoded password, url-encoded', value: encodeURIComponent(password) })
  }
  const seen = new Set()
  return forms.filter(({ value }) => {
    if (value.length < MIN_FORM_LENGTH || seen.has(value)) return false
    seen.add(value)
    return true
  })
}

/**
 * @param {string} secret
 * @returns {string[]}
 */
export const secretForms = (secret) => labelledSecretForms(secret).map(({ value }) => value)

/**
 * @typedef {{ secret: number, form: string, where: string, count: number, context: string }} Leak
 * `secret` is the index into the secrets list, `form` the label of the form found, `count` how often
 * that form occurs there, `context` an excerpt around the first hit with all forms as `<LEAK>`.
 */

/**
 * @param {Array<{ where: string, text: string }>} texts
 * @param {Iterable<string>} secrets
 * @returns {Leak[]}
 */
export function scanForLeaks(texts, secrets) {
  const forms = [...secrets].flatMap((secret, index) =>
    secret ? labelledSecretForms(secret).map((form) => ({ ...form, secret: index })) : [])
  /** @type {Leak[]} */
  const leaks = []
  for (const { where, text } of texts) {
    if (!text) continue
    /** @type {Array<{ start: number, end: number, secret: number, form: string }>} */
    const hits = []
    for (const form of forms) {
      for (let at = text.indexOf(form.value); at >= 0; at = text.indexOf(form.value, at + 1)) {
        hits.push({ start: at, end: at + form.value.length, secret: form.secret, form: form.label })
      }
    }
    if (hits.length === 0) continue
    const { redacted, positionOf } = redact(text, hits)
    /** @type {Map<string, Leak>} */
    const grouped = new Map()
    for (const hit of hits.sort((a, b) => a.start - b.start)) {
      const key = `${hit.secret}\0${hit.form}`
      const known = grouped.get(key)
      if (known) {
        known.count++
        continue
      }
      const at = positionOf(hit.start)
      const context = redacted.slice(Math.max(0, at - EXCERPT), at + '<LEAK>'.length + EXCERPT)
      grouped.set(key, { secret: hit.secret, form: hit.form, where, count: 1, context })
    }
    leaks.push(...grouped.values())
  }
  return leaks
}

/**
 * @param {string} text
 * @param {Array<{ start: number, end: number }>} hits
 */
function redact(text, hits) {
  const ranges = [...hits].sort((a, b) => a.start - b.start || b.end - a.end)
  /** @type {Array<{ start: number, end: number, at: number }>} merged ranges and where they land */
  const merged = []
  for (const { start, end } of ranges) {
    const last = merged[merged.length - 1]
    if (last && start <= last.end) last.end = Math.max(last.end, end)
    else merged.push({ start, end, at: 0 })
  }
  let redacted = ''
  let pos = 0
  for (const range of merged) {
    redacted += text.slice(pos, range.start)
    range.at = redacted.length
    redacted += '<LEAK>'
    pos = range.end
  }
  redacted += text.slice(pos)
  /** @param {number} start */
  const positionOf = (start) => {
    const range = merged.find((r) => start >= r.start && start < r.end)
    return range ? range.at : 0
  }
  return { redacted, positionOf }
}
