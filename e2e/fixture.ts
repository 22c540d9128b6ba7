/** Shared set-up for end-to-end tests: the AWS emulator, an isolated HOME and docker config, the harness. */
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { expect } from '@jest/globals'
import { runAction, scanForLeaks } from '../test-support/harness/index.js'

export type Emulator = Awaited<ReturnType<typeof startEmulator>>
export type RunOptions = NonNullable<Parameters<typeof runAction>[0]>
export type RunResult = Awaited<ReturnType<typeof runAction>>

export interface Sandbox {
  dir: string
  home: string
  dockerConfig: string
  /** The job environment: isolated HOME and DOCKER_CONFIG, the emulator's endpoints and keys. */
  env: Record<string, string>
  /**
   * Runs the action (debug on) and adds to `result.leaks` any form of any secret left in a file under
   * the sandbox after the post step — client logs (npm's _logs, pip's), config files, projects —
   * unless `keepsSecrets` says the run is meant to leave one (skip-logout, say).
   */
  run(options: RunOptions & { keepsSecrets?: boolean }, extraSecrets?: string[]): Promise<RunResult>
  /** sha256 of every file under `dir` (HOME, docker config, runner temp): to prove nothing changed. */
  snapshot(): Record<string, string>
  cleanup(): void
}

export function makeSandbox(emu: Emulator, env: Record<string, string> = {}): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-auth-e2e-'))
  const home = path.join(dir, 'home')
  const dockerConfig = path.join(home, '.docker')
  fs.mkdirSync(home, { recursive: true })
  const results: RunResult[] = []
  const sandbox: Sandbox = {
    dir,
    home,
    dockerConfig,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      DOCKER_CONFIG: dockerConfig,
      AWS_REGION: 'us-east-1',
      // The runner runs node24; on an older local Node the SDK would print a support notice.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'no-aws-credentials'),
      AWS_CONFIG_FILE: path.join(home, 'no-aws-config'),
      // Maven and Gradle find their files under Java's user.home (the account's home, not HOME): point
      // it at the sandbox, as a job would for a JVM whose home is not the account's.
      MAVEN_OPTS: `-Duser.home=${home}`,
      GRADLE_OPTS: `-Duser.home=${home}`,
      ...emu.env,
      ...env,
    },
    async run(options, extraSecrets = []) {
      const secrets = [...emu.secrets(), ...extraSecrets, ...(options.secrets ?? [])]
      const result = await runAction({
        debug: true,
        ...options,
        env: { ...sandbox.env, ...options.env },
        secrets,
      })
      results.push(result)
      if (!options.keepsSecrets) result.leaks.push(...scanForLeaks(sandboxFiles(dir), [...emu.secrets(), ...secrets]))
      return result
    },
    snapshot() {
      const hashes: Record<string, string> = {}
      const walk = (at: string) => {
        for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
          const full = path.join(at, entry.name)
          if (entry.isDirectory()) walk(full)
          else hashes[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')
        }
      }
      walk(dir)
      return hashes
    },
    cleanup() {
      for (const result of results) result.cleanup()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
  return sandbox
}

/** Every file under the sandbox but the recordings of the test's stand-in clients (`*calls.log`: they keep their stdin). */
function sandboxFiles(dir: string): { where: string; text: string }[] {
  const files: { where: string; text: string }[] = []
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && !entry.name.endsWith('calls.log')) files.push({ where: path.relative(dir, full), text: fs.readFileSync(full, 'latin1') })
    }
  }
  walk(dir)
  return files
}

/** Every line the runner would show for a step, for readable failure messages. */
export const shown = (result: RunResult): string => `${result.main.log}\n--- post ---\n${result.post?.log ?? ''}`

/**
 * Runs the main step with bad input and checks the contract: exit 1, exactly one error line that
 * starts with `message`, no AWS request, nothing exported, saved or written under the sandbox.
 */
export async function expectRejected(sandbox: Sandbox, emu: Emulator, given: Record<string, string>, message: string): Promise<RunResult> {
  const before = sandbox.snapshot()
  const result = await sandbox.run({ with: given, post: false })
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toHaveLength(1)
  expect(result.main.errors[0]?.startsWith(message)).toBe(true)
  expect(result.main.log.split('\n').filter((line) => line.includes('##[error]'))).toHaveLength(1)
  expect(emu.requests).toEqual([])
  expect(result.main.env).toEqual({})
  // Nothing but the empty undo list the main step saves first of all.
  expect(result.main.state).toEqual({ undo: '[]' })
  expect(sandbox.snapshot()).toEqual(before)
  return result
}
