// @ts-check
/**
 * Maven artifacts built in-process: repository paths, POMs (jar or parent `pom` packaging), tiny
 * valid jars, `maven-metadata.xml` and the `.sha1` / `.md5` files Maven checks beside every file.
 */
import { createHash } from 'node:crypto'
import { zip } from '../pypi-index/zip.js'

/**
 * @typedef {{ groupId: string, artifactId: string, version: string }} Coordinates
 * @typedef {Coordinates & { scope?: string, type?: string }} Dependency
 * @typedef {Coordinates & { packaging?: string, parent?: Coordinates, dependencies?: Dependency[],
 *   repositories?: { id: string, url: string }[] }} PomSpec
 */

/** @param {string} text */
const escapeXml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The folder of one version: `com/acme/hello/1.0.0/`.
 * @param {Coordinates} coordinates
 */
export const versionFolder = ({ groupId, artifactId, version }) =>
  `${groupId.split('.').join('/')}/${artifactId}/${version}/`

/**
 * `com/acme/hello/1.0.0/hello-1.0.0.jar`, or `…-sources.jar` with a classifier.
 * @param {Coordinates} coordinates
 * @param {string} extension without the dot: `jar`, `pom`
 * @param {string} [classifier]
 */
export const artifactPath = (coordinates, extension, classifier) =>
  `${versionFolder(coordinates)}${coordinates.artifactId}-${coordinates.version}${classifier ? `-${classifier}` : ''}.${extension}`

/**
 * `com/acme/hello/maven-metadata.xml`: the artifact-level metadata listing its versions.
 * @param {{ groupId: string, artifactId: string }} coordinates
 */
export const metadataPath = ({ groupId, artifactId }) => `${groupId.split('.').join('/')}/${artifactId}/maven-metadata.xml`

/**
 * @param {Buffer | string} data
 * @returns {{ sha1: string, md5: string }} lowercase hex digests, the content of `.sha1` / `.md5` files
 */
export const checksums = (data) => ({
  sha1: createHash('sha1').update(data).digest('hex'),
  md5: createHash('md5').update(data).digest('hex'),
})

/**
 * @param {Coordinates} coordinates
 * @param {string} indent
 */
const gav = ({ groupId, artifactId, version }, indent) =>
  [['groupId', groupId], ['artifactId', artifactId], ['version', version]]
    .map(([tag, value]) => `${indent}<${tag}>${escapeXml(value ?? '')}</${tag}>`).join('\n')

/**
 * A POM: `packaging` `pom` makes a parent; `repositories` declares where the project resolves from.
 * @param {PomSpec} spec
 * @returns {string}
 */
export function pomXml({ packaging = 'jar', parent, dependencies = [], repositories = [], ...coordinates }) {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">',
    '  <modelVersion>4.0.0</modelVersion>',
  ]
  if (parent) lines.push('  <parent>', gav(parent, '    '), '  </parent>')
  lines.push(gav(coordinates, '  '), `  <packaging>${escapeXml(packaging)}</packaging>`)
  if (dependencies.length > 0) {
    lines.push('  <dependencies>')
    for (const { scope, type, ...dependency } of dependencies) {
      lines.push('    <dependency>', gav(dependency, '      '))
      if (type) lines.push(`      <type>${escapeXml(type)}</type>`)
      if (scope) lines.push(`      <scope>${escapeXml(scope)}</scope>`)
      lines.push('    </dependency>')
    }
    lines.push('  </dependencies>')
  }
  if (repositories.length > 0) {
    lines.push('  <repositories>')
    for (const { id, url } of repositories) {
      lines.push('    <repository>', `      <id>${escapeXml(id)}</id>`, `      <url>${escapeXml(url)}</url>`, '    </repository>')
    }
    lines.push('  </repositories>')
  }
  lines.push('</project>', '')
  return lines.join('\n')
}

/**
 * A jar with a manifest, Maven's `pom.properties`, one resource naming the artifact, and `files`
 * (e.g. `META-INF/gradle-plugins/<id>.properties` for a Gradle plugin).
 * @param {Coordinates} coordinates
 * @param {Record<string, string | Buffer>} [files] more entries: path in the jar → content
 * @returns {Buffer}
 */
export function buildJar({ groupId, artifactId, version }, files = {}) {
  const base = `META-INF/maven/${groupId}/${artifactId}`
  return zip([
    { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\nCreated-By: test-support\r\n\r\n' },
    { name: `${base}/pom.properties`, data: `groupId=${groupId}\nartifactId=${artifactId}\nversion=${version}\n` },
    { name: `${artifactId}.txt`, data: `${groupId}:${artifactId}:${version}\n` },
    ...Object.entries(files).map(([name, data]) => ({ name, data })),
  ])
}

/**
 * Artifact-level `maven-metadata.xml`; the last version is `latest` and `release`.
 * @param {{ groupId: string, artifactId: string }} coordinates
 * @param {string[]} versions oldest first
 * @param {string} [lastUpdated] `yyyyMMddHHmmss`
 */
export function metadataXml({ groupId, artifactId }, versions, lastUpdated = '20240101000000') {
  const newest = escapeXml(versions.at(-1) ?? '')
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<metadata>',
    `  <groupId>${escapeXml(groupId)}</groupId>`,
    `  <artifactId>${escapeXml(artifactId)}</artifactId>`,
    '  <versioning>',
    `    <latest>${newest}</latest>`,
    `    <release>${newest}</release>`,
    '    <versions>',
    ...versions.map((v) => `      <version>${escapeXml(v)}</version>`),
    '    </versions>',
    `    <lastUpdated>${lastUpdated}</lastUpdated>`,
    '  </versioning>',
    '</metadata>',
    '',
  ].join('\n')
}
