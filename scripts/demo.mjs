// Runs the bundled action end to end on the built-in AWS emulator, the way the GitHub runner would,
// and prints what a workflow would see: the step log, the outputs (secrets shown as ***), the job
// summary, the AWS calls made, and the post step. With Debian's docker-registry and the docker CLI
// installed, docker really logs in to a local registry; otherwise the demo uses `tools: none`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { startEmulator } from '../test-support/emulator/index.js'
import { runAction } from '../test-support/harness/index.js'
import { startRegistry } from '../test-support/registry.js'

const PASSWORD = 'demo-ecr-password-0123456789abcdef'
const hasDocker = (() => {
  try {
    execFileSync('docker', ['--version'], { stdio: 'ignore' })
    return existsSync('/usr/bin/docker-registry') && existsSync('/usr/bin/htpasswd')
  } catch {
    return false
  }
})()

const registry = hasDocker ? await startRegistry({ password: PASSWORD }) : undefined
const emulator = await startEmulator({
  password: () => PASSWORD,
  proxyEndpoint: (account, region) =>
    registry && account === '111111111111' ? `https://${registry.host}` : `https://${account}.dkr.ecr.${region}.amazonaws.com`,
})
const home = mkdtempSync(join(tmpdir(), 'registry-auth-demo-'))
const env = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  DOCKER_CONFIG: join(home, '.docker'),
  AWS_REGION: 'us-east-1',
  // The runner runs node24; on an older local Node the SDK would print a support notice.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
  AWS_CONFIG_FILE: join(home, 'none'),
  ...emulator.env,
}

/** @type {{ title: string, with: Record<string, string> }[]} */
const scenarios = [
  {
    title: hasDocker ? 'ECR: docker login to a local registry (account 111111111111)' : 'ECR: one registry, outputs only',
    with: hasDocker ? { registries: '111111111111' } : { registries: '111111111111', tools: 'none' },
  },
  {
    title: 'ECR: three registries in two regions, outputs only',
    with: { registries: '111111111111, 222222222222\n333333333333.dkr.ecr.eu-west-1.amazonaws.com', tools: 'none' },
  },
  { title: 'ECR Public, outputs only', with: { 'registry-type': 'public', tools: 'none' } },
  {
    title: 'CodeArtifact: npm (scope @acme) and pip',
    with: { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared', tools: 'npm, pip', 'npm-scope': '@acme' },
  },
]

let failed = false
try {
  for (const scenario of scenarios) {
    emulator.reset()
    const result = await runAction({ with: scenario.with, env, secrets: [...emulator.secrets(), PASSWORD] })
    const hide = (/** @type {string} */ value) => result.main.masks.reduce((text, mask) => text.split(mask).join('***'), value)
    console.log(`\n=== ${scenario.title}\nwith: ${JSON.stringify(scenario.with)}\n`)
    console.log('--- main step log ---')
    console.log(result.main.log.trimEnd())
    console.log('\n--- outputs ---')
    for (const [name, value] of Object.entries(result.main.outputs)) console.log(`${name} = ${hide(value)}`)
    console.log('\n--- environment for later steps ---')
    for (const [name, value] of Object.entries(result.main.env)) console.log(`${name}=${hide(value)}`)
    console.log('\n--- job summary ---')
    console.log(result.main.maskedSummary.trim() || '(none)')
    console.log('\n--- AWS calls (signature checked by the emulator) ---')
    for (const call of emulator.requests) {
      console.log(`${call.service} ${call.operation} ${call.region} status=${call.status} signature=${call.signatureValid ? 'valid' : 'INVALID'}`)
    }
    console.log('\n--- post step log ---')
    console.log(result.post?.log.trimEnd() || '(nothing)')
    console.log(`\nexit codes: main ${result.main.exitCode}, post ${result.post?.exitCode}; unmasked secrets found in logs: ${result.leaks.length}`)
    failed ||= result.main.exitCode !== 0 || result.leaks.length > 0
    result.cleanup()
  }
} finally {
  await emulator.stop()
  await registry?.stop()
  rmSync(home, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
