import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeFindings, countFindings } from '../../../src/client/doctor/doctor-rules.ts';
import { checkFailed, displayPath, pipelineDiagnostics, type DeckCheck } from '../../../src/export/check/index.ts';
import { DeckStore } from '../../../src/project/deck-store.ts';
import { resolveProject } from '../../../src/project/project.ts';
import { jsonReport, textReport } from '../../../src/export/check/report.ts';

function deckCheck(name: string, findings: DeckCheck['findings']): DeckCheck {
  return { name, file: `/project/slides/${name}.md`, title: name, slideCount: 4, width: 960, height: 700, minFontSize: 21, findings, counts: countFindings(findings) };
}

const overflow = mergeFindings([{ severity: 'error', code: 'overflow', message: 'content runs 85 px past the bottom edge', line: 7, hint: 'split it', slide: { h: 1, v: 0, number: 2 } }], []);
const altText = mergeFindings([{ severity: 'warning', code: 'missing-alt', message: 'image "a.png" has no alt text', line: 12, slide: { h: 2, v: 0, number: 3 } }], []);

describe('exit status', () => {
  it('fails on errors, on warnings only with --strict', () => {
    expect(checkFailed([deckCheck('a', [])], false)).toBe(false);
    expect(checkFailed([deckCheck('a', altText)], false)).toBe(false);
    expect(checkFailed([deckCheck('a', altText)], true)).toBe(true);
    expect(checkFailed([deckCheck('a', []), deckCheck('b', overflow)], false)).toBe(true);
  });
});

describe('reports', () => {
  it('prints file:line lines with hints and a summary per deck', () => {
    const text = textReport([deckCheck('talk', [...overflow, ...altText]), deckCheck('clean', [])], '/project');
    expect(text.split('\n')).toEqual([
      'slides/talk.md:7: error: content runs 85 px past the bottom edge (slide 2, #/1) [overflow]',
      '    hint: split it',
      'slides/talk.md:12: warning: image "a.png" has no alt text (slide 3, #/2) [missing-alt]',
      'slides/talk.md: 1 error, 1 warning (4 slides at 960×700, text under 21 px counted as too small)',
      '',
      'slides/clean.md: no problems found (4 slides at 960×700, text under 21 px counted as too small)',
      '',
    ]);
  });

  it('gives tools one JSON document with totals', () => {
    const report = jsonReport([deckCheck('talk', [...overflow, ...altText])], false, '/project');
    expect(report).toMatchObject({ ok: false, strict: false, errors: 1, warnings: 1 });
    expect(report.decks[0]).toMatchObject({ name: 'talk', file: 'slides/talk.md', errors: 1, warnings: 1 });
    expect(report.decks[0]!.findings[0]).toMatchObject({ line: 7, code: 'overflow', slide: { h: 1, v: 0, number: 2 }, source: 'browser' });
    expect(jsonReport([deckCheck('talk', altText)], false).ok).toBe(true);
    expect(jsonReport([deckCheck('talk', altText)], true).ok).toBe(false);
  });

  it('shows paths relative to the working directory when inside it', () => {
    expect(displayPath('/project/slides/a.md', '/project')).toBe('slides/a.md');
    expect(displayPath('/elsewhere/a.md', '/project')).toBe('/elsewhere/a.md');
  });
});

describe("the pipeline's diagnostics", () => {
  it('are the ones the dev server prints (parse warnings, missing media, styles)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-doctor-unit-'));
    try {
      await mkdir(path.join(dir, 'slides'));
      const file = path.join(dir, 'slides', 'talk.md');
      await writeFile(file, '[comment]: # (CODE_THEME = no-such-style)\n\n# Talk\n\n![x](media/missing.png)\n');
      const project = resolveProject(dir);
      const diagnostics = pipelineDiagnostics(new DeckStore(project).load({ name: 'talk', file }), project);
      expect(diagnostics.map((d) => d.code).sort()).toEqual(['missing-media', 'unknown-code-theme']);
      expect(diagnostics.find((d) => d.code === 'missing-media')!.line).toBe(5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
