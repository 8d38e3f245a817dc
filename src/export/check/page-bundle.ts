/**
 * The deck doctor's page code (`src/client/doctor.ts` and what it imports) as an init script
 * for Playwright's `addInitScript`: it defines `window.SlidewrightDoctor` and numbers the
 * slides as soon as the document is parsed, before reveal.js's print view moves them. Shared
 * by `npm run check` and `npm run snapshots`.
 */
import type * as Doctor from '../../client/doctor.ts';
import { doctorScript } from '../client-code.ts';

declare global {
  interface Window {
    SlidewrightDoctor?: typeof Doctor;
  }
}

export const DOCTOR_GLOBAL = 'SlidewrightDoctor';

/**
 * The init script: the bundle (made a global explicitly: Playwright may wrap init scripts in
 * a function), then slide numbering at parse time. (`__name` is defined for
 * functions that tsx compiled with esbuild's keepNames and Playwright sends to the page.)
 */
export async function doctorInitScript(): Promise<string> {
  const code = await doctorScript(DOCTOR_GLOBAL);
  return `if (typeof globalThis.__name !== 'function') globalThis.__name = (target) => target;
${code}
globalThis.${DOCTOR_GLOBAL} = ${DOCTOR_GLOBAL};
${DOCTOR_GLOBAL}.stampWhenParsed(document);
`;
}
