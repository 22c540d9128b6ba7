// Benchmarks the bundled action the way the runner runs it, against the loopback AWS emulator.
// Every scenario runs BENCH_RUNS times (default 9), interleaved, so a noisy moment hits all of them;
// figures are medians and ratios are taken between medians of this one run. `--markdown` prints the
// table for BENCHMARKS.md. Nothing here is asserted by the tests.
import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { build } from 'esbuild'
import { esmBanner, shared } from './esbuild-options.mjs'
import { startEmulator } from '../test-support/emulator/index.js'
import { runAction, repoRoot } from '../test-support/harness/index.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
/** Another checkout to measure instead of this one (its action.yml and dist/), e.g. an older commit. */
const actionDir = process.env.BENCH_ACTION_DIR ?? repoRoot
const markdown = process.argv.includes('--markdown')
const scratch = mkdtempSync(join(tmpdir(), 'registry-auth-bench-'))
// The cheapest stand-in docker: a login reads the password and writes config.json as docker does
// without a credential helper (the credential inline, one host: enough for these scenarios). The
// auth value is the real one (about 3 KB for an ECR password): the post step hashes the file.
const bin = join(scratch, 'bin')
mkdirSync(bin)
writeFileSync(join(bin, 'docker'), `#!/bin/sh
if [ "$1" = login ]; then
  for a; do host=$a; done
  auth=$(printf 'AWS:%s' "$(cat)" | base64 -w0)
  printf '{"auths":{"%s":{"auth":"%s"}}}\\n' "$host" "$auth" > "\${DOCKER_CONFIG:-$HOME/.docker}/config.json"
fi
echo ok
`, { mode: 0o755 })
// The same docker, 300 ms a call: a stand-in for a login that crosses the network. A run that runs
// no docker process takes as long with it as with the instant one.
const slowBin = join(scratch, 'slow-bin')
mkdirSync(slowBin)
writeFileSync(join(slowBin, 'docker'), `#!/bin/sh\nsleep 0.3\nexec '${join(bin, 'docker')}' "$@"\n`, { mode: 0o755 })
// What the AWS SDK alone costs: one GetAuthorizationToken from a minimal program, bundled the way
// dist/ is. Nothing the action does can take less than this plus the docker login.
const sdkOnly = join(scratch, 'sdk-only.mjs')
await build({
  ...shared,
  stdin: {
    contents: "import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr'\n" +
      'await new ECRClient({ region: process.env.AWS_REGION }).send(new GetAuthorizationTokenCommand({}))\n',
    resolveDir: repoRoot,
    loader: 'ts',
  },
  format: 'esm',
  banner: esmBanner,
  outfile: sdkOnly,
})
const emu = await startEmulator({
  repositoryEndpoint: ({ format, domain }) => `https://${domain}-123456789012.d.codeartifact.us-east-1.amazonaws.com/${format}/shared/`,
})
const home = join(scratch, 'home')
mkdirSync(home)
const floorDocker = join(scratch, 'floor-docker')
mkdirSync(floorDocker)
const env = {
  PATH: `${bin}:${process.env.PATH}`,
  HOME: home,
  DOCKER_CONFIG: join(home, '.docker'),
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
  AWS_CONFIG_FILE: join(home, 'none'),
  ...emu.env,
}

/**
 * Wall time of a command, spawned like the runner spawns a step.
 * @param {string} command @param {string[]} args @param {Record<string, string>} [extraEnv] @param {number[]} [okCodes]
 * @returns {Promise<number>}
 */
function time(command, args, extraEnv = {}, okCodes = [0]) {
  // As the harness spawns the action's steps (test-support/harness/process.js): its own process
  // group, stdout and stderr into one file, timed until the process exits.
  const output = openSync(join(scratch, 'output.log'), 'w')
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', output, output], detached: true })
    child.once('error', reject)
    child.once('exit', (code) => (okCodes.includes(code ?? -1) ? resolve(performance.now() - started) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))))
  }).finally(() => closeSync(output))
}

/** @type {Record<string, number>} */
const calls = {}
/**
 * @param {string} name @param {Record<string, string>} inputs
 * @returns {Promise<[number, number]>} main and post step durations
 */
async function action(name, inputs, extraEnv = {}) {
  emu.reset()
  const result = await runAction({ actionDir, with: inputs, env: { ...env, ...extraEnv } })
  if (result.main.exitCode !== 0) throw new Error(`${name}: ${result.main.errors.join('; ')}`)
  calls[name] = emu.requests.length
  result.cleanup()
  return [result.main.durationMs, result.post?.durationMs ?? 0]
}

const mainEntry = /main:\s*'([^']+)'/.exec(readFileSync(join(actionDir, 'action.yml'), 'utf8'))?.[1] ?? 'dist/main.js'
const twelve = Array.from({ length: 12 }, (_, i) => {
  const account = String(100000000000 + i)
  return `${account}.dkr.ecr.${['us-east-1', 'eu-west-1', 'ap-south-1'][i % 3]}.amazonaws.com`
}).join('\n')
const caInputs = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared', tools: 'npm, pip' }

function awsCliLogin() {
  // A temp HOME and XDG_CONFIG_HOME: `pip config set` writes the user config there, never the real one.
  const dir = mkdtempSync(join(scratch, 'cli-'))
  const isolated = {
    HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), NPM_CONFIG_USERCONFIG: join(dir, '.npmrc'), PIP_DISABLE_PIP_VERSION_CHECK: '1',
  }
  const login = (/** @type {string} */ tool) => `aws codeartifact login --tool ${tool} --domain acme --domain-owner 123456789012 --repository shared --endpoint-url ${emu.url} >/dev/null`
  return time('/bin/sh', ['-c', `${login('npm')} && ${login('pip')}`], isolated).finally(() => rmSync(dir, { recursive: true, force: true }))
}

/** @type {{ [name in 'node' | 'floor' | 'sdk' | 'ecr1' | 'post' | 'ecr12' | 'slow1' | 'slow12' | 'ca' | 'cli' | 'load']: number[] }} */
const samples = { node: [], floor: [], sdk: [], ecr1: [], post: [], ecr12: [], slow1: [], slow12: [], ca: [], cli: [], load: [] }
const slowDocker = { PATH: `${slowBin}:${process.env.PATH}` }
for (let run = 0; run < RUNS; run++) {
  samples.node.push(await time(process.execPath, ['-e', '']))
  const dockerLogin = 'printf pw | docker login --username AWS --password-stdin r.example >/dev/null'
  samples.floor.push(await time('/bin/sh', ['-c', `${process.execPath} -e '' && ${dockerLogin}`], { DOCKER_CONFIG: floorDocker }))
  samples.sdk.push(await time('/bin/sh', ['-c', `${process.execPath} ${sdkOnly} && ${dockerLogin}`], { DOCKER_CONFIG: floorDocker }))
  const [main, post] = await action('ECR, 1 registry', { registries: '111111111111' })
  samples.ecr1.push(main)
  samples.post.push(post)
  samples.ecr12.push((await action('ECR, 12 registries in 3 regions', { registries: twelve }))[0])
  samples.slow1.push((await action('ECR, 1 registry, 300 ms docker', { registries: '111111111111' }, slowDocker))[0])
  samples.slow12.push((await action('ECR, 12 registries, 300 ms docker', { registries: twelve }, slowDocker))[0])
  samples.ca.push((await action('CodeArtifact npm + pip', caInputs))[0])
  samples.cli.push(await awsCliLogin())
  // A bad input: the bundle loads, validates and exits 1 before any AWS work.
  samples.load.push(await time(process.execPath, [join(actionDir, mainEntry)], { 'INPUT_MAX-ATTEMPTS': 'x' }, [1]))
}
await emu.stop()
rmSync(scratch, { recursive: true, force: true })

const median = (/** @type {number[]} */ values) => {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}
const m = {
  node: median(samples.node), floor: median(samples.floor), sdk: median(samples.sdk), ecr1: median(samples.ecr1), post: median(samples.post),
  ecr12: median(samples.ecr12), slow1: median(samples.slow1), slow12: median(samples.slow12), ca: median(samples.ca), cli: median(samples.cli), load: median(samples.load),
}
const distBytes = (/** @returns {number} */ function size(/** @type {string} */ dir) {
  return readdirSync(dir).reduce((/** @type {number} */ total, name) => {
    const file = join(dir, name)
    const stat = statSync(file)
    return total + (stat.isDirectory() ? size(file) : name.endsWith('.map') ? 0 : stat.size)
  }, 0)
})(join(actionDir, 'dist'))

/** @typedef {{ figure: string, value: string, ratio: number, target?: string, limit?: number }} Row */
/** @type {Row[]} */
const rows = [
  { figure: 'ECR 1 registry, main step vs floor (node -e \'\' + one docker login; the old target, retired)', value: `${m.ecr1.toFixed(0)} ms vs ${m.floor.toFixed(0)} ms`, ratio: m.ecr1 / m.floor },
  { figure: 'AWS SDK alone (one GetAuthorizationToken, minimal bundle) + one docker login vs floor', value: `${m.sdk.toFixed(0)} ms vs ${m.floor.toFixed(0)} ms`, ratio: m.sdk / m.floor },
  { figure: 'ECR 1 registry, main step vs the SDK alone + one docker login', value: `${m.ecr1.toFixed(0)} ms vs ${m.sdk.toFixed(0)} ms`, ratio: m.ecr1 / m.sdk, limit: 1.2 },
  { figure: 'ECR 12 registries in 3 regions vs 1 registry', value: `${m.ecr12.toFixed(0)} ms vs ${m.ecr1.toFixed(0)} ms`, ratio: m.ecr12 / m.ecr1, limit: 1.6 },
  { figure: 'ECR 1 registry with a 300 ms docker vs an instant one', value: `${m.slow1.toFixed(0)} ms vs ${m.ecr1.toFixed(0)} ms`, ratio: m.slow1 / m.ecr1, limit: 1.1 },
  { figure: 'ECR 12 registries with a 300 ms docker vs an instant one', value: `${m.slow12.toFixed(0)} ms vs ${m.ecr12.toFixed(0)} ms`, ratio: m.slow12 / m.ecr12, limit: 1.1 },
  { figure: 'CodeArtifact npm + pip vs aws codeartifact login ×2', value: `${m.ca.toFixed(0)} ms vs ${m.cli.toFixed(0)} ms`, ratio: m.ca / m.cli, limit: 0.15 },
  { figure: 'Post step vs node -e \'\'', value: `${m.post.toFixed(0)} ms vs ${m.node.toFixed(0)} ms`, ratio: m.post / m.node, limit: 1.5 },
  { figure: 'Main bundle load + input check vs node -e \'\'', value: `${m.load.toFixed(0)} ms vs ${m.node.toFixed(0)} ms`, ratio: m.load / m.node },
  { figure: 'dist/ total (no source maps) vs 1.2 MB', value: `${(distBytes / 1e6).toFixed(2)} MB`, ratio: distBytes / 1.2e6, limit: 1 },
]
const line = (/** @type {unknown[]} */ cells) => `| ${cells.join(' | ')} |`
console.log(line(['figure', `median of ${RUNS}`, 'ratio', 'target', '']))
console.log(line(['---', '---', '---', '---', '---']))
for (const { figure, value, ratio, limit } of rows) {
  const verdict = limit === undefined ? '' : ratio <= limit ? 'met' : 'NOT met'
  console.log(line([figure, value, `${ratio.toFixed(2)}×`, limit === undefined ? '—' : `≤ ${limit}×`, verdict]))
}
console.log(markdown ? '\n| scenario | AWS calls |\n| --- | --- |' : '\nAWS calls per scenario:')
for (const [name, count] of Object.entries(calls)) console.log(markdown ? line([name, count]) : `  ${name}: ${count}`)
