/**
 * Calling a function in a deck page and getting a large result back. Playwright serializes a
 * result value by value, in the page and again in Node: for the print layout of 200 slides
 * (40 KB as JSON) that took 50-65 ms on this project's machine, against 1-4 ms for the same
 * data as JSON text (JSON.stringify in the page, JSON.parse here).
 */
import type { Page } from 'playwright';

/**
 * `page.evaluate(fn, arg)`, with the result sent back as JSON text. `fn` must be self-contained
 * (its source is sent to the page), `arg` and the result plain JSON data. Sent as an expression
 * (as Playwright sends a function), so a page's Content-Security-Policy does not stop it.
 */
export async function evaluateJson<R, A>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const text = await page.evaluate<string | undefined>(`(async () => JSON.stringify(await (${fn.toString()})(${JSON.stringify(arg) ?? 'undefined'})))()`);
  return (text === undefined ? undefined : JSON.parse(text)) as R;
}
