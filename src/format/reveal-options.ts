import type { JsonValue } from '../shared/json.ts';

/**
 * What an option's value may be. Names of JSON kinds, plus `size` (reveal's width/height: a
 * number of pixels, the same number as a string, or a percentage such as "80%") and the literals
 * `false` and `null`. `values` lists the strings an option takes when it takes only some.
 */
export type OptionKind = 'boolean' | 'false' | 'null' | 'number' | 'string' | 'strings' | 'object' | 'size';

export interface OptionType {
  accepts: readonly OptionKind[];
  values?: readonly string[];
}

const TRANSITIONS = ['none', 'fade', 'slide', 'convex', 'concave', 'zoom'] as const;

/**
 * The type of every reveal.js 6 option (`RevealConfig` in reveal.js/dist/config.d.ts, checked
 * against what reveal.js/js/config.ts and the runtime do with it) and of the plugin blocks that
 * live in the same object. Function-valued alternatives (slideNumber, keyboardCondition,
 * autoAnimateMatcher, autoSlideMethod) cannot be written in markdown, so only their data
 * alternatives are listed.
 */
export const REVEAL_OPTION_TYPES: Readonly<Record<string, OptionType>> = {
  width: { accepts: ['size'] },
  height: { accepts: ['size'] },
  margin: { accepts: ['number'] },
  minScale: { accepts: ['number'] },
  maxScale: { accepts: ['number'] },
  controls: { accepts: ['boolean'], values: ['speaker', 'speaker-only'] },
  controlsTutorial: { accepts: ['boolean'] },
  controlsLayout: { accepts: [], values: ['edges', 'bottom-right'] },
  controlsBackArrows: { accepts: [], values: ['faded', 'hidden', 'visible'] },
  progress: { accepts: ['boolean'] },
  slideNumber: { accepts: ['boolean'], values: ['h.v', 'h/v', 'c', 'c/t'] },
  showSlideNumber: { accepts: [], values: ['all', 'print', 'speaker'] },
  hashOneBasedIndex: { accepts: ['boolean'] },
  hash: { accepts: ['boolean'] },
  respondToHashChanges: { accepts: ['boolean'] },
  jumpToSlide: { accepts: ['boolean'] },
  history: { accepts: ['boolean'] },
  keyboard: { accepts: ['boolean', 'object'] },
  keyboardCondition: { accepts: ['null'], values: ['focused'] },
  disableLayout: { accepts: ['boolean'] },
  overview: { accepts: ['boolean'] },
  center: { accepts: ['boolean'] },
  touch: { accepts: ['boolean'] },
  loop: { accepts: ['boolean'] },
  rtl: { accepts: ['boolean'] },
  navigationMode: { accepts: [], values: ['default', 'linear', 'grid'] },
  shuffle: { accepts: ['boolean'] },
  fragments: { accepts: ['boolean'] },
  fragmentInURL: { accepts: ['boolean'] },
  embedded: { accepts: ['boolean'] },
  help: { accepts: ['boolean'] },
  pause: { accepts: ['boolean'] },
  showNotes: { accepts: ['boolean'] },
  showHiddenSlides: { accepts: ['boolean'] },
  autoPlayMedia: { accepts: ['null', 'boolean'] },
  preloadIframes: { accepts: ['null', 'boolean'] },
  preventIframeAutoFocus: { accepts: ['boolean'] },
  autoAnimate: { accepts: ['boolean'] },
  autoAnimateMatcher: { accepts: ['null'] },
  autoAnimateEasing: { accepts: ['string'] },
  autoAnimateDuration: { accepts: ['number'] },
  autoAnimateUnmatched: { accepts: ['boolean'] },
  autoAnimateStyles: { accepts: ['strings'] },
  autoSlide: { accepts: ['number', 'false'] },
  autoSlideStoppable: { accepts: ['boolean'] },
  autoSlideMethod: { accepts: ['null'] },
  // Typed `null` in config.d.ts, but its doc and the notes plugin read seconds.
  defaultTiming: { accepts: ['null', 'number'] },
  mouseWheel: { accepts: ['boolean'] },
  previewLinks: { accepts: ['boolean'] },
  postMessage: { accepts: ['boolean'] },
  postMessageEvents: { accepts: ['boolean'] },
  focusBodyOnPageVisibilityChange: { accepts: ['boolean'] },
  transition: { accepts: [], values: TRANSITIONS },
  transitionSpeed: { accepts: [], values: ['default', 'fast', 'slow'] },
  backgroundTransition: { accepts: [], values: TRANSITIONS },
  parallaxBackgroundImage: { accepts: ['null', 'string'] },
  parallaxBackgroundSize: { accepts: ['null', 'string'] },
  parallaxBackgroundRepeat: { accepts: ['null', 'string'] },
  parallaxBackgroundPosition: { accepts: ['null', 'string'] },
  parallaxBackgroundHorizontal: { accepts: ['null', 'number'] },
  parallaxBackgroundVertical: { accepts: ['null', 'number'] },
  view: { accepts: ['null'], values: ['print', 'scroll'] },
  scrollLayout: { accepts: [], values: ['full', 'compact'] },
  scrollSnap: { accepts: ['false'], values: ['proximity', 'mandatory'] },
  scrollProgress: { accepts: ['boolean'], values: ['auto'] },
  // reveal only auto-activates the scroll view when this is a number, so null turns that off.
  scrollActivationWidth: { accepts: ['number', 'null'] },
  pdfMaxPagesPerSlide: { accepts: ['number'] },
  pdfSeparateFragments: { accepts: ['boolean'] },
  pdfPageHeightOffset: { accepts: ['number'] },
  viewDistance: { accepts: ['number'] },
  mobileViewDistance: { accepts: ['number'] },
  display: { accepts: ['string'] },
  hideInactiveCursor: { accepts: ['boolean'] },
  hideCursorTime: { accepts: ['number'] },
  sortFragmentsOnSync: { accepts: ['boolean'] },
  // plugin blocks
  highlight: { accepts: ['object'] },
  markdown: { accepts: ['object'] },
  katex: { accepts: ['object'] },
  math: { accepts: ['object'] },
  mathjax2: { accepts: ['object'] },
  mathjax3: { accepts: ['object'] },
  mathjax4: { accepts: ['object'] },
  notes: { accepts: ['object'] },
  search: { accepts: ['object'] },
  zoom: { accepts: ['object'] },
};

/** The option keys (used to tell options from comments and to suggest a spelling for a mistyped key). */
const REVEAL_OPTION_KEYS: readonly string[] = Object.keys(REVEAL_OPTION_TYPES);

/** Keys the page owns: the author cannot meaningfully set them from markdown. */
export const RESERVED_OPTION_KEYS: readonly string[] = ['plugins', 'dependencies', 'keyboardCondition'];

const KNOWN = new Set(REVEAL_OPTION_KEYS);

export function isRevealOption(key: string): boolean {
  return KNOWN.has(key);
}

/** The known key closest to `key` (case-insensitive edit distance ≤ 2), for "did you mean". */
export function suggestOption(key: string, candidates: readonly string[] = REVEAL_OPTION_KEYS): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const lower = key.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= Math.min(2, Math.floor(key.length / 2)) ? best : null;
}

/** What a value that does not fit its option should have been, and a fix when one is clear. */
export interface OptionMismatch {
  /** The option's type in words: `true or false`, `"edges" or "bottom-right"`. */
  expected: string;
  /** A value that fits: the closest allowed string, or the value the author meant ("0.1" → 0.1). */
  suggestion?: JsonValue;
}

const FITS: Record<OptionKind, (value: JsonValue) => boolean> = {
  boolean: (v) => typeof v === 'boolean',
  false: (v) => v === false,
  null: (v) => v === null,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  string: (v) => typeof v === 'string',
  strings: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  // reveal divides by a width that is not a percentage, so "960" works and "960px" does not.
  size: (v) => FITS.number(v) || (typeof v === 'string' && /^\d+(\.\d+)?%?$/.test(v)),
};

const KIND_WORDS: Record<OptionKind, string[]> = {
  boolean: ['true', 'false'],
  false: ['false'],
  null: ['null'],
  number: ['a number'],
  string: ['a string'],
  strings: ['a list of strings'],
  object: ['an object'],
  size: ['a number of pixels', 'a percentage such as "80%"'],
};

/**
 * null when `value` fits option `key` (or `key` is no reveal.js option: plugins take anything),
 * else what it should be. Lenient where reveal.js is: `width: "960"` fits.
 */
export function checkOptionValue(key: string, value: JsonValue): OptionMismatch | null {
  const type = REVEAL_OPTION_TYPES[key];
  if (!type || optionValueFits(type, value)) return null;
  const suggestion = suggestValue(type, value);
  return suggestion === undefined ? { expected: describeOptionType(type) } : { expected: describeOptionType(type), suggestion };
}

export function optionValueFits(type: OptionType, value: JsonValue): boolean {
  return type.accepts.some((kind) => FITS[kind](value)) || (typeof value === 'string' && (type.values ?? []).includes(value));
}

/** `true, false, "h.v", "h/v", "c" or "c/t"`. */
export function describeOptionType(type: OptionType): string {
  const words = [...type.accepts.flatMap((kind) => KIND_WORDS[kind]), ...(type.values ?? []).map((v) => JSON.stringify(v))];
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]!}`;
}

/** A value that fits, when the one written is a near miss: a quoted true/number/null, or a misspelling. */
function suggestValue(type: OptionType, value: JsonValue): JsonValue | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const word = text.toLowerCase();
  const candidates: JsonValue[] = [];
  if (/^(true|yes|on)$/.test(word)) candidates.push(true);
  if (/^(false|no|off)$/.test(word)) candidates.push(false);
  if (word === 'null') candidates.push(null);
  // "960px" means 960 to an author, and reveal wants the number.
  const number = /^-?\d+(\.\d+)?(px)?$/.test(word) ? Number.parseFloat(word) : NaN;
  if (Number.isFinite(number)) candidates.push(number);
  const fitting = candidates.find((candidate) => optionValueFits(type, candidate));
  if (fitting !== undefined) return fitting;
  return type.values ? (suggestOption(text, type.values) ?? undefined) : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length]!;
}
