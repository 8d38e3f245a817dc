/**
 * Media references. Decks follow mdslides' `--include ../media` convention and write
 * `media/x.png`; a path relative to the deck file (`../media/x.png`) works too. Pages live at
 * `/<deck>/`, the media folder at `/media/`, so references become `../media/x.png`: relative,
 * hence valid under any sub-path the site is hosted at.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import type { UrlContext, UrlResolver } from '../render/deck.ts';
import { isInside, type Project } from './project.ts';

/** A media file above this size is worth a warning: the hosted deck is opened on phones. */
const LARGE_MEDIA_BYTES = 1024 * 1024;

/** Attributes whose URL must point at a file (a missing one is worth a warning). */
const EMBEDDED = new Set(['src', 'poster', 'data-src', 'data-background-image', 'data-background-video', 'data-background']);

function isLocalPath(url: string): boolean {
  return url !== '' && !/^([a-z][a-z0-9+.-]*:|\/\/|#|\/|\?)/i.test(url);
}

export function createMediaResolver(project: Project, deckFile: string): UrlResolver {
  return (url: string, context: UrlContext): string => {
    if (!isLocalPath(url)) return url;
    const [pathPart, suffix = ''] = splitSuffix(url);
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      decoded = pathPart;
    }
    const candidates = [path.resolve(path.dirname(deckFile), decoded), path.resolve(project.root, decoded)];
    const found = candidates.find((c) => existsSync(c));
    if (found && isInside(project.mediaDir, found)) {
      const size = statSync(found, { throwIfNoEntry: false })?.size ?? 0;
      if (size > LARGE_MEDIA_BYTES && EMBEDDED.has(context.attribute)) {
        context.report({
          severity: 'warning',
          code: 'large-media',
          message: `"${url}" is ${(size / 1024 / 1024).toFixed(1)} MB: on conference Wi-Fi or a phone, the slide waits for it`,
          hint: 'resize it to the size it is shown at (1920 px wide is plenty) or compress it (JPEG/WebP quality 80)',
        });
      }
      const relative = path.relative(project.mediaDir, found).split(path.sep).map(encodeURIComponent).join('/');
      return `../${path.basename(project.mediaDir)}/${relative}${suffix}`;
    }
    if (found && !isInside(project.root, found)) {
      context.report({
        severity: 'warning',
        code: 'path-outside-project',
        message: `"${url}" points outside the project; it is not served or copied`,
        hint: `put the file under ${path.relative(project.root, project.mediaDir) || 'media'}/ and refer to it as media/<file>`,
      });
      return url;
    }
    if (!found && EMBEDDED.has(context.attribute)) {
      context.report({
        severity: 'warning',
        code: 'missing-media',
        message: `"${url}" (${context.attribute}) does not exist`,
        hint: `add the file to ${path.relative(project.root, project.mediaDir) || 'media'}/ or fix the path`,
      });
    }
    return url;
  };
}

/**
 * The pixel size of a media file the pages refer to (`../media/x.png`), read from its header by
 * the image-size library (EXIF rotation applied), for the `<img>` width and height.
 */
export function createImageSizer(project: Project): (url: string) => { width: number; height: number } | undefined {
  const prefix = `../${path.basename(project.mediaDir)}/`;
  return (url) => {
    if (!url.startsWith(prefix)) return undefined;
    let file: string;
    try {
      file = path.join(project.mediaDir, decodeURIComponent(splitSuffix(url.slice(prefix.length))[0]));
    } catch {
      return undefined;
    }
    if (!isInside(project.mediaDir, file) || !existsSync(file)) return undefined;
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

/** The files of the media folder that really are inside it (symlinks resolved), project-relative. */
export function listMediaFiles(project: Project, warn: (message: string) => void): string[] {
  if (!existsSync(project.mediaDir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(project.mediaDir, { recursive: true, withFileTypes: true })) {
    if (entry.name.startsWith('.') || !(entry.isFile() || entry.isSymbolicLink())) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(project.root, file).split(path.sep).join('/');
    if (!isInside(project.mediaDir, file)) {
      warn(`slidewright: ${relative} points outside ${path.basename(project.mediaDir)}/; it is not copied or served`);
      continue;
    }
    if (entry.isSymbolicLink() && !statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    files.push(relative);
  }
  return files.sort();
}
