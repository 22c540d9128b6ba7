/**
 * The bad-input matrix, through dist/ and the runner harness against the AWS emulator: every input
 * of the interface with malformed, injected, blank, out-of-range, wrong-case, conflicting and
 * missing values, plus a malformed region in the environment. Each rejection must be exactly one
 * error line that names the input and what it accepts, exit 1, and nothing else: no AWS call, no
 * client run (recording stand-ins for every client are first on PATH), no file created or changed
 * under HOME, TMPDIR, RUNNER_TEMP or the workspace, no output, env, state or path, and no workflow
 * command but the error. Positive controls prove the same harness sees accepted values succeed.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../../test-support/emulator/index.js'
import { toolsOf } from '../../src/clients/catalog.js'
import { repoRoot } from '../../test-support/harness/index.js'
import { loadActionManifest } from '../../test-support/harness/manifest.js'
import { makeSandbox, type Emulator, type RunResult, type Sandbox } from '../fixture.js'
import { harnessLeftovers, recordingStubs, treeSnapshot, type Stubs } from './guards.js'

const INPUTS = Object.keys(loadActionManifest(repoRoot).inputs)

type RequestRecord = Emulator['requests'][number]

// Every job signs with its own access key, so the emulator's one request log tells the jobs apart
// and the cases can run concurrently against one emulator.
const CREDENTIALS = Array.from({ length: 400 }, (_, index) => ({
  accessKeyId: `AKIDBADINPUT${String(index).padStart(8, '0')}`,
  secretAccessKey: `bad-input-secret-key-${String(index).padStart(8, '0')}`,
}))
let issued = 0
let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ account: '123456789012', credentials: CREDENTIALS })
})
afterAll(() => emu?.stop())

interface Job {
  sandbox: Sandbox
  stubs: Stubs
  /** Every request this job's credentials signed (or tried to), in arrival order. */
  requests(): RequestRecord[]
  /** Its successful, validly signed calls. */
  calls(): RequestRecord[]
  /** Runs the main step only, unless `post`; `undefined` in `env` removes a job variable. */
  run(given: Record<string, string>, env?: Record<string, string | undefined>, post?: boolean): Promise<RunResult>
  /** Every file and directory of the sandbox: HOME (with the user's files), TMPDIR, the stubs. */
  snapshot(): Record<string, string>
  cleanup(): void
}

/** A fresh job: its own credentials, HOME with the user's own client settings, TMPDIR and recording stubs first on PATH. */
function newJob(): Job {
  const credential = CREDENTIALS[issued++]
  if (!credential) throw new Error('out of emulator credentials; raise CREDENTIALS')
  const sandbox = makeSandbox(emu, { AWS_ACCESS_KEY_ID: credential.accessKeyId, AWS_SECRET_ACCESS_KEY: credential.secretAccessKey })
  const stubs = recordingStubs(path.join(sandbox.dir, 'bin'))
  const tmp = path.join(sandbox.dir, 'tmp')
  fs.mkdirSync(tmp)
  sandbox.env.PATH = `${stubs.dir}:${sandbox.env.PATH}`
  sandbox.env.TMPDIR = tmp
  seedUserFiles(sandbox.home)
  const mine = (record: RequestRecord) => record.accessKeyId === credential.accessKeyId
  return {
    sandbox,
    stubs,
    requests: () => emu.requests.filter(mine),
    calls: () => emu.calls(mine),
    run: (given, env = {}, post = false) => sandbox.run({ with: given, env: env as Record<string, string>, post }),
    snapshot: () => treeSnapshot(sandbox.dir),
    cleanup: () => sandbox.cleanup(),
  }
}

/** The user's own client settings, so "nothing changed" covers files that exist, not only new ones. */
function seedUserFiles(home: string): void {
  const files: Record<string, string> = {
    '.npmrc': 'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=user-own-npm-token\n',
    '.yarnrc.yml': 'npmRegistryServer: "https://registry.yarnpkg.com"\n',
    '.docker/config.json': '{\n\t"auths": {\n\t\t"ghcr.io": { "auth": "dXNlcjpwYXNz" }\n\t}\n}\n',
    '.config/containers/auth.json': '{"auths":{}}\n',
    '.config/helm/registry/config.json': '{"auths":{}}\n',
    '.config/pip/pip.conf': '[global]\nindex-url = https://pypi.org/simple/\n',
    '.config/uv/uv.toml': '[[index]]\nurl = "https://pypi.org/simple/"\n',
    '.config/pypoetry/config.toml': '[virtualenvs]\nin-project = true\n',
    '.pypirc': '[distutils]\nindex-servers = pypi\n',
    '.cargo/config.toml': '[net]\nretry = 3\n',
    '.gemrc': '---\ngem: --no-document\n',
    '.gem/credentials': '---\n:rubygems_api_key: user-own-rubygems-key\n',
    '.bundle/config': '---\nBUNDLE_JOBS: "4"\n',
    '.nuget/NuGet/NuGet.Config': '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />\n  </packageSources>\n</configuration>\n',
    '.swiftpm/configuration/registries.json': '{"authentication":{},"registries":{},"version":1}\n',
    '.netrc': 'machine github.com login octo password user-own-netrc-password\n',
    '.m2/settings.xml': '<settings>\n  <servers><server><id>github</id></server></servers>\n</settings>\n',
    '.gradle/gradle.properties': 'org.gradle.daemon=false\n',
    '.gradle/init.d/mine.gradle': 'allprojects { }\n',
  }
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(home, relative)), { recursive: true })
    fs.writeFileSync(path.join(home, relative), text, { mode: 0o600 })
  }
}

// ---------------------------------------------------------------------------------------------
// The messages, worded as src/inputs.ts words them (recorded from runs of dist/).
// ---------------------------------------------------------------------------------------------
const q = (value: string): string => JSON.stringify(value)
const singleLine = (input: string, value: string) => `Input '${input}': must be a single line, got ${q(value)}`
const blank = (input: string) => `Input '${input}': is blank; give a value or leave the input out`
const notAccepted = (input: string, value: string, choices: string) => `Input '${input}': ${q(value)} is not accepted; use one of: ${choices}`
const notBoolean = (input: string, value: string) => notAccepted(input, value, 'true, false')
const notRegion = (value: string) => `Input 'region': ${q(value)} is not an AWS region; use a region code such as us-east-1 or eu-west-1`
const badEnvRegion = (variable: string, value: string) => `Input 'region': not set, and ${variable} ${q(value)} is not an AWS region such as us-east-1`
const noRegion = (what: string) => `Input 'region': not set and neither AWS_REGION nor AWS_DEFAULT_REGION is set; ${what} needs a region: set region, or aws-region in aws-actions/configure-aws-credentials`
const notRegistry = (item: string) => `Input 'registries': ${q(item)} is not a 12-digit account id or an ECR registry host such as 123456789012.dkr.ecr.us-east-1.amazonaws.com`
const notDomain = (value: string) => `Input 'domain': ${q(value)} is not a CodeArtifact domain name; use 2-50 lowercase letters, digits and hyphens, starting with a letter`
const notAccount = (value: string) => `Input 'domain-owner': ${q(value)} is not an AWS account id; use the 12 digits, leading zeros included`
const notDuration = (value: string) => `Input 'duration-seconds': ${q(value)} is not accepted; use 0 (token lasts as long as the role session) or 900 to 43200`
const notRepository = (value: string) => `Input 'repository': ${q(value)} is not a CodeArtifact repository name; use 2-100 letters, digits, '.', '_' and '-', starting with a letter or digit`
// The clients of each service, from the catalog: adding a client changes these messages by itself.
const ECR_TOOLS = [...toolsOf('ecr'), 'none'].join(', ')
const CA_TOOLS = [...toolsOf('codeartifact'), 'none'].join(', ')
const notEcrTool = (tool: string) => `Input 'tools': ${q(tool)} is not a client for ECR; use any of: ${ECR_TOOLS}`
const notCaTool = (tool: string) => `Input 'tools': ${q(tool)} is not a client for CodeArtifact; use any of: ${CA_TOOLS}`
const notScope = (scope: string) => `Input 'npm-scope': ${q(scope)} is not an npm scope; use names such as @acme, comma-separated`
const notAttempts = (value: string) => `Input 'max-attempts': ${q(value)} is not a whole number from 1 to 20`
const notRegistryName = (value: string) => `Input 'registry-name': ${q(value)} is not a registry name; use 1-64 letters, digits, '_' and '-', starting with a letter`
const notTimeout = (value: string) => `Input 'timeout-seconds': ${q(value)} is not a whole number from 5 to 3600`
const rawPercent = (part: string) => `Input 'http-proxy': the ${part} has a '%' that does not start a percent-encoded byte; write '%' as %25 (and '@', ':', '/' as %40, %3A, %2F)`
const NOT_PROXY = "Input 'http-proxy': is not a proxy URL; use http://host:port or https://user:password@host:port"
const caOnly = (input: string, service: string) => `Input '${input}': is for CodeArtifact and has no effect with service '${service}'; remove it`
const SERVICES = 'ecr, ecr-public, codeartifact'

// Injection attempts: a workflow command on a line of its own, the same percent-encoded (the
// runner decodes %0A in command data, so an unescaped echo would split the line), and a
// KEY=VALUE line as a GITHUB_ENV-style file would read it.
const CMD = '\n::set-output name=injected::x'
const PCT = '%0A::set-output name=injected::x'
const KV = '\nAWS_REGION=evil'

const CA = { domain: 'acme' }
const CA_NPM = { domain: 'acme', repository: 'shared', tools: 'npm' }
const CA_JVM = { domain: 'acme', repository: 'shared', tools: 'maven, gradle' }

interface Bad {
  /** The input the one error line must name. */
  input: string
  title: string
  with: Record<string, string>
  /** Changes to the job environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>
  /** The start of the error line (or a pattern for it). */
  error: string | RegExp
  /** Text of the value that must not show anywhere (a credential inside a rejected value). */
  hidden?: string
}

const bad = (input: string, title: string, given: Record<string, string>, error: string | RegExp, extra: Partial<Bad> = {}): Bad =>
  ({ input, title, with: given, error, ...extra })

const CASES: Bad[] = [
  // service
  bad('service', 'unknown service', { service: 'ecs' }, notAccepted('service', 'ecs', SERVICES)),
  bad('service', 'near miss', { service: 'code-artifact', ...CA }, notAccepted('service', 'code-artifact', SERVICES)),
  bad('service', 'workflow command on a new line', { service: `ecr${CMD}` }, singleLine('service', `ecr${CMD}`)),
  bad('service', 'percent-encoded newline', { service: `ecr${PCT}` }, notAccepted('service', `ecr${PCT}`, SERVICES)),
  // Whitespace only is a mistake (an expression that came out blank, a stray space), not "unset":
  // each input says so rather than falling back to its default.
  bad('service', 'whitespace only', { service: '  \t ' }, blank('service')),
  // region
  bad('region', 'missing dash', { region: 'us-east1' }, notRegion('us-east1')),
  bad('region', 'upper case', { region: 'US-EAST-1' }, notRegion('US-EAST-1')),
  bad('region', 'two regions', { region: 'eu-west-1 us-east-1' }, notRegion('eu-west-1 us-east-1')),
  bad('region', 'KEY=VALUE on a new line', { region: `us-east-1${KV}` }, singleLine('region', `us-east-1${KV}`)),
  bad('region', 'workflow command on a new line', { region: `us-east-1${CMD}` }, singleLine('region', `us-east-1${CMD}`)),
  bad('region', 'percent-encoded newline', { region: `us-east-1${PCT}` }, notRegion(`us-east-1${PCT}`)),
  bad('region', 'carriage return', { region: 'us-east-1\r::set-output name=injected::x' }, singleLine('region', 'us-east-1\r::set-output name=injected::x')),
  bad('region', '5000 characters: the value is shortened', { region: 'x'.repeat(5000) }, `Input 'region': "${'x'.repeat(76)}..." is not an AWS region`),
  bad('region', 'whitespace only', { region: '   ' }, blank('region')),
  bad('region', 'none anywhere: the caller\'s registry needs one', {}, noRegion("the caller's own registry"), { env: { AWS_REGION: undefined } }),
  bad('region', 'none anywhere: an account id needs one', { registries: '123456789012' }, noRegion("account id 123456789012 in 'registries'"), { env: { AWS_REGION: undefined } }),
  bad('region', 'none anywhere: CodeArtifact needs one', CA, noRegion('CodeArtifact'), { env: { AWS_REGION: undefined } }),
  // region from the environment
  bad('region', 'AWS_REGION malformed', {}, badEnvRegion('AWS_REGION', 'us-east1'), { env: { AWS_REGION: 'us-east1' } }),
  bad('region', 'AWS_REGION with KEY=VALUE on a new line', {}, badEnvRegion('AWS_REGION', `us-east-1${KV}`), { env: { AWS_REGION: `us-east-1${KV}` } }),
  bad('region', 'AWS_REGION with a percent-encoded command', {}, badEnvRegion('AWS_REGION', `eu-west-1${PCT}`), { env: { AWS_REGION: `eu-west-1${PCT}` } }),
  bad('region', 'AWS_REGION malformed, for CodeArtifact', CA, badEnvRegion('AWS_REGION', 'Europe'), { env: { AWS_REGION: 'Europe' } }),
  bad('region', 'AWS_DEFAULT_REGION upper case', {}, badEnvRegion('AWS_DEFAULT_REGION', 'EU-WEST-1'), { env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: 'EU-WEST-1' } }),
  bad('region', 'AWS_REGION blank, AWS_DEFAULT_REGION with a command', {}, badEnvRegion('AWS_DEFAULT_REGION', `eu-west-1${CMD}`), { env: { AWS_REGION: ' ', AWS_DEFAULT_REGION: `eu-west-1${CMD}` } }),
  // registries
  bad('registries', 'five digits', { registries: '12345' }, notRegistry('12345')),
  bad('registries', 'thirteen digits', { registries: '111111111111, 1234567890123' }, notRegistry('1234567890123')),
  bad('registries', 'a letter in the account id', { registries: '12345678901a' }, notRegistry('12345678901a')),
  bad('registries', 'KEY=VALUE on a new line', { registries: `123456789012${KV}` }, notRegistry('AWS_REGION=evil')),
  bad('registries', 'workflow command on a new line', { registries: `123456789012${CMD}` }, notRegistry('::set-output')),
  bad('registries', 'percent-encoded newline', { registries: `123456789012${PCT}` }, notRegistry(`123456789012${PCT.split(' ')[0]}`)),
  bad('registries', 'ECR host as a prefix of another domain', { registries: '123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example.com' }, notRegistry('123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example.com')),
  bad('registries', 'host with a malformed region', { registries: '123456789012.dkr.ecr.us-east1.amazonaws.com' }, notRegistry('123456789012.dkr.ecr.us-east1.amazonaws.com')),
  bad('registries', 'ECR Public host: names the fix', { registries: 'public.ecr.aws' }, `Input 'registries': "public.ecr.aws" is ECR Public; use registry-type: public (or service: ecr-public) instead of listing it`),
  bad('registries', 'ECR Public repository', { registries: 'https://public.ecr.aws/acme/app' }, `Input 'registries': "https://public.ecr.aws/acme/app" is ECR Public; use registry-type: public`),
  bad('registries', 'a pasted repository URI: names the path to remove', { registries: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app' }, `Input 'registries': "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app" is a repository URI; give the registry host without the path "/team/app"`),
  bad('registries', 'CodeArtifact endpoint', { registries: 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/' }, notRegistry('https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/')),
  bad('registries', 'with CodeArtifact', { ...CA, registries: '123456789012' }, "Input 'registries': is for Amazon ECR; CodeArtifact takes 'domain' and 'repository'"),
  bad('registries', 'whitespace only', { registries: ' \n \n ' }, blank('registries')),
  // registry-type
  bad('registry-type', 'unknown type', { 'registry-type': 'shared' }, notAccepted('registry-type', 'shared', 'private, public')),
  bad('registry-type', 'workflow command on a new line', { 'registry-type': `public${CMD}` }, singleLine('registry-type', `public${CMD}`)),
  bad('registry-type', 'public with service ecr', { service: 'ecr', 'registry-type': 'public' }, "Input 'registry-type': 'public' conflicts with service 'ecr'; use registry-type: public only with ECR Public"),
  bad('registry-type', 'public with service codeartifact', { service: 'codeartifact', 'registry-type': 'public', ...CA }, "Input 'registry-type': 'public' conflicts with service 'codeartifact'"),
  // Without a service, registry-type: public picks ECR Public and a domain picks CodeArtifact: no
  // service satisfies both, so one of the two must be named as the conflict.
  bad('registry-type', 'public with a CodeArtifact domain', { 'registry-type': 'public', ...CA }, /^Input '(registry-type|domain)': .*conflicts with/),
  bad('registry-type', 'whitespace only', { 'registry-type': ' ' }, blank('registry-type')),
  // domain
  bad('domain', 'upper case', { domain: 'Acme' }, notDomain('Acme')),
  bad('domain', 'one character', { domain: 'a' }, notDomain('a')),
  bad('domain', 'starts with a digit', { domain: '1acme' }, notDomain('1acme')),
  bad('domain', 'ends with a hyphen', { domain: 'acme-' }, notDomain('acme-')),
  bad('domain', 'underscore', { domain: 'acme_corp' }, notDomain('acme_corp')),
  bad('domain', '51 characters', { domain: `a${'b'.repeat(50)}` }, notDomain(`a${'b'.repeat(50)}`)),
  bad('domain', 'workflow command on a new line', { domain: `acme${CMD}` }, singleLine('domain', `acme${CMD}`)),
  bad('domain', 'required for service codeartifact', { service: 'codeartifact' }, "Input 'domain': is required for CodeArtifact; name the domain, e.g. domain: acme"),
  bad('domain', 'with service ecr', { service: 'ecr', ...CA }, "Input 'domain': is for CodeArtifact and conflicts with service 'ecr'"),
  bad('domain', 'with service ecr-public', { service: 'ecr-public', ...CA }, "Input 'domain': is for CodeArtifact and conflicts with service 'ecr-public'"),
  bad('domain', 'whitespace only', { service: 'codeartifact', domain: '  ' }, blank('domain')),
  // domain-owner
  bad('domain-owner', 'four digits', { ...CA, 'domain-owner': '1234' }, notAccount('1234')),
  bad('domain-owner', 'leading zero lost (YAML number)', { ...CA, 'domain-owner': '12345678901' }, notAccount('12345678901')),
  bad('domain-owner', 'a letter', { ...CA, 'domain-owner': '12345678901a' }, notAccount('12345678901a')),
  bad('domain-owner', 'KEY=VALUE on a new line', { ...CA, 'domain-owner': `123456789012${KV}` }, singleLine('domain-owner', `123456789012${KV}`)),
  bad('domain-owner', 'with ECR', { 'domain-owner': '123456789012' }, caOnly('domain-owner', 'ecr')),
  bad('domain-owner', 'whitespace only', { ...CA, 'domain-owner': ' ' }, blank('domain-owner')),
  // duration-seconds
  bad('duration-seconds', 'below 900', { ...CA, 'duration-seconds': '899' }, notDuration('899')),
  bad('duration-seconds', 'above 43200', { ...CA, 'duration-seconds': '43201' }, notDuration('43201')),
  bad('duration-seconds', 'negative', { ...CA, 'duration-seconds': '-1' }, notDuration('-1')),
  bad('duration-seconds', 'with a unit', { ...CA, 'duration-seconds': '3600s' }, notDuration('3600s')),
  bad('duration-seconds', 'exponent', { ...CA, 'duration-seconds': '1e3' }, notDuration('1e3')),
  bad('duration-seconds', 'workflow command on a new line', { ...CA, 'duration-seconds': `900${CMD}` }, singleLine('duration-seconds', `900${CMD}`)),
  bad('duration-seconds', 'with ECR', { 'duration-seconds': '900' }, caOnly('duration-seconds', 'ecr')),
  // repository
  bad('repository', 'space', { ...CA_NPM, repository: 'bad repo' }, notRepository('bad repo')),
  bad('repository', 'one character', { ...CA_NPM, repository: 'r' }, notRepository('r')),
  bad('repository', 'starts with a hyphen', { ...CA_NPM, repository: '-shared' }, notRepository('-shared')),
  bad('repository', '101 characters', { ...CA_NPM, repository: 'r'.repeat(101) }, `Input 'repository': "${'r'.repeat(76)}..." is not a CodeArtifact repository name`),
  bad('repository', 'workflow command on a new line', { ...CA_NPM, repository: `shared${CMD}` }, singleLine('repository', `shared${CMD}`)),
  bad('repository', 'required for npm', { ...CA, tools: 'npm' }, "Input 'repository': is required to configure npm; name the CodeArtifact repository"),
  bad('repository', 'required for pip and twine', { ...CA, tools: 'pip, twine' }, "Input 'repository': is required to configure pip, twine; name the CodeArtifact repository"),
  bad('repository', 'required for cargo, bundler and gem', { ...CA, tools: 'cargo, bundler, gem', 'public-registry': 'replace' }, "Input 'repository': is required to configure cargo, bundler, gem; name the CodeArtifact repository"),
  bad('repository', 'with ECR', { repository: 'shared' }, caOnly('repository', 'ecr')),
  bad('repository', 'with ECR Public', { 'registry-type': 'public', repository: 'shared' }, caOnly('repository', 'ecr-public')),
  bad('repository', 'whitespace only', { ...CA_NPM, repository: '\t' }, blank('repository')),
  // tools
  bad('tools', 'unknown ECR client', { tools: 'docker,kaniko' }, notEcrTool('kaniko')),
  bad('tools', 'CodeArtifact client with ECR', { tools: 'npm' }, notEcrTool('npm')),
  bad('tools', 'CodeArtifact client with ECR Public', { 'registry-type': 'public', tools: 'pip' }, notEcrTool('pip')),
  bad('tools', 'ECR client with CodeArtifact', { ...CA, repository: 'shared', tools: 'npm, docker' }, notCaTool('docker')),
  bad('tools', 'none with docker', { tools: 'none, docker' }, "Input 'tools': 'none' cannot be combined with other tools, got \"none, docker\""),
  bad('tools', 'none with npm', { ...CA, repository: 'shared', tools: 'npm none' }, "Input 'tools': 'none' cannot be combined with other tools, got \"npm none\""),
  bad('tools', 'a Maven wrapper is no client name', { ...CA, repository: 'shared', tools: 'mvnw' }, notCaTool('mvnw')),
  bad('tools', 'semicolon separator', { tools: 'docker;podman' }, notEcrTool('docker;podman')),
  bad('tools', 'workflow command on a new line', { tools: `docker${CMD}` }, notEcrTool('::set-output')),
  bad('tools', 'whitespace only', { tools: ' \n ' }, blank('tools')),
  // npm-scope
  bad('npm-scope', 'upper case', { ...CA_NPM, 'npm-scope': '@Acme' }, notScope('@Acme')),
  bad('npm-scope', 'a package, not a scope', { ...CA_NPM, 'npm-scope': '@acme/pkg' }, notScope('@acme/pkg')),
  bad('npm-scope', 'two at signs', { ...CA_NPM, 'npm-scope': '@@acme' }, notScope('@@acme')),
  bad('npm-scope', 'workflow command on a new line', { ...CA_NPM, 'npm-scope': `@acme${CMD}` }, notScope('::set-output')),
  bad('npm-scope', 'with ECR', { 'npm-scope': '@acme' }, caOnly('npm-scope', 'ecr')),
  bad('npm-scope', 'whitespace only', { ...CA_NPM, 'npm-scope': ' ' }, blank('npm-scope')),
  // pip-index
  bad('pip-index', 'unknown mode', { ...CA, 'pip-index': 'extra-index' }, notAccepted('pip-index', 'extra-index', 'index, extra')),
  bad('pip-index', 'workflow command on a new line', { ...CA, 'pip-index': `index${CMD}` }, singleLine('pip-index', `index${CMD}`)),
  // CodeArtifact-only like domain-owner: a value other than the default has no effect with ECR.
  bad('pip-index', 'extra with ECR', { 'pip-index': 'extra' }, /^Input 'pip-index': is for CodeArtifact/),
  bad('pip-index', 'whitespace only', { ...CA, 'pip-index': ' ' }, blank('pip-index')),
  // endpoint-type
  bad('endpoint-type', 'ipv6', { ...CA, 'endpoint-type': 'ipv6' }, notAccepted('endpoint-type', 'ipv6', 'ipv4, dualstack')),
  bad('endpoint-type', 'hyphenated', { ...CA, 'endpoint-type': 'dual-stack' }, notAccepted('endpoint-type', 'dual-stack', 'ipv4, dualstack')),
  bad('endpoint-type', 'KEY=VALUE on a new line', { ...CA, 'endpoint-type': `ipv4${KV}` }, singleLine('endpoint-type', `ipv4${KV}`)),
  // CodeArtifact-only (GetRepositoryEndpoint): dualstack has no effect with ECR.
  bad('endpoint-type', 'dualstack with ECR', { 'endpoint-type': 'dualstack' }, /^Input 'endpoint-type': is for CodeArtifact/),
  // export-env
  bad('export-env', 'yes', { 'export-env': 'yes' }, notBoolean('export-env', 'yes')),
  bad('export-env', '1', { 'export-env': '1' }, notBoolean('export-env', '1')),
  bad('export-env', 'KEY=VALUE on a new line', { 'export-env': `true${KV}` }, singleLine('export-env', `true${KV}`)),
  bad('export-env', 'false with npm', { ...CA_NPM, 'export-env': 'false' }, "Input 'export-env': 'false' cannot be combined with tools (npm): they read settings the action exports; use tools: none and the outputs instead"),
  bad('export-env', 'false with cargo, bundler and gem', { ...CA_NPM, tools: 'cargo, bundler, gem', 'export-env': 'false' }, "Input 'export-env': 'false' cannot be combined with tools (cargo, bundler, gem)"),
  bad('export-env', 'false with pip and uv', { ...CA_NPM, tools: 'pip, uv', 'export-env': 'False' }, "Input 'export-env': 'false' cannot be combined with tools (pip, uv)"),
  bad('export-env', 'false with nuget and dotnet (they read NuGetPackageSourceCredentials_<name>)', { ...CA_NPM, tools: 'swift, nuget, dotnet', 'export-env': 'false' }, "Input 'export-env': 'false' cannot be combined with tools (nuget, dotnet)"),
  bad('export-env', 'whitespace only', { 'export-env': ' ' }, blank('export-env')),
  // mask-password
  bad('mask-password', 'yes', { 'mask-password': 'yes' }, notBoolean('mask-password', 'yes')),
  bad('mask-password', 'off', { 'mask-password': 'off' }, notBoolean('mask-password', 'off')),
  bad('mask-password', 'workflow command on a new line', { 'mask-password': 'true\n::set-output name=token::x' }, singleLine('mask-password', 'true\n::set-output name=token::x')),
  bad('mask-password', 'whitespace only', { 'mask-password': '  ' }, blank('mask-password')),
  // logout
  bad('logout', 'no', { logout: 'no' }, notBoolean('logout', 'no')),
  bad('logout', '0', { logout: '0' }, notBoolean('logout', '0')),
  bad('logout', 'save-state on a new line', { logout: 'true\n::save-state name=injected::x' }, singleLine('logout', 'true\n::save-state name=injected::x')),
  // skip-logout
  bad('skip-logout', 'yes', { 'skip-logout': 'yes' }, notBoolean('skip-logout', 'yes')),
  bad('skip-logout', 'on', { 'skip-logout': 'on' }, notBoolean('skip-logout', 'on')),
  bad('skip-logout', 'percent-encoded set-env', { 'skip-logout': 'false%0A::set-env name=AWS_REGION::evil' }, notBoolean('skip-logout', 'false%0A::set-env name=AWS_REGION::evil')),
  // max-attempts
  bad('max-attempts', 'zero', { 'max-attempts': '0' }, notAttempts('0')),
  bad('max-attempts', '21', { 'max-attempts': '21' }, notAttempts('21')),
  bad('max-attempts', 'negative', { 'max-attempts': '-1' }, notAttempts('-1')),
  bad('max-attempts', 'fraction', { 'max-attempts': '2.5' }, notAttempts('2.5')),
  bad('max-attempts', 'exponent', { 'max-attempts': '1e1' }, notAttempts('1e1')),
  bad('max-attempts', 'a word', { 'max-attempts': 'five' }, notAttempts('five')),
  bad('max-attempts', 'huge', { 'max-attempts': '99999999999' }, notAttempts('99999999999')),
  bad('max-attempts', 'workflow command on a new line', { 'max-attempts': `5${CMD}` }, singleLine('max-attempts', `5${CMD}`)),
  bad('max-attempts', 'whitespace only', { 'max-attempts': ' ' }, blank('max-attempts')),
  // http-proxy
  bad('http-proxy', 'no scheme', { 'http-proxy': 'proxy.example.com:3128' }, NOT_PROXY),
  bad('http-proxy', 'socks5', { 'http-proxy': 'socks5://127.0.0.1:1080' }, NOT_PROXY),
  bad('http-proxy', 'no host', { 'http-proxy': 'http://' }, NOT_PROXY),
  bad('http-proxy', 'ftp', { 'http-proxy': 'ftp://127.0.0.1:21' }, NOT_PROXY),
  bad('http-proxy', 'credentials and a command on a new line: the password is not shown', { 'http-proxy': `http://ci:pr0xy-s3cret@127.0.0.1:3128${CMD}` }, NOT_PROXY, { hidden: 'pr0xy-s3cret' }),
  bad('http-proxy', 'credentials and a malformed port: the password is not shown', { 'http-proxy': 'http://ci:pr0xy-s3cret@127.0.0.1:31x8' }, NOT_PROXY, { hidden: 'pr0xy-s3cret' }),
  bad('http-proxy', 'whitespace only', { 'http-proxy': ' ' }, blank('http-proxy')),
  bad('http-proxy', 'a raw % in the password (was: URI malformed): the password is not shown', { 'http-proxy': 'http://ci:pr0xy%s3cret@127.0.0.1:3128' }, rawPercent('password'), { hidden: 'pr0xy' }),
  bad('http-proxy', 'a raw % in the user name', { 'http-proxy': 'http://c%zi:pw@127.0.0.1:3128' }, rawPercent('user name')),
  // public-registry
  bad('public-registry', 'unknown', { ...CA, 'public-registry': 'drop' }, notAccepted('public-registry', 'drop', 'keep, replace')),
  bad('public-registry', 'unknown, with nuget', { ...CA_NPM, tools: 'nuget', 'public-registry': 'clear' }, notAccepted('public-registry', 'clear', 'keep, replace')),
  bad('public-registry', 'with ECR', { 'public-registry': 'replace' }, caOnly('public-registry', 'ecr')),
  bad('public-registry', 'unknown, with cargo, bundler and gem', { ...CA_NPM, tools: 'cargo, bundler, gem', 'public-registry': 'mirror' }, notAccepted('public-registry', 'mirror', 'keep, replace')),
  bad('public-registry', 'workflow command on a new line', { ...CA, 'public-registry': `keep${CMD}` }, singleLine('public-registry', `keep${CMD}`)),
  // registry-name
  bad('registry-name', 'starts with a digit', { ...CA, 'registry-name': '1corp' }, notRegistryName('1corp')),
  bad('registry-name', 'a dot', { ...CA, 'registry-name': 'corp.repo' }, notRegistryName('corp.repo')),
  bad('registry-name', 'a cargo registry with a space, replacing crates.io', { ...CA_NPM, tools: 'cargo', 'public-registry': 'replace', 'registry-name': 'corp rs' }, notRegistryName('corp rs')),
  // It becomes part of a variable name (NuGetPackageSourceCredentials_<name>) and an XML attribute.
  bad('registry-name', 'a space, with nuget', { ...CA_NPM, tools: 'nuget', 'registry-name': 'corp feed' }, notRegistryName('corp feed')),
  bad('registry-name', 'an equals sign, with dotnet', { ...CA_NPM, tools: 'dotnet', 'registry-name': 'corp=x' }, notRegistryName('corp=x')),
  bad('registry-name', 'XML markup, with nuget', { ...CA_NPM, tools: 'nuget', 'registry-name': 'a"/><clear/' }, notRegistryName('a"/><clear/')),
  bad('registry-name', 'too long', { ...CA, 'registry-name': `a${'b'.repeat(64)}` }, notRegistryName(`a${'b'.repeat(64)}`)),
  bad('registry-name', 'KEY=VALUE on a new line', { ...CA, 'registry-name': `corp${KV}` }, singleLine('registry-name', `corp${KV}`)),
  bad('registry-name', 'with ECR', { 'registry-name': 'corp' }, caOnly('registry-name', 'ecr')),
  bad('registry-name', 'whitespace only', { ...CA, 'registry-name': ' ' }, blank('registry-name')),
  // registry-name becomes a settings.xml id and a Gradle property name: XML and Groovy text are refused.
  bad('registry-name', 'XML, with maven', { ...CA_JVM, 'registry-name': 'x</id><mirrorOf>*</mirrorOf><id>y' }, notRegistryName('x</id><mirrorOf>*</mirrorOf><id>y')),
  bad('registry-name', 'a space, with gradle', { ...CA_JVM, 'registry-name': 'corp repo' }, notRegistryName('corp repo')),
  bad('registry-name', 'a property expression, with maven and gradle', { ...CA_JVM, 'registry-name': '${env.HOME}' }, notRegistryName('${env.HOME}')),
  bad('registry-name', 'a dot, with maven and gradle', { ...CA_JVM, 'registry-name': 'corp.maven' }, notRegistryName('corp.maven')),
  bad('public-registry', 'unknown, with maven and gradle', { ...CA_JVM, 'public-registry': 'mirror' }, notAccepted('public-registry', 'mirror', 'keep, replace')),
  bad('repository', 'required for maven and gradle', { ...CA, tools: 'maven, gradle' }, "Input 'repository': is required to configure maven, gradle; name the CodeArtifact repository"),
  // timeout-seconds
  bad('timeout-seconds', 'zero', { 'timeout-seconds': '0' }, notTimeout('0')),
  bad('timeout-seconds', 'below 5', { 'timeout-seconds': '4' }, notTimeout('4')),
  bad('timeout-seconds', 'above an hour', { 'timeout-seconds': '3601' }, notTimeout('3601')),
  bad('timeout-seconds', 'with a unit', { 'timeout-seconds': '5m' }, notTimeout('5m')),
  bad('timeout-seconds', 'workflow command on a new line', { 'timeout-seconds': `60${CMD}` }, singleLine('timeout-seconds', `60${CMD}`)),
  bad('timeout-seconds', 'whitespace only', { 'timeout-seconds': ' ' }, blank('timeout-seconds')),
]

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Paths that were created, deleted or changed between two snapshots. */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  const paths = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...paths].filter((key) => before[key] !== after[key]).sort()
}

/**
 * Everything observable of a main step in one object, so a failure shows the whole picture at once
 * (names only for outputs and env: their values may be credentials). The positive controls below
 * show each guard in it detecting what it guards.
 */
function observe(job: Job, result: RunResult, before: Record<string, string>) {
  const main = result.main
  return {
    exitCode: main.exitCode,
    outcome: main.outcome,
    errors: main.errors,
    warnings: main.warnings,
    commands: main.commands.map((command) => command.command),
    awsRequests: job.requests().map((request) => `${request.service} ${request.operation} ${request.region}`),
    clientRuns: job.stubs.calls(),
    outputs: Object.keys(main.outputs),
    env: Object.keys(main.env),
    state: main.state,
    path: main.path,
    summaryBytes: main.summary.length,
    masks: main.masks.length,
    writtenUnderRunner: harnessLeftovers(result.tempDir),
    changedInSandbox: changed(before, job.snapshot()),
  }
}

/** The step did nothing but fail with one error line naming `input`. */
function expectOnlyRejected(job: Job, result: RunResult, expected: Bad, before: Record<string, string>): void {
  const { input, error, hidden } = expected
  const main = result.main
  expect(observe(job, result, before)).toEqual({
    exitCode: 1,
    outcome: 'failure',
    errors: [typeof error === 'string' ? expect.stringMatching(`^${escapeRegExp(error)}`) : expect.stringMatching(error)],
    warnings: [],
    commands: ['error'],
    awsRequests: [],
    clientRuns: [],
    outputs: [],
    env: [],
    // Only the empty undo list the main step saves before it reads any input.
    state: { undo: '[]' },
    path: [],
    summaryBytes: 0,
    masks: 0,
    writtenUnderRunner: [],
    changedInSandbox: [],
  })
  const message = main.errors[0] ?? ''
  expect(message).toMatch(new RegExp(`^Input '${escapeRegExp(input)}': `))
  expect(message).not.toMatch(/[\r\n]/)
  expect(main.commands[0]?.data).toBe(message)
  // Exactly one error line in the log, and no other line carries a workflow command.
  expect(main.lines.filter((line) => line.includes('##[error]'))).toEqual([`##[error]${message}`])
  expect(main.lines.filter((line) => !line.startsWith('##[error]') && line.includes('::'))).toEqual([])
  expect(main.raw.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith('::'))).toEqual([expect.stringMatching(/^::error::/)])
  if (hidden) expect(main.raw).not.toContain(hidden)
}

describe('bad input: one error naming the input, exit 1, no AWS call, no client, nothing written', () => {
  // Each case is its own job (credentials, HOME, stubs), so the cases run side by side.
  test.concurrent.each(CASES)('$input: $title', async (expected) => {
    const job = newJob()
    try {
      const before = job.snapshot()
      const result = await job.run(expected.with, expected.env)
      expectOnlyRejected(job, result, expected, before)
    } finally {
      job.cleanup()
    }
  })

  test('every request the emulator saw came from a job of this file', () => {
    const known = new Set(CREDENTIALS.slice(0, issued).map((credential) => credential.accessKeyId))
    expect(emu.requests.filter((request) => !known.has(request.accessKeyId ?? ''))).toEqual([])
  })

  test('the post step after a rejected main step does nothing either', async () => {
    const rejected: Record<string, string>[] = [{ registries: `123456789012${KV}` }, { ...CA_NPM, 'duration-seconds': '60' }]
    for (const given of rejected) {
      const job = newJob()
      try {
        const before = job.snapshot()
        const result = await job.run(given, {}, true)
        expect(result.main.exitCode).toBe(1)
        expect({
          exitCode: result.post?.exitCode,
          annotations: result.post?.annotations,
          commands: result.post?.commands.filter((command) => command.command !== 'debug').map((command) => command.command),
          env: result.post?.env,
          outputs: result.post?.outputs,
          awsRequests: job.requests().length,
          clientRuns: job.stubs.calls(),
          writtenUnderRunner: harnessLeftovers(result.tempDir),
          changedInSandbox: changed(before, job.snapshot()),
        }).toEqual({ exitCode: 0, annotations: [], commands: [], env: {}, outputs: {}, awsRequests: 0, clientRuns: [], writtenUnderRunner: [], changedInSandbox: [] })
      } finally {
        job.cleanup()
      }
    }
  })

  test('the matrix covers every input of action.yml, each named by at least one error', () => {
    const given = new Set(CASES.flatMap((item) => Object.keys(item.with)))
    const named = new Set(CASES.map((item) => item.input))
    expect(INPUTS.filter((name) => !given.has(name))).toEqual([])
    expect(INPUTS.filter((name) => !named.has(name))).toEqual([])
    expect([...named].filter((name) => !INPUTS.includes(name))).toEqual([])
    expect(CASES.length).toBeGreaterThanOrEqual(60)
  })
})

describe('positive controls: accepted values succeed against the emulator with tools: none', () => {
  let job: Job
  beforeEach(() => {
    job = newJob()
  })
  afterEach(() => job.cleanup())

  const host = (account: string, region = 'us-east-1') => `${account}.dkr.ecr.${region}.amazonaws.com`
  const regionsAndParams = () => job.calls().map((call) => [call.region, call.params]).sort()

  async function expectSuccess(given: Record<string, string>, env: Record<string, string | undefined> = {}): Promise<RunResult> {
    const result = await job.run({ tools: 'none', ...given }, env)
    expect({ exitCode: result.main.exitCode, errors: result.main.errors }).toEqual({ exitCode: 0, errors: [] })
    expect(job.stubs.calls()).toEqual([])
    expect(result.leaks).toEqual([])
    return result
  }

  test('a leading-zero account id stays in the host and in registryIds', async () => {
    const result = await expectSuccess({ registries: '012345678901' })
    expect(result.main.outputs.registry).toBe(host('012345678901'))
    expect(result.main.outputs.registries).toBe(host('012345678901'))
    expect(regionsAndParams()).toEqual([['us-east-1', { registryIds: ['012345678901'] }]])
  })

  test('hosts of every form, each carrying its region (no region set anywhere)', async () => {
    const hosts = [
      '012345678901.dkr.ecr.us-west-2.amazonaws.com',
      '111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn',
      '222222222222.dkr.ecr.eusc-de-east-1.amazonaws.eu',
      '333333333333.dkr-ecr.eu-west-1.on.aws',
      '444444444444.dkr-ecr.cn-northwest-1.on.amazonwebservices.com.cn',
      'HTTPS://555555555555.DKR.ECR.AP-SOUTH-1.AMAZONAWS.COM/',
      'http://666666666666.dkr.ecr.ap-south-1.amazonaws.com',
    ]
    const result = await expectSuccess({ registries: `\n${hosts.join(',\n')}\n` }, { AWS_REGION: undefined })
    expect(result.main.outputs.registries).toBe([...hosts.slice(0, 5), host('555555555555', 'ap-south-1'), host('666666666666', 'ap-south-1')].join(','))
    expect(regionsAndParams()).toEqual([
      ['ap-south-1', { registryIds: ['555555555555', '666666666666'] }],
      ['cn-north-1', { registryIds: ['111111111111'] }],
      ['cn-northwest-1', { registryIds: ['444444444444'] }],
      ['eu-west-1', { registryIds: ['333333333333'] }],
      ['eusc-de-east-1', { registryIds: ['222222222222'] }],
      ['us-west-2', { registryIds: ['012345678901'] }],
    ])
  })

  test('a FIPS host is accepted and sent to the FIPS endpoint of its region', async () => {
    // The emulator is a custom endpoint, which the SDK refuses to combine with FIPS: the step gets
    // past input validation and fails at the FIPS client of us-east-1, never with an input error.
    const result = await job.run({ registries: '333333333333.dkr.ecr-fips.us-east-1.amazonaws.com', tools: 'none' })
    expect(result.main.errors).toEqual([expect.stringMatching(/^ecr us-east-1 \(FIPS\): /)])
    expect(job.stubs.calls()).toEqual([])
  })

  test('booleans in any case: TRUE, True, False, FALSE', async () => {
    const kept = await expectSuccess({ 'export-env': 'TRUE', 'mask-password': 'True', logout: 'False', 'skip-logout': 'FALSE' })
    expect(kept.main.log).toContain('logout is false')
    expect(kept.main.warnings).toEqual([])
    expect(kept.main.masks).toContain(kept.main.outputs.token)
    const exported = await expectSuccess({ ...CA, 'export-env': 'True' })
    expect(Object.keys(exported.main.env)).toEqual(['CODEARTIFACT_AUTH_TOKEN'])
    const notExported = await expectSuccess({ ...CA, 'export-env': 'FALSE' })
    expect(notExported.main.env).toEqual({})
    expect(notExported.main.outputs.token).toBeTruthy()
  })

  test('duplicates in any spelling are dropped', async () => {
    const result = await expectSuccess({
      registries: `111111111111, 111111111111\n 111111111111\t${host('222222222222', 'eu-west-1')} HTTPS://${host('222222222222', 'eu-west-1').toUpperCase()}/`,
    })
    expect(result.main.outputs.registries).toBe([host('111111111111'), host('222222222222', 'eu-west-1')].join(','))
    expect(regionsAndParams()).toEqual([
      ['eu-west-1', { registryIds: ['222222222222'] }],
      ['us-east-1', { registryIds: ['111111111111'] }],
    ])
  })

  test('an account id and the host of the same registry count once', async () => {
    const result = await expectSuccess({ registries: `123456789012 ${host('123456789012')}` })
    expect(result.main.outputs.registries).toBe(host('123456789012'))
    expect(regionsAndParams()).toEqual([['us-east-1', { registryIds: ['123456789012'] }]])
  })

  test('eleven registries in one region all log in (the API takes at most ten ids per call)', async () => {
    const accounts = Array.from({ length: 11 }, (_, index) => String(100000000000 + index))
    const result = await expectSuccess({ registries: accounts.join(',') })
    expect(result.main.outputs.registries).toBe(accounts.map((account) => host(account)).join(','))
    const idsPerCall = job.calls().map((call) => (call.params.registryIds as string[] | undefined) ?? [])
    expect(idsPerCall.flat().sort()).toEqual(accounts)
    expect(idsPerCall.every((ids) => ids.length <= 10)).toBe(true)
  })

  test('CodeArtifact: leading-zero owner, duration 0, choices in any case', async () => {
    await expectSuccess({
      service: 'CodeArtifact', domain: 'acme', 'domain-owner': '012345678901', 'duration-seconds': '0',
      'endpoint-type': 'DualStack', 'pip-index': 'EXTRA', tools: 'NONE', 'max-attempts': '1',
    })
    expect(job.calls().map((call) => [call.operation, call.params])).toEqual([
      ['GetAuthorizationToken', { domain: 'acme', 'domain-owner': '012345678901', duration: '0' }],
    ])
  })

  test('bounds and case: service ECR, registry-type PRIVATE, max-attempts 20, a region with a trailing newline', async () => {
    const result = await expectSuccess({ service: 'ECR', 'registry-type': 'PRIVATE', 'max-attempts': '20', region: 'eu-west-1\n' })
    expect(result.main.outputs.registry).toBe(host('123456789012', 'eu-west-1'))
    expect(job.calls().map((call) => call.region)).toEqual(['eu-west-1'])
  })

  test('the region input wins: a malformed AWS_REGION is not consulted; AWS_DEFAULT_REGION is the fallback', async () => {
    await expectSuccess({ region: 'eu-central-1' }, { AWS_REGION: 'not a region' })
    expect(job.calls().map((call) => call.region)).toEqual(['eu-central-1'])
    await expectSuccess({}, { AWS_REGION: undefined, AWS_DEFAULT_REGION: 'ap-northeast-1' })
    expect(job.calls().map((call) => call.region)).toEqual(['eu-central-1', 'ap-northeast-1'])
  })
})

describe('positive controls of the guards: each one sees what it guards, with a client configured', () => {
  test('ECR with docker and a credential helper: an AWS call, a client run (and its record in the sandbox), outputs, state, a leftover under RUNNER_TEMP', async () => {
    const job = newJob()
    try {
      fs.writeFileSync(path.join(job.sandbox.dockerConfig, 'config.json'), '{"credsStore":"pass"}')
      const before = job.snapshot()
      const result = await job.run({ registries: '123456789012' })
      const seen = observe(job, result, before)
      expect(seen.exitCode).toBe(0)
      expect(seen.awsRequests).toEqual(['ecr GetAuthorizationToken us-east-1'])
      expect(seen.clientRuns).toEqual([expect.stringMatching(/^docker "login" "--username" "AWS" "--password-stdin" "123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com"$/)])
      expect(seen.outputs).toContain('registry')
      expect(JSON.parse(String(seen.state.undo)).map((record: { kind: string }) => record.kind)).toEqual(['remove', 'docker'])
      expect(seen.writtenUnderRunner).toEqual(expect.arrayContaining([expect.stringMatching(/save_state_/), expect.stringMatching(/registry-auth-/)]))
      expect(seen.changedInSandbox).toEqual([path.join('bin', 'calls.log')])
      expect(seen.commands).toEqual(expect.arrayContaining(['add-mask']))
      expect(seen.masks).toBeGreaterThan(0)
      expect(seen.summaryBytes).toBeGreaterThan(0)
    } finally {
      job.cleanup()
    }
  })

  test('CodeArtifact with yarn and npm: exported variables, a written user file, an AWS call per endpoint', async () => {
    const job = newJob()
    try {
      const before = job.snapshot()
      const result = await job.run({ ...CA_NPM, tools: 'npm, yarn', 'npm-scope': '@acme' })
      const seen = observe(job, result, before)
      expect(seen.exitCode).toBe(0)
      expect(seen.awsRequests.sort()).toEqual(['codeartifact GetAuthorizationToken us-east-1', 'codeartifact GetRepositoryEndpoint us-east-1'])
      expect(seen.env).toEqual(expect.arrayContaining(['NPM_CONFIG_USERCONFIG', 'CODEARTIFACT_AUTH_TOKEN']))
      expect(seen.changedInSandbox).toEqual([path.join('home', '.yarnrc.yml')])
      expect(seen.writtenUnderRunner).toEqual(expect.arrayContaining([expect.stringMatching(/set_env_/)]))
    } finally {
      job.cleanup()
    }
  })

  test('CodeArtifact with cargo replacing crates.io, bundler and gem: their variables, and config.toml as the one user file written', async () => {
    const job = newJob()
    try {
      const before = job.snapshot()
      const result = await job.run({ ...CA_NPM, tools: 'cargo, bundler, gem', 'public-registry': 'replace' })
      const seen = observe(job, result, before)
      expect(seen.exitCode).toBe(0)
      expect(seen.env).toEqual(expect.arrayContaining(['CARGO_REGISTRIES_CODEARTIFACT_TOKEN', 'BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/', 'GEMRC']))
      expect(seen.changedInSandbox).toEqual([path.join('home', '.cargo', 'config.toml')])
      expect(seen.warnings).toEqual([expect.stringContaining('gem push takes API keys only from')])
    } finally {
      job.cleanup()
    }
  })

  test('CodeArtifact with nuget and swift: the user files they change (NuGet.Config, registries.json, .netrc) and NuGet\'s variable', async () => {
    const job = newJob()
    try {
      const before = job.snapshot()
      const result = await job.run({ ...CA_NPM, tools: 'nuget, swift' })
      const seen = observe(job, result, before)
      expect(seen.exitCode).toBe(0)
      expect(seen.env).toEqual(expect.arrayContaining(['NuGetPackageSourceCredentials_codeartifact', 'CODEARTIFACT_AUTH_TOKEN']))
      expect(seen.changedInSandbox).toEqual(expect.arrayContaining([
        path.join('home', '.netrc'), path.join('home', '.nuget', 'NuGet', 'NuGet.Config'), path.join('home', '.swiftpm', 'configuration', 'registries.json'),
      ]))
    } finally {
      job.cleanup()
    }
  })

  test('CodeArtifact with maven and gradle: settings.xml and the init script written under the sandbox\'s Java home', async () => {
    const job = newJob()
    try {
      const before = job.snapshot()
      const result = await job.run(CA_JVM)
      const seen = observe(job, result, before)
      expect(seen.exitCode).toBe(0)
      expect(seen.env).toEqual(expect.arrayContaining(['CODEARTIFACT_USERNAME', 'CODEARTIFACT_GRADLE_REPOSITORIES', 'ORG_GRADLE_PROJECT_codeartifactPassword']))
      expect(seen.changedInSandbox).toEqual([path.join('home', '.gradle', 'init.d', 'registry-auth.gradle'), path.join('home', '.m2', 'settings.xml')])
    } finally {
      job.cleanup()
    }
  })

  test('a warning, and the variable a client configured by file is exported through, are seen too', async () => {
    const job = newJob()
    try {
      const result = await job.run({ registries: '123456789012', tools: 'podman', 'mask-password': 'false' })
      const seen = observe(job, result, job.snapshot())
      expect(seen.warnings).toEqual([expect.stringContaining('mask-password is false')])
      expect(seen.env).toEqual(['REGISTRY_AUTH_FILE'])
    } finally {
      job.cleanup()
    }
  })
})
