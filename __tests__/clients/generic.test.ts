import { generic } from '../../src/clients/generic.js'

test('generic: nothing to configure and nothing to export (its endpoint is in the outputs)', async () => {
  expect(await generic.configure({} as Parameters<typeof generic.configure>[0])).toEqual({})
})
