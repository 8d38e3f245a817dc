/**
 * `<!-- .element: class="fragment" -->` puts attributes on the element before the comment,
 * or on its parent when it has no element before it (reveal.js's markdown plugin rules: text
 * and `<br>` are skipped). reveal does this in the browser; we do it once, at build time, on
 * the parsed HTML of one slide.
 */
import { parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { parseAttributes } from '../format/attributes.ts';
import type { SlideAttribute } from '../format/types.ts';

type ChildNode = DefaultTreeAdapterMap['childNode'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];

const ELEMENT_COMMENT = /^\s*\.element:?\s*([\s\S]*?)\s*$/;

export interface ElementAttributesResult {
  html: string;
  /** Attributes for the slide's own `<section>` (a comment with nothing before it). */
  sectionAttributes: SlideAttribute[];
  /** Text in a comment that is not an attribute. */
  junk: string[];
  /** The HTML is nested deeper than a browser builds it: the comments were left as they are. */
  tooDeep?: boolean;
}

/** Chromium's parser stops nesting at 512 elements; parse5's serializer recurses per level. */
const MAX_DEPTH = 512;

function depthOf(root: ParentNode): number {
  let deepest = 0;
  const stack: [ParentNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of node.childNodes) if ('childNodes' in child) stack.push([child as ParentNode, depth + 1]);
  }
  return deepest;
}

export function applyElementAttributes(html: string): ElementAttributesResult {
  if (!html.includes('.element')) return { html, sectionAttributes: [], junk: [] };
  const fragment = parseFragment(html);
  if (depthOf(fragment) > MAX_DEPTH) return { html, sectionAttributes: [], junk: [], tooDeep: true };
  const sectionAttributes: SlideAttribute[] = [];
  const junk: string[] = [];
  const visit = (parent: ParentNode, isRoot: boolean) => {
    for (const child of [...parent.childNodes]) {
      if (child.nodeName === '#comment') {
        const m = ELEMENT_COMMENT.exec((child as DefaultTreeAdapterMap['commentNode']).data);
        if (!m) continue;
        const parsed = parseAttributes(m[1]!);
        junk.push(...parsed.junk.map((j) => j.text));
        const target = previousElement(parent, child);
        if (target) setAttributes(target, parsed.attributes);
        else if (isRoot) sectionAttributes.push(...parsed.attributes);
        else setAttributes(parent as Element, parsed.attributes);
        parent.childNodes.splice(parent.childNodes.indexOf(child), 1);
      } else if ('childNodes' in child && child.nodeName !== 'template') {
        visit(child as ParentNode, false);
      }
    }
  };
  visit(fragment, true);
  return { html: serialize(fragment), sectionAttributes, junk };
}

function previousElement(parent: ParentNode, node: ChildNode): Element | null {
  for (let i = parent.childNodes.indexOf(node) - 1; i >= 0; i--) {
    const sibling = parent.childNodes[i]!;
    if ('tagName' in sibling && sibling.tagName !== 'br') return sibling as Element;
  }
  return null;
}

function setAttributes(element: Element, attributes: SlideAttribute[]): void {
  for (const { name, value } of attributes) {
    const existing = element.attrs.find((a) => a.name === name);
    if (existing && name === 'class' && value) existing.value = `${existing.value} ${value}`.trim();
    else if (existing) existing.value = value ?? '';
    else element.attrs.push({ name, value: value ?? '' });
  }
}
