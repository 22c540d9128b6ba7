/** Properties of the registries input: list splitting and registry hosts. */
import fc from 'fast-check'
import { groupByRegion, isRegion, parseRegistryHost, splitList, standardHost } from '../../src/registries.js'
import { parseRegistries } from '../../src/inputs.js'
import { accountId, anyString, region, stringOf } from './arbitraries.js'

describe('splitList', () => {
  const lists = fc.oneof(anyString, stringOf('a', 'b', 'ab', ',', ' ', '\n', '\t', ',,', '\u00a0', '\u2028'))

  test('never an empty item, a duplicate, or an item with a separator in it', () => {
    fc.assert(fc.property(lists, (value) => {
      const items = splitList(value)
      expect(items).not.toContain('')
      expect(new Set(items).size).toBe(items.length)
      for (const item of items) expect(item).not.toMatch(/[\s,]/)
    }))
  })

  test('keeps every item, in order of first appearance; splitting its own output again changes nothing', () => {
    fc.assert(fc.property(lists, fc.constantFrom(',', ' ', '\n', ', '), (value, separator) => {
      const items = splitList(value)
      const expected: string[] = []
      for (const item of value.split(/[\s,]/)) if (item && !expected.includes(item)) expected.push(item)
      expect(items).toEqual(expected)
      expect(splitList(items.join(separator))).toEqual(items)
    }))
  })
})

describe('registry hosts', () => {
  const fips = (host: string): string => host.replace('.dkr.ecr.', '.dkr.ecr-fips.')

  test('parseRegistryHost(standardHost(account, region)) gives back the account and region', () => {
    fc.assert(fc.property(accountId, region, (account, region) => {
      const host = standardHost(account, region)
      expect(parseRegistryHost(host)).toEqual({ account, region, host, fips: false })
      expect(host.endsWith('.cn')).toBe(region.startsWith('cn-'))
    }))
  })

  test('https://, a trailing slash and upper case are tolerated; -fips marks FIPS; dual-stack hosts parse too', () => {
    const decorate = fc.record({ scheme: fc.constantFrom('', 'https://', 'HTTPS://'), slash: fc.constantFrom('', '/'), upper: fc.boolean() })
    fc.assert(fc.property(accountId, region, fc.boolean(), decorate, (account, region, isFips, { scheme, slash, upper }) => {
      const host = isFips ? fips(standardHost(account, region)) : standardHost(account, region)
      const written = `${scheme}${upper ? host.toUpperCase() : host}${slash}`
      expect(parseRegistryHost(written)).toEqual({ account, region, host, fips: isFips })
      const dualStack = `${account}.dkr-ecr${isFips ? '-fips' : ''}.${region}.on.aws`
      expect(parseRegistryHost(dualStack)).toEqual({ account, region, host: dualStack, fips: isFips })
    }))
  })

  test('anything parsed names a 12-digit account and a region that the host contains', () => {
    const near = stringOf('123456789012', '.dkr.ecr', '.dkr-ecr', '-fips', '.us-east-1', '.cn-north-1', '.amazonaws', '.com', '.cn', '.eu', '.on.aws', 'https://', '/', 'X', '.')
    fc.assert(fc.property(fc.oneof(near, anyString), (value) => {
      const registry = parseRegistryHost(value)
      if (!registry) return
      expect(registry.account).toMatch(/^\d{12}$/)
      expect(isRegion(registry.region)).toBe(true)
      expect(registry.host).toContain(`${registry.account}.dkr`)
      expect(registry.host).toContain(`.${registry.region}.`)
      expect(parseRegistryHost(registry.host ?? '')).toEqual(registry)
    }))
  })
})

describe('parseRegistries and groupByRegion', () => {
  const item = fc.oneof(
    accountId,
    fc.tuple(accountId, region).map(([account, region]) => standardHost(account, region)),
    fc.tuple(accountId, region).map(([account, region]) => `https://${account}.dkr-ecr-fips.${region}.on.aws/`),
  )
  const lists = fc.array(fc.oneof({ weight: 5, arbitrary: item }, { weight: 1, arbitrary: fc.constantFrom('123456789012', '123456789012.dkr.ecr.eu-west-1.amazonaws.com') }), { maxLength: 8 })

  test('no registry twice (an account id is its standard host in the default region); input order kept', () => {
    fc.assert(fc.property(lists, fc.constantFrom(',', '\n', ' '), (items, separator) => {
      const registries = parseRegistries(items.join(separator), 'eu-west-1')
      const keys = registries.map((registry) => `${registry.fips}/${registry.host ?? standardHost(registry.account, registry.region)}`)
      expect(new Set(keys).size).toBe(keys.length)
      expect(registries.length).toBeLessThanOrEqual(items.length)
      // Each item is one of the registries, and the first registry comes from the first item.
      for (const text of items) expect(parseRegistries(text, 'eu-west-1')).toHaveLength(1)
      if (items.length > 0) expect(registries[0]).toEqual(parseRegistries(items[0] ?? '', 'eu-west-1')[0])
    }))
  })

  test('groups partition the registries by region and FIPS, keeping order within each group', () => {
    fc.assert(fc.property(lists, (items) => {
      const registries = parseRegistries(items.join(' '), 'us-east-1')
      const groups = groupByRegion(registries)
      expect(groups.flatMap((group) => group.registries)).toHaveLength(registries.length)
      for (const group of groups) {
        expect(group.registries).toEqual(registries.filter((registry) => registry.region === group.region && registry.fips === group.fips))
      }
      expect(new Set(groups.map((group) => `${group.region}/${group.fips}`)).size).toBe(groups.length)
    }))
  })
})
