/**
 * The text a page shows for some HTML, read with parse5 (entities decoded as a browser decodes
 * them), in blocks: what a paragraph, list item or heading holds. For the deck's description
 * (render/page.ts) and the characters its fonts must have (vite/font-subset.ts).
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];

const BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'figcaption', 'td', 'th', 'pre', 'blockquote', 'dt', 'dd']);

/** The text of each block, in order, whitespace as written; `skip` leaves elements out (notes). */
export function textBlocks(html: string, skip: (element: DefaultTreeAdapterMap['element']) => boolean = () => false): string[] {
  const blocks: string[] = [''];
  const walk = (node: Node) => {
    if (node.nodeName === '#text') {
      blocks[blocks.length - 1] += (node as DefaultTreeAdapterMap['textNode']).value;
      return;
    }
    const element = 'tagName' in node ? (node as DefaultTreeAdapterMap['element']) : undefined;
    if (element && skip(element)) return;
    const block = element !== undefined && BLOCKS.has(element.tagName);
    if (block) blocks.push('');
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
    // <template> keeps its children in `content`.
    if ('content' in node && node.content) walk(node.content as Node);
    if (block) blocks.push('');
  };
  walk(parseFragment(html) as unknown as Node);
  return blocks.filter((text) => text !== '');
}
