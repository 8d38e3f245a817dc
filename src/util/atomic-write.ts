/**
 * Writes a file so that readers see either the old content or the new, never a half-written
 * file: write a temp file beside the target, then rename over it (atomic on one filesystem).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { rename, stat, unlink, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';

function tempBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temp = tempBeside(target);
  let mode: number | undefined;
  try {
    mode = (await stat(target)).mode & 0o7777;
  } catch {
    mode = undefined; // a new file gets the default mode
  }
  try {
    await writeFile(temp, data);
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The same, for code that cannot wait (a deck compiled on demand). */
export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  const temp = tempBeside(target);
  const mode = statSync(target, { throwIfNoEntry: false })?.mode;
  try {
    writeFileSync(temp, data);
    if (mode !== undefined) chmodSync(temp, mode & 0o7777);
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never written
    }
    throw error;
  }
}
