/**
 * Aligning a line with its repaired version: where they differ, as hunks on the longest common
 * subsequence of their code points. Used for reporting and for checking ftfy's output.
 */

export interface Hunk {
  /** [start, end) in the original line. */
  a0: number;
  a1: number;
  /** [start, end) in the repaired line. */
  b0: number;
  b1: number;
}

const MAX_DP_CELLS = 4_000_000;

/**
 * Where two versions of a line differ, as hunks aligned on their longest common subsequence
 * (after trimming the common prefix and suffix). Very long differing middles become one hunk.
 */
export function diffLine(a: string, b: string): Hunk[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  // Keep surrogate pairs whole.
  if (pre > 0 && isLow(a, pre)) pre--;
  if (suf > 0 && isLow(a, a.length - suf)) suf--;
  const ma = a.slice(pre, a.length - suf);
  const mb = b.slice(pre, b.length - suf);
  if (!ma && !mb) return [];
  const ca = [...ma];
  const cb = [...mb];
  if (ca.length * cb.length > MAX_DP_CELLS) return [{ a0: pre, a1: a.length - suf, b0: pre, b1: b.length - suf }];
  // Longest common subsequence on code points.
  const w = cb.length + 1;
  const dp = new Uint32Array((ca.length + 1) * w);
  for (let i = ca.length - 1; i >= 0; i--) {
    for (let j = cb.length - 1; j >= 0; j--) {
      dp[i * w + j] = ca[i] === cb[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let ua = pre; // UTF-16 offsets
  let ub = pre;
  let open: Hunk | null = null;
  while (i < ca.length || j < cb.length) {
    if (i < ca.length && j < cb.length && ca[i] === cb[j]) {
      if (open) hunks.push(open);
      open = null;
      ua += ca[i]!.length;
      ub += cb[j]!.length;
      i++;
      j++;
    } else if (j < cb.length && (i === ca.length || dp[i * w + j + 1]! >= dp[(i + 1) * w + j]!)) {
      open ??= { a0: ua, a1: ua, b0: ub, b1: ub };
      ub += cb[j]!.length;
      open.b1 = ub;
      j++;
    } else {
      open ??= { a0: ua, a1: ua, b0: ub, b1: ub };
      ua += ca[i]!.length;
      open.a1 = ua;
      i++;
    }
  }
  if (open) hunks.push(open);
  return hunks;
}

function isLow(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

