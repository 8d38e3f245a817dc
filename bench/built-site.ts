/**
 * A deck built for production with Vite (as `npm run build` does) and served by Vite's preview
 * server: what the PDF floor prints. The exporters serve decks without a bundler instead (see
 * src/export/site.ts), so the floor is measured on the real hosted build.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';
import { slidewright } from '../src/vite/index.ts';
import type { DeckEntry } from '../src/project/project.ts';
import { resolveProject } from '../src/project/project.ts';

export interface BuiltSite {
  /** The deck page's URL. */
  url: string;
  close(): Promise<void>;
}

export async function startBuiltSite(root: string, deck: DeckEntry): Promise<BuiltSite> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'slidewright-built-'));
  const inline = {
    root,
    configFile: false as const,
    base: './',
    publicDir: false as const,
    appType: 'mpa' as const,
    logLevel: 'warn' as const,
    plugins: [slidewright({ project: resolveProject(root, { decks: [deck] }) })],
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  };
  try {
    await build(inline);
    const server = await preview({ ...inline, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('the preview server has no TCP address');
    return {
      url: `http://127.0.0.1:${address.port}/${encodeURIComponent(deck.name)}/`,
      async close() {
        await server.close();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}
