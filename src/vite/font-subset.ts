/**
 * Theme fonts cut down to the characters the site's decks use, at build time: a Latin
 * weight of Lato is 23 KB and carries some 400 glyphs; a deck uses about 90. Every font file
 * the build emits is subset with HarfBuzz (the subset-font library) to the characters of all
 * the decks' slides and notes, plus printable ASCII (reveal's keyboard help, slide numbers),
 * and written as WOFF2 under a new content-hashed name, so a browser never keeps a subset made
 * for other text. The @font-face rules keep their `unicode-range`: a page still fetches only the
 * files its text needs. Hinting goes too (as Google Fonts serves most browsers): it is most of
 * what is left (Lato 400: 15.4 KB hinted, 8.9 KB not) and matters only to Windows' small sizes,
 * not to text on a projector. Build only; dev and the exporters use the whole files.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Plugin } from 'vite';
import { textBlocks } from '../render/html-text.ts';
import type { DeckStore } from '../project/deck-store.ts';

/** An emitted file of the bundle, as far as this plugin reads it. */
interface BundleFile {
  type: 'asset' | 'chunk';
  fileName: string;
  source?: string | Uint8Array;
}

const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const FONT_FILE = /\.(woff2?|ttf|otf)$/;

/** The characters a page shows for this HTML: its text (entities decoded), not its markup. */
export function textCharacters(html: string, into = new Set<string>()): Set<string> {
  if (addsNothing(html, into)) return into;
  for (const block of textBlocks(html)) for (const char of block) into.add(char);
  return into;
}

const PLAIN_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Whether parsing `html` could add nothing to `known`: every character of it, and of the few
 * entities it may use, is known already. Its text is made of those, so the answer is exact; and
 * a large deck in plain ASCII (the set starts with printable ASCII) is not parsed at all: parse5
 * takes 1.2 s and hundreds of MB on 6 MB of slides.
 */
function addsNothing(html: string, known: Set<string>): boolean {
  for (const char of html) if (!known.has(char) && char !== '\n' && char !== '\t' && char !== '\r') return false;
  for (const m of html.matchAll(/&[^;&\s]{0,10};?/g)) {
    const plain = PLAIN_ENTITIES[m[0]];
    if (plain === undefined || !known.has(plain)) return false;
  }
  return true;
}

export function fontSubsetPlugin(store: () => DeckStore): Plugin {
  return {
    name: 'slidewright:font-subset',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const files = Object.values(bundle) as BundleFile[];
      const fonts = files.filter((file) => file.type === 'asset' && FONT_FILE.test(file.fileName) && file.source !== undefined);
      if (fonts.length === 0) return;
      const characters = new Set(PRINTABLE_ASCII);
      for (const entry of store().list()) {
        const deck = store().load(entry);
        textCharacters(deck.rendered.slidesHtml, characters);
        for (const char of deck.title) characters.add(char);
      }
      const text = [...characters].join('');
      const { default: subsetFont } = await import('subset-font');
      const renamed = new Map<string, string>();
      let before = 0;
      let after = 0;
      for (const font of fonts) {
        const source = typeof font.source === 'string' ? Buffer.from(font.source) : Buffer.from(font.source!);
        let subset: Buffer;
        try {
          subset = await subsetFont(source, text, { targetFormat: 'woff2', noHinting: true });
        } catch (error) {
          this.warn(`${font.fileName} could not be subset (${(error as Error).message}); it ships whole`);
          continue;
        }
        if (subset.length >= source.length && font.fileName.endsWith('.woff2')) continue;
        const hash = createHash('sha256').update(subset).digest('base64url').slice(0, 8);
        const fileName = path.posix.join(path.posix.dirname(font.fileName), `${path.posix.basename(font.fileName).replace(/(-[\w-]{8})?\.\w+$/, '')}-${hash}.woff2`);
        before += source.length;
        after += subset.length;
        delete bundle[font.fileName];
        this.emitFile({ type: 'asset', fileName, source: subset });
        renamed.set(path.posix.basename(font.fileName), path.posix.basename(fileName));
      }
      // The stylesheets point at the new files (and say WOFF2 where a WOFF was converted).
      for (const file of files) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.css') || typeof file.source !== 'string') continue;
        let css = file.source;
        for (const [from, to] of renamed) {
          css = css.replace(new RegExp(`${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\)\\s*format\\()(["'])woff\\2\\)`, 'g'), `${to}$1$2woff2$2)`).replaceAll(from, to);
        }
        file.source = css;
      }
      this.info?.(`fonts subset to ${characters.size} characters: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB`);
    },
  };
}
