// @ts-check
/**
 * action.yml as the runner reads it (ActionManifestManager / ActionRunner): entry points, post-if,
 * and the INPUT_* variables a step gets.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

/**
 * @typedef {{ dir: string, using: string, main: string, post: string | null, postIf: string,
 *   inputs: Record<string, { default: string | null }> }} ActionManifest
 */

/**
 * @param {string} actionDir
 * @returns {ActionManifest}
 */
export function loadActionManifest(actionDir) {
  const file = ['action.yml', 'action.yaml'].map((name) => join(actionDir, name)).find((path) => existsSync(path))
  if (!file) throw new Error(`No action.yml or action.yaml in ${actionDir}`)
  const doc = parse(readFileSync(file, 'utf8'))
  const runs = doc?.runs ?? {}
  const using = String(runs.using ?? '')
  if (!/^(node\d+|bun)$/i.test(using)) throw new Error(`${file}: runs.using '${using}' is not a JavaScript action`)
  if (!runs.main) throw new Error(`${file}: runs.main is missing`)
  /** @type {ActionManifest['inputs']} */
  const inputs = {}
  for (const [name, meta] of Object.entries(doc.inputs ?? {})) {
    const hasDefault = meta && typeof meta === 'object' && 'default' in meta
    inputs[name] = { default: hasDefault ? String(meta.default ?? '') : null }
  }
  return {
    dir: actionDir,
    using,
    main: String(runs.main),
    post: runs.post ? String(runs.post) : null,
    postIf: runs['post-if'] ? String(runs['post-if']) : 'always()',
    inputs,
  }
}

/** @param {string} name an input name as written in action.yml or `with:` */
export const inputVariable = (name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`

/**
 * The INPUT_* variables: every `with:` value, then every declared input not given, with its default
 * or '' (the runner sets inputs without a default to the empty string). Inputs are matched
 * case-insensitively; undeclared `with:` keys are passed on and produce the runner's warning.
 * Defaults are used literally: `${{ }}` expressions in defaults are not evaluated.
 * @param {ActionManifest} manifest
 * @param {Record<string, string | number | boolean>} [given]
 * @returns {{ env: Record<string, string>, warning: string | null }}
 */
export function inputEnvironment(manifest, given = {}) {
  /** @type {Record<string, string>} */
  const env = {}
  const declared = Object.keys(manifest.inputs)
  const givenNames = Object.keys(given).map((name) => name.toLowerCase())
  for (const [name, value] of Object.entries(given)) env[inputVariable(name)] = String(value)
  for (const name of declared) {
    if (givenNames.includes(name.toLowerCase())) continue
    env[inputVariable(name)] = manifest.inputs[name]?.default ?? ''
  }
  const unexpected = Object.keys(given).filter((name) => !declared.some((d) => d.toLowerCase() === name.toLowerCase()))
  const warning = unexpected.length === 0 ? null
    : `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${declared.join("', '")}']`
  return { env, warning }
}

/**
 * The few condition forms a post-if uses.
 * @param {string} condition
 * @param {boolean} mainSucceeded
 */
export function evaluatePostIf(condition, mainSucceeded) {
  const expr = condition.trim().replace(/^\$\{\{\s*([\s\S]*?)\s*\}\}$/, '$1').replace(/\s+/g, '')
  switch (expr) {
    case 'always()':
    case '!cancelled()':
      return true
    case 'success()':
      return mainSucceeded
    case 'failure()':
      return !mainSucceeded
    case 'cancelled()':
      return false
    default:
      throw new Error(`post-if '${condition}' is not supported by the harness`)
  }
}
