/**
 * Runs a client command with an optional secret on stdin and collects its output, without a shell
 * and without echoing anything. A client that exits before reading stdin (EPIPE) is not a crash:
 * its exit code and output say what happened.
 */

export interface CommandResult {
  exitCode: number
  stdout: string
  stderr: string
}

export async function runCommand(command: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
  // Loaded on first use: a post step with nothing to run starts without it.
  const { spawn } = await import('node:child_process')
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
