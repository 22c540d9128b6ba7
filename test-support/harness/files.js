// @ts-check
/**
 * The runner's file commands (FileCommandManager): fresh GITHUB_PATH / GITHUB_ENV /
 * GITHUB_STEP_SUMMARY / GITHUB_STATE / GITHUB_OUTPUT files per step under
 * `$RUNNER_TEMP/_runner_file_commands`, read back after the process exits.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { splitLines } from './commands.js'

/** In the runner's processing order. */
export const FILE_COMMANDS = Object.freeze(/** @type {const} */ ([
  ['GITHUB_PATH', 'add_path_'],
  ['GITHUB_ENV', 'set_env_'],
  ['GITHUB_STEP_SUMMARY', 'step_summary_'],
  ['GITHUB_STATE', 'save_state_'],
  ['GITHUB_OUTPUT', 'set_output_'],
]))
const SUMMARY_LIMIT = 1024 * 1024

/** @typedef {Record<(typeof FILE_COMMANDS)[number][0], string>} FileCommandPaths */

/**
 * @param {string} runnerTemp
 * @returns {FileCommandPaths}
 */
export function createFileCommandFiles(runnerTemp) {
  const dir = join(runnerTemp, '_runner_file_commands')
  mkdirSync(dir, { recursive: true })
  const suffix = randomUUID()
  /** @type {Record<string, string>} */
  const paths = {}
  for (const [variable, prefix] of FILE_COMMANDS) {
    paths[variable] = join(dir, prefix + suffix)
    writeFileSync(paths[variable], '')
  }
  return /** @type {FileCommandPaths} */ (paths)
}

/**
 * `NAME=value` lines and `NAME<<DELIMITER` heredocs, exactly as EnvFileKeyValuePairs reads them
 * (lines end at `\n` only; a `\r` stays in the value). Pairs before a format error are still
 * yielded, as in the runner; then the error is thrown.
 * @param {string} text
 * @returns {Generator<[string, string]>}
 */
export function* parseKeyValueFile(text) {
  let index = 0
  /** @returns {[string | null, boolean]} the line and whether a newline ended it */
  const readLine = () => {
    if (index >= text.length) return [null, false]
    const lf = text.indexOf('\n', index)
    const start = index
    if (lf < 0) {
      index = text.length
      return [text.slice(start), false]
    }
    index = lf + 1
    return [text.slice(start, lf), true]
  }
  for (let [line] = readLine(); line !== null; [line] = readLine()) {
    if (line === '') continue
    const eq = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      yield [line.slice(0, eq), line.slice(eq + 1)]
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      if (!name || !delimiter) {
        throw new Error(`Invalid format '${line}'. Name must not be empty and delimiter must not be empty`)
      }
      const start = index
      let end = index
      let [next, newline] = readLine()
      while (next !== delimiter) {
        if (next === null) throw new Error(`Invalid value. Matching delimiter not found '${delimiter}'`)
        if (!newline) throw new Error('Invalid value. EOF marker missing new line.')
        end = index - 1
        ;[next, newline] = readLine()
      }
      yield [name, end > start ? text.slice(start, end) : '']
    } else {
      throw new Error(`Invalid format '${line}'`)
    }
  }
}

/**
 * Parses a whole file; throws on the first format error.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export const parseKeyValues = (text) => Object.fromEntries(parseKeyValueFile(text))

/** @param {string} text GITHUB_PATH content */
export const parsePathFile = (text) => splitLines(text).filter((line) => line !== '')

/**
 * Reads the step's files after the process ended and applies them to its log record, with the
 * runner's debug lines and errors.
 * @param {FileCommandPaths} paths
 * @param {import('./step-log.js').StepLog} log
 * @returns {{ summary: string, maskedSummary: string }}
 */
export function processFileCommands(paths, log) {
  const read = (/** @type {string} */ path) => (existsSync(path) ? readFileSync(path, 'utf8') : '')
  let summary = ''
  let maskedSummary = ''
  /** @type {Record<string, (text: string) => void>} */
  const handlers = {
    GITHUB_PATH: (text) => {
      for (const entry of parsePathFile(text)) log.path = [...log.path.filter((p) => p !== entry), entry]
    },
    GITHUB_ENV: (text) => {
      for (const [name, value] of parseKeyValueFile(text)) {
        if (name.toUpperCase() === 'NODE_OPTIONS') {
          log.issue('error', "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.")
          continue
        }
        log.env[name] = value
        log.runnerDebug(`${name}='${value}'`)
      }
    },
    GITHUB_STEP_SUMMARY: (text) => {
      summary = text
      if (text === '') return
      const size = statSync(paths.GITHUB_STEP_SUMMARY).size
      if (size > SUMMARY_LIMIT) {
        log.issue('error', `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${SUMMARY_LIMIT / 1024}k, got ${Math.floor(size / 1024)}k. For more information see: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary`)
        return
      }
      maskedSummary = splitLines(text).map((line) => `${log.masker.mask(line)}\n`).join('')
    },
    GITHUB_STATE: (text) => {
      for (const [name, value] of parseKeyValueFile(text)) {
        log.state[name] = value
        log.runnerDebug(`Save intra-action state ${name} = ${value}`)
      }
    },
    GITHUB_OUTPUT: (text) => {
      for (const [name, value] of parseKeyValueFile(text)) {
        log.outputs[name] = value
        log.runnerDebug(`Set output ${name} = ${value}`)
      }
    },
  }
  for (const [variable] of FILE_COMMANDS) {
    try {
      handlers[variable]?.(read(paths[variable]))
    } catch (error) {
      const context = variable === 'GITHUB_STEP_SUMMARY' ? 'step_summary' : variable.slice('GITHUB_'.length).toLowerCase()
      log.issue('error', `Unable to process file command '${context}' successfully.`)
      log.issue('error', error instanceof Error ? error.message : String(error))
      log.failed = true
    }
  }
  return { summary, maskedSummary }
}
