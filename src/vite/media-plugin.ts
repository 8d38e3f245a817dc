/**
 * The media folder in the build and the dev server. Apart from the URL resolver (media.ts),
 * which the exporters load too, so that they do not load the copy plugin.
 *
 * Only files really inside the media folder are copied or served (a symlink to `/etc/passwd`
 * is neither), and no hidden ones (`.env`).
 * - Build: copied once into `dist/` by vite-plugin-static-copy, file by file.
 * - Dev: served straight from the folder, so files can come and go while the server runs: a
 *   changed file is fetched again where the open slides use it; an added or removed one changes
 *   how decks resolve their references (a missing-image warning goes, the picture shows), so the
 *   decks are compiled again and the open pages patched.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { MEDIA_UPDATE_EVENT, type MediaUpdate } from '../client/deck/hmr-protocol.ts';
import { notFound, sendFile } from '../util/serve-file.ts';
import type { DeckStore } from './deck-store.ts';
import { listMediaFiles } from './media.ts';
import { isInside, isVisibleInside } from './project.ts';

export interface MediaPluginOptions {
  /** Dev: media files came or went; the decks' references must be resolved again. */
  onFilesChanged(): void;
  warn?: (message: string) => void;
}

export function mediaPlugins(store: () => DeckStore, options: MediaPluginOptions): Plugin[] {
  const project = store().project;
  const { mediaDir, root } = project;
  const files = listMediaFiles(project, options.warn ?? console.warn);
  const copy = (files.length === 0 ? [] : viteStaticCopy({ structured: true, silent: true, targets: files.map((src) => ({ src, dest: '.' })) })).map(
    (plugin): Plugin => ({ ...plugin, apply: 'build' }),
  );
  const serve: Plugin = {
    name: 'slidewright:media',
    apply: 'serve',
    configureServer(server) {
      const prefix = () => `${server.config.base}${path.relative(root, mediaDir).split(path.sep).join('/')}/`;
      // Before Vite's own static files, which would serve the project folder as it is.
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (!pathname.startsWith(prefix())) return next();
        let relative: string;
        try {
          relative = decodeURIComponent(pathname.slice(prefix().length));
        } catch {
          return notFound(res);
        }
        const file = path.resolve(mediaDir, relative);
        if (!isVisibleInside(mediaDir, file)) return notFound(res);
        sendFile(res, file);
      });
      server.watcher.add(mediaDir);
      server.watcher.on('change', (file) => {
        if (!isInside(mediaDir, file)) return;
        server.ws.send(MEDIA_UPDATE_EVENT, { paths: [`${prefix()}${path.relative(mediaDir, file).split(path.sep).join('/')}`] } satisfies MediaUpdate);
      });
      const onListChange = (file: string) => {
        if (!isInside(mediaDir, file)) return;
        server.config.logger.info(`${path.relative(root, file)} added or removed: updating the decks`, { timestamp: true });
        options.onFilesChanged();
      };
      server.watcher.on('add', onListChange);
      server.watcher.on('unlink', onListChange);
    },
  };
  return [...copy, serve];
}
