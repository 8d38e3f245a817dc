/**
 * Export settings shared by the PDF and snapshot commands: a setting that does not parse is a
 * `SettingError` (a usage error on the command line, a warning in a deck's front matter).
 */
export class SettingError extends Error {
  override name = 'SettingError';
}

/** `1,3-5` → [1, 3, 4, 5] (sorted, unique). */
export function parseRangeSpec(spec: string, where = '--range'): number[] {
  const result = new Set<number>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) throw new SettingError(`${where} "${spec}": "${part}" is not a slide number or range; write e.g. 1,3-5`);
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (from < 1 || to < from) throw new SettingError(`${where} "${spec}": "${part}" is empty or starts below 1`);
    if (to - from > 100_000) throw new SettingError(`${where} "${spec}": "${part}" is too long a range`);
    for (let i = from; i <= to; i++) result.add(i);
  }
  if (result.size === 0) throw new SettingError(`${where} "${spec}" selects no slides; write e.g. 1,3-5`);
  return [...result].sort((a, b) => a - b);
}
