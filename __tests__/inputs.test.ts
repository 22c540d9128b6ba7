import { readInputs, InputError, type CodeArtifactInputs, type EcrInputs, type Inputs } from '../src/inputs.js'

type With = Record<string, string>
const DEFAULTS: With = {
  'registry-type': 'private', 'pip-index': 'index', 'endpoint-type': 'ipv4', 'export-env': 'true',
  'mask-password': 'true', logout: 'true', 'skip-logout': 'false', 'max-attempts': '5',
}
const read = (given: With, env: With = { AWS_REGION: 'eu-west-1' }): Inputs =>
  readInputs((name) => ({ ...DEFAULTS, ...given })[name] ?? '', env)
const ecr = (given: With, env?: With): EcrInputs => read(given, env) as EcrInputs
const codeartifact = (given: With, env?: With): CodeArtifactInputs => read(given, env) as CodeArtifactInputs

describe('readInputs: good values', () => {
  test('defaults: ECR, caller registry in AWS_REGION, docker, logout', () => {
    const inputs = read({})
    expect(inputs).toMatchObject({
      service: 'ecr', region: 'eu-west-1', registries: [], tools: ['docker'], logout: true,
      maskPassword: true, exportEnv: true, maxAttempts: 5, timeoutSeconds: 300,
    })
  })

  test('AWS_DEFAULT_REGION is the second fallback; the input wins over both', () => {
    expect(read({}, { AWS_DEFAULT_REGION: 'us-west-2' }).region).toBe('us-west-2')
    expect(read({}, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' }).region).toBe('eu-west-1')
    expect(read({ region: 'ap-south-1' }, { AWS_REGION: 'eu-west-1' }).region).toBe('ap-south-1')
  })

  test('registries: ids, hosts of every form, any separator, duplicates dropped, leading zeros kept', () => {
    const inputs = ecr({
      registries: ` 012345678901, 012345678901\n210987654321.dkr.ecr.us-east-1.amazonaws.com\t
        111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn,111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com
        https://444455556666.dkr-ecr.eu-central-1.on.aws/ 777788889999.dkr.ecr.eusc-de-east-1.amazonaws.eu`,
    })
    expect(inputs.registries).toEqual([
      { account: '012345678901', region: 'eu-west-1', fips: false },
      { account: '210987654321', region: 'us-east-1', fips: false, host: '210987654321.dkr.ecr.us-east-1.amazonaws.com' },
      { account: '111122223333', region: 'cn-north-1', fips: false, host: '111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn' },
      { account: '111122223333', region: 'us-gov-west-1', fips: true, host: '111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com' },
      { account: '444455556666', region: 'eu-central-1', fips: false, host: '444455556666.dkr-ecr.eu-central-1.on.aws' },
      { account: '777788889999', region: 'eusc-de-east-1', fips: false, host: '777788889999.dkr.ecr.eusc-de-east-1.amazonaws.eu' },
    ])
  })

  test('http:// and https:// in front of a host are treated alike', () => {
    expect(ecr({ registries: 'http://210987654321.dkr.ecr.us-east-1.amazonaws.com https://210987654322.dkr.ecr.us-east-1.amazonaws.com/' }).registries.map((registry) => registry.host))
      .toEqual(['210987654321.dkr.ecr.us-east-1.amazonaws.com', '210987654322.dkr.ecr.us-east-1.amazonaws.com'])
  })

  test('an account id and its own standard host are one registry', () => {
    expect(ecr({ registries: '123456789012 123456789012.dkr.ecr.eu-west-1.amazonaws.com' }).registries).toHaveLength(1)
    expect(ecr({ registries: '123456789012 123456789012.dkr.ecr.us-east-1.amazonaws.com' }).registries).toHaveLength(2)
  })

  test('npm-scope without an npm client is accepted with a warning', () => {
    expect(read({ domain: 'acme', repository: 'r1', tools: 'pip', 'npm-scope': '@acme' }).warnings).toEqual([
      "Input 'npm-scope' has no effect without npm, pnpm or yarn in 'tools'",
    ])
  })

  test('hosts need no region at all', () => {
    expect(ecr({ registries: '210987654321.dkr.ecr.us-east-1.amazonaws.com' }, {}).registries).toHaveLength(1)
  })

  test.each([
    [{ 'registry-type': 'public' }, 'ecr-public'],
    [{ service: 'ecr-public' }, 'ecr-public'],
    [{ service: 'ECR' }, 'ecr'],
    [{ domain: 'acme' }, 'codeartifact'],
    [{ service: 'codeartifact', domain: 'acme' }, 'codeartifact'],
  ])('service from %j is %s', (given, service) => {
    expect(read(given).service).toBe(service)
  })

  test('ECR Public: us-east-1 whatever the region; registries ignored with a warning', () => {
    const inputs = read({ 'registry-type': 'public', registries: '123456789012' }, { AWS_REGION: 'eu-west-1' })
    expect(inputs).toMatchObject({ service: 'ecr-public', region: 'us-east-1', registries: [], tools: ['docker'] })
    expect(inputs.warnings).toEqual([expect.stringContaining("'registries' is ignored")])
  })

  test.each([
    [{ 'skip-logout': 'true' }, false],
    [{ logout: 'false' }, false],
    [{ logout: 'TRUE', 'skip-logout': 'False' }, true],
  ])('logout with %j is %s', (given, logout) => {
    expect(read(given).logout).toBe(logout)
  })

  test('tools: lists, none, case', () => {
    expect(read({ tools: 'Docker, podman' }).tools).toEqual(['docker', 'podman'])
    expect(read({ tools: 'none' }).tools).toEqual([])
    expect(read({ domain: 'acme' }).tools).toEqual([])
  })

  test('CodeArtifact values', () => {
    const inputs = read({
      domain: 'acme-corp', 'domain-owner': '000011112222', 'duration-seconds': '0', repository: 'shared.repo_1',
      tools: 'npm, pip', 'npm-scope': '@acme, tools', 'pip-index': 'extra', 'endpoint-type': 'dualstack',
    })
    expect(inputs).toMatchObject({
      service: 'codeartifact', domain: 'acme-corp', domainOwner: '000011112222', durationSeconds: 0,
      repository: 'shared.repo_1', tools: ['npm', 'pip'], endpointType: 'dualstack',
      settings: { npmScopes: ['@acme', '@tools'], pipIndex: 'extra', registryName: 'codeartifact', publicRegistry: 'keep' },
    })
    expect(codeartifact({ domain: 'ab', 'duration-seconds': '43200' }).durationSeconds).toBe(43200)
    expect(codeartifact({ domain: 'ab', 'duration-seconds': '900' }).durationSeconds).toBe(900)
  })

  test('registry-name: the name client settings give the repository; warned about without a client that uses it', () => {
    expect(codeartifact({ domain: 'acme', repository: 'r1', tools: 'uv', 'registry-name': 'corp-py_2' }).settings.registryName).toBe('corp-py_2')
    expect(read({ domain: 'acme', repository: 'r1', tools: 'pip', 'registry-name': 'corp' }).warnings).toEqual([
      "Input 'registry-name' has no effect without uv, poetry, maven, gradle, cargo, nuget or dotnet in 'tools'",
    ])
  })

  test('public-registry: honoured by the clients beside a public registry; warned about without them', () => {
    expect(codeartifact({ domain: 'acme', repository: 'r1', tools: 'dotnet', 'public-registry': 'replace' }).settings.publicRegistry).toBe('replace')
    expect(read({ domain: 'acme', repository: 'r1', tools: 'npm', 'public-registry': 'replace' }).warnings).toEqual([
      "Input 'public-registry' has no effect without maven, gradle, cargo, bundler, gem, nuget or dotnet in 'tools'",
    ])
  })

  test('nuget, dotnet, swift and generic are clients now', () => {
    expect(codeartifact({ domain: 'acme', repository: 'r1', tools: 'nuget, dotnet, swift, generic' }).tools).toEqual(['nuget', 'dotnet', 'swift', 'generic'])
  })

  test('max-attempts and proxy', () => {
    expect(read({ 'max-attempts': '1' }).maxAttempts).toBe(1)
    expect(read({ 'max-attempts': '20', 'http-proxy': 'http://user:p%40ss@proxy.local:3128' })).toMatchObject({
      maxAttempts: 20, httpProxy: 'http://user:p%40ss@proxy.local:3128',
    })
  })

  test('timeout-seconds: the step\'s time limit, 300 unless given', () => {
    expect(read({}).timeoutSeconds).toBe(300)
    expect(read({ 'timeout-seconds': '5' }).timeoutSeconds).toBe(5)
    expect(read({ 'timeout-seconds': '3600' }).timeoutSeconds).toBe(3600)
  })
})

describe('readInputs: bad values fail with one line naming the input', () => {
  test.each<[string, With, With | undefined, string]>([
    ['registries: not an id', { registries: 'abc' }, undefined, `Input 'registries': "abc" is not a 12-digit account id or an ECR registry host`],
    ['registries: 11 digits', { registries: '12345678901' }, undefined, `Input 'registries': "12345678901" is not a 12-digit`],
    ['registries: 13 digits', { registries: '1234567890123' }, undefined, `Input 'registries': "1234567890123" is not`],
    ['registries: Docker Hub', { registries: 'docker.io' }, undefined, `Input 'registries': "docker.io"`],
    ['registries: host with path', { registries: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app' }, undefined, `Input 'registries': "123456789012.dkr.ecr.us-east-1.amazonaws.com/app" is a repository URI; give the registry host without the path "/app"`],
    ['registries: ECR Public', { registries: 'public.ecr.aws' }, undefined, `Input 'registries': "public.ecr.aws" is ECR Public; use registry-type: public`],
    ['registries: no region for an account id', { registries: '123456789012' }, {}, `Input 'region': not set and neither AWS_REGION nor AWS_DEFAULT_REGION is set; account id 123456789012 in 'registries' needs a region: set region, or aws-region in aws-actions/configure-aws-credentials`],
    ['registries: host with bad region', { registries: '123456789012.dkr.ecr.useast1.amazonaws.com' }, undefined, `Input 'registries': "123456789012.dkr.ecr.useast1.amazonaws.com"`],
    ['registries: foreign domain', { registries: '123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.io' }, undefined, `Input 'registries': "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.io"`],
    ['registries: env injection', { registries: '123456789012\nFOO=bar' }, undefined, `Input 'registries': "FOO=bar"`],
    ['registries: id without any region', { registries: '123456789012' }, {}, `Input 'region': not set and neither AWS_REGION nor AWS_DEFAULT_REGION is set; account id 123456789012`],
    ['registries: for CodeArtifact', { domain: 'acme', registries: '123456789012' }, undefined, `Input 'registries': is for Amazon ECR`],
    ['registries: blank', { registries: '  \n ' }, undefined, `Input 'registries': is blank`],
    ['region: no region at all', {}, {}, `Input 'region': not set and neither AWS_REGION nor AWS_DEFAULT_REGION is set; the caller's own registry needs a region`],
    ['region: typo', { region: 'us-east1' }, undefined, `Input 'region': "us-east1" is not an AWS region; use a region code such as us-east-1`],
    ['region: upper case', { region: 'US-EAST-1' }, undefined, `Input 'region': "US-EAST-1" is not an AWS region`],
    ['region: newline injection', { region: 'us-east-1\nAWS_REGION=x' }, undefined, `Input 'region': must be a single line, got "us-east-1\\nAWS_REGION=x"`],
    ['region: bad AWS_REGION', {}, { AWS_REGION: 'Frankfurt' }, `Input 'region': not set, and AWS_REGION "Frankfurt" is not an AWS region`],
    ['region: blank', { region: '   ' }, undefined, `Input 'region': is blank`],
    ['service: unknown', { service: 'gcr' }, undefined, `Input 'service': "gcr" is not accepted; use one of: ecr, ecr-public, codeartifact`],
    ['service: ecr with public type', { service: 'ecr', 'registry-type': 'public' }, undefined, `Input 'registry-type': 'public' conflicts with service 'ecr'`],
    ['service: codeartifact without domain', { service: 'codeartifact' }, undefined, `Input 'domain': is required for CodeArtifact`],
    ['service: ecr with domain', { service: 'ecr', domain: 'acme' }, undefined, `Input 'domain': is for CodeArtifact and conflicts with service 'ecr'`],
    ['registry-type: public with a domain', { 'registry-type': 'public', domain: 'acme' }, undefined, `Input 'registry-type': 'public' conflicts with 'domain' (CodeArtifact)`],
    ['pip-index: extra with ECR', { 'pip-index': 'extra' }, undefined, `Input 'pip-index': is for CodeArtifact and has no effect with service 'ecr'`],
    ['endpoint-type: dualstack with ECR Public', { 'registry-type': 'public', 'endpoint-type': 'dualstack' }, undefined, `Input 'endpoint-type': is for CodeArtifact and has no effect with service 'ecr-public'`],
    ['registry-type: unknown', { 'registry-type': 'protected' }, undefined, `Input 'registry-type': "protected" is not accepted; use one of: private, public`],
    ['tools: unknown', { tools: 'docker, kaniko' }, undefined, `Input 'tools': "kaniko" is not a client for ECR; use any of: docker, podman, buildah, skopeo, helm, none`],
    ['tools: npm for ECR', { tools: 'npm' }, undefined, `Input 'tools': "npm" is not a client for ECR`],
    ['tools: docker for CodeArtifact', { domain: 'acme', repository: 'r1', tools: 'docker' }, undefined, `Input 'tools': "docker" is not a client for CodeArtifact`],
    ['export-env: false with tools', { domain: 'acme', repository: 'r1', tools: 'npm', 'export-env': 'false' }, undefined, `Input 'export-env': 'false' cannot be combined with tools (npm)`],
    ['tools: none with others', { tools: 'none, docker' }, undefined, `Input 'tools': 'none' cannot be combined with other tools`],
    ['tools: without repository', { domain: 'acme', tools: 'npm' }, undefined, `Input 'repository': is required to configure npm`],
    ['domain: upper case', { domain: 'Acme' }, undefined, `Input 'domain': "Acme" is not a CodeArtifact domain name`],
    ['domain: one character', { domain: 'a' }, undefined, `Input 'domain': "a" is not a CodeArtifact domain name`],
    ['domain: trailing hyphen', { domain: 'acme-' }, undefined, `Input 'domain': "acme-" is not`],
    ['domain: too long', { domain: 'a'.repeat(51) }, undefined, `Input 'domain': "${'a'.repeat(51)}" is not`],
    ['domain-owner: short', { domain: 'acme', 'domain-owner': '12345' }, undefined, `Input 'domain-owner': "12345" is not an AWS account id; use the 12 digits, leading zeros included`],
    ['domain-owner: for ECR', { 'domain-owner': '123456789012' }, undefined, `Input 'domain-owner': is for CodeArtifact and has no effect with service 'ecr'`],
    ['duration-seconds: below 900', { domain: 'acme', 'duration-seconds': '899' }, undefined, `Input 'duration-seconds': "899" is not accepted; use 0 (token lasts as long as the role session) or 900 to 43200`],
    ['duration-seconds: above max', { domain: 'acme', 'duration-seconds': '43201' }, undefined, `Input 'duration-seconds': "43201"`],
    ['duration-seconds: negative', { domain: 'acme', 'duration-seconds': '-1' }, undefined, `Input 'duration-seconds': "-1"`],
    ['duration-seconds: unit', { domain: 'acme', 'duration-seconds': '1h' }, undefined, `Input 'duration-seconds': "1h"`],
    ['repository: bad characters', { domain: 'acme', repository: 'my repo' }, undefined, `Input 'repository': "my repo" is not a CodeArtifact repository name`],
    ['repository: for ECR', { repository: 'shared' }, undefined, `Input 'repository': is for CodeArtifact`],
    ['npm-scope: bad scope', { domain: 'acme', 'npm-scope': '@Acme' }, undefined, `Input 'npm-scope': "@Acme" is not an npm scope`],
    ['npm-scope: for ECR', { 'npm-scope': '@acme' }, undefined, `Input 'npm-scope': is for CodeArtifact`],
    ['pip-index: unknown', { domain: 'acme', 'pip-index': 'replace' }, undefined, `Input 'pip-index': "replace" is not accepted; use one of: index, extra`],
    ['endpoint-type: unknown', { 'endpoint-type': 'ipv6' }, undefined, `Input 'endpoint-type': "ipv6" is not accepted; use one of: ipv4, dualstack`],
    ['export-env: yes', { 'export-env': 'yes' }, undefined, `Input 'export-env': "yes" is not accepted; use one of: true, false`],
    ['mask-password: 1', { 'mask-password': '1' }, undefined, `Input 'mask-password': "1" is not accepted; use one of: true, false`],
    ['logout: typo', { logout: 'flase' }, undefined, `Input 'logout': "flase" is not accepted`],
    ['skip-logout: injection', { 'skip-logout': 'true\nlogout=false' }, undefined, `Input 'skip-logout': must be a single line`],
    ['max-attempts: zero', { 'max-attempts': '0' }, undefined, `Input 'max-attempts': "0" is not a whole number from 1 to 20`],
    ['max-attempts: too many', { 'max-attempts': '21' }, undefined, `Input 'max-attempts': "21" is not a whole number from 1 to 20`],
    ['max-attempts: fraction', { 'max-attempts': '2.5' }, undefined, `Input 'max-attempts': "2.5" is not a whole number`],
    ['http-proxy: no scheme', { 'http-proxy': 'proxy.local:3128' }, undefined, `Input 'http-proxy': is not a proxy URL; use http://host:port`],
    ['http-proxy: socks', { 'http-proxy': 'socks5://proxy.local:1080' }, undefined, `Input 'http-proxy': is not a proxy URL`],
    ['http-proxy: raw % in the password', { 'http-proxy': 'http://ci:50%off@proxy.local:3128' }, undefined, `Input 'http-proxy': the password has a '%' that does not start a percent-encoded byte; write '%' as %25`],
    ['http-proxy: raw % in the user name', { 'http-proxy': 'http://c%i:pw@proxy.local:3128' }, undefined, `Input 'http-proxy': the user name has a '%'`],
    ['registry-name: starts with a digit', { domain: 'acme', 'registry-name': '1corp' }, undefined, `Input 'registry-name': "1corp" is not a registry name; use 1-64 letters, digits, '_' and '-', starting with a letter`],
    ['registry-name: a dot', { domain: 'acme', 'registry-name': 'corp.repo' }, undefined, `Input 'registry-name': "corp.repo" is not a registry name`],
    ['public-registry: unknown', { domain: 'acme', 'public-registry': 'drop' }, undefined, `Input 'public-registry': "drop" is not accepted; use one of: keep, replace`],
    ['public-registry: for ECR', { 'public-registry': 'replace' }, undefined, `Input 'public-registry': is for CodeArtifact`],
    ['registry-name: for ECR', { 'registry-name': 'corp' }, undefined, `Input 'registry-name': is for CodeArtifact`],
    ['timeout-seconds: zero', { 'timeout-seconds': '0' }, undefined, `Input 'timeout-seconds': "0" is not a whole number from 5 to 3600`],
    ['timeout-seconds: unit', { 'timeout-seconds': '5m' }, undefined, `Input 'timeout-seconds': "5m" is not a whole number from 5 to 3600`],
  ])('%s', (_label, given, env, message) => {
    let thrown: unknown
    try {
      read(given, env ?? { AWS_REGION: 'eu-west-1' })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InputError)
    const text = (thrown as Error).message
    expect(text.startsWith(message)).toBe(true)
    expect(text).not.toMatch(/[\r\n]/)
  })

  test('a proxy password never shows in the error', () => {
    expect(() => read({ 'http-proxy': 'ftp://user:s3cret@proxy' })).toThrow(/^(?!.*s3cret)/)
    expect(() => read({ 'http-proxy': 'http://user:s3cret%@proxy' })).toThrow(/^(?!.*s3cret)/)
  })
})

describe('readInputs: what an empty input means', () => {
  const bare = (given: With, env: With = { AWS_REGION: 'eu-west-1' }): Inputs => readInputs((name) => given[name] ?? '', env)
  const fails = (given: With, env: With = { AWS_REGION: 'eu-west-1' }): string => {
    try {
      bare(given, env)
    } catch (error) {
      return (error as Error).message
    }
    return ''
  }

  test('every input left out: the documented defaults', () => {
    expect(bare({})).toEqual({
      service: 'ecr', region: 'eu-west-1', registries: [], tools: ['docker'],
      exportEnv: true, maskPassword: true, logout: true, maxAttempts: 5, timeoutSeconds: 300, httpProxy: undefined, warnings: [],
    })
    expect(bare({ domain: 'acme' })).toEqual({
      service: 'codeartifact', region: 'eu-west-1', domain: 'acme', domainOwner: undefined, durationSeconds: undefined, repository: undefined,
      endpointType: 'ipv4', tools: [], settings: { npmScopes: [], pipIndex: 'index', registryName: 'codeartifact', publicRegistry: 'keep' },
      exportEnv: true, maskPassword: true, logout: true, maxAttempts: 5, timeoutSeconds: 300, httpProxy: undefined, warnings: [],
    })
  })

  test('values and the region from the environment are trimmed', () => {
    expect(bare({ domain: ' acme ', repository: ' r1\n', tools: ' pip ' }, { AWS_REGION: ' eu-west-2 ' })).toMatchObject({ domain: 'acme', repository: 'r1', tools: ['pip'], region: 'eu-west-2' })
  })

  test('npm-scope warns only without npm, pnpm and yarn', () => {
    for (const tools of ['npm', 'pnpm', 'yarn', 'pip, yarn']) expect(bare({ domain: 'acme', repository: 'r1', tools, 'npm-scope': 'acme' }).warnings).toEqual([])
    expect(bare({ domain: 'acme', repository: 'r1', tools: 'pip', 'npm-scope': 'acme' }).warnings).toEqual(["Input 'npm-scope' has no effect without npm, pnpm or yarn in 'tools'"])
    expect(bare({ domain: 'acme', repository: 'r1', tools: 'pip' }).warnings).toEqual([])
  })

  test('export-env false: refused with tools, named; fine without', () => {
    expect(fails({ domain: 'acme', repository: 'r1', tools: 'npm, pip', 'export-env': 'false' })).toBe(
      "Input 'export-env': 'false' cannot be combined with tools (npm, pip): they read settings the action exports; use tools: none and the outputs instead")
    expect(bare({ domain: 'acme', 'export-env': 'false' }).exportEnv).toBe(false)
    expect(bare({ domain: 'acme', tools: 'none', 'export-env': 'false' }).exportEnv).toBe(false)
  })

  test('ECR Public warns about registries only when some are given', () => {
    expect(bare({ service: 'ecr-public' }).warnings).toEqual([])
  })

  test('refusals that name what to do', () => {
    expect(fails({ domain: 'acme', repository: 'r1' }, {})).toBe("Input 'region': not set and neither AWS_REGION nor AWS_DEFAULT_REGION is set; CodeArtifact needs a region: set region, or aws-region in aws-actions/configure-aws-credentials")
    expect(fails({ domain: 'acme', tools: 'npm pip' })).toBe("Input 'repository': is required to configure npm, pip; name the CodeArtifact repository")
    expect(fails({ service: 'ecr', 'registry-type': 'public' })).toBe("Input 'registry-type': 'public' conflicts with service 'ecr'; use registry-type: public only with ECR Public")
    expect(fails({ service: 'ecr-public', 'registry-type': 'public' })).toBe('')
    expect(fails({ domain: 'acme', repository: 'r1', tools: 'docker' })).toBe("Input 'tools': \"docker\" is not a client for CodeArtifact; use any of: npm, pnpm, yarn, pip, uv, poetry, twine, maven, gradle, cargo, bundler, gem, nuget, dotnet, swift, generic, none")
    expect(fails({ tools: 'maven' })).toBe("Input 'tools': \"maven\" is not a client for ECR; use any of: docker, podman, buildah, skopeo, helm, none")
    expect(fails({ 'registry-type': 'private', domain: 'acme', repository: 'r1' })).toBe('')
    expect(fails({ 'pip-index': 'extra' })).toBe("Input 'pip-index': is for CodeArtifact and has no effect with service 'ecr'; remove it")
    expect(fails({ 'endpoint-type': 'dualstack' })).toBe("Input 'endpoint-type': is for CodeArtifact and has no effect with service 'ecr'; remove it")
  })
})
