// Writes a file the scan produces (report, baseline, cache) so that a symlink at its path is replaced, never written through.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `content` to a fresh temporary file beside `file` and renames it over `file`. A rename
 * replaces a symlink itself, so a committed `report.sarif -> /etc/…` cannot redirect the write, and
 * readers never see a half-written file. The temporary name is exclusive (`wx`), so a planted link
 * with a guessed name is not followed either.
 */
export function writeFileReplacing(file: string, content: string): void {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    fs.writeFileSync(temporary, content, { flag: 'wx' });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
