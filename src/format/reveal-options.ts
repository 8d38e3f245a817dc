/**
 * reveal.js 6 configuration keys (from `RevealConfig` in reveal.js/dist/config.d.ts) and the
 * plugin blocks that live in the same object. Used to tell options from comments and to
 * suggest a spelling for a mistyped key.
 */
const REVEAL_OPTION_KEYS: readonly string[] = [
  'width', 'height', 'margin', 'minScale', 'maxScale', 'controls', 'controlsTutorial',
  'controlsLayout', 'controlsBackArrows', 'progress', 'slideNumber', 'showSlideNumber',
  'hashOneBasedIndex', 'hash', 'respondToHashChanges', 'jumpToSlide', 'history', 'keyboard',
  'keyboardCondition', 'disableLayout', 'overview', 'center', 'touch', 'loop', 'rtl',
  'navigationMode', 'shuffle', 'fragments', 'fragmentInURL', 'embedded', 'help', 'pause',
  'showNotes', 'showHiddenSlides', 'autoPlayMedia', 'preloadIframes', 'preventIframeAutoFocus',
  'autoAnimate', 'autoAnimateMatcher', 'autoAnimateEasing', 'autoAnimateDuration',
  'autoAnimateUnmatched', 'autoAnimateStyles', 'autoSlide', 'autoSlideStoppable',
  'autoSlideMethod', 'defaultTiming', 'mouseWheel', 'previewLinks', 'postMessage',
  'postMessageEvents', 'focusBodyOnPageVisibilityChange', 'transition', 'transitionSpeed',
  'backgroundTransition', 'parallaxBackgroundImage', 'parallaxBackgroundSize',
  'parallaxBackgroundRepeat', 'parallaxBackgroundPosition', 'parallaxBackgroundHorizontal',
  'parallaxBackgroundVertical', 'view', 'scrollLayout', 'scrollSnap', 'scrollProgress',
  'scrollActivationWidth', 'pdfMaxPagesPerSlide', 'pdfSeparateFragments', 'pdfPageHeightOffset',
  'viewDistance', 'mobileViewDistance', 'display', 'hideInactiveCursor', 'hideCursorTime',
  'sortFragmentsOnSync',
  // plugin blocks
  'highlight', 'markdown', 'katex', 'math', 'mathjax2', 'mathjax3', 'notes', 'search', 'zoom',
];

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
