/**
 * Writes a file so that readers see either the old content or the new, never a half-written
 * file: write a temp file beside the target, then rename over it (atomic on one filesystem).
 */
import { randomBytes } from 'node:crypto';
import { rename, stat, unlink, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
