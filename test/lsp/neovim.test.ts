// A second real editor: headless Neovim's built-in LSP client attaches the server to the bundled example and must
// receive exactly the CLI's findings. Neovim 0.7 has no pull diagnostics, so this also proves the push fallback.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { cliFindingsOf } from './client';

const EXAMPLES = path.join(repoRoot(), 'examples');

function neovim(): string | undefined {
  const found = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? 'nvim' : undefined;
}

describe('language server in Neovim', function () {
  this.timeout(180_000);

  it('gets the CLI findings of each example file as diagnostics', function () {
    const nvim = neovim();
    // CI installs Debian's neovim (.ci/run); only a developer machine without it may skip.
    if (nvim === undefined) {
      if (process.env.CI !== undefined) assert.fail('nvim is not installed; .ci/run installs the neovim package.');
      this.skip();
    }
    for (const file of [
      path.join(EXAMPLES, 'src', 'ai-sdk', 'web-tools.ts'),
      path.join(EXAMPLES, 'src', 'mastra', 'shell.ts'),
    ]) {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-nvim-')), 'diagnostics.txt');
      const run = spawnSync(
        nvim,
        ['--headless', '--clean', '-c', `luafile ${path.join(repoRoot(), 'test', 'lsp', 'neovim.lua')}`],
        {
          encoding: 'utf8',
          timeout: 120_000,
          env: {
            ...process.env,
            AR_ROOT: EXAMPLES,
            AR_FILE: file,
            AR_OUT: out,
            AR_NODE: process.execPath,
            AR_BIN: path.join(repoRoot(), 'bin', 'agent-risk.js'),
          },
        },
      );
      assert.ok(fs.existsSync(out), `Neovim wrote no diagnostics (status ${run.status}): ${run.stderr}`);
      const lines = fs
        .readFileSync(out, 'utf8')
        .split('\n')
        .filter((line) => line !== '');
      assert.ok(
        lines.every((line) => line.endsWith(' agent-risk')),
        lines.join('\n'),
      );
      assert.deepEqual(lines.map((line) => line.replace(/ agent-risk$/, '')).sort(), cliFindingsOf(EXAMPLES, file));
    }
  });
});
