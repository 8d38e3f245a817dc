/**
 * `npm run fix-encoding -- [--check | --stdout | --write] FILE...`
 *
 * Thin adapter over src/repair: arguments, files, exit codes. The repair itself is
 * `repairDeckText` (ftfy's encoding fix via ftfy-js, plus slidewright's dropped-byte layer).
 */
import { readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { listDecks, resolveProject } from '../project/project.ts';
import { formatDiagnostic } from '../shared/diagnostics.ts';
import { readUtf8, repairDeckText, type RepairResult } from '../repair/index.ts';
import { visible } from '../repair/report.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';

export const HELP = `Usage: slidewright fix-encoding [--check | --stdout | --write] [--verbose] [FILE|DIR...]
       (npm run fix-encoding -- ...; no FILE: the decks in slides/, else in this folder)

Repairs mojibake in mdslides decks: text saved through a wrong decoding (UTF-8 read as
Windows-1252 or Latin-1), such as "JosÃ© JoaquÃn" for "José Joaquín" or "ðŸ¦†" for "🦆".
Bytes lost on the way (0x81 0x8D 0x8F 0x90 0x9D, the soft hyphen 0xAD) are put back where the
surrounding text decides which; undecided spots are left as they are and reported.

Modes (one of; --check is the default):
  --check    list each repair as FILE:LINE:COLUMN: "before" → "after"; change nothing;
             exit 1 if any FILE would change
  --stdout   print the repaired text of each FILE (one after the other); change nothing
  --write    rewrite each FILE that needs repair (temp file + rename, file mode kept);
             files with nothing to repair are not touched

Options:
  --verbose  with --write or --stdout, also list each repair (on stderr for --stdout)
  -h, --help this text

A deck can switch repair off with  [comment]: # (FIX_ENCODING = false)  or, in YAML front
matter,  fix_encoding: false . Such decks are reported and left alone.

Exit status: 0 done (nothing to repair, or written), 1 --check found something to repair,
2 usage error, unreadable file, or a file that is not UTF-8 at all.`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

type Mode = 'check' | 'stdout' | 'write';

function expandDeckFolders(args: string[]): string[] {
  const cwd = process.cwd();
  if (args.length === 0) return listDecks(resolveProject(cwd, { include: [] })).map((d) => path.relative(cwd, d.file));
  return args.flatMap((arg) =>
    existsSync(arg) && statSync(arg).isDirectory() ? listDecks(resolveProject(cwd, { sources: [arg], include: [] })).map((d) => path.relative(cwd, d.file)) : [arg],
  );
}

export async function runFixEncoding(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const usage = (message: string): number => {
    io.stderr(`fix-encoding: ${message}\nRun \`npm run fix-encoding -- --help\` for usage.\n`);
    return 2;
  };
  let mode: Mode | null = null;
  let verbose = false;
  const files: string[] = [];
  let optionsDone = false;
  for (const arg of argv) {
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && (arg === '-h' || arg === '--help')) {
      io.stdout(`${HELP}\n`);
      return 0;
    } else if (!optionsDone && (arg === '--check' || arg === '--stdout' || arg === '--write')) {
      const m = arg.slice(2) as Mode;
      if (mode && mode !== m) return usage(`choose one of --check, --stdout, --write (got --${mode} and ${arg})`);
      mode = m;
    } else if (!optionsDone && arg === '--verbose') verbose = true;
    else if (!optionsDone && arg.startsWith('-') && arg !== '-') return usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  // Folders stand for their decks; nothing named, for the project's (slides/, else this folder).
  const expanded = expandDeckFolders(files);
  if (expanded.length === 0) return usage(`no deck files ${files.length ? `in ${files.join(', ')}` : 'in slides/ or here'}; pass one or more, e.g. slides/talk.md`);
  files.splice(0, files.length, ...expanded);
  mode ??= 'check';

  let status = 0;
  for (const file of files) {
    const loaded = await load(file);
    if ('error' in loaded) {
      io.stderr(`fix-encoding: ${loaded.error}\n`);
      status = 2;
      continue;
    }
    const result = repairDeckText(loaded.text, { file });
    const changed = result.text !== loaded.text;
    if (mode === 'stdout') {
      io.stdout(result.text);
      report(io.stderr, file, result, verbose);
      continue;
    }
    if (mode === 'check') {
      report(io.stdout, file, result, true);
      if (changed) status = Math.max(status, 1);
      continue;
    }
    if (changed) {
      try {
        await writeFileAtomic(file, result.text);
      } catch (error) {
        io.stderr(`fix-encoding: ${file}: could not write (${(error as Error).message}); the file is unchanged\n`);
        status = 2;
        continue;
      }
    }
    report(io.stdout, file, result, verbose, changed ? 'repaired' : undefined);
  }
  return status;
}

async function load(file: string): Promise<{ text: string } | { error: string }> {
  let bytes: Uint8Array;
  try {
    if ((await stat(file)).isDirectory()) return { error: `${file} is a directory; pass the deck files inside it (e.g. ${file}/*.md)` };
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: `${file}: no such file; check the path` };
    if (code === 'EACCES') return { error: `${file}: permission denied; check the file's permissions` };
    return { error: `${file}: cannot read (${(error as Error).message})` };
  }
  const decoded = readUtf8(bytes);
  if (decoded.ok) return { text: decoded.text };
  const p = decoded.problem;
  return {
    error:
      `${file}:${p.line}:${p.column}: not valid UTF-8 at byte offset ${p.offset} (${p.bytes}): ${p.reason}. ` +
      `This is not mojibake (that is valid UTF-8 showing the wrong characters): the file is in another ` +
      `encoding, probably Windows-1252 or Latin-1. Convert it first, e.g. ` +
      `\`iconv -f windows-1252 -t utf-8 ${file} > ${file}.utf8\`, check the result, then run this again.`,
  };
}

function report(out: (text: string) => void, file: string, result: RepairResult, details: boolean, done?: 'repaired'): void {
  if (!result.enabled) {
    out(`${file}: repair is switched off by FIX_ENCODING = false${result.switchLine ? ` (line ${result.switchLine})` : ''}; left as it is\n`);
    return;
  }
  for (const d of result.diagnostics) {
    if (d.code === 'mojibake-repaired') continue; // replaced by the summary below
    if (d.code === 'mojibake-repair-detail' && !details) continue;
    out(`${formatDiagnostic(file, d)}\n`);
  }
  const lines = new Set(result.repairs.map((r) => r.line)).size;
  const lost = result.repairs.filter((r) => r.kind === 'dropped-byte').length;
  const ambiguous = result.ambiguous.length;
  const extra = [
    lost ? `${lost} lost byte${lost === 1 ? '' : 's'} recovered` : '',
    ambiguous ? `${ambiguous} spot${ambiguous === 1 ? '' : 's'} left as ${ambiguous === 1 ? 'it is' : 'they are'} (see warnings)` : '',
  ].filter(Boolean);
  const tail = extra.length ? `; ${extra.join('; ')}` : '';
  if (lines === 0) out(`${file}: nothing to repair${tail}\n`);
  else if (done) out(`${file}: repaired ${lines} line${lines === 1 ? '' : 's'}${tail}\n`);
  else {
    const first = result.repairs[0]!;
    const verb = result.mode === 'throughout' ? 'damaged throughout' : 'damaged in places';
    out(
      `${file}: ${lines} line${lines === 1 ? '' : 's'} would change (${verb}; first: line ${first.line} "${visible(first.before)}" → "${visible(first.after)}")${tail}; ` +
        `run \`npm run fix-encoding -- --write ${file}\` to repair\n`,
    );
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isMain()) process.exitCode = await runFixEncoding(process.argv.slice(2));
