import { jest } from '@jest/globals'

jest.unstable_mockModule('@actions/core', () => ({}))
const { CATALOG, USER_FILES, honouring, isTool, runsOn, toolsOf } = await import('../../src/clients/catalog.js')

const FORMATS = ['npm', 'pypi', 'maven', 'nuget', 'swift', 'ruby', 'cargo', 'generic']

test('every client\'s module loads and has the one shape: configure', async () => {
  for (const [tool, entry] of Object.entries(CATALOG)) {
    const client = await entry.load()
    expect([tool, typeof client.configure]).toEqual([tool, 'function'])
    // generic has no client: nothing to find on PATH.
    expect([tool, entry.executables.length > 0]).toEqual([tool, tool !== 'generic'])
    if (entry.service === 'codeartifact') expect(FORMATS).toContain(entry.format)
  }
})

test('the tools of each service, in catalog order; names are recognised', () => {
  expect(toolsOf('ecr')).toEqual(['docker', 'podman', 'buildah', 'skopeo', 'helm'])
  expect(toolsOf('codeartifact')).toEqual(['npm', 'pnpm', 'yarn', 'pip', 'uv', 'poetry', 'twine', 'maven', 'gradle', 'cargo', 'bundler', 'gem', 'nuget', 'dotnet', 'swift', 'generic'])
  expect([isTool('docker'), isTool('toString'), isTool('kaniko')]).toEqual([true, false, false])
})

test('which clients honour which inputs', () => {
  expect(honouring(toolsOf('codeartifact'), 'npm-scope')).toEqual(['npm', 'pnpm', 'yarn'])
  expect(honouring(toolsOf('codeartifact'), 'pip-index')).toEqual(['pip', 'uv'])
  expect(honouring(toolsOf('codeartifact'), 'registry-name')).toEqual(['uv', 'poetry', 'maven', 'gradle', 'cargo', 'nuget', 'dotnet'])
  expect(honouring(toolsOf('codeartifact'), 'public-registry')).toEqual(['maven', 'gradle', 'cargo', 'bundler', 'gem', 'nuget', 'dotnet'])
  expect(honouring(['docker'], 'npm-scope')).toEqual([])
})

test('the user files some client changes: the only ones the post step puts back', () => {
  expect(USER_FILES).toEqual(['config.json', '.yarnrc.yml', 'settings.xml', 'registry-auth.gradle', 'config.toml', 'NuGet.Config', 'registries.json', '.netrc'])
})

test('only clients configured through exported variables refuse export-env: false', () => {
  expect(Object.entries(CATALOG).filter(([, entry]) => !entry.exports).map(([tool]) => tool)).toEqual(['docker', 'swift', 'generic'])
})

test('which clients the action runs itself, per platform: swift only on macOS (the keychain)', () => {
  const running = (platform: NodeJS.Platform) => Object.entries(CATALOG).filter(([, entry]) => runsOn(entry, platform)).map(([tool]) => tool)
  expect(running('linux')).toEqual([])
  expect(running('win32')).toEqual([])
  expect(running('darwin')).toEqual(['swift'])
})
