/**
 * HTML attributes written by authors after `!!!`/`|||` or in `<!-- .slide: ... -->`.
 * Parsed into name/value pairs so the renderer emits well-formed, escaped markup
 * instead of pasting raw text into a tag. What is not an attribute is skipped and reported,
 * and parsing goes on after it (a stray comma must not lose the attributes that follow).
 */
import type { SlideAttribute } from './types.ts';

const ATTRIBUTE = /\s*([A-Za-z_:@][-A-Za-z0-9_:.@]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?(?=[\s,;]|$)/y;

export interface ParsedAttributes {
  attributes: SlideAttribute[];
  /** Pieces that are not attributes, with their offsets in the input. */
  junk: { text: string; offset: number }[];
}

export function parseAttributes(input: string): ParsedAttributes {
  const attributes: SlideAttribute[] = [];
  const junk: ParsedAttributes['junk'] = [];
  let index = 0;
  while (index < input.length) {
    const rest = input.slice(index);
    if (rest.trim() === '') break;
    ATTRIBUTE.lastIndex = index;
    const m = ATTRIBUTE.exec(input);
    if (m) {
      attributes.push({ name: m[1]!, value: m[2] ?? m[3] ?? m[4] ?? null });
      index = ATTRIBUTE.lastIndex;
      continue;
    }
    // Skip to the next space, or past a quoted run, and go on.
    const offset = index + (rest.length - rest.trimStart().length);
    const quoted = /^(?:[^\s"']*"[^"]*"?|[^\s"']*'[^']*'?|\S+)/.exec(input.slice(offset))!;
    junk.push({ text: quoted[0], offset });
    index = offset + quoted[0].length;
  }
  return { attributes, junk };
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
