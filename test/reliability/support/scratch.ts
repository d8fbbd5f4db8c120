// Temporary workspaces for the reliability suites, created under the OS temp folder and removed afterwards.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Scratch {
  dir: string;
  /** Writes files given as relative path → content (text or bytes), creating folders. */
  write(files: Record<string, string | Buffer>): void;
  path(...parts: string[]): string;
  remove(): void;
}

export function scratch(prefix: string): Scratch {
  // realpath: the temp folder may itself be a symlink, and reports use real paths.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `agent-risk-rel-${prefix}-`)));
  return {
    dir,
    write(files) {
      for (const [name, content] of Object.entries(files)) {
        const full = path.join(dir, name);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, content);
      }
    },
    path: (...parts) => path.join(dir, ...parts),
    remove() {
      // Undo chmod 000 so that removal works when the suite made folders unreadable.
      const reopen = (target: string): void => {
        try {
          const stat = fs.lstatSync(target);
          if (stat.isSymbolicLink()) return;
          fs.chmodSync(target, 0o755);
          if (stat.isDirectory()) for (const name of fs.readdirSync(target)) reopen(path.join(target, name));
        } catch {
          // Already gone, or not ours to change: rmSync below reports what matters.
        }
      };
      reopen(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
