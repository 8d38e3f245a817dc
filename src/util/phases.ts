/**
 * Where a command's time goes, for `--profile` (or `DEBUG=slidewright:time`): named spans of
 * wall-clock time, printed as one table when the command ends. Spans are plain data in
 * milliseconds since the epoch (sub-millisecond), so a worker thread, whose clock starts later
 * than the process's, reports its own and they line up. Spans may overlap: the table shows when
 * each started and ended, so what runs side by side is visible.
 */
import { performance } from 'node:perf_hooks';

export interface Phase {
  name: string;
  /** Milliseconds since the epoch. */
  start: number;
  end: number;
}

/** The time now, comparable across threads. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

export class Phases {
  readonly list: Phase[] = [];

  add(name: string, start: number, end = wallClock()): void {
    this.list.push({ name, start, end });
  }

  /** Times `work` as the phase `name`, from now until it settles. */
  async time<T>(name: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    const start = wallClock();
    try {
      return await (typeof work === 'function' ? work() : work);
    } finally {
      this.add(name, start);
    }
  }
}

/** `--profile`, or `DEBUG` naming `slidewright:time` (or `slidewright:*`, `*`), as the debug package reads it. */
export function profileRequested(flag: boolean | undefined, debug = process.env.DEBUG): boolean {
  if (flag) return true;
  return (debug ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((pattern) => !pattern.startsWith('-') && new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test('slidewright:time'));
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const duration = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/**
 * The table: one row per phase name in order of first start; a name seen several times (one
 * per slide) is one row with its count, its total and its median, from its first start to its
 * last end. `origin` is the process's start (`performance.timeOrigin`), `end` the command's;
 * `since` names the origin when it is another moment (a watched save's round).
 */
export function formatPhaseTable(phases: readonly Phase[], origin: number, end: number, since = "the process's start"): string {
  const rows = new Map<string, Phase[]>();
  for (const phase of [...phases].sort((a, b) => a.start - b.start)) {
    const same = rows.get(phase.name);
    if (same) same.push(phase);
    else rows.set(phase.name, [phase]);
  }
  const table = [...rows].map(([name, spans]) => {
    const times = spans.map((s) => s.end - s.start).sort((a, b) => a - b);
    const total = times.reduce((sum, t) => sum + t, 0);
    const from = Math.min(...spans.map((s) => s.start)) - origin;
    const to = Math.max(...spans.map((s) => s.end)) - origin;
    const count = spans.length > 1 ? `${spans.length}× (median ${duration(times[Math.floor((times.length - 1) / 2)]!)})` : '';
    return [name, seconds(from), seconds(to), duration(total), count];
  });
  const header = ['phase', 'from s', 'to s', 'time', 'count'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 1 || i === 2 || i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    `profile: ${duration(end - origin)} from ${since}; phases may overlap (from/to: seconds since then)`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.map(line),
  ].join('\n');
}
