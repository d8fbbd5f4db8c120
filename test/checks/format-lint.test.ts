// The tree is formatted and linted by Biome (biome.json): a check, so `npm test`, `npm run check` and CI fail on drift.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

describe('checks: format and lint', () => {
  it('biome ci reports no formatting or lint error (fix with npm run format and npm run lint)', () => {
    const root = repoRoot();
    const biome = path.join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
    const run = spawnSync(process.execPath, [biome, 'ci', '--colors=off', '--max-diagnostics=20'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  });
});
