/**
 * The deck doctor for `npm run check`: loads each deck in reveal.js's print view (every slide
 * laid out at the deck's size), runs the page checks of `src/client/doctor/doctor.ts`, and adds the
 * deck's diagnostics from the markdown pipeline (parse, repair, media, styles).
 */
import path from 'node:path';
import type { Browser } from 'playwright';
import type { Diagnostic } from '../../shared/diagnostics.ts';
import { resolveDeckStyles } from '../../project/styles.ts';
import type { LoadedDeck } from '../../project/deck-store.ts';
import type { Project } from '../../project/project.ts';
import { countFindings, mergeFindings, type DoctorFinding, type FindingCounts, type ReportFinding } from '../../client/doctor/doctor-rules.ts';
import { deckPageUrl } from '../snapshots/plan.ts';
import type { SiteDeck } from '../site.ts';
import { openDoctorPage } from './page-bundle.ts';
import { evaluateJson } from '../page-call.ts';

export interface CheckOptions {
  /** The project (themes are resolved in it). */
  project: Project;
  /** Smallest readable text in px at the deck's size (default: 3 % of the slide height). */
  minFontSize?: number;
  timeoutMs: number;
}

export interface DeckCheck {
  name: string;
  file: string;
  title: string;
  slideCount: number;
  width: number;
  height: number;
  minFontSize: number;
  findings: ReportFinding[];
  counts: FindingCounts;
}

/**
 * The doctor's view of a deck: print view with every fragment shown (a slide's fullest state),
 * notes and slide numbers off.
 */
export const CHECK_QUERY = '?print-pdf&pdfSeparateFragments=false&showNotes=false&slideNumber=false';

/** The pipeline's diagnostics for a compiled deck, as `npm run dev` and `npm run build` print them. */
export function pipelineDiagnostics(loaded: LoadedDeck, project: Project): Diagnostic[] {
  return [...loaded.diagnostics, ...resolveDeckStyles(loaded, project).diagnostics];
}

/** Checks a deck of a running site; `loaded` is the deck as compiled for the site. */
export async function checkDeck(browser: Browser, deck: SiteDeck, loaded: LoadedDeck, options: CheckOptions): Promise<DeckCheck> {
  const diagnostics = pipelineDiagnostics(loaded, options.project);
  const title = loaded.title;
  const context = await browser.newContext({ viewport: { width: 960, height: 700 } });
  const pageErrors: string[] = [];
  try {
    const page = await openDoctorPage(context, deckPageUrl(deck.url, CHECK_QUERY), options.timeoutMs, (error) => pageErrors.push(error.message));
    const report = await evaluateJson(page, (minFontSize) => window.SlidewrightDoctor!.runDoctor(document, minFontSize ? { minFontSize } : {}), options.minFontSize ?? 0);
    const browserFindings: DoctorFinding[] = report.findings;
    const findings = mergeFindings(browserFindings, diagnostics, report.slideLines);
    for (const message of pageErrors) {
      findings.push({ severity: 'error', code: 'page-error', message: `the deck's page threw: ${message}`, line: 1, source: 'browser' });
    }
    return {
      name: deck.name,
      file: deck.file,
      title,
      slideCount: report.slideCount,
      width: report.width,
      height: report.height,
      minFontSize: report.minFontSize,
      findings,
      counts: countFindings(findings),
    };
  } finally {
    await context.close();
  }
}

/** Exit status: 1 with any error, or with any warning under `--strict`. */
export function checkFailed(checks: ReadonlyArray<DeckCheck>, strict: boolean): boolean {
  return checks.some((c) => c.counts.errors > 0 || (strict && c.counts.warnings > 0));
}

/** `slides/x.md`, relative to the working directory when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}
