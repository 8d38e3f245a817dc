/**
 * HTML attributes written by authors after `!!!`/`|||` or in `<!-- .slide: ... -->`.
 * Parsed into name/value pairs so the renderer emits well-formed, escaped markup
 * instead of pasting raw text into a tag.
 */
import type { SlideAttribute } from './types.ts';

const ATTRIBUTE = /\s*([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;

export interface ParsedAttributes {
  attributes: SlideAttribute[];
  /** Text that is not an attribute, with its offset in the input. */
  junk: { text: string; offset: number } | null;
}

export function parseAttributes(input: string): ParsedAttributes {
  const attributes: SlideAttribute[] = [];
  let index = 0;
  while (index < input.length) {
    if (/^\s*$/.test(input.slice(index))) break;
    ATTRIBUTE.lastIndex = index;
    const m = ATTRIBUTE.exec(input);
    if (!m) {
      const offset = index + (input.slice(index).length - input.slice(index).trimStart().length);
      return { attributes, junk: { text: input.slice(offset), offset } };
    }
    attributes.push({ name: m[1]!, value: m[2] ?? m[3] ?? m[4] ?? null });
    index = ATTRIBUTE.lastIndex;
  }
  return { attributes, junk: null };
}

/** Merges attributes, later ones replacing earlier ones of the same name (class values join). */
export function mergeAttributes(base: SlideAttribute[], extra: SlideAttribute[]): SlideAttribute[] {
  const result = [...base];
  for (const attr of extra) {
    const i = result.findIndex((a) => a.name === attr.name);
    if (i < 0) result.push(attr);
    else if (attr.name === 'class' && result[i]!.value && attr.value) {
      result[i] = { name: 'class', value: `${result[i]!.value} ${attr.value}` };
    } else result[i] = attr;
  }
  return result;
}
