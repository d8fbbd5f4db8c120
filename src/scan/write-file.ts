// Writes a file the scan produces (report, baseline, cache) so that a symlink at its path is replaced, never written through.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `content` to a fresh temporary file beside `file` and renames it over `file`. A rename
 * replaces a symlink itself, so a committed `report.sarif -> /etc/…` cannot redirect the write, and
 * readers never see a half-written file. The temporary name is exclusive (`wx`), so a planted link
 * with a guessed name is not followed either. A device or pipe the user names (`--output /dev/null`,
 * `/dev/stdout`, a FIFO) is written into: renaming over it would put a regular file in its place.
 */
export function writeFileReplacing(file: string, content: string): void {
  if (isDeviceOrPipe(file)) {
    fs.writeFileSync(file, content);
    return;
  }
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

/**
 * A character device, FIFO or socket at the path itself, or a link under the system's device folders
 * (`/dev/stdout -> /proc/self/fd/1`), which no scanned repository can plant.
 */
function isDeviceOrPipe(file: string): boolean {
  let entry: fs.Stats;
  try {
    entry = fs.lstatSync(file);
  } catch {
    return false;
  }
  const special = (stats: fs.Stats) => stats.isCharacterDevice() || stats.isFIFO() || stats.isSocket();
  if (special(entry)) return true;
  if (!entry.isSymbolicLink() || !/^\/(dev|proc)\//.test(path.resolve(file))) return false;
  try {
    return special(fs.statSync(file));
  } catch {
    return false;
  }
}
