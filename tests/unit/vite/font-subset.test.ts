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

describe('text of known characters only', () => {
  it('adds nothing, parsed or not', () => {
    const known = new Set('<>/="abcdefghijklmnopqrstuvwxyz &;'.split(''));
    expect(textCharacters('<p class="a">a &amp; b</p>', new Set(known))).toEqual(known);
  });

  it('still finds what an entity or a new character adds', () => {
    const known = new Set('<>/="abcdefghijklmnopqrstuvwxyz &;'.split(''));
    expect(textCharacters('<p>a &eacute;</p>', new Set(known)).has('é')).toBe(true);
    expect(textCharacters('<p>a Z</p>', new Set(known)).has('Z')).toBe(true);
    expect(textCharacters('<p>a &#8220;</p>', new Set(known)).has('“')).toBe(true);
  });
});
