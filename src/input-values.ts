/**
 * Pure parsers for single input values. Each throws InputError with one line that names the input,
 * shows the value escaped onto one line, and says what is accepted.
 */
import { isAccountId, isRegion, splitList } from './registries.js'
import { show } from './text.js'

export { show } from './text.js'

export class InputError extends Error {
  constructor(input: string, message: string) {
    super(`Input '${input}': ${message}`)
    this.name = 'InputError'
  }
}


export function oneLine(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new InputError(name, `must be a single line, got ${show(value)}`)
  return value
}

export function parseChoice<T extends string>(name: string, value: string, accepted: readonly T[]): T {
  const lower = oneLine(name, value).toLowerCase()
  const found = accepted.find((choice) => choice === lower)
  if (!found) throw new InputError(name, `${show(value)} is not accepted; use one of: ${accepted.join(', ')}`)
  return found
}

export function parseBoolean(name: string, value: string): boolean {
  return parseChoice(name, value, ['true', 'false']) === 'true'
}

export function parseInteger(name: string, value: string, min: number, max: number): number {
  const text = oneLine(name, value)
  const number = /^\d{1,6}$/.test(text) ? Number(text) : NaN
  if (!(number >= min && number <= max)) {
    throw new InputError(name, `${show(value)} is not a whole number from ${min} to ${max}`)
  }
  return number
}

export function parseRegion(name: string, value: string): string {
  if (!isRegion(oneLine(name, value))) {
    throw new InputError(name, `${show(value)} is not an AWS region; use a region code such as us-east-1 or eu-west-1`)
  }
  return value
}

export function parseAccount(name: string, value: string): string {
  if (!isAccountId(oneLine(name, value))) {
    throw new InputError(name, `${show(value)} is not an AWS account id; use the 12 digits, leading zeros included`)
  }
  return value
}

export function parseDomain(value: string): string {
  if (!/^[a-z][a-z0-9-]{0,48}[a-z0-9]$/.test(oneLine('domain', value))) {
    throw new InputError('domain', `${show(value)} is not a CodeArtifact domain name; use 2-50 lowercase letters, digits and hyphens, starting with a letter`)
  }
  return value
}

export function parseRepository(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/.test(oneLine('repository', value))) {
    throw new InputError('repository', `${show(value)} is not a CodeArtifact repository name; use 2-100 letters, digits, '.', '_' and '-', starting with a letter or digit`)
  }
  return value
}

/** `registry-name`: what client settings call the repository (a Maven id, a cargo registry, an env variable part). */
export function parseRegistryName(value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(oneLine('registry-name', value))) {
    throw new InputError('registry-name', `${show(value)} is not a registry name; use 1-64 letters, digits, '_' and '-', starting with a letter`)
  }
  return value
}

export function parseDuration(value: string): number {
  const text = oneLine('duration-seconds', value)
  const number = /^\d{1,6}$/.test(text) ? Number(text) : NaN
  if (number !== 0 && !(number >= 900 && number <= 43200)) {
    throw new InputError('duration-seconds', `${show(value)} is not accepted; use 0 (token lasts as long as the role session) or 900 to 43200`)
  }
  return number
}

export function parseNpmScopes(value: string): string[] {
  return splitList(value).map((scope) => {
    const name = scope.startsWith('@') ? scope : `@${scope}`
    if (!/^@[a-z0-9][a-z0-9._~-]*$/.test(name)) {
      throw new InputError('npm-scope', `${show(scope)} is not an npm scope; use names such as @acme, comma-separated`)
    }
    return name
  })
}

export function parseProxy(value: string): string {
  let url: URL | undefined
  try {
    url = new URL(oneLine('http-proxy', value))
  } catch {
    url = undefined
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
    throw new InputError('http-proxy', 'is not a proxy URL; use http://host:port or https://user:password@host:port')
  }
  for (const [part, text] of [['user name', url.username], ['password', url.password]] as const) {
    if (!isPercentEncoded(text)) {
      throw new InputError('http-proxy', `the ${part} has a '%' that does not start a percent-encoded byte; write '%' as %25 (and '@', ':', '/' as %40, %3A, %2F)`)
    }
  }
  return value
}

/** Whether decodeURIComponent accepts `text` (every '%' starts a valid UTF-8 escape). */
export function isPercentEncoded(text: string): boolean {
  try {
    decodeURIComponent(text)
    return true
  } catch {
    return false
  }
}
