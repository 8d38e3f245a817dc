/**
 * The deck doctor in `npm run dev` (injected by `src/vite/doctor.ts`, never in a build).
 *
 * On the open deck, once reveal.js is ready, it loads a hidden print-view copy of the page in
 * an iframe (every slide laid out at the deck's size, as `npm run check` sees it), runs the
 * same checks there, adds the deck's pipeline diagnostics that the dev server put in the page,
 * and shows the findings in a small dismissible panel (click one to go to its slide). The
 * page's findings also go to the terminal through the `slidewright:doctor` HMR event.
 *
 * In the hidden copy it only numbers the slides, before reveal.js moves them: this module is
 * injected in `<head>`, so it runs before the deck's own module.
 */
import { countFindings, mergeFindings, plural, runDoctor, stampSlides, type ReportFinding } from './doctor.ts';
import { DECK_UPDATED_EVENT, DEV_DATA_ID, type DeckUpdated, type DevPageData } from '../deck/hmr-protocol.ts';
import { DOCTOR_EVENT, PROBE_PARAM, type DoctorEventData } from './doctor-protocol.ts';

/** Edits come in bursts: the doctor looks again once the speaker has paused this long. */
const RECHECK_AFTER_MS = 1500;

export const PANEL_ID = 'slidewright-doctor';

interface ProbeWindow extends Window {
  __slidewrightPdfReady?: boolean;
}

declare global {
  interface Window {
    /** The dev doctor's last result, for tests and the curious (`npm run dev` only). */
    __slidewrightDoctor?: { findings: ReportFinding[]; error?: string };
  }
}

const params = new URLSearchParams(location.search);

if (params.has(PROBE_PARAM)) {
  stampSlides(document);
  window.addEventListener('pdf-ready', () => {
    (window as ProbeWindow).__slidewrightPdfReady = true;
  });
} else if (window.top === window && !/print-pdf|receiver/i.test(location.search)) {
  void start();
}

function pageData(): DevPageData | null {
  const el = document.getElementById(DEV_DATA_ID);
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as DevPageData;
  } catch {
    return null;
  }
}

function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = performance.now();
    const tick = () => {
      if (condition()) resolve(true);
      else if (performance.now() - started > timeoutMs) resolve(false);
      else setTimeout(tick, 50);
    };
    tick();
  });
}

async function start(): Promise<void> {
  const data = pageData();
  if (!data) return;
  if (!(await until(() => window.Reveal?.isReady() === true, 60_000))) return;
  // The slides were patched in place (src/client/deck/hmr.ts): look again, with the new diagnostics.
  let timer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener(DECK_UPDATED_EVENT, (event) => {
    const { detail } = event as CustomEvent<DeckUpdated>;
    clearTimeout(timer);
    timer = setTimeout(() => void check({ ...data, version: detail.version, diagnostics: detail.diagnostics }), RECHECK_AFTER_MS);
  });
  await check(data);
}

async function check(data: DevPageData): Promise<void> {
  let findings: ReportFinding[];
  try {
    const report = await inspect();
    findings = mergeFindings(report.findings, data.diagnostics, report.slideLines);
    import.meta.hot?.send(DOCTOR_EVENT, { deck: data.deck, findings: report.findings, slideLines: report.slideLines } satisfies DoctorEventData);
    window.__slidewrightDoctor = { findings };
  } catch (error) {
    window.__slidewrightDoctor = { findings: [], error: String(error) };
    console.warn('[slidewright] the deck doctor could not inspect this deck:', error);
    return;
  }
  if (findings.length === 0) {
    document.getElementById(PANEL_ID)?.remove();
    console.info(`[slidewright] deck doctor: no problems in ${data.relativeFile}`);
    return;
  }
  showPanel(data, findings);
}

/** Loads the print-view copy and runs the checks in it. */
async function inspect() {
  const reveal = window.Reveal!;
  const size = reveal.getComputedSlideSize();
  const iframe = document.createElement('iframe');
  const url = new URL(location.href);
  url.hash = '';
  url.search = `?print-pdf&pdfSeparateFragments=false&showNotes=false&slideNumber=false&${PROBE_PARAM}=1`;
  iframe.src = url.href;
  iframe.setAttribute('aria-hidden', 'true');
  iframe.tabIndex = -1;
  iframe.title = 'deck doctor (hidden)';
  // In the window (browsers pause rendering of iframes far outside it), but invisible.
  iframe.style.cssText = `position:fixed;left:0;top:0;width:${Number(size.width)}px;height:${Number(size.height)}px;border:0;opacity:0;pointer-events:none;z-index:-1;`;
  document.body.appendChild(iframe);
  try {
    const probe = () => iframe.contentWindow as ProbeWindow | null;
    const ready = await until(() => probe()?.__slidewrightPdfReady === true || probe()?.__slidewrightStartError !== undefined, 60_000);
    if (!ready) throw new Error('the print view did not become ready within 60 s');
    const startError = probe()?.__slidewrightStartError;
    if (startError !== undefined) throw new Error(`the print view did not start: ${startError}`);
    const doc = iframe.contentDocument!;
    return await runDoctor(doc);
  } finally {
    iframe.remove();
  }
}

const PANEL_STYLE = `
#${PANEL_ID} { position: fixed; left: 12px; bottom: 12px; z-index: 2147483000; max-width: min(36rem, calc(100vw - 24px));
  max-height: 45vh; display: flex; flex-direction: column; font: 13px/1.4 system-ui, sans-serif; color: #1d1d1f;
  background: #fffffff2; border: 1px solid #0003; border-radius: 8px; box-shadow: 0 4px 18px #0003; text-align: left; }
#${PANEL_ID} header { display: flex; align-items: center; gap: .5rem; padding: .45rem .6rem; border-bottom: 1px solid #0001; font-weight: 600; }
#${PANEL_ID} header span { flex: 1; }
#${PANEL_ID} button { font: inherit; color: inherit; background: none; border: 0; cursor: pointer; text-align: left; }
#${PANEL_ID} .sw-close { font-size: 18px; line-height: 1; padding: 0 .25rem; }
#${PANEL_ID} ol { list-style: none; margin: 0; padding: .25rem 0; overflow: auto; }
#${PANEL_ID} li button { display: block; width: 100%; padding: .3rem .6rem; }
#${PANEL_ID} li button:hover, #${PANEL_ID} li button:focus-visible { background: #0000000d; }
#${PANEL_ID} .sw-error .sw-severity { color: #b00020; }
#${PANEL_ID} .sw-warning .sw-severity { color: #8a5a00; }
#${PANEL_ID} .sw-where { color: #555; }
#${PANEL_ID} .sw-hint { display: block; color: #555; }
`;

function showPanel(data: DevPageData, findings: ReportFinding[]): void {
  document.getElementById(PANEL_ID)?.remove();
  const counts = countFindings(findings);
  const style = document.createElement('style');
  style.textContent = PANEL_STYLE;
  const panel = document.createElement('section');
  panel.id = PANEL_ID;
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', 'Deck doctor');
  panel.appendChild(style);
  const header = document.createElement('header');
  const title = document.createElement('span');
  title.textContent = `Deck doctor: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
  const close = document.createElement('button');
  close.className = 'sw-close';
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close the deck doctor');
  close.addEventListener('click', () => panel.remove());
  header.append(title, close);
  const list = document.createElement('ol');
  for (const f of findings) {
    const item = document.createElement('li');
    item.className = `sw-${f.severity}`;
    const button = document.createElement('button');
    button.type = 'button';
    const severity = document.createElement('span');
    severity.className = 'sw-severity';
    severity.textContent = `${f.severity} `;
    const where = document.createElement('span');
    where.className = 'sw-where';
    where.textContent = `${data.relativeFile}:${f.line}${f.column ? `:${f.column}` : ''} `;
    button.append(severity, where, document.createTextNode(f.message));
    if (f.hint) {
      const hint = document.createElement('span');
      hint.className = 'sw-hint';
      hint.textContent = f.hint;
      button.appendChild(hint);
    }
    const slide = f.slide;
    if (slide) {
      button.title = `go to slide ${slide.number}`;
      button.addEventListener('click', () => window.Reveal?.slide(slide.h, slide.v));
    }
    item.appendChild(button);
    list.appendChild(item);
  }
  panel.append(header, list);
  // Keys typed in the panel are not reveal.js shortcuts.
  panel.addEventListener('keydown', (event) => event.stopPropagation());
  document.body.appendChild(panel);
}
