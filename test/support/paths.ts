// Finds the repository root from compiled test files, which run from out/test/... rather than test/....
import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** The folder holding the project's package.json, found by walking up from this file. */
export function repoRoot(): string {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      cached = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
}
