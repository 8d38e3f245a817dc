/**
 * Live reload in `npm run dev`: saving a deck (or adding, removing a deck or a media file)
 * reloads the browser. The deck's cached compilation and its module are dropped first.
 */
import path from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { DeckStore } from './deck-store.ts';
import { RESOLVED_DECK_MODULE_PREFIX } from './ids.ts';
import { isInside } from './project.ts';

export function liveReloadPlugin(store: () => DeckStore): Plugin {
  return {
    name: 'slidewright:live-reload',
    apply: 'serve',
    configureServer(server: ViteDevServer) {
      const { slidesDir, mediaDir } = store().project;
      server.watcher.add([slidesDir, mediaDir]);
      const onChange = (file: string) => {
        const isDeck = isInside(slidesDir, file) && file.endsWith('.md');
        if (!isDeck && !isInside(mediaDir, file)) return;
        if (isDeck) {
          store().invalidate(file);
          const name = path.basename(file, '.md');
          const mod = server.moduleGraph.getModuleById(RESOLVED_DECK_MODULE_PREFIX + name);
          if (mod) server.moduleGraph.invalidateModule(mod);
        }
        server.config.logger.info(`${path.relative(server.config.root, file)} changed: reloading`, { timestamp: true });
        server.ws.send({ type: 'full-reload', path: '*' });
      };
      // The media copy serves a fixed list of files: a file that comes or goes needs a restart.
      const onMediaListChange = (file: string) => {
        if (!isInside(mediaDir, file)) return onChange(file);
        server.config.logger.info(`${path.relative(server.config.root, file)} added or removed: restarting`, { timestamp: true });
        void server.restart();
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onMediaListChange);
      server.watcher.on('unlink', onMediaListChange);
    },
    // The deck module watches its .md file; Vite's own HMR for it would only re-run the module.
    handleHotUpdate({ file }) {
      if (file.endsWith('.md') && isInside(store().project.slidesDir, file)) return [];
      return undefined;
    },
  };
}
