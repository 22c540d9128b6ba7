/**
 * Runs a client command with an optional secret on stdin and collects its output, without a shell
 * and without echoing anything. A client that exits before reading stdin (EPIPE) is not a crash:
 * its exit code and output say what happened.
 */
import { spawn } from 'node:child_process'

export interface CommandResult {
  exitCode: number
  stdout: string
  stderr: string
}

export function runCommand(command: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    child.stdin.on('error', () => { /* the client closed stdin early; its exit code tells */ })
    child.once('error', (error) => reject(new Error(`cannot run ${command}: ${error.message}`)))
    child.once('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
