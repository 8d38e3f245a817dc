/**
 * Property tests (fast-check): correct text is never changed, repair is idempotent, and text
 * damaged by one or two wrong decodings comes back exactly.
 */
import fc from 'fast-check';
import { fix_encoding } from 'ftfy-js';
import { describe, expect, it } from 'vitest';
import { repairDeckText } from '../../../src/repair/index.ts';
import { misread } from './damage.ts';

const RUNS = Number(process.env.REPAIR_PROPERTY_RUNS ?? 200);

// Real words, including correct text that resembles mojibake (NÃO, £, x×², ’).
const WORDS = {
  latin: ['José', 'Joaquín', 'NÃO', 'São', 'coração', 'Müller', 'Straße', 'Zürich', 'garçon', 'naïve', 'façade', 'Ångström',
    'Øresund', 'Łódź', 'Dvořák', 'Čeština', 'Erdős', 'İstanbul', 'şeker', 'Nguyễn', 'Việt', 'café', 'résumé', 'niño', 'año',
    'Ñandú', 'PERÚ', 'ÉCOLE', 'Èvora', 'Þórr', 'smørrebrød', 'Ærø', 'çà', 'où', 'à', 'é', 'Ä', 'Í', 'ÁRVORE', 'Ýmir'],
  ascii: ['slide', 'deck', 'the', 'of', 'Perl', 'CPAN', 'security', 'A', 'x', 'i', 'OK', 'v2', '42', 'HTTP/2'],
  greek: ['Ελληνικά', 'αλφάβητο', 'Αθήνα', 'λόγος', 'ψυχή', 'ΣΟΦΙΑ', 'μs', 'Ω'],
  cyrillic: ['Привет', 'мир', 'Москва', 'ЁЖИК', 'слайд', 'Україна', 'їжак', 'Ђорђе', 'Эхо', 'Нет'],
  cjk: ['日本語', '中文', '漢字', 'ひらがな', 'カタカナ', 'テキスト', '한국어', '서울', '東京タワー'],
  emoji: ['🦆', '👍', '👉', '🇫🇷', '🇯🇵', '👨‍👩‍👧', '🏳️‍🌈', '❤️', '✅', '1️⃣', '👩🏽‍💻', '🙏', '🚧', '😀'],
  math: ['∀x', '∈', 'ℝ', 'x²', '≥', '∑', '∫', '√2', 'π≈3.14', 'α→β', '½', '±', '×', '÷', 'x×²', '∞', '≠'],
  symbols: ['£5', '€10', '¥', '©', '®', '™', '°C', '§3', '¶', '•', '…', '—', '–', '“quoted”', '‘single’', '«guillemets»',
    '„so“', '’tis', 'don’t', '¿Qué?', '¡Hola!'],
};
const ALL_WORDS = Object.values(WORDS).flat();
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', ': ', ' – ', ' (', ') ', '\u00a0', ' / '];
const LINE_PREFIXES = ['', '', '', '# ', '## ', '- ', '* ', '> ', '1. ', 'Note: '];

const wordArb = fc.constantFrom(...ALL_WORDS);
const lineArb = fc
  .tuple(fc.constantFrom(...LINE_PREFIXES), fc.array(fc.tuple(wordArb, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 10 }))
  .map(([prefix, parts]) => (prefix + parts.map(([w, s]) => w + s).join('')).trimEnd());
/** A deck of real words: the kind of text that must come out exactly as it went in. */
const deckArb = fc.array(lineArb, { minLength: 1, maxLength: 12 }).map((lines) => `${lines.join('\n')}\n`);

type Layer = 'cp1252' | 'latin1';
const damage = (text: string, layers: readonly Layer[]): string => layers.reduce((out, layer) => misread(out, layer), text);
const layersArb = fc.array(fc.constantFrom<Layer>('cp1252', 'latin1'), { minLength: 1, maxLength: 2 });

function ftfyPerLine(text: string): string {
  return text.split('\n').map((l) => fix_encoding(l)).join('\n');
}

describe('repair properties', () => {
  it('never changes correct text built from real words (any script, emoji, math, symbols)', () => {
    fc.assert(
      fc.property(deckArb, (deck) => {
        const result = repairDeckText(deck);
        expect(result.text).toBe(deck);
        expect(result.repairs).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('never changes random Unicode text that ftfy itself leaves alone', () => {
    // Random code points can spell real mojibake ("Ã©") by chance; ftfy's verdict decides what
    // counts as correct, and our own layer must not add changes on top of it.
    const textArb = fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 6 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(textArb, (text) => {
        fc.pre(ftfyPerLine(text) === text);
        expect(repairDeckText(text).text).toBe(text);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('never changes random text drawn from Latin-1 and Windows-1252 characters unless ftfy would', () => {
    // The characters mojibake is made of, densely: the hardest case for the pre-check and the
    // dropped-byte layer.
    const chars = fc.constantFrom(...'aeinoAEIOU ,.\u00a0ÃÂâ€œ”“™šœŸ©®°±²³µ¶·¹º»¼½¾¿ÀÁÇÈÉÍÑÓÖ×ØÚÜÝßàáâãäåçèéêëíîïñòóôõöøùúûüýÿ\u0081\u008d\u00ad');
    const textArb = fc.array(chars, { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(textArb, (text) => {
        const ours = repairDeckText(text).text;
        if (ftfyPerLine(text) === text) expect(ours).toBe(text);
        expect(repairDeckText(ours).text).toBe(ours);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('brings back text damaged by one or two layers of Windows-1252 or Latin-1, exactly', () => {
    let undetectable = 0;
    fc.assert(
      fc.property(deckArb, layersArb, fc.boolean(), (body, layers, titled) => {
        // Real decks have a title or a name somewhere; without one, a deck of only "™" damaged
        // twice is indistinguishable from correct "â„¢" damaged once (ftfy stops at one layer).
        const deck = titled ? `# José Müller — “Ελληνικά”\n${body}` : body;
        const damaged = damage(deck, layers);
        // A deck where ftfy sees no damage at all on any line ("Nguyá»…n" alone) gives no
        // evidence to act on; elsewhere in a damaged deck such lines are repaired too.
        if (!titled && ftfyPerLine(damaged) !== deck) {
          undetectable++;
          return;
        }
        expect(repairDeckText(damaged).text).toBe(deck);
      }),
      { numRuns: RUNS },
    );
    expect(undetectable).toBeLessThan(RUNS / 4);
  });

  it('repairs every damaged line of a deck ftfy only partly detects ("ÅŸeker", "Nguyá»…n")', () => {
    const quiet = fc.array(fc.constantFrom('şeker', 'Nguyễn', 'Việt', 'Łódź'), { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(quiet, deckArb, (line, deck) => {
        const text = `José\n${line}\n${deck}`;
        expect(repairDeckText(damage(text, ['cp1252'])).text).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('is idempotent, on correct, damaged and half-damaged decks', () => {
    const mixedArb = fc.tuple(deckArb, layersArb, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 })).map(([deck, layers, which]) =>
      deck
        .split('\n')
        .map((line, i) => (which[i] ? damage(line, layers) : line))
        .join('\n'),
    );
    fc.assert(
      fc.property(fc.oneof(deckArb, mixedArb), (text) => {
        const once = repairDeckText(text).text;
        const twice = repairDeckText(once);
        expect(twice.text).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });

  it('recovers a stripped soft hyphen inside words (í = C3 AD) in a deck that lost them all', () => {
    const wordWithI = fc
      .tuple(fc.constantFrom('Joaqu', 'Mar', 'pol', 'tur', 'econom', 'R', 'Mart'), fc.constantFrom('n', 'a', 'tica', 'stico', 'as', 'o', 'nez'))
      .map(([a, b]) => `${a}í${b}`);
    fc.assert(
      fc.property(fc.array(wordWithI, { minLength: 1, maxLength: 4 }), deckArb, (words, deck) => {
        const text = `${words.join(' ')} José\n${deck}`;
        // Every soft hyphen of the deck is lost (elsewhere, e.g. in 字 = E5 AD 97, the lost byte
        // can be undecidable: such lines must then be reported).
        const result = repairDeckText(damage(text, ['cp1252']).replaceAll('\u00ad', ''));
        const want = text.split('\n');
        const got = result.text.split('\n');
        expect(got[0]).toBe(want[0]);
        const reported = new Set(result.ambiguous.map((a) => a.line));
        got.forEach((line, i) => {
          if (!reported.has(i + 1)) expect(line).toBe(want[i]);
        });
        expect(result.repairs.filter((r) => r.kind === 'dropped-byte').length).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });
});
