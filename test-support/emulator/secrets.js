// @ts-check
import { randomBytes } from 'node:crypto'

/** @param {number} n */
const b64 = (n) => randomBytes(n).toString('base64')

/** @param {string} s */
const hasAwkwardChars = (s) => s.includes('+') && s.includes('/') && s.endsWith('=')

/**
 * An ECR-style password: about 2 KB of base64 starting like the real ones
 * ("eyJwYXlsb2FkIjoi", i.e. base64 of '{"payload":"'). Real passwords are base64
 * of a JSON envelope and so rarely contain '+' or '/'; these always contain
 * '+', '/' and trailing '=' so escaping bugs show up in tests.
 */
export function ecrPassword() {
  for (let attempt = 0; ; attempt++) {
    const password = `eyJwYXlsb2FkIjoi${b64(1600)}`
    if (hasAwkwardChars(password) || attempt > 50) return password
  }
}

/**
 * A CodeArtifact-style token: five dot-separated segments like a JWE
 * ({"ver":1,"isu":...,"enc":"A128GCM",...}). Unlike real tokens the segments use
 * the standard base64 alphabet with padding, so '+', '/' and '=' appear.
 * @param {number} issuedAt epoch seconds
 */
export function codeArtifactToken(issuedAt) {
  for (let attempt = 0; ; attempt++) {
    const header = Buffer.from(JSON.stringify({
      ver: 1, isu: issuedAt, enc: 'A128GCM', tag: b64(16), alg: 'A128GCMKW', iv: b64(12),
    })).toString('base64')
    const token = [header, b64(16), b64(12), b64(500 + attempt), b64(16)].join('.')
    if (hasAwkwardChars(token) || attempt > 50) return token
  }
}
