// Lists the project's rule fixtures (real agent code) as seeds for differential and fuzz tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';

export interface Fixture {
  /** Path relative to test/fixtures, with forward slashes. */
  name: string;
  file: string;
  text: string;
}

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

let cached: Fixture[] | undefined;

/** Every source file under test/fixtures, sorted by name, read once per process. */
export function ruleFixtures(): Fixture[] {
  if (cached) return cached;
  const root = path.join(repoRoot(), 'test', 'fixtures');
  const out: Fixture[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (SOURCE.test(entry.name))
        out.push({
          name: path.relative(root, full).split(path.sep).join('/'),
          file: full,
          text: fs.readFileSync(full, 'utf8'),
        });
    }
  };
  visit(root);
  cached = out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return cached;
}
