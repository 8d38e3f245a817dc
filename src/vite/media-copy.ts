/**
 * The media folder in the build and the dev server. Apart from the URL resolver (media.ts),
 * which the exporters load too, so that they do not load the copy plugin.
 */
import type { Plugin } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import type { Project } from './project.ts';
import { listMediaFiles } from './media.ts';

/**
 * `media/` is copied once into the build (`dist/media/`) and served at `/media/` in dev, by
 * vite-plugin-static-copy, file by file: a file that resolves outside the media folder (a
 * symlink to `/etc/passwd`, say) is neither copied nor served. The list is taken at start-up;
 * the live-reload plugin restarts the dev server when media files come or go.
 */
export function mediaCopyPlugins(project: Project, warn: (message: string) => void = console.warn): Plugin[] {
  const files = listMediaFiles(project, warn);
  if (files.length === 0) return [];
  return viteStaticCopy({ structured: true, silent: true, targets: files.map((src) => ({ src, dest: '.' })) });
}
