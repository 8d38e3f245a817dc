/**
 * What a visitor downloads on the first load of a deck page: every request recorded (off-origin
 * ones blocked and listed), every response gzipped at level 6 as static hosts serve it. Shared
 * by the hosting benchmark and the hosted-deck test.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright';

export interface LoadedFile {
  /** Path and query on the site. */
  url: string;
  status: number;
  raw: number;
  gzip: number;
}

export interface FirstLoad {
  files: LoadedFile[];
  /** Requests to other hosts (blocked). */
  offOrigin: string[];
  /** Sum of the files' gzip sizes. */
  gzip: number;
  /** Fonts the page uses that did not load (`FontFace.status` other than loaded, for faces in use). */
  fontsNotLoaded: string[];
  /** Milliseconds from navigation to reveal.js ready and fonts ready. */
  ms: number;
}

export async function firstLoad(browser: Browser, origin: string, pagePath: string): Promise<FirstLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const files: LoadedFile[] = [];
    const offOrigin: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
      offOrigin.push(url);
      return route.abort();
    });
    const bodies: Promise<void>[] = [];
    page.on('response', (response) => {
      if (!response.url().startsWith(origin)) return;
      bodies.push(
        response
          .body()
          .then((body) => void files.push({ url: response.url().slice(origin.length), status: response.status(), raw: body.length, gzip: gzipSync(body).length }))
          .catch(() => undefined),
      );
    });
    const start = performance.now();
    await page.goto(`${origin}${pagePath}`);
    await page.waitForFunction(() => window.Reveal?.isReady());
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const ms = performance.now() - start;
    await page.waitForLoadState('networkidle');
    await Promise.all(bodies);
    // A face the page needed is one the browser started loading; each must have arrived.
    const fontsNotLoaded = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.status === 'loading' || f.status === 'error').map((f) => `${f.family} ${f.weight} ${f.style}: ${f.status}`),
    );
    return { files, offOrigin, gzip: files.reduce((sum, f) => sum + f.gzip, 0), fontsNotLoaded, ms };
  } finally {
    await context.close();
  }
}

/** A built site served as a static host would, under `subPath` (`/talks/`), on 127.0.0.1. */
export async function serveSite(dir: string, subPath = '/'): Promise<{ origin: string; close(): void }> {
  const { createServer } = await import('node:http');
  const path = await import('node:path');
  const { notFound, sendFile } = await import('../../../src/util/serve-file.ts');
  const { isVisibleInside } = await import('../../../src/project/paths.ts');
  const server = createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return notFound(res);
    }
    if (!pathname.startsWith(subPath)) return notFound(res);
    let file = path.resolve(dir, `.${pathname.slice(subPath.length - 1)}`);
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    if (!isVisibleInside(dir, file)) return notFound(res);
    sendFile(res, file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no TCP address');
  return { origin: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
