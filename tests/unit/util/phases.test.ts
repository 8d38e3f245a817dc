import { describe, expect, it } from 'vitest';
import { Phases, formatPhaseTable, profileRequested } from '../../../src/util/phases.ts';

describe('profileRequested', () => {
  it('is on for --profile and for DEBUG patterns naming slidewright:time', () => {
    expect(profileRequested(true, undefined)).toBe(true);
    expect(profileRequested(undefined, undefined)).toBe(false);
    expect(profileRequested(false, 'slidewright:time')).toBe(true);
    expect(profileRequested(false, 'vite:*,slidewright:*')).toBe(true);
    expect(profileRequested(false, '*')).toBe(true);
    expect(profileRequested(false, 'slidewright:other vite:*')).toBe(false);
    expect(profileRequested(false, '-slidewright:time')).toBe(false);
  });
});

describe('formatPhaseTable', () => {
  it('one row per phase in order of start, repeated names summed with count and median', () => {
    const origin = 1_000_000;
    const table = formatPhaseTable(
      [
        { name: 'browser launch', start: origin + 400, end: origin + 600 },
        { name: 'node start', start: origin, end: origin + 100 },
        { name: 'capture', start: origin + 700, end: origin + 730 },
        { name: 'capture', start: origin + 730, end: origin + 770 },
        { name: 'capture', start: origin + 770, end: origin + 1_970 },
      ],
      origin,
      origin + 2_000,
    );
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^profile: 2\.00 s from the process's start/);
    expect(formatPhaseTable([], origin, origin + 250, "the rewrite's start")).toMatch(/^profile: 250 ms from the rewrite's start;/);
    expect(lines.slice(3).map((l) => l.split(/\s{2,}/))).toEqual([
      ['node start', '0.000', '0.100', '100 ms'],
      ['browser launch', '0.400', '0.600', '200 ms'],
      ['capture', '0.700', '1.970', '1.27 s', '3× (median 40 ms)'],
    ]);
  });

  it('times a promise or a function as one phase, also when it fails', async () => {
    const phases = new Phases();
    await phases.time('ok', async () => 1);
    await expect(phases.time('fails', Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(phases.list.map((p) => p.name)).toEqual(['ok', 'fails']);
    for (const p of phases.list) expect(p.end).toBeGreaterThanOrEqual(p.start);
  });
});
