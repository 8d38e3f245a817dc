/**
 * The deck doctor's page code (`src/client/doctor.ts` and what it imports) as one classic
 * script, built with Vite in memory, for Playwright's `addInitScript`: it defines
 * `window.SlidewrightDoctor` and numbers the slides as soon as the document is parsed, before
 * reveal.js's print view moves them. Shared by `npm run check` and `npm run snapshots`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import type * as Doctor from '../../client/doctor.ts';

declare global {
  interface Window {
    SlidewrightDoctor?: typeof Doctor;
  }
}

const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client');
export const DOCTOR_ENTRY = path.join(CLIENT_DIR, 'doctor.ts');
export const DOCTOR_GLOBAL = 'SlidewrightDoctor';

let bundle: Promise<string> | undefined;

/** The bundled page code (built once per process, about 70 ms). */
export function doctorBundle(): Promise<string> {
  bundle ??= buildBundle().catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}

async function buildBundle(): Promise<string> {
  const result = await build({
    configFile: false,
    root: CLIENT_DIR,
    publicDir: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      emptyOutDir: false,
      lib: { entry: DOCTOR_ENTRY, formats: ['iife'], name: DOCTOR_GLOBAL },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  for (const output of outputs) {
    const chunk = output.output?.find((o): o is Rolldown.OutputChunk => o.type === 'chunk');
    if (chunk) return chunk.code;
  }
  throw new Error('building the deck doctor page script produced no code');
}

/**
 * The init script: the bundle (made a global explicitly: Playwright may wrap init scripts in
 * a function), then slide numbering at parse time. (`__name` is defined for
 * functions that tsx compiled with esbuild's keepNames and Playwright sends to the page.)
 */
export async function doctorInitScript(): Promise<string> {
  const code = await doctorBundle();
  return `if (typeof globalThis.__name !== 'function') globalThis.__name = (target) => target;
${code}
globalThis.${DOCTOR_GLOBAL} = ${DOCTOR_GLOBAL};
${DOCTOR_GLOBAL}.stampWhenParsed(document);
`;
}
