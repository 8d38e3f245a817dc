import { describe, expect, it } from 'vitest';
import { chooseTheme, themeFileCandidates } from '../../../src/format/themes.ts';

describe('chooseTheme', () => {
  const none = () => null;

  it('takes reveal.js themes by name', () => {
    expect(chooseTheme('solarized', none)).toEqual({ kind: 'reveal', name: 'solarized' });
  });

  it('finds a project CSS file where mdslides decks keep it', () => {
    const files = new Set(['dist/theme/streetepistemology.css']);
    expect(chooseTheme('streetepistemology', (c) => (files.has(c) ? `/p/${c}` : null))).toEqual({
      kind: 'file',
      path: '/p/dist/theme/streetepistemology.css',
    });
    expect(chooseTheme('themes/mine.css', (c) => (c === 'themes/mine.css' ? '/p/themes/mine.css' : null))).toEqual({
      kind: 'file',
      path: '/p/themes/mine.css',
    });
  });

  it('falls back with a suggestion for a misspelt theme', () => {
    expect(chooseTheme('solarised', none)).toEqual({ kind: 'unknown', fallback: 'white', hint: 'did you mean "solarized"?' });
  });

  it('names a file to create for an unknown custom theme', () => {
    const choice = chooseTheme('corporate', none);
    expect(choice.kind).toBe('unknown');
    expect(choice.kind === 'unknown' && choice.hint).toContain('themes/corporate.css');
    expect(themeFileCandidates('x.css')).toEqual(['x.css']);
  });
});
