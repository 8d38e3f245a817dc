/**
 * `npm run fix-encoding`: modes, exit codes, atomic writes, errors that say what to do.
 * Runs `runFixEncoding` in-process on files in a temporary directory, plus the real entry point
 * once.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFixEncoding } from '../../../src/cli/fix-encoding.ts';
import { repoRoot } from './corpus.ts';

const BROKEN = '# Talk\n\nJosÃ© JoaquÃn Atria\n\nðŸ‘‰ Ducks ðŸ¦†\n';
const FIXED = '# Talk\n\nJosé Joaquín Atria\n\n👉 Ducks 🦆\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fix-encoding-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runFixEncoding(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function deck(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('fix-encoding', () => {
  it('--check lists each repair and exits 1, changing nothing', async () => {
    const file = await deck('check.md', BROKEN);
    const r = await run('--check', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}:3:1: info: "JosÃ©" → "José"`);
    expect(r.stdout).toContain(`${file}:3:7: info: "JoaquÃn" → "Joaquín" (a lost byte recovered)`);
    expect(r.stdout).toContain(`${file}:5:1: info: "ðŸ‘‰" → "👉"`);
    expect(r.stdout).toContain(`${file}: 2 lines would change`);
    expect(r.stdout).toContain(`npm run fix-encoding -- --write ${file}`);
    expect(await readFile(file, 'utf8')).toBe(BROKEN);
  });

  it('--check is the default, and exits 0 when there is nothing to repair', async () => {
    const file = await deck('clean.md', FIXED);
    const r = await run(file);
    expect(r).toEqual({ code: 0, stdout: `${file}: nothing to repair\n`, stderr: '' });
  });

  it('--stdout prints the repaired text and touches nothing', async () => {
    const file = await deck('stdout.md', BROKEN);
    const r = await run('--stdout', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(FIXED);
    expect(r.stderr).toContain('2 lines would change');
    expect(await readFile(file, 'utf8')).toBe(BROKEN);
  });

  it('--write rewrites the file in place, keeping its mode, and only when something changes', async () => {
    const file = await deck('write.md', BROKEN);
    await chmod(file, 0o640);
    const r = await run('--write', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${file}: repaired 2 lines; 1 lost byte recovered\n`);
    expect(await readFile(file, 'utf8')).toBe(FIXED);
    const after = await stat(file);
    expect(after.mode & 0o777).toBe(0o640);
    // A second run finds nothing and does not write (same inode, same modification time).
    const again = await run('--write', file);
    expect(again.stdout).toBe(`${file}: nothing to repair\n`);
    const later = await stat(file);
    expect([later.ino, later.mtimeMs]).toEqual([after.ino, after.mtimeMs]);
  });

  it('leaves a deck alone that switched repair off, and says so', async () => {
    const file = await deck('off.md', `[comment]: # (FIX_ENCODING = false)\n${BROKEN}`);
    const r = await run('--write', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${file}: repair is switched off by FIX_ENCODING = false (line 1); left as it is\n`);
    expect(await readFile(file, 'utf8')).toBe(`[comment]: # (FIX_ENCODING = false)\n${BROKEN}`);
  });

  it('reports spots it could not decide, with file:line:column', async () => {
    const file = await deck('ambiguous.md', 'JosÃ© says ðŸ‘ to that\n');
    const r = await run('--check', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}:1:12: warning: "ðŸ‘" looks like mojibake that lost a byte`);
    expect(r.stdout).toContain('1 spot left as it is (see warnings)');
  });

  it('rejects bytes that are not UTF-8 at all, naming the offset and what to do', async () => {
    const file = await deck('latin1.md', Uint8Array.from([...Buffer.from('ok\ncaf'), 0xe9, 0x0a]));
    const r = await run('--check', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:2:4: not valid UTF-8 at byte offset 6 (E9 0A)`);
    expect(r.stderr).toContain('iconv -f windows-1252 -t utf-8');
  });

  it('explains usage errors and missing files, and goes on with the other files', async () => {
    // Nothing named: the project's decks (here, this repository's slides/).
    expect((await run('--stdout')).stdout).toContain('José Joaquín');
    expect((await run('--frobnicate', 'x.md')).stderr).toContain('unknown option --frobnicate');
    expect((await run('--check', '--write', 'x.md')).code).toBe(2);
    const good = await deck('good.md', BROKEN);
    // A folder stands for its decks.
    await mkdir(path.join(dir, 'folder'));
    const inFolder = path.join(dir, 'folder', 'inner.md');
    await writeFile(inFolder, BROKEN);
    const r = await run('--write', path.join(dir, 'missing.md'), path.join(dir, 'folder'), good);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.md: no such file; check the path');
    expect(await readFile(good, 'utf8')).toBe(FIXED);
    expect(await readFile(inFolder, 'utf8')).toBe(FIXED);
    expect((await run(path.join(dir, 'folder', 'empty-folder-none'))).stderr).toContain('no such file');
  });

  it('--help prints usage and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: slidewright fix-encoding \[--check \| --stdout \| --write\]/);
  });

  it('runs as a program (npm run fix-encoding)', async () => {
    const file = await deck('program.md', BROKEN);
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const exec = promisify(execFile);
    const ok = await exec(tsx, [path.join(repoRoot, 'src/cli/fix-encoding.ts'), '--stdout', file]);
    expect(ok.stdout).toBe(FIXED);
    const failed = await exec(tsx, [path.join(repoRoot, 'src/cli/fix-encoding.ts'), '--check', file]).catch((e: { code: number }) => e);
    expect((failed as { code: number }).code).toBe(1);
  }, 30_000);
});
