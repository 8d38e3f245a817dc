/**
 * Mojibake repair for decks: the text an author wrote, back from a wrong decoding (UTF-8 read as
 * Windows-1252 or Latin-1, once or more). Pure: text in, text and diagnostics out.
 *
 * The encoding fix is ftfy's — python-ftfy by Robyn Speer, through its TypeScript port ftfy-js
 * (both Apache-2.0) — applied per line, encoding repair only. On top of it:
 *  - dropped bytes (./dropped-bytes.ts): sequences that lost a byte are restored when the
 *    surrounding text decides which byte, and reported when it does not;
 *  - markdown (./markdown-regions.ts): in a deck damaged only in places, code spans and fenced
 *    code are left alone; a deck damaged throughout is repaired everywhere, code peeled by as many
 *    layers as the prose;
 *  - a switch (./switch.ts) and reporting (./report.ts).
 */
import { is_bad } from 'ftfy-js';
import { isRecommendedEmojiRun, scriptOf, scriptsCompatible } from './char-classes.ts';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { DeckEvidence } from './evidence.ts';
import { commonWordRank } from './common-words.ts';
import { decodeMixed } from './cp1252.ts';
import { byteHintsFor, decodableSequences, hasSpots, looksDamaged } from './dropped-bytes.ts';
import { decodesThrough, forgetFtfyAnswers, isWholeLayer, repairSegment, type SegmentOptions, type SegmentRepair } from './ftfy-layer.ts';
import { findCodeSpans, findFencedBlocks, segmentLine, type LineRegions, type Segment } from './markdown-regions.ts';
import { anySuspicious, findSuspiciousLines, hasNonAscii, lineOf } from './precheck.ts';
import { buildDiagnostics, lineRepairs, type AmbiguousReport, type Repair } from './report.ts';
import { readRepairSwitch, type RepairSwitch } from './switch.ts';

export type { Repair, AmbiguousReport } from './report.ts';
export { readUtf8, findUtf8Problem, type Utf8Problem, type Utf8ReadResult } from './utf8.ts';

export interface RepairResult {
  text: string;
  repairs: Repair[];
  diagnostics: Diagnostic[];
  /** False when the deck switched repair off (FIX_ENCODING = false). */
  enabled: boolean;
  /** Spots that look broken but were left as they are. */
  ambiguous: AmbiguousReport[];
  /**
   * `clean`: nothing to repair; `partial`: damage in places (code left alone); `throughout`:
   * the whole deck went through the wrong decoding (code repaired too); `off`: switched off.
   */
  mode: 'clean' | 'partial' | 'throughout' | 'off';
  /** 1-based line of the FIX_ENCODING setting that decided, if any. */
  switchLine?: number;
}

export interface RepairOptions {
  /** Shown in diagnostics ("run npm run fix-encoding -- --write FILE"). */
  file?: string;
}

/** A segment left for the dropped-byte layer without running ftfy alone on it first. */
const DEFERRED = 'deferred' as const;

interface LinePass {
  segments: Segment[];
  results: (SegmentRepair | typeof DEFERRED | null)[];
  text: string;
}

function resultOf(r: SegmentRepair | typeof DEFERRED | null | undefined): SegmentRepair | undefined {
  return r && r !== DEFERRED ? r : undefined;
}

/** Repairs mojibake in a whole deck (markdown source). */
export function repairDeckText(source: string, options: RepairOptions = {}): RepairResult {
  const bom = source.startsWith('\ufeff') ? '\ufeff' : '';
  const body = source.slice(bom.length);
  // Fast path for clean decks: ftfy changes only text where its badness regex matches, and
  // without a FIX_ENCODING setting there is nothing else to read. One scan, no line bookkeeping.
  const mentionsSwitch = /fix_encoding/i.test(body);
  const nonAscii = hasNonAscii(body);
  if (!mentionsSwitch && (!nonAscii || !anySuspicious(body))) {
    return { text: source, repairs: [], diagnostics: [], enabled: true, ambiguous: [], mode: 'clean' };
  }
  const lines = new LineTable(body);
  const starts = lines.starts;
  const setting: RepairSwitch = mentionsSwitch ? readRepairSwitch(lines.all(), (i) => lines.fenced(i)) : { enabled: true, diagnostics: [] };
  const unchanged = (mode: RepairResult['mode']): RepairResult => ({
    text: source,
    repairs: [],
    diagnostics: setting.diagnostics,
    enabled: setting.enabled,
    ambiguous: [],
    mode,
    ...(setting.line !== undefined ? { switchLine: setting.line } : {}),
  });
  if (!setting.enabled) return unchanged('off');
  // Fast path: ftfy changes only lines where its badness regex matches.
  if (!nonAscii) return unchanged('clean');
  const suspicious = findSuspiciousLines(body, starts);

  forgetFtfyAnswers();
  // First pass: ftfy alone, on the prose and code of each suspicious line.
  const memo = new Map<string, SegmentRepair>();
  const ftfyOnly = (text: string): SegmentRepair => {
    let r = memo.get(text);
    if (!r) memo.set(text, (r = repairSegment(text)));
    return r;
  };
  const first = new Map<number, LinePass>();
  const peeledCounts = new Map<number, number>();
  const codecCounts = new Map<string, number>();
  const count = (r: SegmentRepair) => {
    bump(peeledCounts, r.peeled);
    for (const round of r.plan) if (isWholeLayer(round)) bump(codecCounts, round[0]![1]);
  };
  const deferred: [LinePass, number][] = [];
  for (const i of suspicious) {
    const segments = segmentLine(lines.at(i), lines.regions(i));
    // A segment with a spot goes through the dropped-byte layer anyway: ftfy alone is run on it
    // now only if the deck's damage cannot be learnt from the other lines.
    const results: LinePass['results'] = [];
    let text = '';
    for (const s of segments) {
      const r = !hasNonAscii(s.text) ? null : hasSpots(s.text) ? DEFERRED : ftfyOnly(s.text);
      results.push(r);
      text += resultOf(r)?.text ?? s.text;
    }
    const pass: LinePass = { segments, results, text };
    first.set(i, pass);
    for (let k = 0; k < segments.length; k++) {
      const s = segments[k]!;
      const r = results[k];
      if (r === DEFERRED && !s.code) deferred.push([pass, k]);
      if (s.code || !r || r === DEFERRED || r.text === s.text) continue;
      count(r);
    }
  }
  if (peeledCounts.size === 0) {
    for (const [pass, k] of deferred) {
      const r = ftfyOnly(pass.segments[k]!.text);
      pass.results[k] = r;
      if (r.text !== pass.segments[k]!.text) count(r);
    }
  }
  // ftfy cannot decode a line whose every word lost a byte ("ê°ì‚¬í•©ë‹ˆë‹¤"): it is not valid
  // UTF-8 as it is. With its spots cut out, ftfy may decode whole layers of the rest: that is
  // damage ftfy recognises, as much as a line it decodes at once.
  if (peeledCounts.size === 0) {
    for (const [pass, k] of deferred) {
      const text = pass.segments[k]!.text;
      // Two whole sequences at least, or each word the repair changes confirmed on its own
      // ("ÄŒÃslo" → "Číslo", a common Czech word; "â¤ï¸" → "❤️", a recommended emoji sequence):
      // a stray pair of characters proves nothing.
      const whole = decodableSequences(text).length;
      const r = repairSegment(text, { droppedBytes: { keepPenalty: 0 }, eager: true });
      if (r.peeled === 0) continue;
      // (Only where what is left, but for the spots it reports, reads as text: a hopeless garble
      // peeled this way still looks bad, and is no evidence.)
      let rest = r.text;
      for (const a of r.ambiguous) rest = rest.replace(a.before, '');
      if (is_bad(rest)) continue;
      if (whole >= 2 ? readsAsWords(r.text) : r.ambiguous.length === 0 && changedWordsConfirmed(text, r.text)) bump(peeledCounts, r.peeled);
    }
  }
  // Nothing in the prose, at most in code: taken to be on purpose (a slide about encodings).
  if (peeledCounts.size === 0) return unchanged('clean');
  // How many layers the deck was damaged by: most lines' count (for code), and the most any
  // line shows (for prose where ftfy stops early, as at "â„¢").
  const layers = Math.max(1, mostCommon(peeledCounts));
  const deepest = Math.max(1, ...peeledCounts.keys());
  const encodings = [...codecCounts].sort((a, b) => b[1] - a[1]).map(([codec]) => codec);
  // Latin-1 and Windows-1252 are one family (ftfy names whichever can encode the line); with
  // no whole layer decoded, Windows-1252 is the damage the dropped bytes point to.
  if (encodings.length === 0 || encodings.some((e) => WINDOWS_1252.includes(e))) {
    for (const e of WINDOWS_1252) if (!encodings.includes(e)) encodings.push(e);
  }
  const lookAt = linesToLookAt(body, starts, first);
  const throughout = isDamagedThroughout(lines, lookAt, first, encodings, ftfyOnly);
  const evidence = new DeckEvidence(lookAt, (i) => {
    const pass = first.get(i);
    // ftfy's guesses of a lost 0xA0 ("👠" for "ðŸ‘ ") are no evidence.
    return pass && !pass.results.some((r) => r === DEFERRED || r?.guessedNbsp) ? pass.text : lines.at(i);
  });
  const byteHints = byteHintsFor(lookAt.map((i) => first.get(i)?.text ?? lines.at(i)));
  const droppedBytes = { keepPenalty: throughout ? -3 : -1, evidence, layers, byteHints, throughout };

  const repairs: Repair[] = [];
  const ambiguous: AmbiguousReport[] = [];
  const changedLines = new Map<number, { before: string; after: string }>();
  // Repaired lines in order (lookAt is sorted): [line, repaired text].
  const repairedLines: [number, string][] = [];
  for (const i of lookAt) {
    const line = lines.at(i);
    const pass = first.get(i);
    if (!pass && !(throughout || looksDamaged(line))) continue;
    const segments = pass?.segments ?? segmentLine(line, lines.regions(i));
    // The whole line decoded, worked out once if asked for (a spot's language, forceDecode's check).
    let decoded: string | undefined;
    const decodedLine = () => (decoded ??= decodeMixed(line));
    const restored: string[] = [];
    const repaired = segments.map((seg, k) => {
      if (!hasNonAscii(seg.text)) return seg.text;
      if (seg.code && !throughout) return seg.text;
      const firstResult = resultOf(pass?.results[k]);
      // ftfy's result stands unless the dropped-byte layer has something to look at, or, in a
      // deck damaged throughout, a layer ftfy did not find bad is left (ftfy stops at "â„¢").
      const final =
        firstResult && !seg.code && !firstResult.sawSpots && !(throughout && firstResult.peeled < deepest && decodesThrough(firstResult.text, encodings));
      let r: SegmentRepair;
      if (final) r = firstResult;
      else {
        const options: SegmentOptions = {
          // Code is peeled exactly as deep as the deck was damaged: mojibake shown on purpose stays.
          ...(seg.code ? { maxRounds: layers } : {}),
          droppedBytes: { ...droppedBytes, lineIndex: i, line: decodedLine },
          ...(throughout ? { forceDecode: { encodings, maxPeeled: seg.code ? layers : deepest }, lineContext: decodedLine } : {}),
        };
        r = repairSegment(seg.text, { ...options, eager: true });
      }
      for (const x of r.restored) restored.push(x.after);
      for (const a of r.ambiguous) {
        ambiguous.push({
          line: i + 1,
          column: seg.start + (a.offset >= 0 ? a.offset : 0) + 1,
          before: a.before,
          options: a.options,
          ...(a.chosen !== undefined ? { chosen: a.chosen } : {}),
        });
      }
      return r.text;
    });
    const after = repaired.join('');
    if (after !== line) {
      repairedLines.push([i, after]);
      changedLines.set(i + 1, { before: line, after });
      repairs.push(...lineRepairs(i + 1, line, after, restored));
    }
  }

  // The deck as it was, with the repaired lines put in.
  const parts: string[] = [bom];
  let at = 0;
  for (const [i, after] of repairedLines) {
    parts.push(body.slice(at, starts[i]!), after);
    at = starts[i]! + lines.at(i).length;
  }
  parts.push(body.slice(at));
  const text = parts.join('');
  const diagnostics = [...setting.diagnostics, ...buildDiagnostics({ repairs, ambiguous, changedLines, ...(options.file ? { file: options.file } : {}) })];
  return {
    text,
    repairs,
    diagnostics,
    enabled: true,
    ambiguous,
    mode: changedLines.size > 0 || ambiguous.length > 0 ? (throughout ? 'throughout' : 'partial') : 'clean',
    ...(setting.line !== undefined ? { switchLine: setting.line } : {}),
  };
}

/**
 * A deck is damaged throughout when every prose segment with non-ASCII text was repaired by
 * ftfy, or decodes through the deck's codec, or still shows damage: then no intact non-ASCII
 * text is left, and code went through the same wrong decoding as the prose.
 */
function isDamagedThroughout(
  lines: LineTable,
  nonAscii: readonly number[],
  first: ReadonlyMap<number, LinePass>,
  encodings: readonly string[],
  ftfyOnly: (text: string) => SegmentRepair,
): boolean {
  for (const i of nonAscii) {
    const pass = first.get(i);
    const segments = pass?.segments ?? segmentLine(lines.at(i), lines.regions(i));
    for (let k = 0; k < segments.length; k++) {
      const seg = segments[k]!;
      if (seg.code || !hasNonAscii(seg.text)) continue;
      const r = pass?.results[k];
      if (r === DEFERRED) {
        if (looksDamaged(seg.text) || ftfyOnly(seg.text).text !== seg.text) continue;
      } else if (r && r.text !== seg.text) continue;
      if (decodesThrough(seg.text, encodings) || looksDamaged(seg.text)) continue;
      return false;
    }
  }
  return true;
}

const WINDOWS_1252: readonly string[] = ['sloppy-windows-1252', 'latin-1'];

/**
 * True when `text` has words of a script beyond Latin-1 (three letters at least, each beside
 * another of its script): what a real line decodes to, where random Latin-1 characters decode,
 * now and then, to a lone character.
 */
function readsAsWords(text: string): boolean {
  let n = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c <= '\u02ff' || !LETTER.test(c)) continue;
    const sc = scriptOf(c);
    const beside = [chars[i - 1], chars[i + 1]].some((d) => d !== undefined && d > '\u02ff' && LETTER.test(d) && scriptsCompatible(scriptOf(d) ?? '', sc ?? ''));
    if (beside && ++n >= 3) return true;
  }
  return false;
}

const LETTER = /\p{L}/u;

/**
 * True when `after` changes at least one word of `before` (split at white space, the same
 * count) and each word it changes is confirmed on its own: one of the commonest words of a
 * language of its script (./common-words.ts), or a run of recommended emoji sequences.
 */
function changedWordsConfirmed(before: string, after: string): boolean {
  const a = before.split(/\s+/);
  const b = after.split(/\s+/);
  if (a.length !== b.length) return false;
  let changed = 0;
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    changed++;
    const word = b[k]!.replace(EDGE_PUNCTUATION, '');
    if (WORD.test(word)) {
      const script = scriptOf(word[0]!);
      if (!script || [...word].some((c) => LETTER.test(c) && scriptOf(c) !== script) || commonWordRank(word, script) === null) return false;
    } else if (!isRecommendedEmojiRun(word)) return false;
  }
  return changed > 0;
}

const EDGE_PUNCTUATION = /^\p{P}+|\p{P}+$/gu;
const WORD = /^\p{L}[\p{L}\p{M}]*$/u;

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The key counted most often (the smaller one on a tie). */
function mostCommon(counts: ReadonlyMap<number, number>): number {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

/** Lines with a non-ASCII character or a first-pass result, in order (one scan of the text). */
function linesToLookAt(body: string, starts: readonly number[], first: ReadonlyMap<number, LinePass>): number[] {
  const found = new Set<number>(first.keys());
  const re = /[^\x00-\x7f]/g;
  // (test() leaves lastIndex just after the character found, and makes no match array.)
  while (re.test(body)) {
    const line = lineOf(starts, re.lastIndex - 1);
    found.add(line);
    re.lastIndex = starts[line + 1] ?? body.length; // on to the next line
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The lines of a deck, read when asked for: most of a large deck is never looked at, so lines
 * are sliced (and their code regions worked out) only on demand. Line texts exclude "\r\n".
 */
class LineTable {
  /** Offset of each line in the text. */
  readonly starts: number[] = [0];
  private blocks: [number, number][] | null = null;

  constructor(private readonly text: string) {
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
  }

  at(i: number): string {
    const start = this.starts[i]!;
    let end = i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--; // "\r\n"
    return this.text.slice(start, end);
  }

  all(): string[] {
    return this.starts.map((_, i) => this.at(i));
  }

  /** Whether line i is inside a fenced code block (fence lines included). */
  fenced(i: number): boolean {
    const blocks = (this.blocks ??= findFencedBlocks(this.text, this.starts));
    // The last block starting at or before line i (blocks are sorted and do not overlap).
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid]![0] <= i) lo = mid;
      else hi = mid - 1;
    }
    const block = blocks[lo];
    return block !== undefined && block[0] <= i && i <= block[1];
  }

  regions(i: number): LineRegions {
    return this.fenced(i) ? FENCED : { fenced: false, codeSpans: findCodeSpans(this.at(i)) };
  }
}

const FENCED: LineRegions = { fenced: true, codeSpans: [] };
