/**
 * The per-deck switch: `[comment]: # (FIX_ENCODING = false)` anywhere outside fenced code (the
 * mdslides metadata style), or `fix_encoding: false` in YAML front matter at the top of the
 * file. When both appear, the last one in the file wins.
 */
import type { Diagnostic } from '../shared/diagnostics.ts';
import { extractFrontMatter } from '../shared/front-matter.ts';

export interface RepairSwitch {
  enabled: boolean;
  /** 1-based line of the setting that decided, when there is one. */
  line?: number;
  diagnostics: Diagnostic[];
}

const COMMENT_SETTING = /^\s{0,3}\[comment\]:\s*#\s*\(\s*fix_encoding\s*[=:]\s*(.*?)\s*\)\s*$/i;
const FRONT_MATTER_KEY = /^fix_encoding$/i;

function parseSwitchValue(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 0 ? false : raw === 1 ? true : undefined;
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  return undefined;
}

/** The deck's setting; `fenced(i)` says whether line i is inside fenced code. */
export function readRepairSwitch(lines: readonly string[], fenced: (line: number) => boolean): RepairSwitch {
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

  // Malformed front matter is reported by the parser stage, not here (its data is then empty).
  const frontMatter = extractFrontMatter(lines);
  for (const [key, raw] of Object.entries(frontMatter.data)) {
    if (!FRONT_MATTER_KEY.test(key)) continue;
    const line = frontMatter.keyLines[key] ?? 1;
    const value = parseSwitchValue(raw);
    if (value === undefined) invalid(line, String(raw));
    else Object.assign(result, { enabled: value, line });
  }

  lines.forEach((text, index) => {
    if (index < frontMatter.lineCount) return;
    const m = COMMENT_SETTING.exec(text);
    if (!m || fenced(index)) return;
    const value = parseSwitchValue(m[1]!);
    if (value === undefined) invalid(index + 1, m[1]!);
    else Object.assign(result, { enabled: value, line: index + 1 });
  });
  return result;
}
