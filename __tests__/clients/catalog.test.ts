import { jest } from '@jest/globals'

jest.unstable_mockModule('@actions/core', () => ({}))
const { CATALOG, USER_FILES, honouring, isTool, toolsOf } = await import('../../src/clients/catalog.js')

const FORMATS = ['npm', 'pypi', 'maven', 'nuget', 'swift', 'ruby', 'cargo', 'generic']

test('every client\'s module loads and has the one shape: configure', async () => {
  for (const [tool, entry] of Object.entries(CATALOG)) {
    const client = await entry.load()
    expect([tool, typeof client.configure]).toEqual([tool, 'function'])
    expect(entry.executables.length).toBeGreaterThan(0)
    if (entry.service === 'codeartifact') expect(FORMATS).toContain(entry.format)
  }
})

test('the tools of each service, in catalog order; names are recognised', () => {
  expect(toolsOf('ecr')).toEqual(['docker', 'podman', 'buildah', 'skopeo', 'helm'])
  expect(toolsOf('codeartifact')).toEqual(['npm', 'pnpm', 'yarn', 'pip', 'uv', 'poetry', 'twine', 'maven', 'gradle'])
  expect([isTool('docker'), isTool('toString'), isTool('kaniko')]).toEqual([true, false, false])
})

test('which clients honour which inputs', () => {
  expect(honouring(toolsOf('codeartifact'), 'npm-scope')).toEqual(['npm', 'pnpm', 'yarn'])
  expect(honouring(toolsOf('codeartifact'), 'pip-index')).toEqual(['pip', 'uv'])
  expect(honouring(toolsOf('codeartifact'), 'registry-name')).toEqual(['uv', 'poetry', 'maven', 'gradle'])
  expect(honouring(toolsOf('codeartifact'), 'public-registry')).toEqual(['maven', 'gradle'])
  expect(honouring(['docker'], 'npm-scope')).toEqual([])
})

test('the user files some client changes: the only ones the post step puts back', () => {
  expect(USER_FILES).toEqual(['config.json', '.yarnrc.yml', 'settings.xml', 'registry-auth.gradle'])
})

test('only clients configured through exported variables refuse export-env: false', () => {
  expect(Object.entries(CATALOG).filter(([, entry]) => !entry.exports).map(([tool]) => tool)).toEqual(['docker'])
})
