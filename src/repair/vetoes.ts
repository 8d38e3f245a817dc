/**
 * Checks on decodes before they are accepted.
 *
 * ftfy reads "x×²" (correct math) as Hebrew mojibake and gives "xײ": its badness heuristic looks
 * for × followed by ² or ³ because that is how Hebrew looks through Windows-1252. Real Hebrew
 * (or Arabic) mojibake decodes to words of that script, never to a letter glued to an unchanged
 * Latin letter or digit, so such a decode is refused (`implausibleRepairs`).
 *
 * In a deck damaged throughout we also decode layers ftfy does not find bad ("Nguyá»…n"); being
 * valid UTF-8 is not enough there (ftfy's negative cases: "NESTLÉ®" would become "NESTLɮ"), so
 * the decoded letters must fit their word (`plausibleDecode`); `context` is the rest of the line
 * when `after` is only a piece of it.
 */
import { diffLine } from './align.ts';
import { isLetter, isLower, isMark, isRareBlock, isUpper, scriptOf, scriptsCompatible } from './char-classes.ts';

const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]/u;
const ASCII_ALNUM = /[A-Za-z0-9]/;

/** Ranges of `before` whose repair in `after` is not believable, as [start, end). */
export function implausibleRepairs(before: string, after: string): [number, number][] {
  const out: [number, number][] = [];
  if (!RIGHT_TO_LEFT.test(after)) return out;
  for (const h of diffLine(before, after)) {
    if (!RIGHT_TO_LEFT.test(after.slice(h.b0, h.b1))) continue;
    const prev = after[h.b0 - 1] ?? '';
    const next = after[h.b1] ?? '';
    if (ASCII_ALNUM.test(prev) || ASCII_ALNUM.test(next)) out.push([h.a0, h.a1]);
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const ONE_CHARACTER_WORDS = new Set(['Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo']);

/**
 * True when every letter a decode produces fits its word: not from a rare block, in a script
 * compatible with the letters beside it (or, standing alone, with the rest of the line), and in
 * the case of the rest of the word (no "ř" inside "AHř", no capital inside a lower-case word).
 */
export function plausibleDecode(before: string, after: string, context?: string): boolean {
  const chars = Array.from(after);
  // Where a lone letter's script must also appear: the whole line when known (it holds the
  // letter too, decoded), else the decoded text itself.
  const pool = context === undefined ? chars : Array.from(context);
  // Code point index of each UTF-16 offset that starts a character.
  const index = new Map<number, number>();
  let offset = 0;
  chars.forEach((ch, i) => {
    index.set(offset, i);
    offset += ch.length;
  });
  for (const h of diffLine(before, after)) {
    const from = index.get(h.b0);
    const to = h.b1 === after.length ? chars.length : index.get(h.b1);
    if (from === undefined || to === undefined) return false;
    for (let i = from; i < to; i++) {
      const ch = chars[i]!;
      if (isMark(ch) && !(i > 0 && isLetter(chars[i - 1]!))) return false;
      if (!isLetter(ch)) continue;
      if (isRareBlock(ch)) return false;
      // The word around the new letter.
      let s = i;
      while (s > 0 && WORD_CHAR.test(chars[s - 1]!)) s--;
      let e = i + 1;
      while (e < chars.length && WORD_CHAR.test(chars[e]!)) e++;
      const script = scriptOf(ch);
      const near = [i > s ? chars[i - 1] : undefined, i + 1 < e ? chars[i + 1] : undefined].filter(
        (c): c is string => c !== undefined && isLetter(c),
      );
      if (script) {
        for (const n of near) {
          const sn = scriptOf(n);
          if (sn && !scriptsCompatible(sn, script)) return false;
        }
        // A lone letter of a script found nowhere else on the line (Chinese, Japanese and
        // Korean write words of one character).
        if (e - s === 1 && !ONE_CHARACTER_WORDS.has(script) && countScript(pool, script) < 2) return false;
      }
      if (isUpper(ch) || isLower(ch)) {
        const others = chars.slice(s, e).filter((c, k) => s + k !== i && (isUpper(c) || isLower(c)));
        const tail = others.slice(1);
        if (others.length >= 2 && others.every(isUpper) && isLower(ch)) return false;
        if (i > s && isUpper(ch) && tail.length > 0 && tail.every(isLower)) return false;
      }
    }
  }
  return true;
}

function countScript(chars: readonly string[], script: string): number {
  let n = 0;
  for (const ch of chars) if (isLetter(ch) && scriptOf(ch) === script) n++;
  return n;
}
