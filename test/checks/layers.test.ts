// Architecture invariant 1: the engine, the rules, the configuration loader and the CLI never import `vscode`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

const LAYERS = ['src/engine', 'src/rules', 'src/config', 'src/cli'];
const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('checks: layers', () => {
  for (const layer of LAYERS) {
    it(`${layer} does not import vscode`, () => {
      const root = repoRoot();
      const offenders = sourceFiles(path.join(root, layer)).filter((file) => IMPORTS_VSCODE.test(fs.readFileSync(file, 'utf8')));
      assert.deepEqual(offenders.map((file) => path.relative(root, file)), [], 'Move the editor-specific code to src/vscode/.');
    });
  }

  it('the engine does not import the front ends', () => {
    const root = repoRoot();
    const offenders = sourceFiles(path.join(root, 'src/engine')).filter((file) => /from\s+['"]\.\.\/(cli|vscode|config)\//.test(fs.readFileSync(file, 'utf8')));
    assert.deepEqual(offenders.map((file) => path.relative(root, file)), []);
  });
});
