/**
 * Prints a deck's diagnostics in the terminal once per version of the deck, as
 * `slides/talk.md:12:3: warning: ... (hint)`, so editors can jump to the spot.
 */
import path from 'node:path';
import type { Logger } from 'vite';
import { formatDiagnostic, type Diagnostic } from '../shared/diagnostics.ts';

const reported = new WeakSet<object>();

export function reportOnce(logger: Logger, key: object, file: string, diagnostics: Diagnostic[]): void {
  if (reported.has(key)) return;
  reported.add(key);
  const shown = diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length === 0) return;
  const relative = path.relative(process.cwd(), file) || file;
  for (const d of shown) {
    const line = formatDiagnostic(relative, d);
    if (d.severity === 'error') logger.error(line, { timestamp: true });
    else logger.warn(line, { timestamp: true });
  }
}
