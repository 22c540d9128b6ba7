import { runCommand } from '../src/command.js'

test('output, exit code and stdin', async () => {
  expect(await runCommand('sh', ['-c', 'cat; echo err >&2; exit 3'], { input: 'in', timeoutMs: 10_000 })).toEqual({ exitCode: 3, stdout: 'in', stderr: 'err\n' })
})

test('a client that closes stdin early is not a crash', async () => {
  const result = await runCommand('sh', ['-c', 'exec 0<&-; exit 0'], { input: 'x'.repeat(1 << 20), timeoutMs: 10_000 })
  expect(result.exitCode).toBe(0)
})

test('a client that hangs is killed at its time limit, and the error says whose limit it was', async () => {
  const started = Date.now()
  await expect(runCommand('sleep', ['30'], { timeoutMs: 200, limit: 'the test limit' })).rejects.toThrow('sleep 30 did not finish within the test limit; it was stopped')
  expect(Date.now() - started).toBeLessThan(5_000)
  await expect(runCommand('sleep', ['30'], { timeoutMs: 200 })).rejects.toThrow('sleep 30 did not finish within 0.2 s')
})

test('a missing program is an error naming it', async () => {
  await expect(runCommand('no-such-program-here', [], { timeoutMs: 1_000 })).rejects.toThrow(/^cannot run no-such-program-here: /)
})

test('what the client started is stopped with it, and its pipes let go', async () => {
  const started = Date.now()
  // The shell starts a sleep that inherits the pipes; without the group kill the run would wait for it.
  await expect(runCommand('sh', ['-c', 'sleep 30; echo done'], { timeoutMs: 300 })).rejects.toThrow('did not finish')
  expect(Date.now() - started).toBeLessThan(5_000)
})
