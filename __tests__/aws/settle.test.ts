import { settleAll } from '../../src/aws/settle.js'

const fail = (message: string) => Promise.reject(new Error(message))

test('all values in order when every call succeeds', async () => {
  expect(await settleAll([Promise.resolve(1), Promise.resolve(2)])).toEqual([1, 2])
})

test('each: one line per distinct cause; the first failure is the cause', async () => {
  const first = new Error('denied in eu-west-1')
  const error = await settleAll([Promise.reject(first), fail('throttled in us-east-1'), fail('denied in eu-west-1'), Promise.resolve(3)]).catch((e: Error) => e)
  expect((error as Error).message).toBe('denied in eu-west-1\nthrottled in us-east-1')
  expect((error as Error).cause).toBe(first)
})

test('first: the first line and how many calls failed otherwise', async () => {
  await expect(settleAll([fail('token denied'), fail('endpoint denied'), fail('endpoint denied')], 'first')).rejects.toThrow(/^token denied \(1 more call failed too\)$/)
  await expect(settleAll([fail('a'), fail('b'), fail('c')], 'first')).rejects.toThrow(/^a \(2 more calls failed too\)$/)
  await expect(settleAll([fail('same'), fail('same')], 'first')).rejects.toThrow(/^same$/)
})

test('waits for every call before failing (none is left running unobserved)', async () => {
  let finished = false
  const slow = new Promise((resolve) => setTimeout(() => { finished = true; resolve(1) }, 30))
  await expect(settleAll([fail('x'), slow])).rejects.toThrow('x')
  expect(finished).toBe(true)
})
