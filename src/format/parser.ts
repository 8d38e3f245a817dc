/**
 * Stage 2 of the format: line tokens → typed `Deck`. Follows mdslides' slide/stack rules
 * (see docs/format.md) minus its bugs; never throws on author input: problems become
 * diagnostics and the rest of the deck is still produced.
 */
import { parse as parseYaml } from 'yaml';
import { parseAttributes, mergeAttributes } from './attributes.ts';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { fencedLines } from './fences.ts';
import { extractFrontMatter } from '../shared/front-matter.ts';
import { headingBreaks } from './headings.ts';
import { limitMarkdown, type MarkdownLimits } from './limits.ts';
import { lexLine, splitLines, type LineToken } from './lexer.ts';
import { REVEAL_THEMES } from './themes.ts';
import { checkOptionValue, isRevealOption, suggestOption, RESERVED_OPTION_KEYS } from './reveal-options.ts';
import {
  DEFAULT_CODE_THEME,
  DEFAULT_THEME,
  type Deck,
  type DeckNode,
  type JsonValue,
  type Slide,
  type SlideAttribute,
} from './types.ts';

interface SourceLine {
  text: string;
  line: number;
}

const NOTES_MARKER = /^ {0,3}notes?:/i;
const SLIDE_ATTRIBUTES = /<!--\s*\.slide:\s*(.*?)\s*-->/g;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** Settings written `KEY = value` that the parser knows (FIX_ENCODING belongs to src/repair). */
const KNOWN_SETTINGS = new Set(['THEME', 'CODE_THEME', 'FIX_ENCODING', 'SLIDE_LEVEL']);

/** `limits`: where nesting and emphasis marks stop being parsed (see limits.ts). */
export function parseDeck(source: string, options: { limits?: MarkdownLimits } = {}): Deck {
  const deck: Deck = {
    title: null,
    theme: DEFAULT_THEME,
    codeTheme: DEFAULT_CODE_THEME,
    options: {},
    meta: {},
    nodes: [],
    format: 'mdslides',
    locations: {},
    diagnostics: [],
  };
  const report = (d: Diagnostic) => deck.diagnostics.push(d);
  const lines = splitLines(source);
  const frontMatter = extractFrontMatter(lines);
  frontMatter.diagnostics.forEach(report);
  applyFrontMatter(deck, frontMatter.data, frontMatter.keyLines, report);

  let tokens: LineToken[] = withinLimits(
    lines.slice(frontMatter.lineCount).map((text, i) => lexLine(text, frontMatter.lineCount + i + 1)),
    report,
    options.limits,
  );
  for (const token of tokens) {
    if (token.type === 'setting') readSetting(token, deck, report);
  }
  const headingMode = !hasSlideBreaks(tokens) && deck.meta.slideLevel !== 0;
  const usesDirectives = tokens.some((t) => t.type === 'option' || t.type === 'setting' || t.type === 'separator');
  if (headingMode) tokens = insertHeadingBreaks(tokens, deck);
  deck.format = headingMode && !usesDirectives ? 'document' : 'mdslides';

  let group: SourceLine[] = [];
  let groupStart = frontMatter.lineCount + 1;
  let stack: Slide[] | null = null;

  const closeGroup = (separator: SeparatorToken | null) => {
    const attributes = separator ? readAttributes(separator, report) : [];
    const attributesAt =
      separator && separator.attributes ? { line: separator.line, column: separator.column, text: separator.attributes } : null;
    const slides = buildSlides(group, groupStart, attributes, report).map((slide) => ({ ...slide, attributesAt }));
    if (separator?.kind === 'vertical') {
      stack = stack ? [...stack, ...slides] : slides;
    } else if (stack) {
      deck.nodes.push({ kind: 'stack', slides: [...stack, ...slides] });
      stack = null;
    } else {
      deck.nodes.push(...slides.map((slide): DeckNode => ({ kind: 'slide', slide })));
    }
    group = [];
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        if (token.problem) {
          report({ severity: 'warning', code: 'malformed-directive', line: token.line, ...token.problem });
        }
        if (group.length === 0) groupStart = token.line;
        group.push({ text: token.text, line: token.line });
        break;
      case 'separator':
        if ('synthetic' in token) {
          // A heading break: the text before the first heading may be empty.
          if (group.some((l) => l.text.trim() !== '') || deck.nodes.length > 0 || stack) closeGroup(token);
          else group = [];
          groupStart = token.line;
          break;
        }
        if (group.length === 0) groupStart = token.line + 1;
        closeGroup(token);
        groupStart = token.line + 1;
        break;
      case 'option':
        readOption(token, deck, report);
        break;
      case 'setting':
        break; // read above
      case 'comment':
        // A comment renders nothing, as in mdslides; one shaped like a setting is worth a word.
        warnIfSettingLike(token, report);
        break;
    }
  }
  // The text after the last separator is a slide only when it has content (mdslides' rule);
  // an open stack keeps that slide at its bottom (mdslides wrongly moves it out of the stack).
  if (group.some((l) => l.text.trim() !== '')) {
    closeGroup(null);
  } else if (stack) {
    deck.nodes.push({ kind: 'stack', slides: stack });
  }
  if (headingMode) addTitleSlide(deck, frontMatter.lineCount);
  deck.title ??= findTitle(deck.nodes);
  return deck;
}

type SeparatorToken = Extract<LineToken, { type: 'separator' }>;

/** The text lines with the limits on nesting and emphasis applied (see limits.ts); separators end containers. */
function withinLimits(tokens: LineToken[], report: (d: Diagnostic) => void, limits?: MarkdownLimits): LineToken[] {
  const flow = tokens.filter((t) => t.type === 'text' || t.type === 'separator');
  const limited = limitMarkdown(
    flow.map((t) => (t.type === 'text' ? t.text : null)),
    flow.map((t) => t.line),
    limits,
  );
  limited.diagnostics.forEach(report);
  const changed = new Map<LineToken, string>();
  flow.forEach((t, i) => {
    if (t.type === 'text' && limited.texts[i] !== t.text) changed.set(t, limited.texts[i]!);
  });
  return changed.size === 0 ? tokens : tokens.map((t) => (t.type === 'text' && changed.has(t) ? { ...t, text: changed.get(t)! } : t));
}

/** Whether the author split the deck: mdslides separators or reveal's `---` lines. */
function hasSlideBreaks(tokens: LineToken[]): boolean {
  if (tokens.some((t) => t.type === 'separator')) return true;
  const text = tokens.filter((t) => t.type === 'text');
  const fenced = fencedLines(text.map((t) => t.text));
  return text.some((t, i) => !fenced[i] && t.text === '---');
}

/** Heading mode: synthetic separators before the headings that start slides. */
function insertHeadingBreaks(tokens: LineToken[], deck: Deck): LineToken[] {
  const text = tokens.map((t) => (t.type === 'text' ? t.text : '')).join('\n');
  const level = typeof deck.meta.slideLevel === 'number' ? deck.meta.slideLevel : null;
  const breaks = new Map(headingBreaks(text, level).map((b) => [b.lineIndex, b.kind]));
  return tokens.flatMap((token, i): LineToken[] => {
    const kind = breaks.get(i);
    if (!kind) return [token];
    const separator: SeparatorToken & { synthetic: true } = {
      type: 'separator',
      kind,
      attributes: '',
      line: token.line,
      column: 1,
      synthetic: true,
    };
    return [separator, token];
  });
}

/**
 * A document presented by heading mode gets a title slide from its front matter (title,
 * author, date), unless it already opens with that title.
 */
function addTitleSlide(deck: Deck, frontMatterLines: number): void {
  const title = typeof deck.meta.title === 'string' ? deck.meta.title : null;
  if (!title || frontMatterLines === 0) return;
  const first = deck.nodes[0];
  const firstSlide = first?.kind === 'slide' ? first.slide : first?.slides[0];
  if (firstSlide && ATX_HEADING.exec(firstSlide.body.trim().split('\n')[0] ?? '')?.[1]?.trim() === title) return;
  const details = ['author', 'date'].map((k) => deck.meta[k]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  const body = [`# ${title}`, ...details.map((d) => `\n${String(d)}`)].join('\n');
  deck.nodes.unshift({
    kind: 'slide',
    slide: {
      body,
      notes: null,
      attributes: [{ name: 'class', value: 'title-slide' }],
      line: 1,
      bodyLine: 1,
      notesLine: null,
      attributesAt: null,
    },
  });
}

const FRONT_MATTER_KEYS: Record<string, 'title' | 'theme' | 'codeTheme' | 'meta' | 'reveal' | 'slideLevel' | 'fixEncoding'> = {
  title: 'title',
  theme: 'theme',
  code_theme: 'codeTheme',
  codeTheme: 'codeTheme',
  highlightTheme: 'codeTheme',
  reveal: 'reveal',
  revealOptions: 'reveal',
  slide_level: 'slideLevel',
  slideLevel: 'slideLevel',
  fix_encoding: 'fixEncoding',
  fixEncoding: 'fixEncoding',
};

/** Front matter comes first in the file, so the directives after it win (last one wins). */
function applyFrontMatter(
  deck: Deck,
  data: Record<string, JsonValue>,
  keyLines: Record<string, number>,
  report: (d: Diagnostic) => void,
): void {
  for (const [key, value] of Object.entries(data)) {
    const at = { line: keyLines[key] ?? 1, column: 1 };
    switch (FRONT_MATTER_KEYS[key]) {
      case 'title':
        if (value !== null) {
          deck.title = String(value);
          deck.meta.title = String(value);
        }
        break;
      case 'theme':
        if (typeof value === 'string') setTheme(deck, value, at, report);
        break;
      case 'codeTheme':
        if (typeof value === 'string') {
          deck.codeTheme = value;
          deck.locations.codeTheme = at;
        }
        break;
      case 'reveal':
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [option, optionValue] of Object.entries(value)) setOption(deck, option, optionValue, at, report);
        } else {
          report({ severity: 'warning', code: 'bad-front-matter', message: `"${key}" must be a map of reveal.js options`, ...at });
        }
        break;
      case 'slideLevel':
        if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6) deck.meta.slideLevel = value;
        else report({ severity: 'warning', code: 'bad-front-matter', message: `"${key}" must be a whole number from 0 (no splitting) to 6`, ...at });
        break;
      case 'fixEncoding':
        deck.meta.fixEncoding = value !== false;
        break;
      default:
        // Top-level reveal.js options (Slidev/Marp habit); everything else is metadata.
        if (isRevealOption(key)) setOption(deck, key, value, at, report);
        else deck.meta[key] = value;
    }
  }
}

function readAttributes(separator: SeparatorToken, report: (d: Diagnostic) => void): SlideAttribute[] {
  const { attributes, junk } = parseAttributes(separator.attributes);
  for (const piece of junk) {
    report({
      severity: 'warning',
      code: 'bad-attribute',
      message: `"${piece.text}" is not an HTML attribute; it was ignored`,
      line: separator.line,
      column: separator.column + piece.offset,
      hint: 'write attributes as name="value" or a bare name, separated by spaces: (!!! data-auto-animate data-transition="zoom")',
    });
  }
  return attributes;
}

function readOption(token: Extract<LineToken, { type: 'option' }>, deck: Deck, report: (d: Diagnostic) => void): void {
  let value: JsonValue;
  try {
    value = (parseYaml(token.value) as JsonValue | undefined) ?? null;
  } catch (error) {
    report({
      severity: 'warning',
      code: 'bad-option-value',
      message: `option "${token.key}": cannot read the value ${token.value} (${firstLine(error)}); the option was ignored`,
      line: token.line,
      column: token.valueColumn,
      hint: 'write a value as JSON or YAML: true, 4.0, "960", \'zoom\', { smartypants: true }',
    });
    return;
  }
  setOption(deck, token.key, value, { line: token.line, column: token.column }, report);
}

function setOption(
  deck: Deck,
  key: string,
  value: JsonValue,
  at: { line: number; column: number },
  report: (d: Diagnostic) => void,
): void {
  if (RESERVED_OPTION_KEYS.includes(key)) {
    report({
      severity: 'warning',
      code: 'reserved-option',
      message: `option "${key}" is set by slidewright and cannot be set from a deck; it was ignored`,
      ...at,
    });
    return;
  }
  if (!isRevealOption(key)) {
    const suggestion = suggestOption(key);
    report({
      severity: 'warning',
      code: 'unknown-option',
      message: `"${key}" is not a reveal.js option; it is passed on as written (for plugins)`,
      ...at,
      hint: suggestion ? `did you mean "${suggestion}"?` : 'see https://revealjs.com/config/ for the options',
    });
  }
  const mismatch = checkOptionValue(key, value);
  if (mismatch) {
    // A wrong type breaks the deck at run time (width: "alert(1)" ruins the layout): the default is safer.
    const fix = mismatch.suggestion;
    const outcome = Object.hasOwn(deck.options, key) ? `it stays ${JSON.stringify(deck.options[key])}` : 'the default applies';
    report({
      severity: 'warning',
      code: 'bad-option-value',
      message: `"${key}" must be ${mismatch.expected}; ${JSON.stringify(value)} was ignored, so ${outcome}`,
      ...at,
      hint:
        fix === undefined
          ? `see https://revealjs.com/config/ for "${key}"`
          : typeof fix === 'string'
            ? `did you mean "${fix}"?`
            : `write ${key}: ${JSON.stringify(fix)}`,
    });
    return;
  }
  deck.options[key] = value;
}

/**
 * `(TODO: fix the ending)` or a bare URL reads like a setting but is not one: the lexer keeps it
 * a comment (its value is prose, or its key no option), so nothing happens on the slide, which
 * the author may not expect. Plain prose comments (`(Compile this with make)`) stay silent.
 */
function warnIfSettingLike(token: Extract<LineToken, { type: 'comment' }>, report: (d: Diagnostic) => void): void {
  const text = token.text.trim();
  const keyed = /^([A-Za-z_$][\w$]*)\s*:\s*\S/.exec(text);
  // An address, alone or followed by words: its scheme is no option key.
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!keyed && !url) return;
  const key = keyed?.[1];
  const option = key && !url ? (isRevealOption(key) ? key : suggestOption(key)) : null;
  report({
    severity: 'warning',
    code: 'comment-not-setting',
    message: url
      ? `"${text}" is read as a comment (an address is no setting); it does nothing on the slides`
      : option === key
        ? `"${text}" is read as a comment, not as the option ${key}: its value is several words`
        : `"${text}" is read as a comment: "${key}" is not a reveal.js option, so nothing is set`,
    line: token.line,
    column: token.column + token.text.length - token.text.trimStart().length,
    hint:
      option === key
        ? `write one value, e.g. [comment]: # (${key}: "${text.slice(text.indexOf(':') + 1).trim()}") for a string`
        : option
          ? `did you mean "${option}"? If it is a note to self, write it as <!-- ${text} --> to silence this`
          : `if it is a note to self, write it as <!-- ${text} --> to silence this`,
  });
}

function setTheme(deck: Deck, value: string, at: { line: number; column: number }, report: (d: Diagnostic) => void): void {
  deck.locations.theme = at;
  // A name that is not a reveal.js theme may be a project CSS file (checked by the adapter).
  deck.theme = value;
  if (/^[\w./-]+$/.test(value)) return;
  report({
    severity: 'warning',
    code: 'unknown-theme',
    message: `"${value}" is not a theme name or a CSS file path; using "${DEFAULT_THEME}"`,
    ...at,
    hint: `themes: ${REVEAL_THEMES.join(', ')}, or a .css file of the project`,
  });
  deck.theme = DEFAULT_THEME;
}

function readSetting(token: Extract<LineToken, { type: 'setting' }>, deck: Deck, report: (d: Diagnostic) => void): void {
  const at = { line: token.line, column: token.column };
  switch (token.key) {
    case 'THEME':
      setTheme(deck, token.value, at, report);
      return;
    case 'CODE_THEME':
      deck.locations.codeTheme = at;
      deck.codeTheme = token.value;
      return;
    case 'FIX_ENCODING':
      deck.meta.fixEncoding = !/^(false|no|off|0)$/i.test(token.value);
      return;
    case 'SLIDE_LEVEL': {
      const level = Number(token.value);
      if (Number.isInteger(level) && level >= 0 && level <= 6) deck.meta.slideLevel = level;
      else report({ severity: 'warning', code: 'bad-setting', message: `SLIDE_LEVEL must be a whole number from 0 (no splitting) to 6, not "${token.value}"`, ...at });
      return;
    }
  }
  const suggestion = suggestOption(token.key, [...KNOWN_SETTINGS]);
  report({
    severity: 'warning',
    code: 'unknown-setting',
    message: `unknown setting "${token.key}"; it was ignored`,
    ...at,
    hint: suggestion ? `did you mean "${suggestion}"?` : `known settings: ${[...KNOWN_SETTINGS].join(', ')}`,
  });
}

/**
 * One mdslides slide may hold several reveal slides: reveal's markdown plugin splits at lines
 * that are exactly `---` (outside code here), each piece keeping the separator's attributes.
 */
function buildSlides(
  lines: SourceLine[],
  start: number,
  attributes: SlideAttribute[],
  report: (d: Diagnostic) => void,
): Slide[] {
  const fenced = fencedLines(lines.map((l) => l.text));
  const pieces: { lines: SourceLine[]; fenced: boolean[]; start: number }[] = [{ lines: [], fenced: [], start }];
  lines.forEach((l, i) => {
    if (!fenced[i] && l.text === '***') {
      report({
        severity: 'warning',
        code: 'rule-not-split',
        message: '"***" draws a horizontal rule; it does not split the slide',
        line: l.line,
        column: 1,
        hint: 'write --- alone on a line to split a slide, or [comment]: # (!!!) for a new slide',
      });
    }
    if (!fenced[i] && l.text === '---') {
      pieces.push({ lines: [], fenced: [], start: l.line + 1 });
    } else {
      const piece = pieces[pieces.length - 1]!;
      piece.lines.push(l);
      piece.fenced.push(fenced[i]!);
    }
  });
  return pieces.map((piece) => buildSlide(piece.lines, piece.fenced, piece.start, attributes, report));
}

function buildSlide(
  lines: SourceLine[],
  fenced: boolean[],
  start: number,
  separatorAttributes: SlideAttribute[],
  report: (d: Diagnostic) => void,
): Slide {
  const notesAt = lines.findIndex((l, i) => !fenced[i] && NOTES_MARKER.test(l.text));
  const bodyLines = notesAt < 0 ? lines : lines.slice(0, notesAt);
  let notes: string | null = null;
  let notesLine: number | null = null;
  if (notesAt >= 0) {
    const marker = lines[notesAt]!;
    const first = marker.text.replace(NOTES_MARKER, '');
    const raw = [first, ...lines.slice(notesAt + 1).map((l) => l.text)].join('\n');
    notes = raw.trim();
    // The notes start on the marker's line, or below it past the blank lines that trim dropped.
    const skipped = raw.slice(0, raw.length - raw.trimStart().length).split('\n').length - 1;
    notesLine = marker.line + skipped;
  }

  let attributes = separatorAttributes;
  const bodyText: string[] = [];
  bodyLines.forEach((l, i) => {
    if (fenced[i]) {
      bodyText.push(l.text);
      return;
    }
    const text = l.text.replace(SLIDE_ATTRIBUTES, (whole: string, raw: string, offset: number) => {
      const parsed = parseAttributes(raw);
      attributes = mergeAttributes(attributes, parsed.attributes);
      for (const piece of parsed.junk) {
        report({
          severity: 'warning',
          code: 'bad-attribute',
          message: `"${piece.text}" is not an HTML attribute; it was ignored`,
          line: l.line,
          column: offset + whole.indexOf(raw) + piece.offset + 1,
          hint: 'write <!-- .slide: name="value" data-flag -->',
        });
      }
      return '';
    });
    bodyText.push(text);
  });
  return {
    body: bodyText.join('\n'),
    notes,
    attributes,
    line: lines.find((l) => l.text.trim() !== "")?.line ?? lines[0]?.line ?? start,
    bodyLine: bodyLines[0]?.line ?? start,
    notesLine,
    attributesAt: null,
  };
}

/** The deck's title: the first ATX heading outside code, inline markup removed. */
function findTitle(nodes: DeckNode[]): string | null {
  for (const node of nodes) {
    for (const slide of node.kind === 'slide' ? [node.slide] : node.slides) {
      const lines = slide.body.split('\n');
      const fenced = fencedLines(lines);
      for (let i = 0; i < lines.length; i++) {
        if (fenced[i]) continue;
        const m = ATX_HEADING.exec(lines[i]!);
        if (m && m[1]?.trim()) return plainInline(m[1].trim());
      }
    }
  }
  return null;
}

/** Inline markdown → plain text, enough for a title: links, emphasis, code marks, HTML tags. */
function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|\*|_|~~|`)(.+?)\1/g, '$2')
    .trim();
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}
