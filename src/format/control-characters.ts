/**
 * Control characters (a terminal's ESC, a word processor's vertical tab, a stray NUL) are not
 * text: a browser's parser reports each as an error, Vite then prints a parse5 error about the
 * generated page with no word of the deck, and the character itself shows as nothing. They are
 * replaced by U+FFFD, so the slide shows where, with a warning at each line (tab, line feed,
 * form feed and carriage return are text). Noncharacters (U+FFFE, U+FDD0…) are treated alike.
 */
import type { Diagnostic } from '../shared/diagnostics.ts';

const CONTROL = /[\0-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]/g;
/** A deck of binary noise would get one warning per line; past these, one more says how many. */
const MAX_WARNINGS = 20;

function describe(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function replaceControlCharacters(text: string): { text: string; diagnostics: Diagnostic[] } {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return { text, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  let affected = 0;
  const out = lines.map((line, i) => {
    let first: { column: number; ch: string } | null = null;
    let count = 0;
    const replaced = line.replace(CONTROL, (ch, offset: number) => {
      count++;
      first ??= { column: offset + 1, ch };
      return '\ufffd';
    });
    if (first === null) return line;
    affected++;
    if (affected <= MAX_WARNINGS) {
      const { column, ch } = first as { column: number; ch: string };
      diagnostics.push({
        severity: 'warning',
        code: 'control-character',
        message: `${count === 1 ? `a control character (${describe(ch)}) is` : `${count} control characters (first ${describe(ch)}) are`} not text; the slide shows � there`,
        line: i + 1,
        column,
        hint: 'delete them in your editor: they are often invisible there, and usually came with pasted text',
      });
    }
    return replaced;
  });
  if (affected > MAX_WARNINGS) {
    diagnostics.push({
      severity: 'warning',
      code: 'control-character',
      message: `${affected - MAX_WARNINGS} more lines have control characters; they show as �`,
      line: diagnostics[diagnostics.length - 1]!.line,
      column: 1,
    });
  }
  return { text: out.join('\n'), diagnostics };
}
