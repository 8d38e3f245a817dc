/**
 * The exporters' site: deck pages with their stylesheets, runtime and reveal.js import map,
 * self-hosted theme fonts, media, and nothing outside the project and the page packages.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUrlPath, startSite, type Site } from '../../../src/export/site.ts';
import { resolveProject } from '../../../src/project/project.ts';

let dir: string;
let site: Site;
const warnings: string[] = [];

const get = (url: string) => fetch(new URL(url, site.baseUrl), { redirect: 'manual' });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slidewright-site-'));
  await mkdir(path.join(dir, 'slides'));
  await mkdir(path.join(dir, 'media', 'sub'), { recursive: true });
  await writeFile(path.join(dir, 'media', 'sub', 'pic one.png'), 'PNG');
  await writeFile(path.join(dir, 'media', '.hidden'), 'secret');
  await writeFile(path.join(dir, '.env'), 'TOKEN=1');
  await symlink('/etc/passwd', path.join(dir, 'media', 'passwd'));
  await writeFile(
    path.join(dir, 'slides', 'talk.md'),
    ['[comment]: # (THEME = solarized)', '', '# Talk', '', '![pic](media/sub/pic%20one.png)', '', 'Math: $$x^2$$', '', '![gone](media/none.png)', ''].join('\n'),
  );
  site = await startSite({ project: resolveProject(dir, { decks: [{ name: 'talk', file: path.join(dir, 'slides', 'talk.md') }] }), warn: (line) => warnings.push(line) });
});

afterAll(async () => {
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the exporters’ site', () => {
  it('prints the deck’s warnings once, at file:line', () => {
    expect(warnings).toEqual([expect.stringMatching(/talk\.md:9:9: warning: "media\/none\.png" \(src\) does not exist/)]);
  });

  it('serves the deck page with its styles in cascade order, the import map and the runtime', async () => {
    expect(site.decks[0]!.url).toBe(`${site.baseUrl}talk/`);
    const response = await get('talk/');
    expect(response.status).toBe(200);
    const html = await response.text();
    const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);
    expect(styles.map((s) => s.split('/').slice(-2).join('/'))).toEqual([
      'dist/reveal.css',
      'theme/solarized.css',
      'base16/zenburn.css',
      'deck/slidewright.css',
      'dist/katex.min.css',
    ]);
    for (const href of styles) expect((await get(href)).status, href).toBe(200);
    const importMap = JSON.parse(/<script type="importmap">(.*?)<\/script>/.exec(html)![1]!) as { imports: Record<string, string> };
    expect(Object.keys(importMap.imports)).toEqual(['reveal.js', 'reveal.js/plugin/notes']);
    for (const url of Object.values(importMap.imports)) {
      expect(url).toMatch(/\.mjs$/);
      expect(html).toContain(`<link rel="modulepreload" href="${url}">`);
      expect(await (await get(url)).text()).toMatch(/export\s*\{/);
    }
    const runtime = await get('/@slidewright/deck-runtime.js');
    expect(runtime.headers.get('content-type')).toContain('text/javascript');
    const code = await runtime.text();
    expect(code).toContain('from "reveal.js"');
    expect(code).toContain('startDeck');
    expect(html).toContain('<img src="../media/sub/pic%20one.png" alt="pic">');
  });

  it('redirects /talk to /talk/ and lists the deck at /', async () => {
    const redirect = await get('talk?print-pdf');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/talk/?print-pdf');
    expect(await (await get('/')).text()).toContain('<a href="./talk/">Talk</a>');
  });

  it('swaps the theme’s Google Fonts import for the @fontsource rules, fonts served', async () => {
    const html = await (await get('talk/')).text();
    const theme = /href="([^"]+solarized\.css)"/.exec(html)![1]!;
    const css = await (await get(theme)).text();
    expect(css).not.toContain('fonts.googleapis.com');
    expect(css).not.toContain('@import');
    const fonts = [...css.matchAll(/font-family: 'Lato';[^}]*?url\((\/@fs\/[^)]+\.woff2)\)/g)].map((m) => m[1]!);
    expect(fonts.some((f) => /@fontsource\/lato\/files\/lato-latin-400-normal\.woff2$/.test(f))).toBe(true);
    const font = await get(fonts[0]!);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
  });

  it('serves media, but no hidden file and nothing a link leads out of', async () => {
    const pic = await get('media/sub/pic%20one.png');
    expect(pic.status).toBe(200);
    expect(pic.headers.get('content-type')).toBe('image/png');
    expect(await pic.text()).toBe('PNG');
    for (const url of ['media/.hidden', 'media/passwd', 'media/none.png', 'media/../.env', 'media/%2e%2e/.env']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('serves files of the project and the page packages only', async () => {
    expect((await get(fileUrlPath(path.join(dir, 'slides', 'talk.md')))).status).toBe(200);
    for (const file of ['/etc/passwd', path.join(dir, '.env'), path.join(dir, 'media', 'passwd'), path.resolve('package.json'), path.resolve('node_modules/yaml/package.json')]) {
      expect((await get(fileUrlPath(file))).status, file).toBe(404);
    }
    expect((await get('/@fs/../../etc/passwd')).status).toBe(404);
    expect((await get('/nope/')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await fetch(new URL('talk/', site.baseUrl), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(new URL('talk/', site.baseUrl), { method: 'POST' })).status).toBe(405);
  });
});
