import { jest } from '@jest/globals'

const timeouts: number[] = []
jest.unstable_mockModule('@actions/core', () => ({ info: jest.fn(), warning: jest.fn() }))
jest.unstable_mockModule('../src/command.js', () => ({
  runCommand: async (_command: string, _args: string[], options: { timeoutMs: number }) => {
    timeouts.push(options.timeoutMs)
    return { exitCode: 0, stdout: '', stderr: '' }
  },
}))
const { runLogged, POST_COMMAND_TIMEOUT_MS, POST_COMMANDS_TIMEOUT_MS } = await import('../src/restore.js')

test('the post step\'s commands share one time limit: each gets what is left of it (30 s at most), then none runs', async () => {
  const now = jest.spyOn(Date, 'now')
  const start = 1_000_000
  now.mockReturnValue(start)
  await runLogged('docker', ['logout', 'a.example'])
  now.mockReturnValue(start + POST_COMMANDS_TIMEOUT_MS - 20_000)
  await runLogged('docker', ['logout', 'b.example'])
  now.mockReturnValue(start + POST_COMMANDS_TIMEOUT_MS)
  await expect(runLogged('docker', ['logout', 'c.example'])).rejects.toThrow("not run: the post step's commands have used up their time limit of 120 s")
  expect(timeouts).toEqual([POST_COMMAND_TIMEOUT_MS, 20_000])
  now.mockRestore()
})
