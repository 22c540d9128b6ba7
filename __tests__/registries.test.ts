import { groupByRegion, parseRegistryHost, splitList, isRegion } from '../src/registries.js'

describe('splitList', () => {
  test.each([
    ['a,b', ['a', 'b']],
    [' a ,\n b\tc  ', ['a', 'b', 'c']],
    ['a,a,,b', ['a', 'b']],
    ['', []],
  ])('%j', (value, expected) => expect(splitList(value)).toEqual(expected))
})

describe('isRegion', () => {
  test.each(['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-northwest-1', 'ap-southeast-5', 'eusc-de-east-1', 'us-isob-east-1'])(
    '%s is a region', (region) => expect(isRegion(region)).toBe(true))
  test.each(['us-east', 'useast-1', 'us_east_1', 'US-EAST-1', 'us-east-1 ', 'us-east-1a', ''])(
    '%j is not', (region) => expect(isRegion(region)).toBe(false))
})

describe('parseRegistryHost', () => {
  test.each([
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com', { account: '123456789012', region: 'us-east-1', fips: false }],
    ['123456789012.dkr.ecr-fips.us-gov-east-1.amazonaws.com', { account: '123456789012', region: 'us-gov-east-1', fips: true }],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', { account: '123456789012', region: 'cn-north-1', fips: false }],
    ['123456789012.dkr-ecr.eu-west-1.on.aws', { account: '123456789012', region: 'eu-west-1', fips: false }],
    ['123456789012.DKR.ECR.US-EAST-1.AMAZONAWS.COM', { account: '123456789012', region: 'us-east-1', fips: false }],
  ])('%s', (host, expected) => expect(parseRegistryHost(host)).toMatchObject({ ...expected, host: host.toLowerCase() }))

  test.each(['public.ecr.aws', 'ghcr.io', '12345678901.dkr.ecr.us-east-1.amazonaws.com', '123456789012.dkr.ecr.us-east-1.amazonaws.com:443'])(
    '%s is not an ECR private host', (host) => expect(parseRegistryHost(host)).toBeUndefined())
})

describe('groupByRegion', () => {
  test('one group per region (and FIPS), in first-seen order', () => {
    const a = { account: '111111111111', region: 'us-east-1', fips: false }
    const b = { account: '222222222222', region: 'eu-west-1', fips: false }
    const c = { account: '333333333333', region: 'us-east-1', fips: false }
    const d = { account: '444444444444', region: 'us-east-1', fips: true }
    expect(groupByRegion([a, b, c, d])).toEqual([
      { region: 'us-east-1', fips: false, registries: [a, c] },
      { region: 'eu-west-1', fips: false, registries: [b] },
      { region: 'us-east-1', fips: true, registries: [d] },
    ])
  })
})
