/**
 * Stage 2 of the format: line tokens → typed `Deck`. Follows mdslides' slide/stack rules
 * (see docs/format.md) minus its bugs; never throws on author input: problems become
 * diagnostics and the rest of the deck is still produced.
 */
import { parse as parseYaml } from 'yaml';
import { parseAttributes, mergeAttributes } from './attributes.ts';
import type { Diagnostic } from './diagnostics.ts';
import { fencedLines } from './fences.ts';
import { lex, type LineToken } from './lexer.ts';
import { isRevealTheme, REVEAL_THEMES } from './themes.ts';
import { isRevealOption, suggestOption, RESERVED_OPTION_KEYS } from './reveal-options.ts';
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
const KNOWN_SETTINGS = new Set(['THEME', 'CODE_THEME', 'FIX_ENCODING']);

export function parseDeck(source: string): Deck {
  const deck: Deck = {
    title: null,
    theme: DEFAULT_THEME,
    codeTheme: DEFAULT_CODE_THEME,
    options: {},
    meta: {},
    nodes: [],
    locations: {},
    diagnostics: [],
  };
  const report = (d: Diagnostic) => deck.diagnostics.push(d);

  let group: SourceLine[] = [];
  let groupStart = 1;
  let stack: Slide[] | null = null;

  const closeGroup = (separator: Extract<LineToken, { type: 'separator' }> | null) => {
    const attributes = separator ? readAttributes(separator, report) : [];
    const slides = buildSlides(group, groupStart, attributes, report);
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

  for (const token of lex(source)) {
    switch (token.type) {
      case 'text':
        if (group.length === 0) groupStart = token.line;
        group.push({ text: token.text, line: token.line });
        break;
      case 'separator':
        if (group.length === 0) groupStart = token.line + 1;
        closeGroup(token);
        groupStart = token.line + 1;
        break;
      case 'option':
        readOption(token, deck, report);
        break;
      case 'setting':
        readSetting(token, deck, report);
        break;
      case 'comment':
        break; // a comment renders nothing, as in mdslides
    }
  }
  // The text after the last separator is a slide only when it has content (mdslides' rule);
  // an open stack keeps that slide at its bottom (mdslides wrongly moves it out of the stack).
  if (group.some((l) => l.text.trim() !== '')) {
    closeGroup(null);
  } else if (stack) {
    deck.nodes.push({ kind: 'stack', slides: stack });
  }
  deck.title = findTitle(deck.nodes);
  return deck;
}

function readAttributes(
  separator: Extract<LineToken, { type: 'separator' }>,
  report: (d: Diagnostic) => void,
): SlideAttribute[] {
  const { attributes, junk } = parseAttributes(separator.attributes);
  if (junk) {
    report({
      severity: 'warning',
      code: 'bad-attribute',
      message: `cannot read "${junk.text}" as HTML attributes; it was ignored`,
      line: separator.line,
      column: separator.column + junk.offset,
      hint: 'write attributes as name="value" or a bare name, e.g. (!!! data-auto-animate data-transition="zoom")',
    });
  }
  return attributes;
}

function readOption(
  token: Extract<LineToken, { type: 'option' }>,
  deck: Deck,
  report: (d: Diagnostic) => void,
): void {
  let value: JsonValue;
  try {
    value = parseYaml(token.value) as JsonValue;
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
  if (value === undefined) value = null;
  if (RESERVED_OPTION_KEYS.includes(token.key)) {
    report({
      severity: 'warning',
      code: 'reserved-option',
      message: `option "${token.key}" is set by slidewright and cannot be set from a deck; it was ignored`,
      line: token.line,
      column: token.column,
    });
    return;
  }
  if (!isRevealOption(token.key)) {
    const suggestion = suggestOption(token.key);
    report({
      severity: 'warning',
      code: 'unknown-option',
      message: `"${token.key}" is not a reveal.js option; it is passed on as written (for plugins)`,
      line: token.line,
      column: token.column,
      hint: suggestion ? `did you mean "${suggestion}"?` : 'see https://revealjs.com/config/ for the options',
    });
  }
  deck.options[token.key] = value;
}

function readSetting(
  token: Extract<LineToken, { type: 'setting' }>,
  deck: Deck,
  report: (d: Diagnostic) => void,
): void {
  const location = { line: token.line, column: token.column };
  if (token.key === 'THEME') {
    deck.locations.theme = location;
    if (isRevealTheme(token.value) || token.value.endsWith('.css')) deck.theme = token.value;
    else {
      const suggestion = suggestOption(token.value, REVEAL_THEMES);
      report({
        severity: 'warning',
        code: 'unknown-theme',
        message: `unknown theme "${token.value}"; using "${deck.theme}"`,
        ...location,
        hint: suggestion ? `did you mean "${suggestion}"?` : `themes: ${REVEAL_THEMES.join(', ')}, or a .css file of the project`,
      });
    }
  } else if (token.key === 'CODE_THEME') {
    deck.locations.codeTheme = location;
    deck.codeTheme = token.value;
  }
  else if (token.key === 'FIX_ENCODING') deck.meta.fixEncoding = token.value !== 'false';
  if (!KNOWN_SETTINGS.has(token.key)) {
    const suggestion = suggestOption(token.key, [...KNOWN_SETTINGS]);
    report({
      severity: 'warning',
      code: 'unknown-setting',
      message: `unknown setting "${token.key}"; it was ignored`,
      line: token.line,
      column: token.column,
      hint: suggestion ? `did you mean "${suggestion}"?` : `known settings: ${[...KNOWN_SETTINGS].join(', ')}`,
    });
  }
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
    notes = [first, ...lines.slice(notesAt + 1).map((l) => l.text)].join('\n').trim();
    notesLine = first.trim() ? marker.line : marker.line + 1;
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
      if (parsed.junk) {
        report({
          severity: 'warning',
          code: 'bad-attribute',
          message: `cannot read "${parsed.junk.text}" as HTML attributes; it was ignored`,
          line: l.line,
          column: offset + whole.indexOf(raw) + parsed.junk.offset + 1,
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
export function plainInline(text: string): string {
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
