import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/shared/diagnostics.ts';
import { createImageSizer, createMediaResolver, listMediaFiles } from '../../../src/project/media.ts';
import { resolveProject } from '../../../src/project/project.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'slidewright-media-'));
const outside = mkdtempSync(path.join(tmpdir(), 'slidewright-outside-'));
mkdirSync(path.join(dir, 'slides'));
mkdirSync(path.join(dir, 'media', 'sub'), { recursive: true });
writeFileSync(path.join(dir, 'media', 'a.png'), 'x');
writeFileSync(path.join(dir, 'media', 'sub', 'b.png'), 'x');
writeFileSync(path.join(dir, 'media', 'huge.jpg'), Buffer.alloc(1024 * 1024 + 1));
writeFileSync(path.join(dir, 'media', 'tall.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="60"></svg>');
writeFileSync(path.join(outside, 'secret.txt'), 'secret');
symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'media', 'leak.txt'));
symlinkSync(outside, path.join(dir, 'media', 'leakdir'));
const project = resolveProject(dir);
const deckFile = path.join(dir, 'slides', 'talk.md');

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('media files', () => {
  it('lists only files really inside media/, warning about the others', () => {
    const warnings: string[] = [];
    expect(listMediaFiles(project, (m) => warnings.push(m)).map((f) => f.published)).toEqual(['media/a.png', 'media/huge.jpg', 'media/sub/b.png', 'media/tall.svg']);
    expect(warnings.join('\n')).toContain('media/leak.txt points outside media/');
    expect(warnings.join('\n')).toContain('media/leakdir points outside media/');
  });
});

describe('media references', () => {
  const resolve = (url: string, attribute = 'src') => {
    const diagnostics: Diagnostic[] = [];
    const place = { line: 3, column: 5 };
    const report = (d: Omit<Diagnostic, 'line' | 'column'>) => diagnostics.push({ ...d, ...place } as Diagnostic);
    const result = createMediaResolver(project, deckFile)(url, { ...place, attribute, report });
    return { result, diagnostics };
  };

  it('maps mdslides-style and deck-relative paths to the media folder beside the deck pages', () => {
    expect(resolve('media/a.png').result).toBe('../media/a.png');
    expect(resolve('../media/sub/b.png').result).toBe('../media/sub/b.png');
    expect(resolve('media/a.png?v=2#x').result).toBe('../media/a.png?v=2#x');
  });

  it('leaves URLs and anchors alone', () => {
    for (const url of ['https://x.example/a.png', '#/2/1', '/abs.png', 'mailto:a@b.c', 'data:image/png;base64,AA']) {
      expect(resolve(url)).toEqual({ result: url, diagnostics: [] });
    }
  });

  it('warns about a missing file with its position', () => {
    expect(resolve('media/nope.png').diagnostics).toMatchObject([{ code: 'missing-media', line: 3, column: 5 }]);
    expect(resolve('other.html', 'href').diagnostics).toEqual([]); // a page link may be served elsewhere
  });

  it('refuses paths that leave the project, symlinks included', () => {
    const escape = path.relative(path.join(dir, 'slides'), path.join(outside, 'secret.txt'));
    expect(resolve(escape)).toMatchObject({ result: escape, diagnostics: [{ code: 'path-outside-project' }] });
    expect(resolve('media/leak.txt')).toMatchObject({ result: 'media/leak.txt', diagnostics: [{ code: 'path-outside-project' }] });
  });

  it('knows the pixel size of media images, and nothing of other files', () => {
    const size = createImageSizer(project);
    expect(size('../media/tall.svg')).toEqual({ width: 30, height: 60 });
    expect(size('../media/tall.svg?v=1')).toEqual({ width: 30, height: 60 });
    expect(size('../media/a.png')).toBeUndefined(); // not really a PNG
    expect(size('../media/missing.png')).toBeUndefined();
    expect(size('../media/..%2F..%2Fetc%2Fpasswd')).toBeUndefined();
    expect(size('https://example.org/x.png')).toBeUndefined();
  });

  it('warns about a media file over 1 MB where a slide embeds it, not where it links it', () => {
    const embedded = resolve('media/huge.jpg');
    expect(embedded.result).toBe('../media/huge.jpg');
    expect(embedded.diagnostics).toEqual([expect.objectContaining({ code: 'large-media', line: 3, column: 5, message: expect.stringContaining('1.0 MB') })]);
    expect(resolve('media/huge.jpg', 'href').diagnostics).toEqual([]);
    expect(resolve('media/a.png').diagnostics).toEqual([]);
  });
});

describe('reading deck files', () => {
  it('reads a BOM-prefixed deck like any other, and names a byte that is not UTF-8 without losing the deck', async () => {
    const { DeckStore } = await import('../../../src/project/deck-store.ts');
    writeFileSync(path.join(dir, 'slides', 'bom.md'), '\ufeff[comment]: # (THEME = night)\n# Title\n[comment]: # (!!!)\nB');
    writeFileSync(path.join(dir, 'slides', 'latin1.md'), Buffer.concat([Buffer.from('# One\n[comment]: # (!!!)\nJos'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const store = new DeckStore(project);
    const bom = store.load(store.find('bom')!);
    expect([bom.deck.theme, bom.title, bom.rendered.slideCount]).toEqual(['night', 'Title', 2]);
    const latin1 = store.load(store.find('latin1')!);
    expect(latin1.rendered.slideCount).toBe(2);
    expect(latin1.diagnostics).toMatchObject([{ code: 'invalid-utf8', severity: 'error', line: 3, column: 4 }]);
    expect(latin1.rendered.slidesHtml).toContain('Jos\ufffd');
  });

});
