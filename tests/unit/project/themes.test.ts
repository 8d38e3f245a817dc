import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDeckStyles } from '../../../src/project/styles.ts';
import { DeckStore } from '../../../src/project/deck-store.ts';
import { resolveProject } from '../../../src/project/project.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'slidewright-themes-'));
const outside = mkdtempSync(path.join(tmpdir(), 'slidewright-outside-'));
mkdirSync(path.join(dir, 'slides'));
mkdirSync(path.join(dir, 'dist', 'theme'), { recursive: true });
writeFileSync(path.join(dir, 'dist', 'theme', 'corporate.css'), '.reveal { color: red }');
writeFileSync(path.join(outside, 'evil.css'), 'x');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function stylesFor(deckText: string) {
  writeFileSync(path.join(dir, 'slides', 'talk.md'), deckText);
  const store = new DeckStore(resolveProject(dir));
  return resolveDeckStyles(store.load(store.find('talk')!), store.project);
}

describe('deck styles', () => {
  it('uses a reveal.js theme and a highlight.js style by name', () => {
    const styles = stylesFor('[comment]: # (THEME = night)\n[comment]: # (CODE_THEME = monokai)\n# A');
    expect(styles).toEqual({ theme: 'reveal.js/theme/night.css', codeTheme: 'highlight.js/styles/monokai.css', diagnostics: [] });
  });

  it("finds a custom theme in mdslides' dist/theme/ convention", () => {
    expect(stylesFor('[comment]: # (THEME = corporate)\n# A').theme).toBe(path.join(dir, 'dist', 'theme', 'corporate.css'));
  });

  it('refuses a theme file outside the project', () => {
    const relative = path.relative(path.join(dir, 'slides'), path.join(outside, 'evil.css'));
    const styles = stylesFor(`[comment]: # (THEME = ${relative})\n# A`);
    expect(styles.theme).toBe('reveal.js/theme/white.css');
    expect(styles.diagnostics).toMatchObject([{ code: 'path-outside-project', line: 1 }]);
  });

  it('falls back with a warning for an unknown code theme', () => {
    const styles = stylesFor('# A\n[comment]: # (CODE_THEME = zenburn)');
    expect(styles.codeTheme).toBe('highlight.js/styles/base16/zenburn.css');
    expect(styles.diagnostics).toMatchObject([{ code: 'unknown-code-theme', line: 2 }]);
  });
});
