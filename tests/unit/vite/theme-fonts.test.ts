import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fontFaceRules, selfHostThemeFonts } from '../../../src/vite/theme-fonts.ts';

const require = createRequire(import.meta.url);
const theme = (name: string) => readFileSync(require.resolve(`reveal.js/theme/${name}.css`), 'utf8');
const asRules = (ids: string[]) => fontFaceRules(ids, (file) => `/fs${file}`);

describe('self-hosted theme fonts', () => {
  it("replaces white's inlined Source Sans Pro by @fontsource's WOFF2 files, the same weights", () => {
    const warnings: string[] = [];
    const css = selfHostThemeFonts(theme('white'), asRules, (m) => warnings.push(m));
    expect(css).not.toContain('data:font/');
    expect(css.length).toBeLessThan(theme('white').length / 10);
    const faces = [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map((m) => m[0]);
    expect(faces.every((f) => f.includes("font-family: 'Source Sans Pro'"))).toBe(true);
    expect(new Set(faces.map((f) => String(/font-weight: (\d+)/.exec(f)?.[1]) + String(/font-style: (\w+)/.exec(f)?.[1])))).toEqual(new Set(['400normal', '400italic', '600normal', '600italic']));
    // WOFF2 only, split by script so a page fetches what its text needs.
    expect(css).not.toMatch(/\.woff\)/);
    expect(faces.every((f) => /url\(\/fs\/.*\.woff2\) format\('woff2'\)/.test(f) && f.includes('unicode-range'))).toBe(true);
    expect(warnings).toEqual([]);
    // The rest of the theme is untouched.
    expect(css).toContain('--r-main-font:"Source Sans Pro"');
  });

  it('swaps Google Fonts imports and keeps a family @fontsource lacks inlined (League Gothic)', () => {
    const css = selfHostThemeFonts(theme('solarized'), asRules, () => undefined);
    expect(css).not.toContain('fonts.googleapis.com');
    expect(css).toContain("font-family: 'Lato'");
    expect(css).toMatch(/@font-face\{font-family:League Gothic;src:url\(data:font\/woff/);
    expect(css).not.toMatch(/\.woff\)/);
  });
});
