import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { changelogSection, draftNotes, repositoryOf } from '../../scripts/release.mjs'

const CHANGELOG = `# Changelog

Intro text.

## [Unreleased]

### Added
- something not released yet

## [1.2.0] - 2027-01-15

### Added
- \`tools: maven\`
- a second line

### Fixed
- the post step on Windows

## 1.1.0 - 2026-12-01

### Changed
- older

[Unreleased]: https://github.com/o/r/compare/v1.2.0...HEAD
[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0
`

describe('changelogSection', () => {
  it('takes the body of the version\'s section, up to the next version', () => {
    expect(changelogSection(CHANGELOG, '1.2.0')).toBe('### Added\n- `tools: maven`\n- a second line\n\n### Fixed\n- the post step on Windows')
  })

  it('accepts a heading without brackets and stops at the link definitions', () => {
    expect(changelogSection(CHANGELOG, '1.1.0')).toBe('### Changed\n- older')
  })

  it('does not take 1.2.0 for 1.2.01 or 11.2.0', () => {
    expect(() => changelogSection(CHANGELOG, '11.2.0')).toThrow(/no section for 11\.2\.0/)
    expect(() => changelogSection(CHANGELOG.replace('## [1.2.0]', '## [1.2.01]'), '1.2.0')).toThrow(/no section/)
  })

  it('refuses a missing or empty section, saying what to do', () => {
    expect(() => changelogSection(CHANGELOG, '2.0.0')).toThrow(/move the Unreleased entries under "## \[2\.0\.0\] - YYYY-MM-DD"/)
    expect(() => changelogSection('## [3.0.0] - 2027-02-01\n\n## [2.0.0]\n- x\n', '3.0.0')).toThrow(/section for 3\.0\.0 is empty/)
  })

  it('reads the real CHANGELOG.md: 1.0.0 has a section', () => {
    const real = readFileSync(fileURLToPath(new URL('../../CHANGELOG.md', import.meta.url)), 'utf8')
    expect(changelogSection(real, '1.0.0')).toMatch(/^### Added\n- Amazon ECR login/)
  })
})

describe('draftNotes', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567'

  it('lifts the headings one level and ends with how to pin the commit', () => {
    const notes = draftNotes(CHANGELOG, '1.2.0', { sha, repository: 'acme/registry-auth' })
    expect(notes).toBe(`## Added
- \`tools: maven\`
- a second line

## Fixed
- the post step on Windows

## Using this release

Pin the commit (recommended; Dependabot keeps the SHA and the comment current):

\`\`\`yaml
uses: acme/registry-auth@${sha} # v1.2.0
\`\`\`

or follow the major version: \`uses: acme/registry-auth@v1\`.
`)
  })

  it('leaves placeholders when the commit and repository are not known', () => {
    expect(draftNotes(CHANGELOG, '1.1.0')).toContain('uses: OWNER/registry-auth@<commit SHA of v1.1.0> # v1.1.0')
  })
})

describe('repositoryOf', () => {
  it.each([
    ['https://github.com/acme/registry-auth.git', 'acme/registry-auth'],
    ['https://github.com/acme/registry-auth', 'acme/registry-auth'],
    ['git@github.com:acme/registry-auth.git', 'acme/registry-auth'],
    ['/work/some/local/clone', undefined],
  ])('%s → %s', (url, expected) => {
    expect(repositoryOf(url)).toBe(expected)
  })
})
