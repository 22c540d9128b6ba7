// Runs the bundled action end to end on the built-in AWS emulator, the way the GitHub runner would,
// and prints what a workflow would see: the step log, the outputs (secrets shown as ***), the job
// summary as text, the AWS calls made, a later step using the credential, and the post step.
// With Debian's docker-registry and the docker CLI installed, a later step's `docker manifest
// inspect` reads an image from a local registry with the login the action wrote; a local npm
// registry (Verdaccio, from the dev dependencies) serves a private package to a later `npm view`.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { runAction } from '../test-support/harness/index.js'
import { npmBin, startNpmRegistry } from '../test-support/npm-registry.js'
import { buildImage, pushImage } from '../test-support/oci-image.js'
import { startRegistry } from '../test-support/registry.js'

const PASSWORD = 'demo-ecr-password-0123456789abcdef'
const docker = (() => {
  try {
    const path = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim()
    return existsSync('/usr/bin/docker-registry') && existsSync('/usr/bin/htpasswd') ? path : undefined
  } catch {
    return undefined
  }
})()

const registry = docker ? await startRegistry({ password: PASSWORD }) : undefined
const image = registry ? (await pushImage(buildImage(), { url: registry.url, username: 'AWS', password: PASSWORD, repository: 'demo/hello', tag: '1' })).reference : undefined
const npmRegistry = await startNpmRegistry({ packages: [{ name: '@acme/hello', version: '1.0.0' }] })
const emulator = await startEmulator({
  password: () => PASSWORD,
  token: () => npmRegistry.token,
  proxyEndpoint: (account, region) =>
    registry && account === '111111111111' ? `https://${registry.host}` : `https://${account}.dkr.ecr.${region}.amazonaws.com`,
  repositoryEndpoint: ({ format, domain }) => (format === 'npm' ? npmRegistry.url : `https://${domain}-123456789012.d.codeartifact.us-east-1.amazonaws.com/${format}/shared/`),
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

/** A later step of the job: a command with the environment later steps get. */
const laterStep = (/** @type {string[]} */ command) => (/** @type {Record<string, string>} */ later) => {
  const [program = '', ...args] = command
  const run = spawnSync(program, args, { env: later, encoding: 'utf8', cwd: home, timeout: 60000 })
  return `$ ${command.map((part) => part.replace(process.execPath, 'node')).join(' ')}\n${`${run.stdout}${run.stderr}`.trim()}\n(exit code ${run.status})`
}

/** @type {{ title: string, with: Record<string, string>, later?: (env: Record<string, string>) => string }[]} */
const scenarios = [
  {
    title: docker ? 'ECR: docker, logged in to a local registry (account 111111111111)' : 'ECR: one registry, outputs only',
    with: docker ? { registries: '111111111111' } : { registries: '111111111111', tools: 'none' },
    later: docker && image ? laterStep([docker, 'manifest', 'inspect', '--insecure', image]) : undefined,
  },
  {
    title: 'ECR: three registries in two regions, outputs only',
    with: { registries: '111111111111, 222222222222\n333333333333.dkr.ecr.eu-west-1.amazonaws.com', tools: 'none' },
  },
  { title: 'ECR Public, outputs only', with: { 'registry-type': 'public', tools: 'none' } },
  {
    title: 'CodeArtifact: npm (scope @acme) and pip',
    with: { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared', tools: 'npm, pip', 'npm-scope': '@acme' },
    later: laterStep([...npmBin(), 'view', '@acme/hello', 'name', 'version']),
  },
]

/** The job summary (HTML) as the text a reader sees. */
function summaryText(/** @type {string} */ html) {
  return html
    .replace(/<h\d>(.*?)<\/h\d>/g, '$1\n')
    .replace(/<li>/g, '- ').replace(/<\/li>/g, '\n')
    .replace(/<tr>/g, '').replace(/<\/tr>/g, '\n')
    .replace(/<t[hd]>(.*?)<\/t[hd]>/g, '$1 | ')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
    .replace(/ \| \n/g, '\n')
    .trim()
}

let failed = false
try {
  for (const scenario of scenarios) {
    emulator.reset()
    let later = ''
    const result = await runAction({
      with: scenario.with,
      env,
      secrets: [...emulator.secrets(), PASSWORD],
      beforePost: (_main, step) => {
        if (scenario.later) later = scenario.later(step.env)
      },
    })
    const hide = (/** @type {string} */ value) => result.main.masks.reduce((text, mask) => text.split(mask).join('***'), value)
    console.log(`\n=== ${scenario.title}\nwith: ${JSON.stringify(scenario.with)}\n`)
    console.log('--- main step log ---')
    console.log(result.main.log.trimEnd())
    console.log('\n--- outputs ---')
    for (const [name, value] of Object.entries(result.main.outputs)) console.log(`${name} = ${hide(value)}`)
    console.log('\n--- environment for later steps ---')
    for (const [name, value] of Object.entries(result.main.env)) console.log(`${name}=${hide(value)}`)
    console.log('\n--- job summary ---')
    console.log(summaryText(result.main.maskedSummary) || '(none)')
    console.log('\n--- AWS calls (signature checked by the emulator) ---')
    for (const call of emulator.requests) {
      console.log(`${call.service} ${call.operation} ${call.region} status=${call.status} signature=${call.signatureValid ? 'valid' : 'INVALID'}`)
    }
    if (later) console.log(`\n--- a later step ---\n${hide(later)}`)
    console.log('\n--- post step log ---')
    console.log(result.post?.log.trimEnd() || '(nothing)')
    console.log(`\nexit codes: main ${result.main.exitCode}, post ${result.post?.exitCode}; unmasked secrets found in logs: ${result.leaks.length}`)
    failed ||= result.main.exitCode !== 0 || result.leaks.length > 0 || / \(exit code [1-9]/.test(later)
    result.cleanup()
  }
} finally {
  await emulator.stop()
  await Promise.all([registry?.stop(), npmRegistry.stop()])
  rmSync(home, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
