/** Running real package clients the way a later workflow step would: async, with only the env given. */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

export interface ClientRun {
  status: number | null
  /** stdout and stderr in the order written */
  output: string
  stdout: string
}

/** Runs `bin args` in `cwd` with exactly `env`. Async: test servers answer from this very process. */
export function runClient(bin: string[], args: string[], env: Record<string, string>, cwd: string): Promise<ClientRun> {
  const [command = '', ...pre] = bin
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...pre, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 })
    let output = ''
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; stdout += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.once('error', reject)
    child.once('close', (status) => resolve({ status, output, stdout }))
  })
}

/** Drops the variables a runner would not pass on (the harness's own bookkeeping). */
export function stepEnv(env: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const copy = { ...env, ...extra }
  for (const name of Object.keys(copy)) if (name.startsWith('INPUT_') || name.startsWith('STATE_')) delete copy[name]
  return copy
}

/** A Node project `<root>/<name>` with a private package.json and `files`, for a client to run in. */
export function nodeProject(root: string, name: string, files: Record<string, string> = {}): string {
  const dir = path.join(root, name)
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}\n')
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content)
  return dir
}
