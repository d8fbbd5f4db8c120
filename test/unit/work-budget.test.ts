// The per-file work budget (`maxAnalysisSteps`): a file over it ends with the same problem on any machine,
// whatever the wall clock says, and a file under it is analysed as without it.
import * as assert from 'node:assert/strict';
import { defaultConfig, mergeConfig, Project } from '../../src/engine/index';
import type { LintResult } from '../../src/engine/types';

const TOOL = `import { tool } from 'ai';
import { z } from 'zod';
import { execSync } from 'node:child_process';
function runLogged(command: string) {
  const line = command.trim();
  return execSync(line).toString();
}
export const shell = tool({
  description: 'Run a shell command',
  inputSchema: z.object({ command: z.string() }),
  execute: async ({ command }) => runLogged(command),
});
`;

function lintWith(maxAnalysisSteps?: number): LintResult {
  const config = maxAnalysisSteps === undefined ? defaultConfig() : mergeConfig(defaultConfig(), { maxAnalysisSteps });
  // A generous clock: only the step count may stop this file.
  return new Project(config, undefined, { budgetMs: 600_000 }).lint('/budget/tool.ts', TOOL);
}

describe('work budget', () => {
  it('a file over its step budget is a timeout problem whose message names no time', () => {
    const results = [lintWith(1), lintWith(1)];
    for (const result of results) {
      assert.deepEqual(result.tools, []);
      assert.deepEqual(result.findings, []);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0]?.kind, 'timeout');
      assert.match(result.problems[0]?.message ?? '', /more than 1 steps, maxAnalysisSteps/);
    }
    assert.deepEqual(results[0], results[1]);
  });

  it('a file under it is analysed exactly as with the default budget', () => {
    const analysed = lintWith(10_000_000);
    assert.equal(analysed.problems.length, 0);
    assert.ok(analysed.findings.length > 0);
    assert.deepEqual(analysed, lintWith());
  });

  it('the budget is kept by merged configurations, the last layer winning', () => {
    const merged = mergeConfig(defaultConfig(), { maxAnalysisSteps: 7 }, { maxAnalysisSteps: 9 });
    assert.equal(merged.maxAnalysisSteps, 9);
    assert.equal(mergeConfig(merged, {}).maxAnalysisSteps, 9);
    assert.equal('maxAnalysisSteps' in mergeConfig(defaultConfig(), {}), false);
  });
});
