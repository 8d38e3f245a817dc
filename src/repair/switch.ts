/**
 * The per-deck switch: `[comment]: # (FIX_ENCODING = false)` anywhere outside fenced code (the
 * mdslides metadata style), or `fix_encoding: false` in YAML front matter at the top of the
 * file. When both appear, the last one in the file wins.
 */
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../format/diagnostics.ts';
import type { LineRegions } from './markdown-regions.ts';

export interface RepairSwitch {
  enabled: boolean;
  /** 1-based line of the setting that decided, when there is one. */
  line?: number;
  source?: 'comment' | 'front-matter';
  diagnostics: Diagnostic[];
}

const COMMENT_SETTING = /^\s{0,3}\[comment\]:\s*#\s*\(\s*fix_encoding\s*[=:]\s*(.*?)\s*\)\s*$/i;
const FRONT_MATTER_KEY = /^fix_encoding$/i;

export function parseSwitchValue(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 0 ? false : raw === 1 ? true : undefined;
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  return undefined;
}

export function readRepairSwitch(lines: readonly string[], regions: readonly LineRegions[]): RepairSwitch {
  const result: RepairSwitch = { enabled: true, diagnostics: [] };
  const invalid = (line: number, raw: string): void => {
    result.diagnostics.push({
      severity: 'warning',
      code: 'fix-encoding-setting-invalid',
      message: `FIX_ENCODING must be true or false, not "${raw}"; mojibake repair stays on`,
      line,
      column: 1,
      hint: 'write [comment]: # (FIX_ENCODING = false) to switch the repair off for this deck',
    });
  };

  const frontMatterEnd = findFrontMatterEnd(lines);
  if (frontMatterEnd > 0) {
    const body = lines.slice(1, frontMatterEnd).join('\n');
    let data: unknown;
    try {
      data = parseYaml(body);
    } catch {
      data = undefined; // malformed front matter is reported by the parser stage, not here
    }
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      for (const [key, raw] of Object.entries(data as Record<string, unknown>)) {
        if (!FRONT_MATTER_KEY.test(key)) continue;
        const lineIndex = lines.findIndex((l, i) => i > 0 && i < frontMatterEnd && /^\s*fix_encoding\s*:/i.test(l));
        const line = lineIndex + 1 || 1;
        const value = parseSwitchValue(raw);
        if (value === undefined) invalid(line, String(raw));
        else Object.assign(result, { enabled: value, line, source: 'front-matter' });
      }
    }
  }

  lines.forEach((text, index) => {
    if (index < frontMatterEnd || regions[index]?.fenced) return;
    const m = COMMENT_SETTING.exec(text);
    if (!m) return;
    const value = parseSwitchValue(m[1]!);
    if (value === undefined) invalid(index + 1, m[1]!);
    else Object.assign(result, { enabled: value, line: index + 1, source: 'comment' });
  });
  return result;
}

/** Index of the closing `---`/`...` line of front matter starting on line 1, or 0 when none. */
export function findFrontMatterEnd(lines: readonly string[]): number {
  if ((lines[0] ?? '').replace(/^\uFEFF/, '').trimEnd() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trimEnd();
    if (l === '---' || l === '...') return i;
  }
  return 0;
}
