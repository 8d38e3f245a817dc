/**
 * Marp CLI as a baseline for the PDF bench (issue #12): installed by the bench only, never a
 * dependency of slidewright, cached under node_modules/.cache/slidewright-bench/marp so that
 * later runs skip the install; and the mdslides deck rewritten in Marp's own format.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface MarpInstall {
  /** marp-cli.js, run with `node`. */
  bin: string;
  version: string;
  /** Whether this run installed it (false: from the cache). */
  installed: boolean;
}

const PACKAGE = '@marp-team/marp-cli';

async function readInstalled(prefix: string): Promise<MarpInstall | null> {
  const dir = path.join(prefix, 'node_modules', ...PACKAGE.split('/'));
  try {
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string; bin: string | Record<string, string> };
    const binPath = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.marp;
    if (!binPath) return null;
    const bin = path.join(dir, binPath);
    return existsSync(bin) ? { bin, version: pkg.version, installed: false } : null;
  } catch {
    return null;
  }
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => resolve({ code: null, output: `${output}${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Marp CLI from the cache, else installed with npm into a temporary directory beside the cache
 * and moved into place once complete (a failed or interrupted install leaves no half cache).
 * The spec `@*` lets npm pick the newest release whose `engines` admit this Node (npm prefers
 * engine-compatible versions; `latest` when it is one). Returns the reason as a string when it
 * cannot be installed (no network, registry error, ...).
 */
export async function installMarp(root: string, log: (line: string) => void): Promise<MarpInstall | string> {
  const cacheParent = path.join(root, 'node_modules/.cache/slidewright-bench');
  const cache = path.join(cacheParent, 'marp');
  const cached = await readInstalled(cache);
  if (cached) return cached;
  await mkdir(cacheParent, { recursive: true });
  const staging = await mkdtemp(path.join(cacheParent, 'marp-install-'));
  try {
    const prefix = path.join(staging, 'marp');
    await mkdir(prefix);
    log(`Marp CLI: installing ${PACKAGE} with npm (once; cached in ${path.relative(root, cache)})…`);
    const npm = await run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `${PACKAGE}@*`], staging);
    if (npm.code !== 0) {
      const lines = npm.output.trim().split('\n');
      const errors = lines.filter((l) => /^npm (error|ERR!)/.test(l)).slice(0, 3);
      return `npm install ${PACKAGE} exited ${npm.code}: ${(errors.length ? errors : lines.slice(-3)).join(' | ')}`;
    }
    const installed = await readInstalled(prefix);
    if (!installed) return `npm install ${PACKAGE} succeeded but left no marp-cli.js in ${prefix}`;
    await rm(cache, { recursive: true, force: true });
    await rename(prefix, cache);
    const final = await readInstalled(cache);
    return final ? { ...final, installed: true } : `${PACKAGE} vanished from ${cache} after the install`;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

const DIRECTIVE = /^\[comment\]: # ["'(](.*)[)"']\s*$/;
const NOTES_MARKER = /^ {0,3}notes?:/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * An mdslides deck in Marp's format: `marp: true` front matter; `[comment]: # (!!!)` and
 * `[comment]: # (|||)` become `---` (Marp has no vertical stacks: each slide of a stack is a
 * slide, as each is a page of our PDF); a `Note:` line (or `[comment]: # (notes)`) starts the
 * notes, which become an HTML comment (Marp's presenter notes); every other directive (options,
 * settings, comments) is dropped; the markdown and images stay, relative image paths made
 * absolute file URLs against the deck's folder (the Marp file is written elsewhere).
 * `size: 4:3` is Marp's nearest to the decks' 960×700 (960×720).
 */
export function toMarp(source: string, deckDir: string): { markdown: string; slides: number } {
  let lines = source.split(/\r\n|\r|\n/);
  // The deck's own front matter (slidewright's settings) means nothing to Marp.
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) lines = lines.slice(end + 1);
  }
  const slides: Array<{ body: string[]; notes: string[] | null }> = [];
  let current: { body: string[]; notes: string[] | null } = { body: [], notes: null };
  let fence: string | null = null;
  const absolute = (url: string) =>
    /^(?:[a-z][a-z0-9+.-]*:|\/|#|data:)/i.test(url) ? url : pathToFileURL(path.resolve(deckDir, decodeURI(url))).href;
  for (const line of lines) {
    const target = current.notes ?? current.body;
    if (fence) {
      target.push(line);
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      fence = opening[1]!;
      target.push(line);
      continue;
    }
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      const content = directive[1]!.trim();
      if (content.startsWith('!!!') || content.startsWith('|||')) {
        slides.push(current);
        current = { body: [], notes: null };
      } else if (/^notes?$/i.test(content) && current.notes === null) {
        current.notes = [];
      }
      continue; // options, settings, comments: nothing for Marp
    }
    if (current.notes === null && NOTES_MARKER.test(line)) {
      current.notes = [line.replace(NOTES_MARKER, '')];
      continue;
    }
    target.push(
      line
        // A rule in mdslides; `---` would split a Marp slide.
        .replace(/^ {0,3}-{3,}\s*$/, '***')
        .replace(/(!\[[^\]]*\]\()(<[^>]*>|[^)\s]+)/g, (_, head: string, url: string) =>
          url.startsWith('<') ? `${head}<${absolute(url.slice(1, -1))}>` : `${head}${absolute(url)}`,
        )
        .replace(/(<img\b[^>]*\bsrc=)(["'])(.*?)\2/gi, (_, head: string, q: string, url: string) => `${head}${q}${absolute(url)}${q}`),
    );
  }
  // The text after the last separator is a slide only when it has content (mdslides' rule).
  if (current.body.some((l) => l.trim() !== '') || current.notes?.some((l) => l.trim() !== '')) slides.push(current);
  const parts = slides.map(({ body, notes }) => {
    const text = body.join('\n').trim();
    const note = notes?.join('\n').trim();
    // `-->` would end the comment early.
    return note ? `${text}\n\n<!--\n${note.replace(/--+>/g, (m) => m.replace('>', ' >'))}\n-->` : text;
  });
  return { markdown: ['---', 'marp: true', 'size: 4:3', '---', '', parts.join('\n\n---\n\n'), ''].join('\n'), slides: slides.length };
}

/** Writes `deck` as Marp markdown into `dir`; returns the file and its slide count. */
export async function writeMarpDeck(deckFile: string, dir: string, name: string): Promise<{ file: string; slides: number }> {
  const { markdown, slides } = toMarp(await readFile(deckFile, 'utf8'), path.dirname(deckFile));
  const file = path.join(dir, `${name}.marp.md`);
  await writeFile(file, markdown);
  return { file, slides };
}

/**
 * The environment Marp runs with: our browser binary, no sandbox (Chromium refuses to start as
 * root with one; Marp ≥ 4.0.3 drops it by itself for uid 0 and honours `CHROME_NO_SANDBOX`, see
 * marp-team/marp-cli#550 and #614), and no GPU, as our launch flags have it.
 */
export function marpEnv(executablePath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHROME_PATH: executablePath, CHROME_DISABLE_GPU: '1' };
  if (process.getuid?.() === 0) env.CHROME_NO_SANDBOX = '1';
  return env;
}
