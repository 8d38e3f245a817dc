/**
 * The deck doctor in `npm run dev`: deck pages get the doctor client (`src/client/doctor/doctor-client.ts`)
 * and the deck's pipeline diagnostics; the findings the client makes in the browser come back
 * over the HMR socket (`slidewright:doctor`) and are printed as `file:line: severity: message`.
 * Serve only: a built site carries none of it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { DOCTOR_EVENT, type DoctorEventData } from '../client/doctor/doctor-protocol.ts';
import { formatFinding, mergeFindings, type DoctorFinding } from '../client/doctor/doctor-rules.ts';
import type { DeckStore } from '../project/deck-store.ts';

const CLIENT_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client/doctor/doctor-client.ts');
const DOCTOR_CLIENT_ID = 'virtual:slidewright/doctor-client';

function isFinding(value: unknown): value is DoctorFinding {
  if (!value || typeof value !== 'object') return false;
  const f = value as Record<string, unknown>;
  return (f.severity === 'error' || f.severity === 'warning') && typeof f.code === 'string' && typeof f.message === 'string' && typeof f.line === 'number';
}

export function doctorPlugin(store: () => DeckStore): Plugin {
  /** Last report printed per deck, so reloads with the same findings stay quiet. */
  const printed = new Map<string, string>();
  return {
    name: 'slidewright:doctor',
    apply: 'serve',
    resolveId(id) {
      return id === DOCTOR_CLIENT_ID ? CLIENT_FILE : null;
    },
    transformIndexHtml: {
      // Before Vite's own HTML processing, which turns inline module scripts into modules.
      order: 'pre',
      handler(_html, ctx): HtmlTagDescriptor[] | undefined {
        // Deck pages are `<base><deck>/index.html` (see pages.ts).
        const base = ctx.server?.config.base ?? '/';
        const rest = ctx.path.startsWith(base) ? ctx.path.slice(base.length) : ctx.path.replace(/^\//, '');
        const m = /^([^/]+)\/(index\.html)?$/.exec(rest);
        if (!m) return undefined;
        let name: string;
        try {
          name = decodeURIComponent(m[1]!);
        } catch {
          return undefined;
        }
        if (!store().find(name)) return undefined;
        // The client reads the deck's data from the page's DevPageData (see slide-hmr.ts).
        return [{ tag: 'script', attrs: { type: 'module' }, children: `import ${JSON.stringify(DOCTOR_CLIENT_ID)};`, injectTo: 'head' }];
      },
    },
    configureServer(server) {
      server.ws.on(DOCTOR_EVENT, (data: unknown) => {
        // From the page: checked field by field before use.
        const payload = data as Partial<Record<keyof DoctorEventData, unknown>> | null;
        if (!payload || typeof payload.deck !== 'string' || !Array.isArray(payload.findings)) return;
        const entry = store().find(payload.deck);
        if (!entry) return;
        const slideLines = Array.isArray(payload.slideLines) ? payload.slideLines.filter((n): n is number => typeof n === 'number') : [];
        const deck = store().load(entry);
        // Merged with the pipeline's diagnostics for their positions (a missing image at its
        // own line); the diagnostics themselves are printed by the pages plugin already.
        const findings = mergeFindings(payload.findings.filter(isFinding), deck.diagnostics, slideLines).filter((f) => f.source === 'browser');
        const key = JSON.stringify(findings);
        if (printed.get(entry.file) === key) return;
        const first = !printed.has(entry.file);
        printed.set(entry.file, key);
        const file = path.relative(process.cwd(), entry.file) || entry.file;
        const logger = server.config.logger;
        if (findings.length === 0) {
          if (!first) logger.info(`deck doctor: no problems left in ${file}`, { timestamp: true });
          return;
        }
        for (const f of findings) {
          const line = `${formatFinding(file, f)}${f.hint ? ` (${f.hint})` : ''}`;
          if (f.severity === 'error') logger.error(line, { timestamp: true });
          else logger.warn(line, { timestamp: true });
        }
      });
    },
  };
}
