/** Every real deck of the corpus builds with Vite; missing media and themes are warnings. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build, createLogger } from 'vite';
import { slidewright } from '../../../src/vite/index.ts';
import { resolveProject } from '../../../src/project/project.ts';
import { DeckStore } from '../../../src/project/deck-store.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus/decks');
const outDir = mkdtempSync(path.join(tmpdir(), 'slidewright-corpus-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.skipIf(!existsSync(CORPUS))('building the corpus decks', () => {
  it('builds every deck, warning about each missing file with file:line:column', async () => {
    const decks = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md'))
      .map((f) => ({ name: f.replace(/\.md$/, ''), file: path.join(CORPUS, f) }));
    const warnings: string[] = [];
    const logger = createLogger('warn', { allowClearScreen: false });
    logger.warn = (message) => void warnings.push(message);
    const project = resolveProject(ROOT, { decks });
    await build({
      root: ROOT,
      configFile: false,
      base: './',
      publicDir: false,
      customLogger: logger,
      plugins: [slidewright({ project })],
      build: { outDir, emptyOutDir: true, reportCompressedSize: false },
    });
    // The slides ship exactly as the pipeline rendered them: Vite never rewrites them (see pages.ts).
    const store = new DeckStore(project, { lazyImagesFrom: 2 });
    for (const deck of decks) {
      const html = readFileSync(path.join(outDir, deck.name, 'index.html'), 'utf8');
      expect(html).toContain(`<div class="slides">\n${store.load(store.find(deck.name)!).rendered.slidesHtml}</div>`);
      expect(html).not.toContain('<!--slidewright-slides');
    }
    const text = warnings.join('\n');
    // PBrunot's images, sjn's background image and custom theme, each with a position.
    expect(text).toMatch(/PBrunot__arduinoday-2024__talk\.md:\d+:\d+: warning: "media\/volta\.jpg" \(src\) does not exist/);
    expect(text).toMatch(/sjn__introducing-se__docs\.md:39:\d+: warning: "dist\/media\/street-epistemology-logo\.png" \(data-background-image\) does not exist/);
    expect(text).toMatch(/sjn__introducing-se__docs\.md:5:15: warning: unknown theme "streetepistemology"/);
    expect(text).toMatch(/EnriqueSoria__xerrada-django-lifecycle__slides\.md:473:1: warning: this looks like a directive/);
    const sjn = readFileSync(path.join(outDir, 'sjn__introducing-se__docs', 'index.html'), 'utf8');
    expect(sjn.match(/<section/g)!.length).toBe(44 + 9);
  }, 60_000);
});
