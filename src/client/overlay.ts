/**
 * Dev only: shows a deck's warnings in Vite's error overlay (the same panel as a build error),
 * each as `/abs/path/talk.md:12:3` so a click opens the line in the editor. The deck still
 * renders underneath; Esc or a click dismisses the panel.
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
}) => HTMLElement;

export function showDiagnostics(file: string, relativeFile: string, diagnostics: OverlayDiagnostic[]): void {
  const shown = diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length === 0) return;
  const Overlay = customElements.get('vite-error-overlay') as OverlayConstructor | undefined;
  if (!Overlay) return;
  const count = (severity: string) => shown.filter((d) => d.severity === severity).length;
  const summary = [
    count('error') ? `${count('error')} error${count('error') === 1 ? '' : 's'}` : '',
    count('warning') ? `${count('warning')} warning${count('warning') === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const first = shown[0]!;
  const overlay = new Overlay({
    plugin: 'slidewright',
    message: `${relativeFile}: ${summary}. The deck still renders; fix these in the markdown (click a location to open it).`,
    id: file,
    loc: { file, line: first.line, column: first.column },
    stack: shown.map((d) => `${file}:${d.line}:${d.column}  ${d.severity}: ${d.message}${d.hint ? `\n    → ${d.hint}` : ''}`).join('\n'),
  });
  document.body.appendChild(overlay);
}
