import { canonical, parseXml, revertXml, serializeXml } from '../src/nuget-entries.js'
import { nugetConfigWithSource } from '../src/clients/nuget.js'

const URL = 'https://acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/nuget/shared/v3/index.json'
const ENTRY = `<add key="codeartifact" value="${URL}"/>`
const KEEP = [['packageSources', 'add', 'key', 'codeartifact']]
const REPLACE = [['packageSources', 'add', 'key', 'codeartifact', 'clear']]

/** A user's file as Visual Studio leaves it on Windows: BOM, CRLF, comments, a source of our name. */
const USER = '\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<!-- my feeds -->\r\n<configuration>\r\n  <packageSources>\r\n'
  + '    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />\r\n'
  + '    <add key="CodeArtifact" value="https://old.example/v3/index.json" />\r\n  </packageSources>\r\n'
  + '  <config>\r\n    <add key="globalPackagesFolder" value="c:\\packages &amp; more" />\r\n  </config>\r\n</configuration>\r\n'

describe('parseXml and serializeXml', () => {
  test('comments, layout, BOM, CRLF and what follows the root come back as read; only quoting of empty elements differs', () => {
    const text = '\ufeff<?xml version="1.0"?>\r\n<!-- a -->\r\n<configuration>\r\n\t<config><add key="a" value="b &amp; c"/></config>\r\n</configuration>\r\n\r\n'
    expect(serializeXml(parseXml(text, 'f'))).toBe(text)
    expect(serializeXml(parseXml('<c>\n  <add k="v" />\n</c>', 'f'))).toBe('<c>\n  <add k="v"/>\n</c>')
  })

  test('a file that is not well-formed is an error naming it', () => {
    expect(() => parseXml('<configuration>', 'NuGet.Config')).toThrow(/^NuGet.Config: it is not valid XML/)
    expect(() => parseXml('', 'NuGet.Config')).toThrow('NuGet.Config')
  })

  test('canonical: layout is no difference, content is', () => {
    const a = parseXml('<c>\n  <x a="1" b="2"/>\n</c>', 'a').root
    const b = parseXml('<c><x b="2" a="1"></x></c>', 'b').root
    const c = parseXml('<c><x a="1"/></c>', 'c').root
    expect(canonical(a)).toBe(canonical(b))
    expect(canonical(a)).not.toBe(canonical(c))
  })
})

describe('revertXml', () => {
  test('untouched by anyone else: the action\'s source out, the user\'s source of that name back in its place; as before', () => {
    const written = nugetConfigWithSource(USER, 'codeartifact', URL, false)
    expect(written).toBe(USER.replace('<add key="CodeArtifact" value="https://old.example/v3/index.json" />', ENTRY).replace(/" \/>/g, '"/>'))
    const reverted = revertXml(written, USER, KEEP)
    expect(reverted).toEqual({ text: USER.replace(/" \/>/g, '"/>'), asBefore: true })
  })

  test('another step added a setting meanwhile: it stays; our <clear/> and source go, the user\'s source comes back', () => {
    const written = nugetConfigWithSource(USER, 'codeartifact', URL, true)
    const changed = written.replace('<config>\r\n', '<config>\r\n    <add key="http_proxy" value="http://proxy:3128" />\r\n')
    expect(revertXml(changed, USER, REPLACE)).toEqual({
      text: '\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<!-- my feeds -->\r\n<configuration>\r\n  <packageSources>\r\n'
        + '    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3"/>\r\n'
        + '    <add key="CodeArtifact" value="https://old.example/v3/index.json"/>\r\n  </packageSources>\r\n'
        + '  <config>\r\n    <add key="http_proxy" value="http://proxy:3128"/>\r\n    <add key="globalPackagesFolder" value="c:\\packages &amp; more"/>\r\n  </config>\r\n</configuration>\r\n',
      asBefore: false,
    })
  })

  test('a user\'s own <clear/> stays: only the one right before the action\'s source goes', () => {
    const original = '<configuration>\n  <packageSources>\n    <clear/>\n    <add key="corp" value="https://corp/v3/index.json"/>\n  </packageSources>\n</configuration>\n'
    const changed = `${nugetConfigWithSource(original, 'codeartifact', URL, true)}`.replace('</configuration>', '  <config/>\n</configuration>')
    expect(revertXml(changed, original, REPLACE).text).toBe(original.replace('</configuration>', '  <config/>\n</configuration>'))
  })

  test('a section the action created goes when it is empty again; a file that did not exist keeps what another step added', () => {
    const original = '<configuration>\n  <config/>\n</configuration>\n'
    const changed = nugetConfigWithSource(original, 'codeartifact', URL, false).replace('<config/>', '<config>\n    <add key="a" value="b"/>\n  </config>')
    expect(revertXml(changed, original, KEEP).text).toBe('<configuration>\n  <config>\n    <add key="a" value="b"/>\n  </config>\n</configuration>\n')
    const created = nugetConfigWithSource(undefined, 'codeartifact', URL, false).replace('</packageSources>', '  <add key="other" value="https://other/"/>\n  </packageSources>')
    expect(revertXml(created, undefined, KEEP)).toEqual({
      text: '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3"/>\n    <add key="other" value="https://other/"/>\n  </packageSources>\n</configuration>\n',
      asBefore: false,
    })
  })

  test('nothing of ours left: no text; the other step\'s text is not rewritten', () => {
    const original = '<configuration><packageSources/></configuration>'
    expect(revertXml('<configuration>\n<packageSources/><config/></configuration>', original, KEEP)).toEqual({ text: undefined, asBefore: false })
    expect(revertXml('<configuration><packageSources></packageSources></configuration>', original, KEEP)).toEqual({ text: undefined, asBefore: true })
  })

  test('a file that is not XML any more is an error', () => {
    expect(() => revertXml('{"json": true}', undefined, KEEP)).toThrow('the file: it is not valid XML')
  })
})
