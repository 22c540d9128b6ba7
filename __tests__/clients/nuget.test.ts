import { jest } from '@jest/globals'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { ClientSettings } from '../../src/clients/context.js'

jest.unstable_mockModule('@actions/core', () => ({ saveState: jest.fn() }))
const {
  NUGET_DEFAULT_CONFIG, credentialValue, credentialVariable, nuget, nugetConfigKeys, nugetConfigPath, nugetConfigWithSource, nugetSourceUrl, sourcesElsewhere,
} = await import('../../src/clients/nuget.js')
const { UndoLog } = await import('../../src/undo.js')
const { Workspace } = await import('../../src/workspace.js')
const { Deadline } = await import('../../src/deadline.js')

const ENDPOINT = 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/nuget/shared/'
const URL = `${ENDPOINT}v3/index.json`
const TOKEN = 'eyJ2ZXIiOjF9.a+b/c=d;e'
const NUGET_ORG = '<add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3"/>'

let temp: string
beforeEach(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'nuget-'))
})
afterEach(() => fs.rm(temp, { recursive: true, force: true }))

function context(settings: Partial<ClientSettings> = {}, env: Record<string, string> = {}) {
  return {
    token: TOKEN,
    tokenVariable: 'CODEARTIFACT_AUTH_TOKEN_ACME',
    endpoint: ENDPOINT,
    settings: { npmScopes: [], pipIndex: 'index' as const, registryName: 'codeartifact', publicRegistry: 'keep' as const, ...settings },
    workspace: new Workspace(new UndoLog(true), path.join(temp, 'runner')),
    env,
    home: path.join(temp, 'home'),
    deadline: new Deadline(600),
  }
}

describe('what NuGet reads', () => {
  test('the user-level NuGet.Config on each platform (NuGetEnvironment: %APPDATA%\\NuGet on Windows, ~/.nuget/NuGet elsewhere)', () => {
    expect(nugetConfigPath({}, '/home/runner', 'linux')).toBe('/home/runner/.nuget/NuGet/NuGet.Config')
    expect(nugetConfigPath({ APPDATA: '/elsewhere' }, '/Users/runner', 'darwin')).toBe('/Users/runner/.nuget/NuGet/NuGet.Config')
    expect(nugetConfigPath({ APPDATA: 'C:\\Users\\runneradmin\\AppData\\Roaming' }, 'C:\\Users\\runneradmin', 'win32')).toBe('C:\\Users\\runneradmin\\AppData\\Roaming\\NuGet\\NuGet.Config')
    expect(nugetConfigPath({}, 'C:\\Users\\runneradmin', 'win32')).toBe('C:\\Users\\runneradmin\\AppData\\Roaming\\NuGet\\NuGet.Config')
    expect(() => nugetConfigPath({ APPDATA: 'AppData' }, 'C:\\Users\\x', 'win32')).toThrow('APPDATA is the relative path "AppData"')
  })

  test('the credential variable, as PackageSourceProvider.ReadCredentialFromEnvironment parses it', () => {
    expect(credentialVariable('codeartifact')).toBe('NuGetPackageSourceCredentials_codeartifact')
    expect(credentialVariable('corp-feed')).toBe('NuGetPackageSourceCredentials_corp-feed')
    const value = credentialValue(TOKEN)
    expect(value).toBe(`Username=aws;Password=${TOKEN}`)
    // NuGet's own expression (NuGet.Configuration, PackageSourceProvider), applied to the trimmed value.
    const nuget = /^Username=(?<user>.*?);\s*Password=(?<pass>.*?)(?:;ValidAuthenticationTypes=(?<authTypes>.*?))?$/i
    expect(nuget.exec(value.trim())?.groups).toEqual({ user: 'aws', pass: TOKEN, authTypes: undefined })
    // Older NuGet, without ValidAuthenticationTypes: the same password (so none is appended).
    expect(/^Username=(?<user>.*?);\s*Password=(?<pass>.*?)$/i.exec(value)?.groups?.pass).toBe(TOKEN)
  })

  test('the source URL is the endpoint\'s v3 service index', () => {
    expect(nugetSourceUrl(ENDPOINT)).toBe(URL)
  })
})

describe('nugetConfigWithSource', () => {
  test('no file yet: the file NuGet would create (nuget.org) with the source after it', () => {
    expect(NUGET_DEFAULT_CONFIG).toBe('<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />\n  </packageSources>\n</configuration>\n')
    expect(nugetConfigWithSource(undefined, 'codeartifact', URL, false)).toBe(
      `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    ${NUGET_ORG}\n    <add key="codeartifact" value="${URL}"/>\n  </packageSources>\n</configuration>\n`)
  })

  test('public-registry replace: a <clear/> drops nuget.org and every source before it; the source after it', () => {
    expect(nugetConfigWithSource(undefined, 'codeartifact', URL, true)).toBe(
      `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    ${NUGET_ORG}\n    <clear/>\n    <add key="codeartifact" value="${URL}"/>\n  </packageSources>\n</configuration>\n`)
  })

  test('the user\'s file: comments, other sections, BOM and CRLF kept; a source of the same name (any case) replaced in place', () => {
    const user = '\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <!-- feeds -->\r\n  <packageSources>\r\n    <add key="CodeArtifact" value="https://old/v3/index.json" />\r\n    <add key="github" value="https://nuget.pkg.github.com/octo/index.json" />\r\n  </packageSources>\r\n  <packageSourceCredentials>\r\n    <github>\r\n      <add key="Username" value="octo" />\r\n    </github>\r\n  </packageSourceCredentials>\r\n</configuration>\r\n'
    expect(nugetConfigWithSource(user, 'codeartifact', URL, false)).toBe(
      `\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <!-- feeds -->\r\n  <packageSources>\r\n    <add key="codeartifact" value="${URL}"/>\r\n    <add key="github" value="https://nuget.pkg.github.com/octo/index.json"/>\r\n  </packageSources>\r\n  <packageSourceCredentials>\r\n    <github>\r\n      <add key="Username" value="octo"/>\r\n    </github>\r\n  </packageSourceCredentials>\r\n</configuration>\r\n`)
    expect(nugetConfigWithSource(user, 'codeartifact', URL, true)).toContain(
      `<add key="github" value="https://nuget.pkg.github.com/octo/index.json"/>\r\n    <clear/>\r\n    <add key="codeartifact" value="${URL}"/>\r\n  </packageSources>`)
  })

  test('a file without packageSources gets one, indented as the file is', () => {
    expect(nugetConfigWithSource('<configuration>\n\t<config>\n\t\t<add key="a" value="b" />\n\t</config>\n</configuration>', 'corp', URL, false)).toBe(
      `<configuration>\n\t<config>\n\t\t<add key="a" value="b"/>\n\t</config>\n\t<packageSources>\n\t\t<add key="corp" value="${URL}"/>\n\t</packageSources>\n</configuration>`)
    expect(nugetConfigWithSource('<configuration/>', 'corp', URL, false)).toBe(`<configuration>\n  <packageSources>\n    <add key="corp" value="${URL}"/>\n  </packageSources>\n</configuration>`)
  })

  test('a file that is not a NuGet config is an error', () => {
    expect(() => nugetConfigWithSource('<settings/>', 'corp', URL, false)).toThrow('NuGet.Config has the root element <settings>, not <configuration>')
    expect(() => nugetConfigWithSource('<configuration>', 'corp', URL, false)).toThrow('NuGet.Config: it is not valid XML')
  })

  test('the entries the post step takes out', () => {
    expect(nugetConfigKeys('codeartifact', false)).toEqual([['packageSources', 'add', 'key', 'codeartifact']])
    expect(nugetConfigKeys('codeartifact', true)).toEqual([['packageSources', 'add', 'key', 'codeartifact', 'clear']])
  })
})

describe('sourcesElsewhere: a source of the same name on another host would get the token', () => {
  test('actions/setup-dotnet\'s nuget.config beside the checkout, a project nuget.config in it; same host and other names are fine', async () => {
    const workspace = path.join(temp, 'work', 'repo', 'repo')
    await fs.mkdir(workspace, { recursive: true })
    const setupDotnet = path.join(temp, 'work', 'repo', 'nuget.config')
    await fs.writeFile(setupDotnet, '<?xml version="1.0"?>\n<configuration>\n  <packageSources>\n    <add key="Source" value="https://nuget.pkg.github.com/octo/index.json" />\n  </packageSources>\n  <packageSourceCredentials>\n    <Source>\n      <add key="Username" value="octo" />\n      <add key="ClearTextPassword" value="ghp_x" />\n    </Source>\n  </packageSourceCredentials>\n</configuration>\n')
    await fs.writeFile(path.join(workspace, 'NuGet.Config'), `<configuration><packageSources><add key="codeartifact" value="${URL}"/><add key="local" value="../packages"/></packageSources></configuration>`)
    expect(sourcesElsewhere(workspace, 'codeartifact', URL)).toEqual([])
    expect(sourcesElsewhere(workspace, 'source', URL)).toEqual([`${setupDotnet}: https://nuget.pkg.github.com/octo/index.json`])
    expect(sourcesElsewhere(workspace, 'local', URL)).toEqual([`${path.join(workspace, 'NuGet.Config')}: ../packages`])
    await fs.writeFile(path.join(workspace, 'NuGet.Config'), '<configuration>')
    expect(sourcesElsewhere(workspace, 'codeartifact', URL)).toEqual([])
  })

  test('a project\'s nuget.config under the workspace counts too (NuGet reads it for that project); build and hidden directories are skipped', async () => {
    const workspace = path.join(temp, 'ws')
    const other = '<configuration><packageSources><add key="codeartifact" value="https://nuget.example/v3/index.json"/></packageSources></configuration>'
    const project = path.join(workspace, 'src', 'App')
    await fs.mkdir(project, { recursive: true })
    await fs.writeFile(path.join(project, 'nuget.config'), other)
    for (const skipped of ['node_modules/pkg', '.git', 'src/App/obj', 'a/b/c/d/e']) {
      await fs.mkdir(path.join(workspace, skipped), { recursive: true })
      await fs.writeFile(path.join(workspace, skipped, 'nuget.config'), other)
    }
    expect(sourcesElsewhere(workspace, 'codeartifact', URL)).toEqual([`${path.join(project, 'nuget.config')}: https://nuget.example/v3/index.json`])
  })
})

describe('configure', () => {
  test('no NuGet.Config yet: created as NuGet would, with the source; the credential only in the variable; the record first', async () => {
    const ctx = context({}, { NUGET_AUTH_TOKEN: 'ghp_setup_dotnet' })
    expect(await nuget.configure(ctx)).toEqual({ NuGetPackageSourceCredentials_codeartifact: `Username=aws;Password=${TOKEN}` })
    const file = path.join(ctx.home, '.nuget', 'NuGet', 'NuGet.Config')
    expect(await fs.readFile(file, 'utf8')).toBe(nugetConfigWithSource(undefined, 'codeartifact', URL, false))
    // Nothing to back up, so no private directory; the directories made for the file go again with it.
    expect(ctx.workspace.undo.records).toEqual([{
      kind: 'file', description: `restore ${file}`, path: file, backup: null, mode: undefined,
      madeDirs: [ctx.home, path.join(ctx.home, '.nuget'), path.join(ctx.home, '.nuget', 'NuGet')],
      entries: { format: 'nuget', keys: [['packageSources', 'add', 'key', 'codeartifact']] }, written: expect.stringMatching(/^[0-9a-f]{64}$/),
    }])
  })

  test('the user\'s file: a byte-exact backup; registry-name and public-registry: replace', async () => {
    const ctx = context({ registryName: 'corp', publicRegistry: 'replace' })
    const file = path.join(ctx.home, '.nuget', 'NuGet', 'NuGet.Config')
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(file, NUGET_DEFAULT_CONFIG, { mode: 0o644 })
    expect(await nuget.configure(ctx)).toEqual({ NuGetPackageSourceCredentials_corp: `Username=aws;Password=${TOKEN}` })
    expect(await fs.readFile(file, 'utf8')).toBe(nugetConfigWithSource(NUGET_DEFAULT_CONFIG, 'corp', URL, true))
    const record = ctx.workspace.undo.records.find((item) => item.kind === 'file') as { backup: string; mode: number; entries: unknown }
    expect(await fs.readFile(record.backup, 'utf8')).toBe(NUGET_DEFAULT_CONFIG)
    expect(record).toMatchObject({ mode: 0o644, entries: { format: 'nuget', keys: [['packageSources', 'add', 'key', 'corp', 'clear']] } })
    expect((await fs.readFile(file, 'utf8')).includes(TOKEN)).toBe(false)
  })

  test('a nuget.config of the workspace that sends the name elsewhere: an error before anything is written', async () => {
    const workspace = path.join(temp, 'ws')
    await fs.mkdir(workspace)
    await fs.writeFile(path.join(workspace, 'nuget.config'), '<configuration><packageSources><add key="CODEARTIFACT" value="https://evil.example/v3/index.json"/></packageSources></configuration>')
    const ctx = context({}, { GITHUB_WORKSPACE: workspace })
    await expect(nuget.configure(ctx)).rejects.toThrow(`a nuget.config names its own NuGet source 'codeartifact' (${path.join(workspace, 'nuget.config')}: https://evil.example/v3/index.json); NuGet would send it the CodeArtifact token, since NuGetPackageSourceCredentials_codeartifact goes to whichever source has that name. Choose another registry-name`)
    expect(ctx.workspace.undo.records).toEqual([])
    await expect(fs.stat(ctx.home)).rejects.toThrow()
  })
})
