import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefaults, loadConfig, validateConfig } from '../../../src/project/config.ts';
import { createMediaResolver } from '../../../src/project/media.ts';
import { commonFolder, listDecks, resolveProject, shadowedDecks } from '../../../src/project/project.ts';
import { openProject, selectDecks } from '../../../src/project/select-decks.ts';
import type { Diagnostic } from '../../../src/shared/diagnostics.ts';

let dir: string;
const write = (file: string, text = '# Deck\n') => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

beforeAll(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'slidewright-project-')));
  write('repo/presentations/alpha.md');
  write('repo/presentations/beta.md');
  write('repo/presentations/README.md', '# About these talks\n');
  write('repo/media/pic.png', 'PNG');
  write('repo/other/alpha.md');
  write('plain/slides/one.md');
  write('plain/media/x.png', 'PNG');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveProject', () => {
  it('defaults to slides/ and media/ where they exist', () => {
    const project = resolveProject(path.join(dir, 'plain'));
    expect(listDecks(project).map((d) => d.name)).toEqual(['one']);
    expect(project.includeDirs).toEqual([path.join(dir, 'plain', 'media')]);
    expect(project.root).toBe(path.join(dir, 'plain'));
  });

  it('without slides/, takes the folder itself, leaving its README out', () => {
    const project = resolveProject(path.join(dir, 'repo', 'presentations'), { include: ['../media'] });
    expect(listDecks(project).map((d) => d.name)).toEqual(['alpha', 'beta']);
    // The root grows to hold the include folder (mdslides' --include ../media).
    expect(project.root).toBe(path.join(dir, 'repo'));
    expect(project.base).toBe(path.join(dir, 'repo', 'presentations'));
  });

  it('keeps the first of two decks with one name and says which was left out', () => {
    const project = resolveProject(path.join(dir, 'repo'), { sources: ['presentations', 'other'] });
    expect(listDecks(project).find((d) => d.name === 'alpha')?.file).toBe(path.join(dir, 'repo', 'presentations', 'alpha.md'));
    expect(shadowedDecks(project).map((s) => s.dropped.file)).toEqual([path.join(dir, 'repo', 'other', 'alpha.md')]);
  });

  it('refuses two include folders that would be published under one name', () => {
    write('repo/a/media/p.png', 'PNG');
    expect(() => resolveProject(path.join(dir, 'repo'), { include: ['media', 'a/media'] })).toThrow(/both be published as media\//);
  });

  it('commonFolder finds the deepest shared folder', () => {
    expect(commonFolder(['/a/b/c', '/a/b/d/e', '/a/b'])).toBe('/a/b');
    expect(commonFolder(['/x', '/y'])).toBe('/');
  });
});

describe('media references with include folders', () => {
  const resolve = (layout: 'site' | 'mdslides', url: string) => {
    const project = resolveProject(path.join(dir, 'repo', 'presentations'), { include: ['../media'], layout });
    const diagnostics: Diagnostic[] = [];
    const found: string[] = [];
    const out = createMediaResolver(project, path.join(dir, 'repo', 'presentations', 'alpha.md'), (f) => found.push(f))(url, {
      line: 1,
      column: 1,
      attribute: 'src',
      report: (d) => diagnostics.push({ ...d, line: 1, column: 1 } as Diagnostic),
    });
    return { out, diagnostics, found };
  };

  it('media/x resolves in the include folder: ../media/x in a site, media/x beside the page in the mdslides layout', () => {
    expect(resolve('site', 'media/pic.png')).toMatchObject({ out: '../media/pic.png', diagnostics: [] });
    expect(resolve('mdslides', 'media/pic.png')).toMatchObject({ out: 'media/pic.png', found: [path.join(dir, 'repo', 'media', 'pic.png')] });
    expect(resolve('site', '../media/pic.png').out).toBe('../media/pic.png');
  });

  it('a missing file is a warning that names the include option', () => {
    const { diagnostics } = resolve('site', 'media/none.png');
    expect(diagnostics.map((d) => d.code)).toEqual(['missing-media']);
  });
});

describe('config', () => {
  it('warns about unknown keys with a suggestion and rejects wrong values by name', () => {
    const { config, warnings } = validateConfig({ decks: 'talks', inclde: ['media'], theme: 'black' }, 'slidewright.config.json');
    expect(config).toEqual({ decks: 'talks', theme: 'black' });
    expect(warnings).toEqual(['slidewright.config.json: unknown key "inclde" is ignored; did you mean "include"?']);
    expect(() => validateConfig({ layout: 'book' }, 'x.json')).toThrow('x.json: "layout" must be "site" or "mdslides"');
    expect(() => validateConfig({ base: 'talks/' }, 'x.json')).toThrow(/"base" must be a path that starts with \//);
    expect(() => validateConfig([], 'x.json')).toThrow(/must be an object/);
  });

  it('gives build its top-level keys and each command its section', () => {
    expect(commandDefaults({ out: 'site', notes: false, build: { 'no-share-image': true } }, 'build')).toEqual({ out: 'site', 'no-notes': true, 'no-share-image': true });
    expect(commandDefaults({ out: 'site', pdf: { notes: 'page' } }, 'pdf')).toEqual({ notes: 'page' });
  });

  it('is read from slidewright.config.json, .ts or package.json, and opens the project it describes', async () => {
    write('cfg-json/talks/t.md');
    write('cfg-json/slidewright.config.json', JSON.stringify({ decks: 'talks', theme: 'moon', reveal: { controls: false } }));
    const opened = await openProject(path.join(dir, 'cfg-json'));
    expect(opened.decks.map((d) => d.name)).toEqual(['t']);
    expect(opened.project.defaults).toEqual({ theme: 'moon', reveal: { controls: false } });

    write('cfg-ts/decks/u.md');
    write('cfg-ts/slidewright.config.ts', "const folder: string = 'decks';\nexport default { decks: folder };\n");
    expect((await loadConfig(path.join(dir, 'cfg-ts'))).config).toEqual({ decks: 'decks' });
    expect((await openProject(path.join(dir, 'cfg-ts'))).decks.map((d) => d.name)).toEqual(['u']);

    write('cfg-pkg/package.json', JSON.stringify({ name: 'x', slidewright: { include: 'pictures' } }));
    expect((await loadConfig(path.join(dir, 'cfg-pkg'))).config).toEqual({ include: 'pictures' });

    write('cfg-bad/slidewright.config.json', '{ decks: ');
    await expect(loadConfig(path.join(dir, 'cfg-bad'))).rejects.toThrow(/slidewright.config.json: not valid JSON/);
  });
});

describe('openProject', () => {
  it('reads folders and .md files as places, other words as deck names', async () => {
    const repo = path.join(dir, 'repo');
    const byFolder = await openProject(repo, { args: ['presentations'], include: ['media'] });
    expect(byFolder.decks.map((d) => d.name)).toEqual(['alpha', 'beta']);
    const byFile = await openProject(repo, { args: ['presentations/beta.md'] });
    expect(byFile.decks.map((d) => d.name)).toEqual(['beta']);
    const byName = await openProject(path.join(repo, 'presentations'), { args: ['beta'] });
    expect(byName.decks.map((d) => d.name)).toEqual(['beta']);
    expect(byName.all.decks).toBeUndefined();
    await expect(openProject(repo, { args: ['presentations/alpha.md', 'gamma'] })).rejects.toThrow(/no deck "gamma"/);
    // A place and a name together: the name among the default decks (here the folder itself).
    const mixed = await openProject(path.join(repo, 'presentations'), { args: [path.join(repo, 'other', 'alpha.md'), 'beta'] });
    expect(mixed.decks.map((d) => d.file)).toEqual([path.join(repo, 'other', 'alpha.md'), path.join(repo, 'presentations', 'beta.md')]);
    await expect(openProject(path.join(repo, 'presentations'), { args: [path.join(repo, 'other', 'alpha.md'), 'alpha'] })).rejects.toThrow(/two decks are named "alpha"/);
  });

  it('selectDecks says where it looked when there are no decks', () => {
    expect(() => selectDecks(resolveProject(path.join(dir, 'repo', 'media')), [])).toThrow(/no decks in/);
  });
});

describe('project defaults', () => {
  it('a config theme and reveal options apply under what the deck sets itself', async () => {
    const { compileDeck } = await import('../../../src/pipeline.ts');
    const defaults = { theme: 'moon', reveal: { controls: false, progress: false } };
    const plain = compileDeck('# Talk\n', { defaults });
    expect(plain.deck.theme).toBe('moon');
    expect(plain.rendered.revealConfig).toMatchObject({ controls: false, progress: false });
    const own = compileDeck('[comment]: # (THEME = solarized)\n[comment]: # (controls: true)\n\n# Talk\n', { defaults });
    expect(own.deck.theme).toBe('solarized');
    expect(own.rendered.revealConfig).toMatchObject({ controls: true, progress: false });
  });
});

describe('deck store', () => {
  it('refuses a binary file in the decks folder with one error, and still compiles the others', async () => {
    const { DeckStore } = await import('../../../src/project/deck-store.ts');
    mkdirSync(path.join(dir, 'mixed', 'slides'), { recursive: true });
    writeFileSync(path.join(dir, 'mixed', 'slides', 'image.md'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    writeFileSync(path.join(dir, 'mixed', 'slides', 'talk.md'), '# Talk\n\n---\n\n## Two\n');
    const store = new DeckStore(resolveProject(path.join(dir, 'mixed')));
    const [image, talk] = store.list().map((entry) => store.load(entry));
    expect(image!.diagnostics.map((d) => d.code)).toEqual(['not-text']);
    expect(image!.rendered.slideCount).toBe(1); // one empty slide: the page still starts
    expect(talk!.rendered.slideCount).toBe(2);
  });

  it('a deck the pipeline cannot read or render is one error, not a crash of the whole store', async () => {
    const { DeckStore } = await import('../../../src/project/deck-store.ts');
    mkdirSync(path.join(dir, 'mixed', 'odd.md'), { recursive: true }); // a folder named like a deck
    const store = new DeckStore(resolveProject(path.join(dir, 'mixed'), { decks: [{ name: 'odd', file: path.join(dir, 'mixed', 'odd.md') }] }));
    const odd = store.load(store.list()[0]!);
    expect(odd.diagnostics).toMatchObject([{ severity: 'error', code: 'deck-failed', line: 1 }]);
    expect(odd.rendered.slideCount).toBe(1);
  });
});
