/**
 * Runs a client command with an optional secret on stdin and collects its output, without a shell
 * and without echoing anything. A client that exits before reading stdin (EPIPE) is not a crash:
 * its exit code and output say what happened. Every run has a time limit: a client that hangs (a
 * registry that accepts and never answers, a credential helper waiting for a prompt) is killed.
 */

export interface CommandResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface CommandOptions {
  input?: string
  env?: Record<string, string>
  /** Milliseconds before the process (and what it started) is killed and the run fails. */
  timeoutMs: number
  /** Says whose limit it is, for the error: "the step's time limit of 300 s (…)". */
  limit?: string
}

export async function runCommand(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  // Loaded on first use: a post step with nothing to run starts without it.
  const { spawn } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    // Its own process group (POSIX), so that a timeout also stops what it started (a credential helper).
    const group = process.platform !== 'win32'
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      detached: group,
    })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => {
      try {
        if (group && child.pid) process.kill(-child.pid, 'SIGKILL')
        else child.kill('SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
      // A process it started may still hold the pipes: let go of them, so this process can end.
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.destroy()
      const seconds = Math.round(options.timeoutMs / 100) / 10
      reject(new Error(`${command} ${args[0] ?? ''} did not finish within ${options.limit ?? `${seconds} s`}; it was stopped`))
    }, Math.max(1, options.timeoutMs))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    child.stdin.on('error', () => { /* the client closed stdin early; its exit code tells */ })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`cannot run ${command}: ${error.message}`))
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr })
    })
    child.stdin.end(options.input ?? '')
  })
}
