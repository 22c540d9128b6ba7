// @ts-check
/** Just enough multipart/form-data parsing for the legacy upload API that twine and poetry use. */

/**
 * @typedef {{ fields: Record<string, string>, files: Record<string, { filename: string, data: Buffer }> }} FormData
 */

/**
 * @param {string | undefined} contentType
 * @returns {string | null}
 */
export function boundaryOf(contentType) {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null
  const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType)
  return match ? (match[1] ?? match[2] ?? null) : null
}

/**
 * Parses a multipart/form-data body. A field that repeats (classifiers, ...) keeps its first value.
 * @param {Buffer} body
 * @param {string} boundary
 * @returns {FormData | null} null when the body is not well formed
 */
export function parseMultipart(body, boundary) {
  /** @type {FormData} */
  const form = { fields: {}, files: {} }
  const delimiter = Buffer.from(`--${boundary}`)
  let at = body.indexOf(delimiter)
  if (at < 0) return null
  for (;;) {
    at += delimiter.length
    if (body.subarray(at, at + 2).toString() === '--') return form
    const headersEnd = body.indexOf('\r\n\r\n', at)
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd)
    if (headersEnd < 0 || next < 0) return null
    const headers = body.subarray(at, headersEnd).toString('utf8')
    const data = body.subarray(headersEnd + 4, next)
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? ''
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1]
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1]
    if (name !== undefined) {
      if (filename !== undefined) form.files[name] ??= { filename, data: Buffer.from(data) }
      else form.fields[name] ??= data.toString('utf8')
    }
    at = next + 2
  }
}
