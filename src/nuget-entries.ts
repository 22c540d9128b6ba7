/**
 * NuGet.Config (entry format `nuget`; Maven's settings.xml is `xml`, see xml-entries.ts): reading
 * and writing it with the user's text kept — comments, layout, attribute order, a byte-order mark,
 * CRLF line ends — and revertXml, revertJson's counterpart
 * for taking only the action's elements out of a file another step changed. A DOM (@xmldom/xmldom)
 * keeps every node of the file, so what the action did not touch serializes as it was read. Its own
 * file in dist/, loaded by the post step only when an XML file changed under it.
 *
 * An entry (key path) names keyed elements of a section of the root element:
 * `[section, element, attribute, value]` is every `<element attribute="value">` child of the root's
 * `<section>` (the value compared case-insensitively, as NuGet compares source names), and a fifth
 * part `clear` says the action put a `<clear/>` right before its element: that one goes too. The
 * earlier elements come back where the action's were.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom'
import type { Reverted } from './entries.js'
import { notParsable } from './text.js'

const ELEMENT = 1
const TEXT = 3
const COMMENT = 8

export interface XmlFile {
  doc: Document
  root: Element
  /** What surrounds the document in the file: a byte-order mark, CRLF line ends, whitespace after the root. */
  bom: boolean
  crlf: boolean
  tail: string
}

export function parseXml(text: string, what: string): XmlFile {
  const bom = text.startsWith('\ufeff')
  const body = bom ? text.slice(1) : text
  let problem: string | undefined
  let doc: Document | undefined
  try {
    doc = new DOMParser({
      onError: (level, _message, context: { locator?: { lineNumber?: number; columnNumber?: number } } | undefined) => {
        problem ??= level === 'warning' ? undefined : notParsable('XML', context?.locator, body)
        if (problem) throw new Error(problem)
      },
    }).parseFromString(body, 'text/xml')
  } catch {
    problem ??= notParsable('XML', undefined, body)
  }
  if (problem || !doc) throw new Error(`${what}: ${problem}`)
  const root = doc.documentElement
  if (!root) throw new Error(`${what} has no root element`)
  return { doc, root, bom, crlf: body.includes('\r\n'), tail: /\s*$/.exec(body)?.[0] ?? '' }
}

export function serializeXml(file: XmlFile): string {
  const text = `${new XMLSerializer().serializeToString(file.doc)}${file.tail}`
  return `${file.bom ? '\ufeff' : ''}${file.crlf ? text.replace(/\r?\n/g, '\r\n') : text}`
}

export const elements = (parent: Node): Element[] =>
  Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === ELEMENT)

const docOf = (node: Node): Document => node.ownerDocument as Document

const isBlank = (node: Node | null): boolean => node !== null && node.nodeType === TEXT && /^\s*$/.test(node.nodeValue ?? '')

/** The element before `node` among its siblings, past whitespace and comments. */
function previousElement(node: Node): Element | undefined {
  let at = node.previousSibling
  while (at && at.nodeType !== ELEMENT) at = at.previousSibling
  return at ? (at as Element) : undefined
}

/** The line break and indentation `element` itself is written with ("\n" for the root). */
function ownIndent(element: Element): string {
  const before = element.previousSibling
  if (element.parentNode?.nodeType !== ELEMENT || !isBlank(before)) return '\n'
  const text = before?.nodeValue ?? ''
  return text.slice(Math.max(0, text.lastIndexOf('\n')))
}

/** One level of indentation in the file: what the root's children are indented with (two spaces when they are not). */
function indentUnit(element: Element): string {
  let root = element
  while (root.parentNode?.nodeType === ELEMENT) root = root.parentNode as Element
  const child = elements(root).find((node) => isBlank(node.previousSibling))
  const text = child?.previousSibling?.nodeValue ?? ''
  const unit = text.slice(text.lastIndexOf('\n') + 1)
  return child && text.includes('\n') && unit !== '' ? unit : '  '
}

/** The line break and indentation the children of `parent` are written with (one level deeper than it, when it has none). */
function childIndent(parent: Element): string {
  for (const child of elements(parent)) if (isBlank(child.previousSibling)) return child.previousSibling?.nodeValue ?? ''
  return `${ownIndent(parent)}${indentUnit(parent)}`
}

/** Appends `child` as the last element of `parent`, indented like its siblings. */
export function appendIndented(parent: Element, child: Element): void {
  const indent = childIndent(parent)
  const trailing = isBlank(parent.lastChild) ? parent.lastChild : null
  parent.insertBefore(docOf(parent).createTextNode(indent), trailing)
  parent.insertBefore(child, trailing)
  if (!trailing) parent.appendChild(docOf(parent).createTextNode(ownIndent(parent)))
}

/** Removes `node` with the whitespace that indents it. */
export function removeIndented(node: Node): void {
  const parent = node.parentNode
  if (!parent) return
  if (isBlank(node.previousSibling)) parent.removeChild(node.previousSibling as Node)
  parent.removeChild(node)
}

/** The root's first `<name>` child (created, indented, when `create`). */
export function section(root: Element, name: string, create: boolean): Element | undefined {
  const found = elements(root).find((element) => element.tagName === name)
  if (found || !create) return found
  const created = docOf(root).createElement(name)
  appendIndented(root, created)
  return created
}

/** The children `<element attribute="value">` of `parent`, the value compared case-insensitively. */
export function keyed(parent: Element, element: string, attribute: string, value: string): Element[] {
  return elements(parent).filter((child) => child.tagName === element && child.getAttribute(attribute)?.toLowerCase() === value.toLowerCase())
}

const isClear = (element: Element | undefined): element is Element => element?.tagName === 'clear'

/**
 * `current` with each entry's elements as in `original` (removed where `original` has none, with the
 * `<clear/>` the action put before them), the rest of the file as the other step left it.
 */
export function revertXml(current: string, original: string | undefined, keys: string[][]): Reverted {
  const now = parseXml(current, 'the file')
  const before = original === undefined ? undefined : parseXml(original, 'the saved copy')
  let changed = false
  for (const [name = '', element = '', attribute = '', value = '', marker] of keys) {
    const ours = section(now.root, name, false)
    const theirs = before && before.root.tagName === now.root.tagName ? section(before.root, name, false) : undefined
    const wanted = theirs ? keyed(theirs, element, attribute, value) : []
    const present = ours ? keyed(ours, element, attribute, value) : []
    if (sameNodes(present, wanted)) continue
    changed = true
    const target = ours ?? section(now.root, name, true) as Element
    const place = present[0]?.nextSibling ?? null
    for (const node of present) {
      const clear = previousElement(node)
      if (marker === 'clear' && isClear(clear)) removeIndented(clear)
      removeIndented(node)
    }
    for (const node of wanted) insertIndented(target, now.doc.importNode(node, true) as Element, place)
    if (elements(target).length === 0 && !theirs) removeIndented(target)
  }
  return {
    text: changed ? serializeXml(now) : undefined,
    asBefore: before !== undefined && canonical(now.root) === canonical(before.root),
  }
}

/** Inserts `child` before `place` (or last), indented like its siblings. */
function insertIndented(parent: Element, child: Element, place: Node | null): void {
  if (!place || place.parentNode !== parent) return appendIndented(parent, child)
  parent.insertBefore(docOf(parent).createTextNode(childIndent(parent)), place)
  parent.insertBefore(child, place)
}

const sameNodes = (a: Element[], b: Element[]): boolean =>
  a.length === b.length && a.every((node, index) => canonical(node) === canonical(b[index] as Element))

/** A node's content without layout: names, attributes (sorted), comments and non-blank text. */
export function canonical(node: Node): string {
  if (node.nodeType === TEXT) return isBlank(node) ? '' : JSON.stringify(node.nodeValue)
  if (node.nodeType === COMMENT) return `<!--${node.nodeValue ?? ''}-->`
  if (node.nodeType !== ELEMENT) return ''
  const element = node as Element
  const attributes = Array.from(element.attributes).map((attribute) => `${attribute.name}=${JSON.stringify(attribute.value)}`).sort()
  return `<${element.tagName} ${attributes.join(' ')}>${Array.from(element.childNodes).map(canonical).join('')}</>`
}
