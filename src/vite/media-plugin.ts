/**
 * The media folder in the build and the dev server. Apart from the URL resolver (media.ts),
 * which the exporters load too, so that they do not load the copy plugin.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { MEDIA_UPDATE_EVENT, type MediaUpdate } from '../client/deck/hmr-protocol.ts';
import type { DeckStore } from './deck-store.ts';
import { listMediaFiles } from './media.ts';
import { isInside } from './project.ts';

/**
 * `media/` is copied once into the build (`dist/media/`) and served at `/media/` in dev, by
 * vite-plugin-static-copy, file by file: a file that resolves outside the media folder (a
 * symlink to `/etc/passwd`, say) is neither copied nor served. The list is taken at start-up,
 * so in dev a media file that comes or goes restarts the server (the pages reload at the slide
 * they showed); a changed file is fetched again where the open slides use it.
 */
export function mediaPlugins(store: () => DeckStore, warn: (message: string) => void = console.warn): Plugin[] {
  const project = store().project;
  const files = listMediaFiles(project, warn);
  const copy = files.length === 0 ? [] : viteStaticCopy({ structured: true, silent: true, targets: files.map((src) => ({ src, dest: '.' })) });
  const watch: Plugin = {
    name: 'slidewright:media',
    apply: 'serve',
    configureServer(server) {
      const { mediaDir, root } = project;
      server.watcher.add(mediaDir);
      const urlPath = (file: string) => `${server.config.base}${path.relative(root, file).split(path.sep).join('/')}`;
      server.watcher.on('change', (file) => {
        if (!isInside(mediaDir, file)) return;
        server.ws.send(MEDIA_UPDATE_EVENT, { paths: [urlPath(file)] } satisfies MediaUpdate);
      });
      const onListChange = (file: string) => {
        if (!isInside(mediaDir, file)) return;
        // Decks that refer to the file resolve it differently now (a warning comes or goes).
        store().invalidateAll();
        server.config.logger.info(`${path.relative(root, file)} added or removed: restarting`, { timestamp: true });
        void server.restart();
      };
      server.watcher.on('add', onListChange);
      server.watcher.on('unlink', onListChange);
    },
  };
  return [...copy, watch];
}
