/**
 * Generated decks for the browser benchmarks (PDF, snapshots): the same deck in both, so their
 * figures are about the same pages.
 */

/** A deck like the seed (solarized, 960×700, lists, code, notes, vertical stacks) of `n` slides. */
export function generateDeck(n: number): string {
  const parts = ['[comment]: # (THEME = solarized)', '[comment]: # (width: 960)', '[comment]: # (height: 700)', ''];
  for (let i = 1; i <= n; i++) {
    const body = [
      `## Slide ${i}: supply chain security`,
      '',
      `* **Point ${i}.1**: we work on & care for security`,
      `* Point ${i}.2 with [a link](https://example.org/${i})`,
      `* Point ${i}.3 👉 with an emoji`,
      '',
    ];
    if (i % 4 === 0) body.push('```perl', `my $slide = ${i};`, 'print "slide $slide\\n";', '```', '');
    body.push('Note:', '', `Speaker notes for slide ${i}.`, '');
    parts.push(...body);
    if (i < n) parts.push(i % 5 === 0 ? '[comment]: # (|||)' : '[comment]: # (!!!)', '');
  }
  return parts.join('\n');
}
