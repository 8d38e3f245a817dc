/**
 * CommonMark fenced code blocks (``` or ~~~, three or more, closed by the same character at
 * least as long), found line by line. Slide splitting, notes and titles must not fire inside
 * code: a `---` or `Note:` in a code sample is content.
 */
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** For each line, whether it is inside a fenced code block (fence lines included). */
export function fencedLines(lines: readonly string[]): boolean[] {
  return scanFences(lines).inside;
}

/** Whether a code fence is still open after the last line (the text ends inside code). */
export function endsInsideFence(lines: readonly string[]): boolean {
  return scanFences(lines).open;
}

function scanFences(lines: readonly string[]): { inside: boolean[]; open: boolean } {
  const inside: boolean[] = [];
  let open: { char: string; length: number } | null = null;
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (open) {
      inside.push(true);
      if (m && m[1]![0] === open.char && m[1]!.length >= open.length && m[2]!.trim() === '') open = null;
    } else if (m && !(m[1]![0] === '`' && m[2]!.includes('`'))) {
      inside.push(true);
      open = { char: m[1]![0]!, length: m[1]!.length };
    } else {
      inside.push(false);
    }
  }
  return { inside, open: open !== null };
}
