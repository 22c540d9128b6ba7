// @ts-check
import { randomUUID } from 'node:crypto'

/** @typedef {import('./types.js').Answer} Answer */
/** @typedef {import('./types.js').WireProtocol} WireProtocol */
/** @typedef {import('./types.js').ServiceName} ServiceName */

/**
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {Record<string, string>} [headers]
 * @returns {Answer}
 */
export function apiError(status, code, message, headers) {
  return { status, error: { code, message }, headers }
}

/**
 * @param {unknown} body
 * @returns {Answer}
 */
export function ok(body) {
  return { status: 200, body }
}

/** @type {Record<ServiceName, string>} */
const CORAL_NAMESPACE = {
  ecr: 'com.amazonaws.ecr',
  'ecr-public': 'com.amazonaws.ecrpublic',
  codeartifact: 'com.amazonaws.codeartifact',
}

/**
 * Writes an answer the way the real service does:
 * awsJson1_1 errors carry `__type` in the body and `x-amzn-errortype`;
 * restJson1 errors carry `x-amzn-errortype: Code:namespace` and `{"message"}`.
 * @param {import('node:http').ServerResponse} res
 * @param {WireProtocol} protocol
 * @param {ServiceName | 'unknown'} service
 * @param {Answer} answer
 */
export function writeAnswer(res, protocol, service, answer) {
  const contentType = protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json'
  /** @type {Record<string, string>} */
  const headers = { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), ...answer.headers }
  let text
  if (answer.raw !== undefined) {
    text = answer.raw
  } else if (answer.error) {
    const { code, message } = answer.error
    if (protocol === 'json') {
      headers['x-amzn-errortype'] = code
      text = JSON.stringify({ __type: code, message })
    } else {
      const ns = service === 'unknown' ? 'com.amazonaws' : CORAL_NAMESPACE[service]
      headers['x-amzn-errortype'] = `${code}:http://internal.amazon.com/coral/${ns}/`
      text = JSON.stringify({ message })
    }
  } else {
    text = JSON.stringify(answer.body ?? {})
  }
  headers['content-length'] = String(Buffer.byteLength(text))
  res.writeHead(answer.status, headers)
  res.end(text)
}
