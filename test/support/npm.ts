// Runs npm for the suites and the benchmark that fetch pinned packages, and reads `npm pack --json`.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

export interface PackEntry {
  name: string;
  version: string;
  filename: string;
  /** The registry's integrity hash, empty when npm did not report one. */
  integrity: string;
}

/**
 * Runs npm in `cwd` (created if needed). Under `npm test` or `npm run`, npm_execpath names npm's own
 * CLI script: running it with this Node avoids the Windows `npm.cmd` shell quirks and uses the npm
 * that started us; otherwise npm comes from PATH.
 */
export function runNpm(args: string[], cwd: string, timeout: number): string {
  fs.mkdirSync(cwd, { recursive: true });
  const npmCli = process.env['npm_execpath'];
  const isScript = npmCli !== undefined && /\.c?js$/.test(npmCli);
  const command = isScript ? process.execPath : process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return execFileSync(command, isScript ? [npmCli, ...args] : args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout,
    shell: !isScript && process.platform === 'win32',
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function parsePackOutput(output: string): PackEntry[] {
  // npm may print lifecycle noise before the JSON array; the array is the last thing written.
  const start = output.indexOf('[');
  const parsed = JSON.parse(start >= 0 ? output.slice(start) : output) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`Unexpected npm pack output: ${output.slice(0, 200)}`);
  return parsed.map((item: unknown) => {
    const entry = item as Partial<PackEntry>;
    if (typeof entry.name !== 'string' || typeof entry.version !== 'string' || typeof entry.filename !== 'string') {
      throw new Error(`Unexpected npm pack entry: ${JSON.stringify(item).slice(0, 200)}`);
    }
    return { name: entry.name, version: entry.version, filename: entry.filename, integrity: entry.integrity ?? '' };
  });
}
