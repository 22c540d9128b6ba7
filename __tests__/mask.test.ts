import { jest } from '@jest/globals'

const setSecret = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ setSecret }))
const { maskSecret, secretForms } = await import('../src/mask.js')

describe('secretForms', () => {
  test('raw, base64, percent-encoded, JSON-escaped and user:secret base64', () => {
    const secret = 'a+b/c=d"e'
    expect(secretForms(secret, ['AWS'])).toEqual([
      secret,
      Buffer.from(secret).toString('base64'),
      'a%2Bb%2Fc%3Dd%22e',
      'a+b/c=d\\"e',
      Buffer.from(`AWS:${secret}`).toString('base64'),
    ])
  })
  test('no duplicates, nothing for an empty secret', () => {
    expect(secretForms('plain', [])).toEqual(['plain', 'cGxhaW4='])
    expect(secretForms('')).toEqual([])
  })
})

test('maskSecret registers every form', () => {
  maskSecret('s3cr+t', ['aws'])
  expect(setSecret.mock.calls.map((call) => call[0])).toEqual(secretForms('s3cr+t', ['aws']))
})

test('without usernames: no user:secret forms', () => {
  expect(secretForms('plain')).toEqual(['plain', 'cGxhaW4='])
  setSecret.mockClear()
  maskSecret('plain')
  expect(setSecret.mock.calls.map((call) => call[0])).toEqual(['plain', 'cGxhaW4='])
})
