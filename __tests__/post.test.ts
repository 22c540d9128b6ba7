import { jest } from '@jest/globals'

const log: string[] = []
jest.unstable_mockModule('@actions/core', () => ({
  debug: (text: string) => log.push(`debug ${text}`),
  warning: (text: string) => log.push(`warning ${text}`),
  group: async (name: string, body: () => Promise<unknown>) => (log.push(`group ${name}`), body()),
}))
let records: unknown[] | Error = []
let replayed: (records: unknown[]) => Promise<void> = async () => {}
jest.unstable_mockModule('../src/replay.js', () => ({
  loadUndoRecords: () => {
    if (records instanceof Error) throw records
    return records
  },
  replay: (list: unknown[]) => (log.push(`replay ${list.length}`), replayed(list)),
}))
const { runPost } = await import('../src/post.js')

beforeEach(() => {
  log.length = 0
  records = []
  replayed = async () => {}
})

test('nothing recorded: nothing to undo, said only in the debug log', async () => {
  await runPost()
  expect(log).toEqual(['debug Nothing to undo'])
})

test('the records are replayed, all of them, in one group', async () => {
  records = [{ kind: 'a' }, { kind: 'b' }]
  await runPost()
  expect(log).toEqual(['group Putting back what the main step changed', 'replay 2'])
})

test('a failure is a warning, never a failed job', async () => {
  records = [{ kind: 'a' }]
  replayed = async () => { throw new Error('disk full') }
  await expect(runPost()).resolves.toBeUndefined()
  expect(log.at(-1)).toBe('warning Cleanup failed: disk full')
  records = new Error('bad state')
  await runPost()
  expect(log.at(-1)).toBe('warning Cleanup failed: bad state')
  replayed = async () => { throw 'plain' }
  records = [{ kind: 'a' }]
  await runPost()
  expect(log.at(-1)).toBe('warning Cleanup failed: plain')
})
