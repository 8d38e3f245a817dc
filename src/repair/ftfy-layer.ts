/**
 * ftfy's encoding fix, one layer at a time.
 *
 * The encoding fix itself is ftfy's, through ftfy-js (a TypeScript port of python-ftfy by
 * Robyn Speer; both Apache-2.0): `fix_encoding_and_explain` with its default settings, which
 * is the encoding repair only (restore_byte_a0, replace_lossy_sequences,
 * decode_inconsistent_utf8, fix_c1_controls) — none of `fix_text`'s cosmetic steps (HTML
 * unescaping, quote uncurling, NFC, width folding, line breaks). We replay ftfy's plan one
 * round at a time so that the dropped-byte layer can look at each layer before ftfy makes its
 * own guesses there, and so that code can be peeled by exactly the number of layers the deck
 * was damaged by.
 */
import { apply_plan, fix_encoding_and_explain, is_bad, type ExplanationStep } from 'ftfy-js';
import { diffLine } from './align.ts';
import { FILL_CHARS, cp1252ByteAt } from './cp1252.ts';
import { hasNonAscii } from './precheck.ts';
import { findUtf8Problem } from './utf8.ts';
import { implausibleRepairs, plausibleDecode } from './vetoes.ts';
import { LEAD_CHAR, decodableSequences, hasSpotsInScope, planSpots, type DroppedByteOptions, type SpotDecision, type SpotPlan, type SpotScope } from './dropped-bytes.ts';

export type Round = ExplanationStep[];

/** Splits an ftfy plan into rounds: "encode … decode" groups, or a single fixer step. */
function splitRounds(plan: readonly ExplanationStep[]): Round[] {
  const rounds: Round[] = [];
  let open: Round | null = null;
  for (const step of plan) {
    if (open) {
      open.push(step);
      if (step[0] === 'decode') {
        rounds.push(open);
        open = null;
      }
    } else if (step[0] === 'encode') open = [step];
    else rounds.push([step]);
  }
  if (open) rounds.push(open);
  return rounds;
}

// ftfy is asked about the same text several times (each layer is looked at, then stepped);
// its answer depends on the text alone, so answers are kept while one deck is repaired.
interface Answer {
  fixed: string;
  rounds: Round[];
}
const roundsCache = new Map<string, Answer>();
const ROUNDS_CACHE_SIZE = 65536;

/** Forgets ftfy's answers (called per deck, so memory does not grow across decks). */
export function forgetFtfyAnswers(): void {
  roundsCache.clear();
  postponed.clear();
  postponedShapes.clear();
}

/**
 * ftfy-js tries each codec and throws when one does not decode; on hard lines that is dozens of
 * exceptions, and capturing their stack traces costs more than the decoding. The errors are
 * caught inside ftfy-js, so nobody sees the traces: skip them (synchronously, restored after).
 */
function withoutStackTraces<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** ftfy's result for `text` and the rounds it took. */
function ftfyRounds(text: string): Answer {
  if (postponed.size > 0) answerPostponedBefore(text);
  let answer = roundsCache.get(text);
  if (!answer) {
    if (postponed.size > 0 && roundsCache.size + 2 * postponed.size + 2 >= ROUNDS_CACHE_SIZE) askPostponed();
    answer = askFtfy(text);
    // Recording `answer.fixed` as a fixed point could come before an answer a postponed
    // question would have recorded: ask those first (then this text may be answered already).
    if (postponed.size > 0 && answer.fixed !== text && SENSITIVE.test(answer.fixed) && mayBeFixedOfPostponed(answer.fixed)) {
      askPostponed(shapeOf(answer.fixed));
      const now = roundsCache.get(text);
      if (now) return now;
    }
    remember(text, answer);
  }
  return answer;
}

function askFtfy(text: string): Answer {
  const result = withoutStackTraces(() => fix_encoding_and_explain(text));
  return { fixed: result.text, rounds: splitRounds(result.explanation ?? []) };
}

function remember(text: string, answer: Answer): void {
  if (roundsCache.size >= ROUNDS_CACHE_SIZE) roundsCache.clear();
  roundsCache.set(text, answer);
  // ftfy stops where one more step changes nothing: its answer is its own fixed point.
  if (answer.fixed !== text && !roundsCache.has(answer.fixed)) roundsCache.set(answer.fixed, { fixed: answer.fixed, rounds: [] });
}

/*
 * Postponed questions. The second pass asks ftfy about each segment as written, though it only
 * needs ftfy's answers for the pieces it cuts the segment into; on a deck damaged throughout
 * that question was a third of the time. The answer itself is never read, but asking records it
 * (and its fixed point), which can change later answers: a fixed point recorded without asking
 * ftfy has no rounds, while ftfy, asked, may name a round that changes nothing (fix_c1_controls
 * on U+0081, or replace_lossy_sequences on U+FFFD). So such a question is postponed, and asked
 * as soon as it could make a difference, so that every answer is the one asking at once gives:
 *  - when the postponed text itself is looked up;
 *  - before a text that can differ from its recorded fixed point (one with a C1 control or
 *    U+FFFD, see SENSITIVE) is looked up or recorded, if a postponed text could be fixed to it.
 *    ftfy's encoding fixes keep a text's ASCII letters and digits (its "shape") and never make
 *    it longer, so only postponed texts of the same shape, and as long or longer, could; they
 *    are asked, in the order they came (texts of other shapes record nothing it could meet);
 *  - before the cache could fill up (clearing it at another moment would change what is kept).
 * For any other text, a recorded fixed point and ftfy's own answer are the same.
 */
const postponed = new Map<string, number>(); // text → its shape (see `shapeOf`), in the order asked
/** Postponed texts by shape, in the order asked, and the longest of them. */
const postponedShapes = new Map<number, { texts: string[]; longest: number }>();
// Texts whose fixed point, recorded without asking ftfy, may not be ftfy's own answer (above).
const SENSITIVE = /[\u0080-\u009f\ufffd]/;

/**
 * A hash of the ASCII letters and digits of `text` (its shape): texts of one shape hash alike.
 * (Texts of other shapes may too, now and then: their questions are then asked a bit early.)
 */
function shapeOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** Records that ftfy was asked about `text`, without asking it until the answer can matter. */
function askLater(text: string): void {
  if (roundsCache.has(text) || postponed.has(text)) return; // asking again changes nothing
  if (roundsCache.size + 2 * postponed.size + 2 >= ROUNDS_CACHE_SIZE) {
    askPostponed();
    ftfyRounds(text);
    return;
  }
  const shape = shapeOf(text);
  postponed.set(text, shape);
  const group = postponedShapes.get(shape);
  if (group) {
    group.texts.push(text);
    group.longest = Math.max(group.longest, text.length);
  } else postponedShapes.set(shape, { texts: [text], longest: text.length });
}

function mayBeFixedOfPostponed(fixed: string): boolean {
  const group = postponedShapes.get(shapeOf(fixed));
  return group !== undefined && group.longest >= fixed.length;
}

/** Before `text` is looked up: asks the postponed questions whose answers could matter to it. */
function answerPostponedBefore(text: string): void {
  const shape = postponed.get(text);
  if (shape !== undefined) askPostponed(shape);
  else if (SENSITIVE.test(text) && mayBeFixedOfPostponed(text)) askPostponed(shapeOf(text));
}

/**
 * Asks the postponed questions (of one shape, or all), in the order they came. They are taken off
 * the list first: while one is asked, those after it were not asked yet.
 */
function askPostponed(shape?: number): void {
  let texts: string[];
  if (shape === undefined) {
    texts = [...postponed.keys()];
    postponed.clear();
    postponedShapes.clear();
  } else {
    texts = postponedShapes.get(shape)?.texts ?? [];
    for (const t of texts) postponed.delete(t);
    postponedShapes.delete(shape);
  }
  for (const text of texts) ftfyRounds(text);
}

/** A round that decodes a whole layer: encode with a single-byte codec, decode as UTF-8. */
export function isWholeLayer(round: Round | undefined): boolean {
  if (!round) return false;
  const head = round[0]!;
  const tail = round[round.length - 1]!;
  return head[0] === 'encode' && tail[0] === 'decode' && tail[1].startsWith('utf-8');
}

/**
 * Which spots the dropped-byte layer decides before ftfy's next round (or once ftfy is done).
 * None when ftfy decodes the whole layer as UTF-8 without guessing: nothing was lost then (or
 * the layer is in another encoding, such as MacRoman, where our Windows-1252 view is wrong).
 * Where ftfy would guess lost 0xA0 bytes (restore_byte_a0, also inside
 * decode_inconsistent_utf8), those guesses are checked. Other spots are decided once ftfy is
 * done, or, when `eager`, before ftfy can only decode the line in pieces: cutting the line at
 * them lets ftfy decode the rest whole. (Where a later ftfy round would have completed a
 * sequence across the cut, `repairSegment` goes again on the joined text.)
 */
function spotScope(text: string, next: Round | undefined, eager = false): SpotScope | null {
  if (!LEAD_CHAR.test(text)) return null; // a spot needs a lead character
  if (!next) return 'all';
  if (isWholeLayer(next)) {
    const windows1252 = next[0]![1] === 'latin-1' || next[0]![1] === 'sloppy-windows-1252';
    return windows1252 && next.some(([, p]) => p === 'restore_byte_a0') ? 'ftfy-guesses' : null;
  }
  return eager ? 'cut' : 'ftfy-guesses';
}

export interface RestoredSpot {
  /** 0 when found in the text as written; later rounds are inside a peeled layer. */
  round: number;
  /** Offset in the segment as written (round 0 only; -1 otherwise). */
  offset: number;
  before: string;
  after: string;
  bytes: number[];
}

export interface AmbiguousSpot {
  round: number;
  offset: number;
  before: string;
  options: string[];
  /** Set when the spot was repaired anyway, the way ftfy would (a tie ftfy's guess won). */
  chosen?: string;
}

export interface SegmentRepair {
  text: string;
  /** Rounds applied (the largest number over the pieces of the segment). */
  rounds: number;
  /** Whole layers peeled (encode/decode rounds; partial fixes do not count). */
  peeled: number;
  /**
   * ftfy's rounds for the segment as written (first pass only, to learn the deck's damage; empty
   * when the dropped-byte layer ran).
   */
  plan: Round[];
  /** ftfy may have guessed a lost 0xA0 somewhere (its output is then no evidence for other lines). */
  guessedNbsp: boolean;
  /** The dropped-byte layer would have something to decide (the second pass is needed). */
  sawSpots: boolean;
  restored: RestoredSpot[];
  ambiguous: AmbiguousSpot[];
}

export interface SegmentOptions {
  /** Peel at most this many rounds (code in a deck damaged throughout). */
  maxRounds?: number;
  /** Run the dropped-byte layer; without it this is ftfy alone. */
  droppedBytes?: DroppedByteOptions;
  /**
   * The deck is damaged throughout, by these single-byte codecs (most used first): a layer ftfy
   * does not find bad is decoded anyway when it is valid UTF-8 through one of them.
   */
  forceDecode?: { encodings: readonly string[]; maxPeeled: number };
  /** Decide every broken spot as written, before ftfy decodes in pieces (see `spotScope`). */
  eager?: boolean;
  /** The segment's line, decoded as far as it goes: context for judging forced decodes. */
  lineContext?: () => string;
}

interface Piece {
  text: string;
  /** Left exactly as it is from now on (a protected spot, or nothing more to do). */
  done: boolean;
  rounds: number;
  peeled: number;
  /** Offset in the segment as written, while no round has changed the piece. */
  origin: number;
  /** Characters we put in to restore bytes, which ftfy must decode away. */
  inserted: number;
  /** Nothing has been decided on this text yet (the segment as written, or after a restart). */
  fresh: boolean;
  /** Left as written on purpose (a spot we could not decide, or a refused decode). */
  kept: boolean;
}

// Pieces are made here, all with the same fields (V8 handles objects of one shape fastest).
function makePiece(text: string, done: boolean, rounds: number, peeled: number, origin: number, inserted: number, fresh = false, kept = false): Piece {
  return { text, done, rounds, peeled, origin, inserted, fresh, kept };
}

/** The pieces' texts, joined (a single piece's text as it is). */
function joinTexts(pieces: readonly Piece[]): string {
  if (pieces.length === 1) return pieces[0]!.text;
  let text = '';
  for (const p of pieces) text += p.text;
  return text;
}

/** The most rounds any piece took (0 for none). */
function mostRounds(pieces: readonly Piece[]): number {
  let rounds = 0;
  for (const p of pieces) rounds = Math.max(rounds, p.rounds);
  return rounds;
}

/** The piece, done. */
function finished(p: Piece): Piece {
  return p.done ? p : makePiece(p.text, true, p.rounds, p.peeled, p.origin, p.inserted, p.fresh, p.kept);
}

const MAX_ITERATIONS = 24;
const MAX_RESTARTS = 3;

/**
 * One step of ftfy (or of the forced decode) on a piece of a segment (a class rather than a
 * closure: it is made for every segment).
 */
class Stepper {
  /** The segment was cut, a decode refused or a layer decoded by force (see `repairSegment`). */
  reshaped = false;

  constructor(
    private readonly result: SegmentRepair,
    private readonly options: SegmentOptions,
    private readonly maxRounds: number,
  ) {}

  /** The piece(s) after one step; `ok` is false when ftfy could not use the bytes we put back. */
  step(w: Piece, vetoed = false): { piece: Piece; ok: boolean }[] {
    if (w.done) return [{ piece: w, ok: true }];
    if (!hasNonAscii(w.text)) return [{ piece: finished(w), ok: w.inserted === 0 }];
    const { options, maxRounds } = this;
    let r = advance(w.text, maxRounds - w.rounds, options.droppedBytes !== undefined, this.result);
    if (r.rounds === 0 && !r.refused && options.forceDecode && w.peeled < options.forceDecode.maxPeeled && w.rounds < maxRounds) {
      r = forceDecode(w.text, options.forceDecode.encodings, options.lineContext);
      if (r.rounds) this.reshaped = true;
    }
    const refused = vetoed ? [] : (r.refused ?? []);
    if (r.rounds === 0 && !refused.length) return [{ piece: finished(w), ok: w.inserted === 0 }];
    if (refused.length) {
      this.reshaped = true;
      // Keep those characters as written and repair around them.
      const cuts = refused.map(([start, end]) => ({ start, end, text: w.text.slice(start, end), kept: true }));
      return cutPiece(w.text, cuts, w, w.origin, () => w.inserted).flatMap((p) => this.step(p, true));
    }
    const ok = w.inserted === 0 || countFills(r.text) <= countFills(w.text) - w.inserted;
    return [{ piece: makePiece(r.text, false, w.rounds + r.rounds, w.peeled + r.peeled, -1, 0), ok }];
  }
}

/** Repairs one segment (a line, or the prose or code part of one). */
export function repairSegment(text: string, options: SegmentOptions = {}): SegmentRepair {
  const maxRounds = options.maxRounds ?? Infinity;
  const dropped = options.droppedBytes;
  // Only ftfy-alone runs (the first pass) need ftfy's plan for the segment as written; with the
  // dropped-byte layer the question is still recorded (see `askLater`), but asked only if needed.
  if (dropped) askLater(text);
  const result: SegmentRepair = {
    text,
    rounds: 0,
    peeled: 0,
    plan: dropped ? [] : ftfyRounds(text).rounds,
    guessedNbsp: false,
    sawSpots: false,
    restored: [],
    ambiguous: [],
  };
  let pieces: Piece[] = [makePiece(text, false, 0, 0, 0, 0, true)];

  const stepper = new Stepper(result, options, maxRounds);
  let restarts = 0;
  let restarted = false;
  let lastRestart = '';
  let reported = 0; // ambiguous spots found before the last restart
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let progressed = false;
    const next: Piece[] = [];
    for (const piece of pieces) {
      if (piece.done || piece.rounds >= maxRounds) {
        next.push(finished(piece));
        continue;
      }
      const eager = options.eager === true && piece.fresh === true;
      let scope: SpotScope | null = null;
      if (!dropped) {
        // Whether the second pass (eager, with the dropped-byte layer) would find anything here.
        const watch = spotScope(piece.text, ftfyRounds(piece.text).rounds[0], piece.fresh === true);
        if (watch && hasSpotsInScope(piece.text, watch)) result.sawSpots = true;
      } else if (eager && restarts === 0 && windows1252Only(piece.text) && hasSpotsInScope(piece.text, 'all', dropped.line)) {
        // Text made only of Windows-1252 characters with a sequence that is visibly cut short:
        // ftfy cannot decode it whole (short of guessing 0xA0, which we check anyway), and asking
        // it is slow on such lines (every codec fails). Should another codec decode the result
        // after all, the check at the end of the loop goes again, asking ftfy.
        scope = 'cut';
      } else {
        scope = spotScope(piece.text, ftfyRounds(piece.text).rounds[0], eager);
      }
      let stepped: { piece: Piece; ok: boolean }[] | null = null;
      if (scope) {
        const mayLook = piece.rounds === 0 || piece.fresh === true || piece.peeled < Math.max(dropped?.layers ?? 1, 1);
        if (dropped && mayLook) {
          const plan = planSpots(piece.text, dropped, scope);
          if (plan.protectedRanges.length || plan.restoredRanges.length) {
            stepper.reshaped = true;
            stepped = splitPlanned(plan, piece, false).flatMap((p) => stepper.step(p));
            // ftfy could not use a restored byte (e.g. the rest of the line is not one
            // consistent layer): put the restored character in directly and repair around it.
            if (stepped.some((s) => !s.ok)) stepped = splitPlanned(plan, piece, true).flatMap((p) => stepper.step(p));
          }
          record(result, plan.decisions, piece);
        }
      }
      stepped ??= stepper.step(piece);
      for (const s of stepped) {
        if (!s.piece.done || s.piece.text !== piece.text) progressed = true;
        next.push(s.piece);
      }
    }
    pieces = next;
    if (progressed) continue;
    // Done piece by piece. Cutting the line may have hidden a sequence that spans two pieces
    // (a later ftfy round completing a spot): when ftfy would still change the joined text, go
    // again on it, so that the result is a fixed point (repairing it again changes nothing).
    const joined = joinTexts(pieces);
    const rounds = mostRounds(pieces);
    // (Without cuts, vetoes or forced decodes the result is ftfy's own fixed point already. What
    // ftfy would still change inside the spots we left as they are does not count.)
    if (!stepper.reshaped || restarts >= MAX_RESTARTS || joined === text || joined === lastRestart || rounds >= maxRounds) break;
    if (!is_bad(joined)) break;
    const again = ftfyRounds(joined).fixed;
    if (again === joined) break;
    const kept: [number, number][] = [];
    let offset = 0;
    for (const p of pieces) {
      // (A space right after a kept spot is ftfy's to guess as a lost 0xA0: it counts as kept.)
      if (p.kept) kept.push([offset, offset + p.text.length + (joined[offset + p.text.length] === ' ' ? 1 : 0)]);
      offset += p.text.length;
    }
    const insideKept = (s: number, e: number) => kept.some(([a, b]) => s >= a && e <= b);
    // A sequence made whole across the edge of a kept spot ("Â" kept, "”" beside it) is new.
    const crossing = decodableSequences(joined).some(([s, e]) => !insideKept(s, e) && kept.some(([a, b]) => s < b && e > a));
    if (!crossing && diffLine(joined, again).every((h) => insideKept(h.a0, h.a1))) break;
    restarts++;
    lastRestart = joined;
    reported = result.ambiguous.length;
    // The joined text mixes peeled pieces with spots still as written: the spots decide.
    let peeled = Infinity;
    for (const p of pieces) peeled = Math.min(peeled, p.peeled);
    pieces = [makePiece(joined, false, rounds, peeled, -1, 0, true)];
    restarted = true;
  }
  result.text = joinTexts(pieces);
  result.rounds = mostRounds(pieces);
  result.peeled = 0;
  for (const p of pieces) result.peeled = Math.max(result.peeled, p.peeled);
  if (restarted) {
    // A restart decides the same spots again: keep the first report of each (it knows where the
    // spot is in the segment as written), and only spots still in the result.
    const first = result.ambiguous.slice(0, reported);
    const again = result.ambiguous.slice(reported).filter((a) => !first.some((f) => f.before === a.before));
    result.ambiguous = [...first, ...again].filter((a) => a.chosen !== undefined || result.text.includes(a.before));
  }
  return result;
}

/**
 * ftfy on a piece: all its rounds, or, with the dropped-byte layer on, up to the first layer
 * where ftfy would guess a lost 0xA0 (so that the guess is checked first). A round whose result
 * is not believable (see ./vetoes.ts) is not taken; when it is the first, `refused` says where.
 */
function advance(
  text: string,
  budget: number,
  stopAtGuesses: boolean,
  result: SegmentRepair,
): { text: string; rounds: number; peeled: number; refused?: [number, number][] } {
  const { fixed, rounds } = ftfyRounds(text);
  let current = text;
  let taken = 0;
  let peeled = 0;
  for (const round of rounds) {
    if (taken >= budget) break;
    // The last round's result is ftfy's own answer: no need to replay it.
    const next = taken === rounds.length - 1 ? fixed : withoutStackTraces(() => apply_plan(current, round));
    if (next === current) break; // a round that changes nothing (fix_c1_controls on U+008D)
    const refused = implausibleRepairs(current, next);
    if (refused.length) return taken === 0 ? { text, rounds: 0, peeled: 0, refused } : { text: current, rounds: taken, peeled };
    // decode_inconsistent_utf8 runs ftfy on pieces, which may guess 0xA0 inside.
    if (round.some(([, p]) => p === 'restore_byte_a0' || p === 'decode_inconsistent_utf8')) result.guessedNbsp = true;
    current = next;
    taken++;
    if (isWholeLayer(round)) peeled++;
    if (!stopAtGuesses && result.sawSpots) continue; // nothing more to learn on this layer
    const scope = spotScope(current, rounds[taken]);
    if (scope && hasSpotsInScope(current, scope)) {
      result.sawSpots = true;
      if (stopAtGuesses && taken < rounds.length) break; // let the dropped-byte layer see this layer first
    }
  }
  return { text: current, rounds: taken, peeled };
}

/** True when `text` is valid UTF-8 seen through one of `encodings` (and not plain ASCII). */
export function decodesThrough(text: string, encodings: readonly string[]): boolean {
  return forceDecode(text, encodings).rounds > 0;
}

/** Decodes a whole layer that ftfy does not find bad, in a deck known to be damaged throughout. */
function forceDecode(text: string, encodings: readonly string[], context?: () => string): { text: string; rounds: number; peeled: number } {
  if (!hasNonAscii(text)) return { text, rounds: 0, peeled: 0 };
  for (const encoding of encodings) {
    let decoded: string | null;
    // Windows-1252 and Latin-1 are done without ftfy-js, whose failed decodes throw (slow), and
    // whose generic codecs cost more than the rest of this check. On valid UTF-8 (no C0, no
    // encoded surrogates) its decoder reads what a strict one reads; its sloppy-windows-1252
    // differs from ours only in not encoding U+001A.
    if (encoding === 'sloppy-windows-1252' || encoding === 'latin-1') {
      const bytes = encodeWindows1252(text, encoding === 'latin-1');
      if (!bytes || findUtf8Problem(bytes)) continue;
      decoded = encoding === 'sloppy-windows-1252' && text.includes('\x1a') ? ftfyDecode(text, encoding) : UTF8.decode(bytes);
    } else decoded = ftfyDecode(text, encoding);
    if (decoded !== null && decoded !== text && plausibleDecode(text, decoded, context?.()) && !implausibleRepairs(text, decoded).length) {
      return { text: decoded, rounds: 1, peeled: 1 };
    }
  }
  return { text, rounds: 0, peeled: 0 };
}

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** `text` encoded with `encoding` and decoded as UTF-8 by ftfy-js, or null when that fails. */
function ftfyDecode(text: string, encoding: string): string | null {
  try {
    return withoutStackTraces(() => apply_plan(text, [
      ['encode', encoding],
      ['decode', 'utf-8'],
    ]));
  } catch {
    return null; // not encodable with this codec, or not valid UTF-8 through it
  }
}

function windows1252Only(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80 && cp1252ByteAt(text, i) < 0) return false;
  return true;
}

/** `text` as sloppy Windows-1252 (or Latin-1) bytes, or null when a character has no byte. */
function encodeWindows1252(text: string, latin1: boolean): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const b = latin1 ? (code <= 0xff ? code : -1) : cp1252ByteAt(text, i);
    if (b < 0) return null;
    bytes[i] = b;
  }
  return bytes;
}

function countFills(s: string): number {
  // Fill characters are single code units outside the surrogates: counting code units will do.
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x81 && c <= 0xad && FILL_CHARS.has(s[i]!)) n++;
  }
  return n;
}

/**
 * Cuts a planned piece at its protected spots (left as they are) and, when `freeze`, at its
 * restored spots too (replaced by the character they decode to).
 */
function splitPlanned(plan: SpotPlan, piece: Piece, freeze: boolean): Piece[] {
  const cuts: Cut[] = [];
  for (const [start, end] of plan.protectedRanges) cuts.push({ start, end, text: plan.text.slice(start, end), kept: true });
  if (freeze) for (const r of plan.restoredRanges) cuts.push({ start: r.start, end: r.end, text: r.char, kept: false });
  const aligned = piece.origin >= 0 && plan.text.length === piece.text.length;
  return cutPiece(plan.text, cuts, piece, aligned ? piece.origin : -1, freeze ? () => 0 : (from, to) => insertedBetween(plan, from, to));
}

/** Fill characters put in by the restorations between `from` and `to`, which ftfy must decode away. */
function insertedBetween(plan: SpotPlan, from: number, to: number): number {
  let n = 0;
  for (const r of plan.restoredRanges) {
    // A restored no-break space decodes to a no-break space: one fill character stays.
    if (r.start >= from && r.end <= to) n += r.inserted - (FILL_CHARS.has(r.char) ? 1 : 0);
  }
  return n;
}

interface Cut {
  start: number;
  end: number;
  text: string;
  kept: boolean;
}

/**
 * Cuts `text` into pieces: the cuts are final (their `text` kept as given), the rest is not.
 * `origin` is where `text` starts in the segment as written (-1: unknown); `cuts` is sorted here.
 */
function cutPiece(text: string, cuts: Cut[], piece: Piece, origin: number, inserted: (from: number, to: number) => number): Piece[] {
  const { rounds, peeled } = piece;
  const out: Piece[] = [];
  let at = 0;
  cuts.sort(byStart);
  for (const cut of cuts) {
    if (cut.start > at) out.push(makePiece(text.slice(at, cut.start), false, rounds, peeled, origin >= 0 ? origin + at : -1, inserted(at, cut.start)));
    out.push(makePiece(cut.text, true, rounds, peeled, origin >= 0 ? origin + cut.start : -1, 0, false, cut.kept));
    at = cut.end;
  }
  if (at < text.length || out.length === 0) {
    out.push(makePiece(text.slice(at), false, rounds, peeled, origin >= 0 ? origin + at : -1, inserted(at, text.length)));
  }
  return out;
}

function byStart(a: Cut, b: Cut): number {
  return a.start - b.start;
}

function record(result: SegmentRepair, decisions: readonly SpotDecision[], piece: Piece): void {
  for (const d of decisions) {
    const offset = piece.origin >= 0 ? piece.origin + d.spot.start : -1;
    const before = piece.text.slice(d.spot.start, d.spot.end);
    if (d.action === 'restore') {
      // (ftfy's own guess is ftfy's repair, reported as such; a doubtful one is reported here too.)
      if (!d.candidate.ftfyGuess) result.restored.push({ round: piece.rounds, offset, before, after: d.candidate.char, bytes: d.candidate.restored });
      if (d.doubtful) result.ambiguous.push({ round: piece.rounds, offset, before, options: closeOptions(d), chosen: d.candidate.char });
    } else if (d.action === 'protect' && d.report) {
      result.ambiguous.push({ round: piece.rounds, offset, before, options: closeOptions(d) });
    }
  }
}

/** The characters that scored within 1 of the best. */
function closeOptions(d: SpotDecision): string[] {
  const top = d.scores[0]?.score ?? 0;
  return d.scores.filter((s) => s.score >= top - 1).map((s) => s.candidate.char);
}
