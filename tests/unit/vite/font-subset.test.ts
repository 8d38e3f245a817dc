import { describe, expect, it } from 'vitest';
import { textCharacters } from '../../../src/vite/font-subset.ts';

describe('the characters a deck shows', () => {
  it('are its text with entities decoded, not its markup or attributes', () => {
    const chars = textCharacters('<section data-x="QZ"><h2 id="q">Caf&eacute; &#8220;ok&#8221;</h2><img alt="W"><aside class="notes"><p>ñ</p></aside></section>');
    expect([...chars].sort().join('')).toBe([...new Set('Café “ok”ñ')].sort().join(''));
    expect(chars.has('Q')).toBe(false);
    expect(chars.has('W')).toBe(false);
  });
});
