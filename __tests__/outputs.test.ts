import { jest } from '@jest/globals'

const setOutput = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ setOutput, summary: {} }))
const { outputSuffix, earliest, html, setRegistryOutputs } = await import('../src/outputs.js')

test.each([
  ['123456789012.dkr.ecr.us-east-1.amazonaws.com', '123456789012_dkr_ecr_us_east_1_amazonaws_com'],
  ['public.ecr.aws', 'public_ecr_aws'],
  ['127.0.0.1:5000', '127_0_0_1_5000'],
])('outputSuffix(%s)', (host, suffix) => expect(outputSuffix(host)).toBe(suffix))

test('earliest', () => {
  expect(earliest([new Date(5000), undefined, new Date(2000)])).toEqual(new Date(2000))
  expect(earliest([undefined])).toBeUndefined()
})

test('outputs: first registry, all hosts, earliest expiry, amazon-ecr-login per-registry outputs', () => {
  setRegistryOutputs([
    { host: 'a.example', region: 'us-east-1', username: 'AWS', password: 'p1', expiresAt: new Date('2026-01-01T12:00:00Z') },
    { host: 'b.example', region: 'eu-west-1', username: 'AWS', password: 'p2', expiresAt: new Date('2026-01-01T10:00:00Z') },
  ])
  expect(Object.fromEntries(setOutput.mock.calls)).toEqual({
    registry: 'a.example',
    registries: 'a.example,b.example',
    username: 'AWS',
    token: 'p1',
    expiration: '2026-01-01T10:00:00.000Z',
    docker_username_a_example: 'AWS',
    docker_password_a_example: 'p1',
    docker_username_b_example: 'AWS',
    docker_password_b_example: 'p2',
  })
})

test('html escapes what the job summary would take as markup', () => {
  expect(html('<img src=x onerror="alert(1)"> & \'q\'')).toBe('&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; &#39;q&#39;')
  expect(html('https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/')).toBe('https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/npm/shared/')
})
