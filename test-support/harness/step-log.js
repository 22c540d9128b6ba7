// @ts-check
/**
 * One step's log as the runner builds it from the process output: workflow commands are
 * interpreted (ActionCommandManager), everything written goes through the job-wide masker at the
 * moment it is written, and `##[debug]` lines are kept only when step debug logging is on.
 */
import { getProperty, parseCommand, RUNNER_COMMANDS, splitLines } from './commands.js'

const CHANGELOG = 'https://github.blog/changelog/'
const deprecated = (/** @type {string} */ name) =>
  `The \`${name}\` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. ` +
  `For more information see: ${CHANGELOG}2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/`
const disabled = (/** @type {string} */ name) =>
  `The \`${name}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command ` +
  'execution by setting the `ACTIONS_ALLOW_UNSECURE_COMMANDS` environment variable to `true`. For more ' +
  `information see: ${CHANGELOG}2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`
/** Commands the runner never echoes, even with `::echo::on`. */
const OMIT_ECHO = new Set(['add-mask', 'debug', 'error', 'warning', 'notice'])

/**
 * @typedef {{ type: 'error' | 'warning' | 'notice', message: string, properties: Record<string, string> }} Annotation
 * @typedef {{ masker: import('./masker.js').SecretMasker, debug?: boolean, stepId?: string,
 *   allowUnsecureCommands?: boolean }} StepLogOptions
 */

export class StepLog {
  /** @param {StepLogOptions} options */
  constructor(options) {
    this.masker = options.masker
    this.showDebug = options.debug === true
    this.echo = options.debug === true
    this.stepId = options.stepId ?? '__self'
    this.allowUnsecure = options.allowUnsecureCommands === true
    /** @type {string[]} */ this.lines = []
    /** @type {import('./commands.js').WorkflowCommand[]} */ this.commands = []
    /** @type {string[]} */ this.masks = []
    /** @type {Annotation[]} */ this.annotations = []
    /** @type {string[]} */ this.debug = []
    /** @type {Record<string, string>} */ this.outputs = {}
    /** @type {Record<string, string>} */ this.state = {}
    /** @type {Record<string, string>} */ this.env = {}
    /** @type {string[]} */ this.path = []
    this.failed = false
    /** @type {string | null} */ this.stopToken = null
  }

  /** @param {string} text written as-is (masked), like ExecutionContext.Output */
  output(text) {
    this.lines.push(...this.masker.mask(text).split('\n'))
  }

  /** @param {string} message a runner debug message: shown only with step debug logging */
  runnerDebug(message) {
    if (!this.showDebug) return
    for (const line of message.replace(/\r\n/g, '\n').split('\n')) this.lines.push(this.masker.mask(`##[debug]${line}`))
  }

  /**
   * @param {Annotation['type']} type
   * @param {string} message
   * @param {Record<string, string>} [properties]
   */
  issue(type, message, properties = {}) {
    const masked = this.masker.mask(message)
    this.annotations.push({ type, message: masked, properties })
    this.lines.push(...`##[${type}]${masked}`.split('\n'))
  }

  /** @param {string} text the whole stream the process wrote */
  processOutput(text) {
    for (const line of splitLines(text)) this.processLine(line)
  }

  /** @param {string} line */
  processLine(line) {
    const looksLikeCommand = line.includes('::') || line.includes('##[')
    const registered = this.stopToken === null ? RUNNER_COMMANDS : [...RUNNER_COMMANDS, this.stopToken]
    const command = looksLikeCommand ? parseCommand(line, registered) : null
    if (!command) return this.output(line)
    if (this.stopToken !== null) {
      if (this.stopToken === '' || command.command !== this.stopToken.toLowerCase()) {
        this.runnerDebug(`Process commands has been stopped and waiting for '##[${this.stopToken}]' to resume.`)
        return this.output(line)
      }
      this.output(line)
      this.runnerDebug('Resume processing commands')
      this.stopToken = null
      return
    }
    this.commands.push(command)
    if (command.command === 'stop-commands') {
      this.output(line)
      // Verbatim, including the runner's missing string interpolation.
      this.runnerDebug("Paused processing commands until '##[{actionCommand.Data}]' is received")
      this.stopToken = command.data
      return
    }
    if (this.echo && !OMIT_ECHO.has(command.command)) this.output(line)
    try {
      this.apply(command)
    } catch (error) {
      const shown = OMIT_ECHO.has(command.command) ? command.command : line
      this.issue('error', `Unable to process command '${shown}' successfully.`)
      this.issue('error', error instanceof Error ? error.message : String(error))
      this.failed = true
    }
  }

  /** @param {import('./commands.js').WorkflowCommand} command */
  apply({ command, properties, data }) {
    const name = getProperty(properties, 'name')
    const requireName = () => {
      if (!name) throw new Error(`Required field 'name' is missing in ##[${command}] command.`)
      return name
    }
    switch (command) {
      case 'add-mask':
        if (data.trim() === '') return this.issue('warning', "Can't add secret mask for empty string in ##[add-mask] command.")
        if (this.echo) this.output('::add-mask::***')
        this.masks.push(data)
        return this.masker.add(data)
      case 'debug':
        this.debug.push(this.masker.mask(data))
        return this.runnerDebug(data)
      case 'error':
      case 'warning':
      case 'notice':
        return this.issue(command, data, properties)
      case 'group':
        return this.output(`##[group]${data}`)
      case 'endgroup':
        return this.output('##[endgroup]')
      case 'echo': {
        const value = data.trim().toUpperCase()
        if (value !== 'ON' && value !== 'OFF') {
          throw new Error(`Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: '${data}'.`)
        }
        this.echo = value === 'ON'
        return this.runnerDebug(`Setting echo command value to '${value.toLowerCase()}'`)
      }
      case 'set-output':
        this.issue('warning', deprecated(command))
        this.outputs[requireName()] = data
        return this.runnerDebug(`steps.${this.stepId}.outputs.${name}='${data}'`)
      case 'save-state':
        this.issue('warning', deprecated(command))
        this.state[requireName()] = data
        return this.runnerDebug(`Save intra-action state ${name} = ${data}`)
      case 'set-env':
        if (!this.allowUnsecure) throw new Error(disabled(command))
        this.env[requireName()] = data
        return this.runnerDebug(`${name}='${data}'`)
      case 'add-path':
        if (!this.allowUnsecure) throw new Error(disabled(command))
        this.path = [...this.path.filter((entry) => entry !== data), data]
        return
      default:
        // add-matcher / remove-matcher: recorded in `commands`, problem matchers are not emulated.
        return
    }
  }
}
