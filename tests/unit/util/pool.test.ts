import { describe, expect, it } from 'vitest';
import { mapPool } from '../../../src/util/pool.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapPool', () => {
  it('keeps at most `limit` running, returns outcomes in item order, and goes on past a failure', async () => {
    let running = 0;
    let peak = 0;
    const finished: number[] = [];
    const outcomes = await mapPool([30, 5, 20, 1, 10], 2, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(ms);
      running--;
      finished.push(i);
      if (i === 2) throw new Error('deck 2 broke');
      return ms * 2;
    });
    expect(peak).toBe(2);
    expect(finished).not.toEqual([0, 1, 2, 3, 4]); // they finished out of order…
    expect(outcomes.map((o) => (o.ok ? o.value : (o.error as Error).message))).toEqual([60, 10, 'deck 2 broke', 2, 20]); // …reported in order
  });

  it('handles no items and a limit above the count', async () => {
    expect(await mapPool([], 4, async () => 1)).toEqual([]);
    expect(await mapPool([1], 8, async (x) => x + 1)).toEqual([{ ok: true, value: 2 }]);
  });
});
