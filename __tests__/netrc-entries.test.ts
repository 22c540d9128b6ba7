import { netrcEntry, netrcWithMachine, revertNetrc } from '../src/netrc-entries.js'

const HOST = 'acme-123456789012.d.codeartifact.us-east-1.amazonaws.com'
const TOKEN = 'eyJ2ZXIiOjF9.a+b/c=d'
const OURS = `machine ${HOST}\n  login aws\n  password ${TOKEN}\n`
const USER = '# my machines\nmachine github.com login octocat password ghp_x\n\nmacdef init\nmachine inside-a-macro\n\ndefault login anonymous password me@example.com\n'

test('netrcWithMachine: the entry goes first (the first entry for a host wins), the user\'s text follows unchanged', () => {
  expect(netrcEntry(HOST, 'aws', TOKEN)).toBe(OURS)
  expect(netrcWithMachine(undefined, HOST, 'aws', TOKEN)).toBe(OURS)
  expect(netrcWithMachine(USER, HOST, 'aws', TOKEN)).toBe(`${OURS}${USER}`)
  expect(() => netrcWithMachine('', HOST, 'aws', 'a b')).toThrow('a netrc value must be printable ASCII without spaces')
  expect(() => netrcWithMachine('', HOST, 'aws', '#x')).toThrow('printable ASCII')
})

describe('revertNetrc', () => {
  const keys = [[HOST]]
  test('our entry out, what another step added kept', () => {
    const changed = `${OURS}${USER}machine other.example login u password p\n`
    expect(revertNetrc(changed, USER, keys)).toEqual({ text: `${USER}machine other.example login u password p\n`, asBefore: false })
  })

  test('the file did not exist: what is left is empty, as before', () => {
    expect(revertNetrc(OURS, undefined, keys)).toEqual({ text: '', asBefore: true })
  })

  test('the user\'s own entry for the host stays (ours was the one in front of it); host names compare without case', () => {
    const original = `machine ${HOST.toUpperCase()} login token password old\n`
    expect(revertNetrc(`${OURS}${original}`, original, keys)).toEqual({ text: original, asBefore: true })
  })

  test('tokens on one line, comments and macros are read as netrc reads them', () => {
    const original = `# machine ${HOST} login x password y\nmacdef m\nmachine ${HOST} login in-macro\n\n`
    const changed = `${original}machine ${HOST} login aws password ${TOKEN}   # ours, moved by another step\nmachine b login c\n`
    expect(revertNetrc(changed, original, keys)).toEqual({ text: `${original}machine b login c\n`, asBefore: false })
  })

  test('no more entries for the host than before (another step took ours out): nothing to change', () => {
    expect(revertNetrc(USER, USER, keys)).toEqual({ text: undefined, asBefore: true })
    expect(revertNetrc('machine x\n', USER, keys)).toEqual({ text: undefined, asBefore: false })
  })
})
