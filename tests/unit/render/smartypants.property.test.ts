/**
 * smartPunctuation hands smartypants only the runs of HTML it would change: the result must be
 * what smartypants gives on the whole text, whatever the HTML.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: smartypants ships no type declarations
import { smartypantsu } from 'smartypants';
import { smartPunctuation } from '../../../src/render/smartypants.ts';

const piece = fc.constantFrom(
  '<p>', '</p>', '<code>', '</code>', '<pre>', '</pre>', '<kbd>', '</kbd>', '<math>', '</math>', '<em>', '</em>',
  '<a href="x">', '</a>', '<!-- "c" -->', '<?x?>', '<style>a { --x: "y" }</style>', '\n', ' ', 'word', "'", '"',
  '`', '``', "''", '--', '---', '...', '. . .', '\\"', '\\\\', '&#8220;', 'it', 's', '80s', '&quot;', '&#39;', '(', '[',
);
const html = fc.array(fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 40 }).map((parts) => parts.join(''));

/** What smartPunctuation did before it skipped runs: smartypants over each text between style blocks. */
function wholeText(source: string): string {
  const unescape = (h: string) => h.replace(/<[^>]*>|&quot;|&#39;/g, (m) => (m === '&quot;' ? '"' : m === '&#39;' ? "'" : m));
  let result = '';
  let last = 0;
  for (const m of source.matchAll(/<style\b[\s\S]*?<\/style\s*>/gi)) {
    result += smartypantsu(unescape(source.slice(last, m.index)), 2) + m[0];
    last = m.index + m[0].length;
  }
  return result + smartypantsu(unescape(source.slice(last)), 2);
}

describe('smartPunctuation', () => {
  it('gives what smartypants gives on the whole HTML', () => {
    fc.assert(fc.property(html, (source) => {
      expect(smartPunctuation(source)).toBe(wholeText(source));
    }), { numRuns: 3000 });
  });
});
