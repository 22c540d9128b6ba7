import { findEntry, parseXml, revertXml, serializeXml, setEntry } from '../src/xml-entries.js'

const KEYS = [['servers', 'server', 'codeartifact'], ['activeProfiles', 'activeProfile', 'codeartifact']]
const server = (id: string, password: string) => ({ name: 'server', children: [{ name: 'id', children: id }, { name: 'password', children: password }] })

/** A user's file: a comment, a server of their own, CRLF line ends, four-space indentation. */
const USER = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<!-- mine -->',
  '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">',
  '    <servers>',
  '        <!-- GitHub Packages -->',
  '        <server><id>github</id><password>${env.GITHUB_TOKEN}</password></server>',
  '    </servers>',
  '</settings>',
  '',
].join('\r\n')

/** USER with the action's entries, as setEntry writes them. */
function withEntries(text = USER): string {
  const document = parseXml(text)
  setEntry(document, KEYS[0] as string[], server('codeartifact', '${env.CODEARTIFACT_AUTH_TOKEN_ACME}'))
  setEntry(document, KEYS[1] as string[], { name: 'activeProfile', children: 'codeartifact' })
  return serializeXml(document, text)
}

test('setEntry: appended in the namespace and layout of the file, the rest (comments, CRLF, final newline) kept', () => {
  expect(withEntries()).toBe([
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- mine -->',
    '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">',
    '    <servers>',
    '        <!-- GitHub Packages -->',
    '        <server><id>github</id><password>${env.GITHUB_TOKEN}</password></server>',
    '        <server>',
    '            <id>codeartifact</id>',
    '            <password>${env.CODEARTIFACT_AUTH_TOKEN_ACME}</password>',
    '        </server>',
    '    </servers>',
    '    <activeProfiles>',
    '        <activeProfile>codeartifact</activeProfile>',
    '    </activeProfiles>',
    '</settings>',
    '',
  ].join('\r\n'))
})

test('setEntry replaces an item of the same name instead of adding a second', () => {
  const document = parseXml(withEntries())
  setEntry(document, ['servers', 'server', 'github'], server('github', 'other'))
  expect(serializeXml(document).match(/<id>github<\/id>/g)).toHaveLength(1)
  expect(findEntry(document, ['servers', 'server', 'github'])?.textContent).toContain('other')
})

test.each([
  ['not XML at all', 'not xml', /^it is not valid XML/],
  ['unclosed element', '<settings>\n<servers>\n</settings>', /^it is not valid XML \(line 2, column 10\)$/],
  ['unknown entity', '<settings>&nbsp;</settings>', /^it is not valid XML \(line 1, column \d+\)$/],
  ['trailing junk', '<settings/>junk', /^it is not valid XML/],
])('parseXml refuses %s with one line', (_label, text, message) => {
  expect(() => parseXml(text)).toThrow(message)
})

describe('revertXml: another step changed the file since the action wrote it', () => {
  test('only the action\'s entries go; a server another step added stays', () => {
    const current = withEntries().replace('    </servers>', '        <server><id>later</id></server>\r\n    </servers>')
    const reverted = revertXml(current, USER, KEYS)
    expect(reverted.asBefore).toBe(false)
    expect(reverted.text).toBe(USER.replace('    </servers>', '        <server><id>later</id></server>\r\n    </servers>'))
  })

  test('a file on one line: taking the entries out leaves its layout as it was', () => {
    const inline = '<settings><servers><server><id>github</id></server></servers><profiles/></settings>'
    const current = withEntries(inline).replace('<profiles/>', '<profiles/><!-- later -->')
    expect(revertXml(current, inline, KEYS).text).toBe(inline.replace('<profiles/>', '<profiles/><!-- later -->'))
  })

  test('a user entry the action replaced comes back', () => {
    const original = USER.replace('<id>github</id>', '<id>codeartifact</id>')
    const current = `${withEntries(original)}`.replace('<!-- mine -->', '<!-- changed -->')
    const reverted = revertXml(current, original, KEYS)
    expect(reverted.text).toBe(original.replace('<!-- mine -->', '<!-- changed -->'))
  })

  test('only layout changed besides the entries: as before (the backup goes back byte for byte)', () => {
    const current = withEntries().replace('<!-- mine -->\r\n', '<!-- mine -->\r\n\r\n')
    expect(revertXml(current, USER, KEYS).asBefore).toBe(true)
  })

  test('no file before: what is left without the entries decides', () => {
    const created = withEntries('<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">\n</settings>\n')
    expect(revertXml(created.replace('</settings>', '<!-- x --></settings>'), undefined, KEYS)).toEqual({ text: expect.any(String), asBefore: false })
    expect(revertXml(created.replace('</settings>', ' </settings>'), undefined, KEYS).asBefore).toBe(true)
  })

  test('the file holds none of the entries (setup-java replaced it): an error, so it is left alone', () => {
    expect(() => revertXml('<settings><servers><server><id>github</id></server></servers></settings>', USER, KEYS)).toThrow(/another step replaced it.*setup-java/)
  })
})
