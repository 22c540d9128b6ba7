/**
 * gem (RubyGems): a private gemrc exported as GEMRC. gem reads GEMRC instead of ~/.gemrc, so the file
 * starts from the user's current one (the GEMRC files, else ~/.gemrc or $XDG_CONFIG_HOME/gem/gemrc),
 * and adds:
 * - the endpoint to `:sources:` with the credentials in the URL (`aws:<percent-encoded token>`): gem
 *   takes download credentials only from a configured source URL. public-registry: keep adds it beside
 *   the user's sources (rubygems.org by default); replace takes rubygems.org out.
 * - a push key scoped to the endpoint: `<endpoint without trailing slash>: Bearer <token>`, which
 *   `gem push --host <that URL>` sends as Authorization. Never GEM_HOST_API_KEY: gem sends that to
 *   every host.
 * gem reads push keys from the gemrc only while no credentials file exists (~/.gem/credentials, else
 * $XDG_DATA_HOME/gem/credentials): with one, a warning says how to push instead. The action does not
 * write a token into that file of the user's.
 */
import * as core from '@actions/core'
import { existsSync } from 'node:fs'
import { isMap, isSeq, parseDocument, Scalar, type Document } from 'yaml'
import { readIfExists } from '../files.js'
import { pathFor, type Env } from '../platform.js'
import { CODEARTIFACT_USERNAME, type PackageClient, type PackageContext } from './context.js'

/** The gemrc files gem reads now, in merge order: the GEMRC list, else its one user file. */
export function userGemrcFiles(env: Env, home: string, platform: NodeJS.Platform = process.platform): string[] {
  const paths = pathFor(platform)
  if (env.GEMRC) return env.GEMRC.split(platform === 'win32' ? ';' : ':').filter(Boolean)
  const dotfile = paths.join(home, '.gemrc')
  return [existsSync(dotfile) ? dotfile : paths.join(env.XDG_CONFIG_HOME || paths.join(home, '.config'), 'gem', 'gemrc')]
}

/** The credentials file gem takes API keys from (instead of the gemrc) when it exists. */
export function gemCredentialFiles(env: Env, home: string, platform: NodeJS.Platform = process.platform): string[] {
  const paths = pathFor(platform)
  return [paths.join(home, '.gem', 'credentials'), paths.join(env.XDG_DATA_HOME || paths.join(home, '.local', 'share'), 'gem', 'credentials')]
}

/** `https://host/ruby/repo/` → `https://aws:<percent-encoded token>@host/ruby/repo/`. */
export function credentialSource(endpoint: string, token: string): string {
  const url = new URL(endpoint)
  url.username = CODEARTIFACT_USERNAME
  url.password = encodeURIComponent(token)
  return url.href
}

/** The host value `gem push --host` takes for the endpoint (what the push key is keyed by): no trailing slash. */
export const pushHost = (endpoint: string): string => endpoint.replace(/\/+$/, '')

const RUBYGEMS = new Set(['rubygems.org', 'www.rubygems.org'])
const DEFAULT_SOURCES = ['https://rubygems.org/']
const SOURCES = ':sources'

/** The same place as the endpoint (credentials, scheme case and trailing slash aside). */
const sameSource = (source: string, endpoint: string): boolean => {
  try {
    const [a, b] = [new URL(source), new URL(endpoint)]
    return a.host === b.host && a.pathname.replace(/\/+$/, '') === b.pathname.replace(/\/+$/, '')
  } catch {
    return false
  }
}

const isRubygems = (source: string): boolean => {
  try {
    return RUBYGEMS.has(new URL(source).hostname)
  } catch {
    return false
  }
}

/** The user's gemrc files as one document (later files win key by key, as gem merges them). */
function mergedGemrc(texts: string[], warn: (message: string) => void): Document {
  const parse = (text: string) => parseDocument(text, { version: '1.1' })
  let merged: Document | undefined
  for (const text of texts) {
    const document = parse(text)
    if (document.errors.length > 0 || (document.contents !== null && !isMap(document.contents))) {
      warn('it is not a YAML mapping (gem ignores it too)')
      continue
    }
    if (!merged || !isMap(merged.contents)) {
      merged = document
      continue
    }
    if (isMap(document.contents)) for (const pair of document.contents.items) merged.set(pair.key, pair.value)
  }
  const document = merged ?? parse('')
  if (!isMap(document.contents)) document.contents = document.createNode({})
  return document
}

/**
 * The private gemrc: the user's settings, the endpoint among `:sources:` with its credentials, and
 * the push key for the endpoint.
 */
export function gemrcWithSource(texts: string[], endpoint: string, token: string, publicRegistry: 'keep' | 'replace', warn: (message: string) => void = () => {}): string {
  const document = mergedGemrc(texts, warn)
  const current = document.get(SOURCES)
  const existing = isSeq(current) ? current.items.map((item) => String(item instanceof Scalar ? item.value : item)) : DEFAULT_SOURCES
  const kept = existing.filter((source) => !sameSource(source, endpoint) && !(publicRegistry === 'replace' && isRubygems(source)))
  const sources = [...kept, credentialSource(endpoint, token)]
  // `:sources:` must stay a plain scalar: Ruby's YAML reads it as the symbol gem looks up.
  const key = isMap(document.contents) ? document.contents.items.find((pair) => pair.key instanceof Scalar && pair.key.value === SOURCES)?.key : undefined
  const plainKey = key ?? Object.assign(new Scalar(SOURCES), { type: Scalar.PLAIN })
  document.set(plainKey, document.createNode(sources))
  document.set(pushHost(endpoint), `Bearer ${token}`)
  // No folding: a long source URL must stay on one line.
  return document.toString({ lineWidth: 0 })
}

export const gem: PackageClient = {
  async configure({ endpoint, token, settings, env, home, workspace }: PackageContext): Promise<Record<string, string>> {
    const files = userGemrcFiles(env, home)
    const texts = files.flatMap((file) => {
      const text = readIfExists(file)?.toString('utf8')
      return text === undefined ? [] : [text]
    })
    const text = gemrcWithSource(texts, endpoint, token, settings.publicRegistry, (reason) => core.warning(`gem: ignoring the settings of ${files.join(', ')}: ${reason}`))
    const credentials = gemCredentialFiles(env, home).find((file) => existsSync(file))
    if (credentials) {
      core.warning(`gem push takes API keys only from ${credentials} while it exists, so it will not find the key for ${pushHost(endpoint)} ` +
        'in the gemrc this action wrote (gem install is not affected). Push with the key on that one command: ' +
        `GEM_HOST_API_KEY="Bearer $CODEARTIFACT_AUTH_TOKEN" gem push --host ${pushHost(endpoint)} <gem>`)
    }
    return { GEMRC: await workspace.writePrivate('gemrc', text) }
  },
}
