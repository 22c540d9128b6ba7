/**
 * CodeArtifact for NuGet (nuget, dotnet), swift and generic through dist/: the exact files a later
 * step's client reads and the exact variables it gets, and everything back as it was after the post
 * step. No NuGet or Swift client can be installed here (neither is packaged for this Debian), so what
 * they do with these files is not run here: the files and variables are checked against the rules
 * the clients read them by (cited in src/clients/nuget.ts and swift.ts).
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { makeSandbox, type Emulator, type Sandbox } from './fixture.js'

const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.bnVnZXQ+c3dpZnQ/dG9rZW4=.c2ln'
const HOST = 'acme-123456789012.d.codeartifact.eu-west-1.amazonaws.com'
const endpoint = (format: string) => `https://${HOST}/${format}/shared/`
const SOURCE = `${endpoint('nuget')}v3/index.json`
const NUGET_ORG = '<add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3"/>'

let emu: Emulator
let sandbox: Sandbox
beforeAll(async () => {
  emu = await startEmulator({ token: () => TOKEN, repositoryEndpoint: ({ format }: { format: string }) => endpoint(format) })
})
afterAll(() => emu?.stop())
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu, { AWS_REGION: 'eu-west-1' })
})
afterEach(() => sandbox.cleanup())

const CA = { domain: 'acme', 'domain-owner': '123456789012', repository: 'shared' }
const home = (...parts: string[]) => path.join(sandbox.home, ...parts)
const NUGET_CONFIG = () => home('.nuget', 'NuGet', 'NuGet.Config')
const REGISTRIES = () => home('.swiftpm', 'configuration', 'registries.json')
const NETRC = () => home('.netrc')

interface Seen { text: string; mode: string }
const seen = (file: string): Seen | undefined =>
  (fs.existsSync(file) ? { text: fs.readFileSync(file, 'utf8'), mode: (fs.statSync(file).mode & 0o777).toString(8) } : undefined)

const registriesJson = `{
  "registries": {
    "[default]": {
      "supportsAvailability": false,
      "url": "${endpoint('swift')}"
    }
  },
  "authentication": {
    "${HOST}": {
      "loginAPIPath": "/swift/shared/login",
      "type": "token"
    }
  },
  "version": 1
}
`

test('nuget, swift and generic with no user files: exact files and variables during the job; afterwards nothing left, directories included', async () => {
  let during: Record<string, Seen | undefined> = {}
  const result = await sandbox.run({
    with: { ...CA, tools: 'nuget, swift, generic' },
    env: { NUGET_AUTH_TOKEN: 'ghp_setup_dotnet_token' },
    beforePost: () => {
      during = { nuget: seen(NUGET_CONFIG()), registries: seen(REGISTRIES()), netrc: seen(NETRC()) }
    },
  }, [TOKEN])
  expect(result.main.errors).toEqual([])
  expect(result.main.outputs.endpoints).toBe(JSON.stringify({ nuget: endpoint('nuget'), swift: endpoint('swift'), generic: endpoint('generic') }))
  expect(result.main.env).toEqual({
    CODEARTIFACT_AUTH_TOKEN: TOKEN,
    NuGetPackageSourceCredentials_codeartifact: `Username=aws;Password=${TOKEN}`,
  })
  expect(during).toEqual({
    nuget: { mode: '600', text: `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    ${NUGET_ORG}\n    <add key="codeartifact" value="${SOURCE}"/>\n  </packageSources>\n</configuration>\n` },
    registries: { mode: '600', text: registriesJson },
    netrc: { mode: '600', text: `machine ${HOST}\n  login aws\n  password ${TOKEN}\n` },
  })
  expect(result.main.log).toContain(`generic: ${endpoint('generic')}`)
  expect(result.main.log).not.toContain('generic is not on PATH')
  expect(result.post?.warnings).toEqual([])
  expect(fs.readdirSync(sandbox.home).sort()).toEqual(['.docker'].filter((name) => fs.existsSync(home(name))))
  expect(result.leaks).toEqual([])
})

test('the user\'s files with public-registry: replace and registry-name: a <clear/> before the source; everything back byte for byte with its mode', async () => {
  const nugetConfig = '\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <!-- my feeds -->\r\n  <packageSources>\r\n    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />\r\n    <add key="github" value="https://nuget.pkg.github.com/octo/index.json" />\r\n  </packageSources>\r\n</configuration>\r\n'
  const registries = '{\n  "authentication" : {},\n  "registries" : {\n    "[default]" : { "url" : "https://registry.example/", "supportsAvailability" : false }\n  },\n  "version" : 1\n}'
  const netrc = 'machine github.com\n  login octo\n  password ghp_mine\n'
  for (const [file, text, mode] of [[NUGET_CONFIG(), nugetConfig, 0o644], [REGISTRIES(), registries, 0o644], [NETRC(), netrc, 0o644]] as const) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, text)
    fs.chmodSync(file, mode)
  }
  let during: Record<string, Seen | undefined> = {}
  const result = await sandbox.run({
    with: { ...CA, tools: 'dotnet, swift', 'public-registry': 'replace', 'registry-name': 'corp-feed' },
    beforePost: () => {
      during = { nuget: seen(NUGET_CONFIG()), registries: seen(REGISTRIES()), netrc: seen(NETRC()) }
    },
  }, [TOKEN])
  expect(result.main.errors).toEqual([])
  expect(result.main.env).toEqual({ CODEARTIFACT_AUTH_TOKEN: TOKEN, 'NuGetPackageSourceCredentials_corp-feed': `Username=aws;Password=${TOKEN}` })
  expect(during.nuget).toEqual({
    mode: '644',
    text: `\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <!-- my feeds -->\r\n  <packageSources>\r\n    ${NUGET_ORG}\r\n    <add key="github" value="https://nuget.pkg.github.com/octo/index.json"/>\r\n    <clear/>\r\n    <add key="corp-feed" value="${SOURCE}"/>\r\n  </packageSources>\r\n</configuration>\r\n`,
  })
  expect(JSON.parse(during.registries?.text ?? '')).toEqual(JSON.parse(registriesJson))
  expect(during.netrc).toEqual({ mode: '600', text: `machine ${HOST}\n  login aws\n  password ${TOKEN}\n${netrc}` })
  expect(seen(NUGET_CONFIG())).toEqual({ mode: '644', text: nugetConfig })
  expect(seen(REGISTRIES())).toEqual({ mode: '644', text: registries })
  expect(seen(NETRC())).toEqual({ mode: '644', text: netrc })
  expect(result.post?.warnings).toEqual([])
  expect(result.leaks).toEqual([])
})

test('another step changes all three files meanwhile: only the action\'s entries are taken out, the other step\'s changes stay', async () => {
  const result = await sandbox.run({
    with: { ...CA, tools: 'nuget, swift', 'public-registry': 'replace' },
    beforePost: () => {
      // What `dotnet nuget add source`, `swift package-registry set --scope` and a netrc-writing tool would leave.
      fs.writeFileSync(NUGET_CONFIG(), fs.readFileSync(NUGET_CONFIG(), 'utf8').replace('</packageSources>', '  <add key="local" value="/packages" />\n  </packageSources>'))
      const config = JSON.parse(fs.readFileSync(REGISTRIES(), 'utf8'))
      fs.writeFileSync(REGISTRIES(), JSON.stringify({ ...config, registries: { ...config.registries, octo: { url: 'https://octo.example/' } } }))
      fs.appendFileSync(NETRC(), 'machine other.example login o password p\n')
    },
  }, [TOKEN])
  expect(result.main.errors).toEqual([])
  expect(seen(NUGET_CONFIG())?.text).toBe(`<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    ${NUGET_ORG}\n    <add key="local" value="/packages"/>\n  </packageSources>\n</configuration>\n`)
  expect(JSON.parse(seen(REGISTRIES())?.text ?? '')).toEqual({ version: 1, registries: { octo: { url: 'https://octo.example/' } }, authentication: {} })
  expect(seen(NETRC())).toEqual({ mode: '600', text: 'machine other.example login o password p\n' })
  expect(result.post?.log).toContain('was changed by another step meanwhile: took out only this action\'s entries and kept the rest')
  expect(result.post?.warnings).toEqual([])
  expect(result.leaks).toEqual([])
})

describe('actions/setup-dotnet before this step', () => {
  /** setup-dotnet's nuget.config beside the checkout (its `source-url` with NUGET_AUTH_TOKEN). */
  function setupDotnet(workspace: string): string {
    const file = path.join(path.dirname(workspace), 'nuget.config')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, '<?xml version="1.0"?>\n<configuration>\n  <config>\n    <add key="defaultPushSource" value="https://nuget.pkg.github.com/octo/index.json" />\n  </config>\n  <packageSources>\n    <add key="Source" value="https://nuget.pkg.github.com/octo/index.json" />\n  </packageSources>\n  <packageSourceCredentials>\n    <Source>\n      <add key="Username" value="octo" />\n      <add key="ClearTextPassword" value="ghp_setup_dotnet_token" />\n    </Source>\n  </packageSourceCredentials>\n</configuration>\n')
    return file
  }

  test('its nuget.config is never touched and NUGET_AUTH_TOKEN never set: its feed keeps its own credential, CodeArtifact gets its own source', async () => {
    const workspace = path.join(sandbox.dir, 'work', 'repo', 'repo')
    fs.mkdirSync(workspace, { recursive: true })
    const file = setupDotnet(workspace)
    const before = fs.readFileSync(file, 'utf8')
    const result = await sandbox.run({ with: { ...CA, tools: 'dotnet' }, env: { NUGET_AUTH_TOKEN: 'ghp_setup_dotnet_token' }, workspace }, [TOKEN])
    expect(result.main.errors).toEqual([])
    expect(Object.keys(result.main.env).sort()).toEqual(['CODEARTIFACT_AUTH_TOKEN', 'NuGetPackageSourceCredentials_codeartifact'])
    expect(fs.readFileSync(file, 'utf8')).toBe(before)
    expect(result.leaks).toEqual([])
  })

  test('registry-name naming its source (Source, in any case): refused before anything is written, since NuGet would send the token to its feed', async () => {
    const workspace = path.join(sandbox.dir, 'work', 'repo', 'repo')
    fs.mkdirSync(workspace, { recursive: true })
    const file = setupDotnet(workspace)
    const before = sandbox.snapshot()
    const result = await sandbox.run({ with: { ...CA, tools: 'nuget', 'registry-name': 'source' }, workspace }, [TOKEN])
    expect(result.main.exitCode).toBe(1)
    expect(result.main.errors).toEqual([`a nuget.config names its own NuGet source 'source' (${file}: https://nuget.pkg.github.com/octo/index.json); NuGet would send it the CodeArtifact token, since NuGetPackageSourceCredentials_source goes to whichever source has that name. Choose another registry-name`])
    expect(result.main.env).toEqual({ CODEARTIFACT_AUTH_TOKEN: TOKEN })
    expect(sandbox.snapshot()).toEqual(before)
    expect(result.leaks).toEqual([])
  })

  test('a project\'s nuget.config deeper in the checkout naming registry-name on another host: refused too', async () => {
    const workspace = path.join(sandbox.dir, 'checkout')
    const project = path.join(workspace, 'src', 'App')
    fs.mkdirSync(project, { recursive: true })
    const file = path.join(project, 'nuget.config')
    fs.writeFileSync(file, '<configuration><packageSources><add key="codeartifact" value="https://nuget.example/v3/index.json"/></packageSources></configuration>\n')
    const before = sandbox.snapshot()
    const result = await sandbox.run({ with: { ...CA, tools: 'dotnet' }, workspace }, [TOKEN])
    expect(result.main.exitCode).toBe(1)
    expect(result.main.errors).toEqual([expect.stringContaining(`a nuget.config names its own NuGet source 'codeartifact' (${file}: https://nuget.example/v3/index.json)`)])
    expect(sandbox.snapshot()).toEqual(before)
    expect(result.leaks).toEqual([])
  })
})

test('none of the clients need be installed on Linux (swift runs only on macOS); export-env: false works for swift and generic', async () => {
  const result = await sandbox.run({ with: { ...CA, tools: 'nuget, dotnet, swift, generic' }, env: { PATH: '/nonexistent' } }, [TOKEN])
  expect(result.main.errors).toEqual([])
  for (const tool of ['nuget', 'dotnet', 'swift']) expect(result.main.log).toContain(`${tool} is not on PATH yet: it is configured for a later step that installs it`)
  const quiet = await sandbox.run({ with: { ...CA, tools: 'swift, generic', 'export-env': 'false' } }, [TOKEN])
  expect(quiet.main.errors).toEqual([])
  expect(quiet.main.env).toEqual({})
  expect(quiet.main.outputs.endpoints).toBe(JSON.stringify({ swift: endpoint('swift'), generic: endpoint('generic') }))
  expect([...result.leaks, ...quiet.leaks]).toEqual([])
})

test('a NuGet.Config that is not XML: the step fails naming it, and the file is left as it was', async () => {
  fs.mkdirSync(path.dirname(NUGET_CONFIG()), { recursive: true })
  fs.writeFileSync(NUGET_CONFIG(), '<configuration>\n  <packageSources>\n')
  const result = await sandbox.run({ with: { ...CA, tools: 'nuget' } }, [TOKEN])
  expect(result.main.exitCode).toBe(1)
  expect(result.main.errors).toEqual([expect.stringMatching(/^NuGet.Config: it is not valid XML/)])
  expect(fs.readFileSync(NUGET_CONFIG(), 'utf8')).toBe('<configuration>\n  <packageSources>\n')
  expect(result.leaks).toEqual([])
})
