/**
 * Mojibake repair cost: a 1 MB deck damaged throughout (UTF-8 read as Windows-1252, with the
 * undefined bytes and soft hyphens lost, like the seed deck), the same deck undamaged, and a
 * plain scan of the clean deck for comparison. Decks are generated here from a fixed seed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { formatMs, measure, summarize, type BenchRow, type BenchSuite } from './harness.ts';
import { fix_encoding } from 'ftfy-js';
import { repairDeckText } from '../src/repair/index.ts';
import { cleanLines, formatTally, generateSet, prng, tally } from '../tests/unit/repair/lost-bytes-set.ts';

const SIZE = 1_000_000;

// Words of a realistic deck, by how often they come up: mostly English; names, accented
// words and emoji like the seed deck's; now and then Greek, Cyrillic or CJK. Several lose a byte
// through Windows-1252 (” = E2 80 9D, í = C3 AD, 👍 = F0 9F 91 8D, ❤️, 🏳️‍🌈).
const COMMON = (
  'the security of CPAN and Perl toolchain release vulnerability disclosure supply chain SBOM metadata module author ' +
  'maintainer coordinated response working group slides talk update summit funding regulation compliance tooling ' +
  'a of to in is and for with on by we our this that from at as be it are was'
).split(' ');
const SPECIAL = (
  'José Joaquín Müller Straße Zürich garçon naïve façade coração São NÃO Perú año über élève résumé café ' +
  '👉 🦆 🚧 🇫🇷 👍 ✅ ❤️ 🏳️‍🌈 – — … “quoted” ’tis don’t £5 €10 © ™ °C ½ ± x² →'
).split(' ');
const RARE = 'Ελληνικά αλφάβητο Привет мир Москва 日本語 中文 ひらがな 한국어 Ñandú Łódź Dvořák Erdős İstanbul'.split(' ');

// A deck that is mixed all through (every script, emoji with lost bytes on most lines): a stress
// case, much harder than real decks.
const DENSE = [...SPECIAL, ...RARE, ...RARE, ...COMMON.slice(0, 30)];

/** About `size` characters of mdslides markdown: slides, headings, bullets, notes, code. */
/**
 * How non-ASCII a generated deck is. `typical` matches the real decks in the corpus (0.5–1 % of
 * characters, 5–16 % of lines outside ASCII); `mixed` has accents, emoji or another script on
 * most lines; `dense` mixes every script with lost bytes on most lines (a stress case).
 */
export type Density = 'typical' | 'mixed' | 'dense';

export function generateDeck(size: number, seed = 1, density: Density = 'typical'): string {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const [special, rare] = density === 'typical' ? [0.025, 0.002] : [0.125, 0.015];
  const word = () => {
    if (density === 'dense') return pick(DENSE);
    const r = rnd();
    return r < rare ? pick(RARE) : r < rare + special ? pick(SPECIAL) : pick(COMMON);
  };
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const parts: string[] = ['[comment]: # (THEME = solarized)\n\n'];
  let length = parts[0]!.length;
  let slide = 0;
  while (length < size) {
    slide++;
    const lines = [`# ${sentence(3)} ${slide}`, '', sentence(6 + Math.floor(rnd() * 8)), ''];
    for (let i = 0; i < 3 + Math.floor(rnd() * 4); i++) lines.push(`* ${sentence(4 + Math.floor(rnd() * 8))}`);
    if (slide % 7 === 0) lines.push('', '```perl', `my $name = "${word()}"; # ${sentence(3)}`, '```');
    lines.push('', 'Note:', '', sentence(12 + Math.floor(rnd() * 10)), '', '[comment]: # (!!!)', '', '');
    const text = lines.join('\n');
    parts.push(text);
    length += text.length;
  }
  return parts.join('');
}

// Windows-1252 bytes 0x80–0x9F; "" marks the five bytes it leaves undefined (they get lost).
const CP1252_80_9F = ['€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '', '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ'];

/** UTF-8 read as Windows-1252, the undefined bytes dropped and soft hyphens stripped. */
export function damageLikeTheSeed(text: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    if (b >= 0x80 && b <= 0x9f) out += CP1252_80_9F[b - 0x80]!;
    else if (b !== 0xad) out += String.fromCharCode(b);
  }
  return out;
}

function scanOnce(text: string): number {
  let n = 0;
  const re = /[^\x00-\x7f]/g;
  while (re.exec(text)) n++;
  return n;
}

const suite: BenchSuite = {
  name: 'repair',
  description: 'mojibake repair (src/repair): 1 MB damaged and clean decks, against one plain scan',
  async run({ runs, log }) {
    const clean = generateDeck(SIZE);
    const damaged = damageLikeTheSeed(clean);
    const denseClean = generateDeck(SIZE / 4, 2, 'dense');
    const dense = damageLikeTheSeed(denseClean);
    const seedPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../slides/lpw2025-cpansec-update.md');
    const seed = readFileSync(seedPath, 'utf8');

    const check = repairDeckText(damaged);
    const lines = new Set(check.repairs.map((r) => r.line)).size;
    const lost = check.repairs.filter((r) => r.kind === 'dropped-byte').length;
    log(`damaged deck: ${(damaged.length / 1e6).toFixed(2)} M chars, ${lines} lines repaired, ${lost} lost bytes recovered, ${check.ambiguous.length} spots left ambiguous`);
    log(`repaired text equals the generated original: ${check.text === clean ? 'yes' : `no (${countDiffLines(check.text, clean)} lines differ, at undecidable lost bytes)`}`);

    // Lost bytes in many scripts (issue #15): the generated set, each line a deck of its own.
    const set = generateSet();
    const repairLine = (line: string) => repairDeckText(`${line}\n`).text.replace(/\n$/, '');
    const ours = tally(set, repairLine);
    const setLines = ours.reduce((n, r) => n + r.lines, 0);
    const setExact = ours.reduce((n, r) => n + r.exact, 0);
    const setDamaged = ours.reduce((n, r) => n + r.damaged, 0);
    log(`lost-byte set (tests/unit/repair/lost-bytes-set.ts), ours:\n${formatTally(ours)}`);
    log(`the same lines, ftfy-js alone:\n${formatTally(tally(set, (d) => fix_encoding(d)))}`);
    const cleanChanged = cleanLines().filter(({ line }) => repairLine(line) !== line).length;
    log(`clean lines of the same scripts changed: ${cleanChanged} of ${cleanLines().length}`);

    const scan = await measure(() => scanOnce(clean), runs, 2);
    const cleanStats = await measure(() => repairDeckText(clean), runs, 2);
    // Paired: ftfy-js alone on the same lines (its encoding fix, line by line: the engine's own
    // cost) and our repair, alternating in the same run, so that both see the same machine.
    const damagedLines = damaged.split('\n').filter((l) => /[^\x00-\x7f]/.test(l));
    const ftfyAlone = () => damagedLines.map((l) => fix_encoding(l));
    for (let i = 0; i < 2; i++) {
      ftfyAlone();
      repairDeckText(damaged);
    }
    const ftfySamples: number[] = [];
    const oursSamples: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      ftfyAlone();
      ftfySamples.push(performance.now() - t);
      t = performance.now();
      repairDeckText(damaged);
      oursSamples.push(performance.now() - t);
    }
    const ftfyStats = summarize(ftfySamples);
    const damagedStats = summarize(oursSamples);
    const ratio = damagedStats.median / ftfyStats.median;
    log(
      `1 MB damaged deck, paired: ftfy-js alone min/median/max ${formatMs(ftfyStats.min)}/${formatMs(ftfyStats.median)}/${formatMs(ftfyStats.max)}, ` +
        `ours ${formatMs(damagedStats.min)}/${formatMs(damagedStats.median)}/${formatMs(damagedStats.max)}, ratio ${ratio.toFixed(2)}× (target ≤ 1.2×)`,
    );
    const seedStats = await measure(() => repairDeckText(seed), runs, 2);
    const denseStats = await measure(() => repairDeckText(dense), Math.min(runs, 3), 1);
    const denseCheck = repairDeckText(dense);
    log(
      `dense stress deck: ${(dense.length / 1e6).toFixed(2)} M chars, ${new Set(denseCheck.repairs.map((r) => r.line)).size} lines repaired, ` +
        `${denseCheck.repairs.filter((r) => r.kind === 'dropped-byte').length} lost bytes recovered, ${denseCheck.ambiguous.length} spots left ambiguous`,
    );
    const perMb = (ms: number, chars: number) => `${((ms * 1e6) / chars).toFixed(1)} ms/MB`;
    const rows: BenchRow[] = [
      { name: 'scan once (1 MB clean, regex over every char)', stats: scan, extra: { 'per MB': perMb(scan.median, clean.length) } },
      { name: 'repair 1 MB clean deck', stats: cleanStats, extra: { 'per MB': perMb(cleanStats.median, clean.length), 'vs scan': `${(cleanStats.median / scan.median).toFixed(1)}×` } },
      { name: 'repair 1 MB damaged deck', stats: damagedStats, extra: { 'per MB': perMb(damagedStats.median, damaged.length), 'vs ftfy alone': `${ratio.toFixed(2)}×` } },
      { name: 'ftfy-js alone, line by line, same deck', stats: ftfyStats, extra: { 'per MB': perMb(ftfyStats.median, damaged.length) } },
      { name: 'repair seed deck (6 KB)', stats: seedStats },
      { name: 'repair 0.25 MB dense multilingual stress deck', stats: denseStats, extra: { 'per MB': perMb(denseStats.median, dense.length) } },
    ];
    return {
      rows,
      targets: [
        { description: '1 MB damaged deck under 200 ms', met: damagedStats.median < 200, detail: `median ${formatMs(damagedStats.median)}` },
        {
          description: '1 MB damaged deck within 1.2× ftfy-js alone (paired, medians)',
          met: ratio <= 1.2,
          detail: `${formatMs(damagedStats.median)} vs ${formatMs(ftfyStats.median)}: ${ratio.toFixed(2)}×`,
        },
        { description: 'lost-byte set: at least 2/3 of damaged lines exact', met: setExact * 3 >= setLines * 2, detail: `${setExact} of ${setLines}` },
        { description: 'lost-byte set: no line with a wrong character written', met: setDamaged === 0, detail: `${setDamaged} lines` },
        { description: 'clean lines of the lost-byte set unchanged', met: cleanChanged === 0, detail: `${cleanChanged} changed` },
        {
          description: 'clean 1 MB deck close to one scan (within 3× a plain regex scan)',
          met: cleanStats.median <= 3 * scan.median,
          detail: `median ${formatMs(cleanStats.median)} vs scan ${formatMs(scan.median)}`,
        },
      ],
    };
  },
};

function countDiffLines(a: string, b: string): number {
  const la = a.split('\n');
  const lb = b.split('\n');
  let n = 0;
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) n++;
  return n;
}

export default suite;
