/**
 * Dev only: shows a deck's warnings in Vite's error overlay (the same panel as a build error),
 * each as `/abs/path/talk.md:12:3` so a click opens the line in the editor. The deck still
 * renders underneath; Esc or a click dismisses the panel. Each update replaces the panel, and
 * a deck with no problems left has none.
 */
export interface OverlayDiagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  hint?: string;
}

type OverlayConstructor = new (err: {
  message: string;
  stack: string;
  id?: string;
  plugin?: string;
  loc?: { file: string; line: number; column: number };
}) => HTMLElement & { close?: () => void };

let shownOverlay: (HTMLElement & { close?: () => void }) | null = null;

export function showDiagnostics(file: string, relativeFile: string, diagnostics: OverlayDiagnostic[], error?: string): void {
  clearDiagnostics();
  const shown = diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length === 0 && !error) return;
  const Overlay = customElements.get('vite-error-overlay') as OverlayConstructor | undefined;
  if (!Overlay) return;
  const count = (severity: string) => shown.filter((d) => d.severity === severity).length;
  const summary = [
    count('error') ? `${count('error')} error${count('error') === 1 ? '' : 's'}` : '',
    count('warning') ? `${count('warning')} warning${count('warning') === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const first = shown[0];
  shownOverlay = new Overlay({
    plugin: 'slidewright',
    message: error
      ? `${relativeFile} could not be rendered: ${error}. The deck shows its last good version; fix the file and save.`
      : `${relativeFile}: ${summary}. The deck still renders; fix these in the markdown (click a location to open it).`,
    id: file,
    loc: first ? { file, line: first.line, column: first.column } : undefined,
    stack: shown.map((d) => `${file}:${d.line}:${d.column}  ${d.severity}: ${d.message}${d.hint ? `\n    → ${d.hint}` : ''}`).join('\n'),
  });
  document.body.appendChild(shownOverlay);
}

/** Removes the panel this module showed, if it is still there. */
export function clearDiagnostics(): void {
  if (!shownOverlay) return;
  if (typeof shownOverlay.close === 'function') shownOverlay.close();
  else shownOverlay.remove();
  shownOverlay = null;
}
