/**
 * Media references. Decks follow mdslides' `--include ../media` convention and write
 * `media/x.png` (an include folder is published under its own name); a path relative to the
 * deck file (`../media/x.png`) or to the project root works too. In a site, pages live at
 * `/<deck>/` and an include folder at `/media/`, so references become `../media/x.png`; in the
 * mdslides layout the folder is copied beside the page, so they become `media/x.png`. Relative
 * either way, hence valid under any sub-path the site is hosted at.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import type { UrlContext, UrlResolver } from '../render/deck.ts';
import { isInside, isVisibleInside } from './paths.ts';
import { includeDirOf, type Project } from './project.ts';

/** A media file above this size is worth a warning: the hosted deck is opened on phones. */
const LARGE_MEDIA_BYTES = 1024 * 1024;

/** Attributes whose URL must point at a file (a missing one is worth a warning). */
const EMBEDDED = new Set(['src', 'poster', 'data-src', 'data-background-image', 'data-background-video', 'data-background']);

function isLocalPath(url: string): boolean {
  return url !== '' && !/^([a-z][a-z0-9+.-]*:|\/\/|#|\/|\?)/i.test(url);
}

/** Whether a file is there; the compiled-deck cache passes one that also notes what was asked. */
export type FileExists = (file: string) => boolean;

/**
 * `onMedia`: told each media file a reference resolves to (what a deck built on its own must carry).
 * `exists`: how files are looked for (every lookup a compile makes goes through it).
 */
export function createMediaResolver(project: Project, deckFile: string, onMedia?: (file: string) => void, exists: FileExists = existsSync): UrlResolver {
  return (url: string, context: UrlContext): string => {
    if (!isLocalPath(url)) return url;
    const [pathPart, suffix = ''] = splitSuffix(url);
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      decoded = pathPart;
    }
    const candidates = [
      path.resolve(path.dirname(deckFile), decoded),
      // `media/x.png` names a file of the include folder called media, wherever it is.
      ...project.includeDirs.map((dir) => path.resolve(path.dirname(dir), decoded)),
      path.resolve(project.root, decoded),
    ];
    const found = candidates.find((c) => exists(c));
    const dir = found && includeDirOf(project, found);
    if (found && dir) {
      onMedia?.(found);
      const size = statSync(found, { throwIfNoEntry: false })?.size ?? 0;
      if (size > LARGE_MEDIA_BYTES && EMBEDDED.has(context.attribute)) {
        context.report({
          severity: 'warning',
          code: 'large-media',
          message: `"${url}" is ${(size / 1024 / 1024).toFixed(1)} MB: on conference Wi-Fi or a phone, the slide waits for it`,
          hint: 'resize it to the size it is shown at (1920 px wide is plenty) or compress it (JPEG/WebP quality 80)',
        });
      }
      const relative = path.relative(dir, found).split(path.sep).map(encodeURIComponent).join('/');
      return `${mediaUrlPrefix(project, dir)}${relative}${suffix}`;
    }
    if (found && !isInside(project.root, found)) {
      context.report({
        severity: 'warning',
        code: 'path-outside-project',
        message: `"${url}" points outside the project; it is not served or copied`,
        hint: `put the file under ${mediaFolderName(project)}/ (or add its folder with --include DIR) and refer to it as ${path.basename(mediaFolderName(project))}/<file>`,
      });
      return url;
    }
    if (!found && EMBEDDED.has(context.attribute)) {
      context.report({
        severity: 'warning',
        code: 'missing-media',
        message: `"${url}" (${context.attribute}) does not exist`,
        hint: `add the file to ${mediaFolderName(project)}/ or fix the path${project.includeDirs.length ? '' : ' (a media folder elsewhere: --include DIR)'}`,
      });
    }
    return url;
  };
}

/**
 * The pixel size of a media file the pages refer to (`../media/x.png`), read from its header by
 * the image-size library (EXIF rotation applied), for the `<img>` width and height.
 */
export function createImageSizer(project: Project, exists: FileExists = existsSync): (url: string) => { width: number; height: number } | undefined {
  return (url) => {
    const dir = project.includeDirs.find((d) => url.startsWith(mediaUrlPrefix(project, d)));
    if (!dir) return undefined;
    let file: string;
    try {
      file = path.join(dir, decodeURIComponent(splitSuffix(url.slice(mediaUrlPrefix(project, dir).length))[0]));
    } catch {
      return undefined;
    }
    if (!isInside(dir, file) || !exists(file)) return undefined;
    try {
      const size = imageSize(file);
      if (!size.width || !size.height) return undefined;
      const turned = size.orientation !== undefined && size.orientation >= 5;
      return turned ? { width: size.height, height: size.width } : { width: size.width, height: size.height };
    } catch {
      return undefined; // not an image it knows (a video poster URL, say): no size
    }
  };
}

function splitSuffix(url: string): [string, string?] {
  const i = url.search(/[?#]/);
  return i < 0 ? [url] : [url.slice(0, i), url.slice(i)];
}

/** How a page refers to the include folder `dir`: beside the deck folders, or inside the deck's own. */
export function mediaUrlPrefix(project: Project, dir: string): string {
  return `${project.layout === 'mdslides' ? '' : '../'}${path.basename(dir)}/`;
}

/** The media folder as messages name it (the first include folder, else `media`). */
function mediaFolderName(project: Project): string {
  const first = project.includeDirs[0];
  return first ? path.relative(process.cwd(), first) || '.' : 'media';
}

export interface MediaFile {
  /** Absolute path. */
  file: string;
  /** Where it is published: `<include folder name>/<path inside it>`, with `/`. */
  published: string;
}

/** The files of the include folders that really are inside them (symlinks resolved), not hidden. */
export function listMediaFiles(project: Project, warn: (message: string) => void): MediaFile[] {
  const files: MediaFile[] = [];
  for (const dir of project.includeDirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.name.startsWith('.') || !(entry.isFile() || entry.isSymbolicLink())) continue;
      const file = path.join(entry.parentPath, entry.name);
      const published = [path.basename(dir), ...path.relative(dir, file).split(path.sep)].join('/');
      if (path.relative(dir, file).split(path.sep).some((segment) => segment.startsWith('.'))) continue;
      if (!isInside(dir, file)) {
        warn(`slidewright: ${published} points outside ${path.basename(dir)}/; it is not copied or served`);
        continue;
      }
      if (entry.isSymbolicLink() && !statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
      files.push({ file, published });
    }
  }
  return files.sort((a, b) => a.published.localeCompare(b.published));
}

/** The file a request path inside the site names (`media/x.png`), if it is a visible media file. */
export function mediaFileAt(project: Project, published: string): string | undefined {
  const [head, ...rest] = published.split('/');
  const dir = project.includeDirs.find((d) => path.basename(d) === head);
  if (!dir || rest.length === 0) return undefined;
  const file = path.resolve(dir, ...rest);
  return isVisibleInside(dir, file) ? file : undefined;
}
