/**
 * Runs `work` over `items`, at most `limit` at a time, and returns every outcome in the items'
 * order (not the order they finished), so that reports stay deterministic. One item failing does
 * not stop the others: its outcome holds the error.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function mapPool<I, T>(items: readonly I[], limit: number, work: (item: I, index: number) => Promise<T>): Promise<Outcome<T>[]> {
  const outcomes: Outcome<T>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        outcomes[i] = { ok: true, value: await work(items[i]!, i) };
      } catch (error) {
        outcomes[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return outcomes;
}
