import { Deadline } from '../src/deadline.js'

test('what is left of the limit, never below zero', () => {
  const deadline = new Deadline(5, 1_000)
  expect(deadline.at).toBe(6_000)
  expect(deadline.remainingMs(1_000)).toBe(5_000)
  expect(deadline.remainingMs(5_500)).toBe(500)
  expect(deadline.remainingMs(9_000)).toBe(0)
  expect(deadline.describe()).toBe("the step's time limit of 5 s (input 'timeout-seconds')")
})

test('its signal aborts when the limit is reached, and only then', async () => {
  const deadline = new Deadline(0.05)
  const signal = deadline.signal()
  expect(signal.aborted).toBe(false)
  await new Promise((resolve) => setTimeout(resolve, 120))
  expect(signal.aborted).toBe(true)
  expect(new Deadline(60).signal().aborted).toBe(false)
})
