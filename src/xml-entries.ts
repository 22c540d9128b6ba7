/**
 * The action's entries in an XML settings file (Maven's settings.xml): setting them in the main step
 * and, in the post step, taking them out of a file another step changed since — revertJson's
 * counterpart, with comments, layout and the rest of the file kept. An entry is named by a key: the
 * element names from the root down to a list item, then the item's name (its `<id>` child, or its
 * text when it has no child elements: `activeProfile`). Its own file in dist/, loaded by the post
 * step only when an XML file changed under it (see scripts/bundle.mjs).
 *
 * @xmldom/xmldom is a DOM: unlike the XML-to-object converters it keeps comments, whitespace,
 * CDATA and the prolog, so only the bytes of the action's own entries change.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom'
import type { Reverted } from './entries.js'
import { notParsable } from './text.js'

/** An element to write: a name and either text or child elements. */
export interface XmlItem {
  name: string
  children: string | XmlItem[]
}

const ELEMENT = 1
const TEXT = 3

/** Parses `text` strictly: any error or warning is an error naming the line and column (never xmldom's message, which quotes the file). */
export function parseXml(text: string): Document {
  let problem: string | undefined
  let document: Document | undefined
  try {
    document = new DOMParser({
      // Line ends stay as written: the file keeps its CRLFs.
      normalizeLineEndings: (source) => source,
      onError: (_level, _message, context: { locator?: { lineNumber?: number; columnNumber?: number } } | undefined) => {
        problem ??= notParsable('XML', context?.locator, text)
        throw new Error(problem)
      },
    }).parseFromString(text, 'text/xml')
  } catch {
    throw new Error(problem ?? notParsable('XML', undefined, text))
  }
  if (!document.documentElement) throw new Error('it is not valid XML: no root element')
  return document
}

/** The document as text; what followed the root element (its final newline) is kept, which the serializer drops. */
export function serializeXml(document: Document, original = ''): string {
  const tail = /\s*$/.exec(original)?.[0] ?? ''
  return `${new XMLSerializer().serializeToString(document)}${tail}`
}

const elements = (node: Node): Element[] => Array.from(node.childNodes).filter((child): child is Element => child.nodeType === ELEMENT)
const childNamed = (node: Node, name: string): Element | undefined => elements(node).find((child) => child.localName === name)
const textOf = (element: Element): string => (element.textContent ?? '').trim()

/** An item's name: its `<id>`, or its text when it has no child elements. */
function nameOf(element: Element): string {
  const id = childNamed(element, 'id')
  if (id) return textOf(id)
  return elements(element).length === 0 ? textOf(element) : ''
}

/** The item `key` names, or undefined. */
export function findEntry(document: Document, key: string[]): Element | undefined {
  const containers = key.slice(0, -2)
  let node: Element | undefined = document.documentElement ?? undefined
  for (const name of containers) node = node && childNamed(node, name)
  const [item, id] = key.slice(-2)
  return node ? elements(node).find((child) => child.localName === item && nameOf(child) === id) : undefined
}

/** The document's line end and indentation unit, from the root's first line break (default: LF and two spaces). */
function layout(document: Document): { newline: string; unit: string } {
  const root = document.documentElement as Element
  const space = Array.from(root.childNodes).find((child) => child.nodeType === TEXT && /\n[ \t]*$/.test(child.nodeValue ?? ''))
  const value = space?.nodeValue ?? ''
  return { newline: value.includes('\r\n') ? '\r\n' : '\n', unit: /\n([ \t]+)$/.exec(value)?.[1] ?? '  ' }
}

const depthOf = (node: Node): number => {
  let depth = 0
  for (let at = node.parentNode; at && at.nodeType === ELEMENT; at = at.parentNode) depth++
  return depth
}

/** Appends `child` as the last element of `parent`, on its own line, indented like its siblings. */
function appendIndented(parent: Element, child: Node): void {
  const document = parent.ownerDocument as Document
  const { newline, unit } = layout(document)
  const depth = depthOf(parent) + 1
  const last = parent.lastChild
  const closing = last && last.nodeType === TEXT && /^\s*$/.test(last.nodeValue ?? '') ? last : null
  if (!closing) parent.appendChild(document.createTextNode(`${newline}${unit.repeat(depth - 1)}`))
  const before = (parent.lastChild as Node)
  parent.insertBefore(document.createTextNode(`${newline}${unit.repeat(depth)}`), before)
  parent.insertBefore(child, before)
}

/** Builds `item` as elements of the root's namespace (so no `xmlns=""` appears), indented below `depth`. */
function build(document: Document, item: XmlItem, depth: number): Element {
  const { newline, unit } = layout(document)
  const element = document.createElementNS((document.documentElement as Element).namespaceURI, item.name)
  if (typeof item.children === 'string') {
    element.appendChild(document.createTextNode(item.children))
    return element
  }
  for (const child of item.children) {
    element.appendChild(document.createTextNode(`${newline}${unit.repeat(depth + 1)}`))
    element.appendChild(build(document, child, depth + 1))
  }
  element.appendChild(document.createTextNode(`${newline}${unit.repeat(depth)}`))
  return element
}

/** The container element of `key`'s item, created (empty) where missing. */
function container(document: Document, key: string[]): Element {
  let node = document.documentElement as Element
  for (const name of key.slice(0, -2)) {
    let next = childNamed(node, name)
    if (!next) {
      next = document.createElementNS(node.namespaceURI, name)
      appendIndented(node, next)
    }
    node = next
  }
  return node
}

/** Sets the item `key` names to `item`: replaces the one there, or appends it. */
export function setEntry(document: Document, key: string[], item: XmlItem): void {
  const parent = container(document, key)
  const existing = findEntry(document, key)
  const element = build(document, item, depthOf(parent) + 1)
  if (existing) parent.replaceChild(element, existing)
  else appendIndented(parent, element)
}

const isSpace = (node: Node | null): boolean => node !== null && node.nodeType === TEXT && /^\s*$/.test(node.nodeValue ?? '')

/**
 * Removes `node` with the indentation before it; in a container written on one line, also the line
 * break appendIndented put before its end tag (then the only whitespace left in it).
 */
function removeIndented(node: Node): void {
  const parent = node.parentNode as Node
  if (isSpace(node.previousSibling)) parent.removeChild(node.previousSibling as Node)
  parent.removeChild(node)
  const spaces = Array.from(parent.childNodes).filter(isSpace)
  if (spaces.length === 1 && spaces[0] === parent.lastChild) parent.removeChild(parent.lastChild as Node)
}

/** The document without layout: whitespace-only text dropped, for comparing content. */
function content(node: Node): string {
  const copy = node.cloneNode(true)
  const strip = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT && /^\s*$/.test(child.nodeValue ?? '')) node.removeChild(child)
      else strip(child)
    }
  }
  strip(copy)
  return new XMLSerializer().serializeToString(copy)
}

const same = (a: Element | undefined, b: Element | undefined): boolean =>
  a === undefined || b === undefined ? a === b : content(a) === content(b)

/**
 * `current` with each of `keys` as in `original` (removed where `original` lacks it, with containers
 * the action created and that are empty now). Throws when `current` holds none of the entries: the
 * file was replaced (actions/setup-java writes its own settings.xml), and it is left as it is.
 */
export function revertXml(current: string, original: string | undefined, keys: string[][]): Reverted {
  const now = parseXml(current)
  const before = original === undefined ? undefined : parseXml(original)
  if (keys.every((key) => !findEntry(now, key))) {
    throw new Error('it no longer holds any of this action\'s entries: another step replaced it (actions/setup-java with overwrite-settings after this action?); left as that step wrote it')
  }
  let changed = false
  for (const key of keys) {
    const mine = findEntry(now, key)
    const theirs = before && findEntry(before, key)
    if (same(mine, theirs)) continue
    changed = true
    if (!theirs) {
      removeIndented(mine as Element)
      removeEmptyContainers(now, key, before)
    } else if (mine) mine.parentNode?.replaceChild(now.importNode(theirs, true), mine)
    else appendIndented(container(now, key), now.importNode(theirs, true))
  }
  const asBefore = before ? content(now) === content(before) : isEmpty(now.documentElement as Element)
  return { text: changed ? serializeXml(now, current) : undefined, asBefore }
}

/** An element with nothing in it but whitespace. */
const isEmpty = (element: Element): boolean =>
  Array.from(element.childNodes).every((child) => child.nodeType === TEXT && /^\s*$/.test(child.nodeValue ?? ''))

/** Removes the containers of `key`, innermost first, that are empty now and that `before` did not have. */
function removeEmptyContainers(document: Document, key: string[], before: Document | undefined): void {
  const names = key.slice(0, -2)
  for (let length = names.length; length > 0; length--) {
    const path = names.slice(0, length)
    const find = (doc: Document) => path.reduce<Element | undefined>((node, name) => node && childNamed(node, name), doc.documentElement ?? undefined)
    const element = find(document)
    if (!element || !isEmpty(element) || (before && find(before))) return
    removeIndented(element)
  }
}
