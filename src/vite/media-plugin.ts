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
import type { DeckStore } from '../project/deck-store.ts';
import { listMediaFiles, mediaFileAt } from '../project/media.ts';
import { includeDirOf } from '../project/project.ts';

export interface MediaPluginOptions {
  /** Dev: media files came or went; the decks' references must be resolved again. */
  onFilesChanged(): void;
  warn?: (message: string) => void;
}

export function mediaPlugins(store: () => DeckStore, options: MediaPluginOptions): Plugin[] {
  const project = store().project;
  const all = listMediaFiles(project, options.warn ?? console.warn);
  // A deck built into its own folder (mdslides layout) carries the media it uses, not the
  // whole folder once per deck.
  const used = project.layout === 'mdslides' ? new Set(store().list().flatMap((entry) => store().load(entry).media)) : undefined;
  const files = used ? all.filter((f) => used.has(f.file)) : all;
  const copy = (
    files.length === 0
      ? []
      : viteStaticCopy({ silent: true, targets: files.map((f) => ({ src: escapeGlob(f.file), dest: path.posix.dirname(f.published) })) })
  )
    // Its dev half serves a fixed file list; the dev server below serves the folder as it is now.
    .filter((plugin) => plugin.apply !== 'serve')
    .map((plugin): Plugin => ({ ...plugin, apply: 'build' }));
  const serve: Plugin = {
    name: 'slidewright:media',
    apply: 'serve',
    configureServer(server) {
      const urlOf = (file: string) => {
        const dir = includeDirOf(project, file);
        return dir && `${server.config.base}${[path.basename(dir), ...path.relative(dir, file).split(path.sep)].join('/')}`;
      };
      // Before Vite's own static files, which would serve the project folder as it is.
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (!pathname.startsWith(server.config.base)) return next();
        let relative: string;
        try {
          relative = decodeURIComponent(pathname.slice(server.config.base.length));
        } catch {
          return notFound(res);
        }
        const head = relative.split('/')[0];
        if (!project.includeDirs.some((dir) => path.basename(dir) === head)) return next();
        const file = mediaFileAt(project, relative);
        if (!file) return notFound(res);
        sendFile(res, file);
      });
      server.watcher.add(project.includeDirs);
      server.watcher.on('change', (file) => {
        const url = urlOf(file);
        if (url) server.ws.send(MEDIA_UPDATE_EVENT, { paths: [url] } satisfies MediaUpdate);
      });
      const onListChange = (file: string) => {
        if (!includeDirOf(project, file)) return;
        server.config.logger.info(`${path.relative(process.cwd(), file)} added or removed: updating the decks`, { timestamp: true });
        options.onFilesChanged();
      };
      server.watcher.on('add', onListChange);
      server.watcher.on('unlink', onListChange);
    },
  };
  return [...copy, serve];
}

/** A file path as a glob that matches only itself (names may hold `[`, `*`, `(`…). */
function escapeGlob(file: string): string {
  return file.split(path.sep).join('/').replace(/[*?[\]{}()!@+]/g, '\\$&');
}
