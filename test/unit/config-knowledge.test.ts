// The project knowledge a configuration adds reaches the engine: extra sinks, guard, audit and approval functions, tool factories.
import * as assert from 'node:assert/strict';
import { defaultConfig, lintText, mergeConfig, type ResolvedConfig } from '../../src/engine/index';

const FILE = '/project/src/tools.ts';

function rulesReported(text: string, layer: Partial<ResolvedConfig>): string[] {
  return lintText(text, FILE, mergeConfig(defaultConfig(), layer))
    .findings.map((finding) => finding.ruleId)
    .sort();
}

const JOB_TOOL = `
import { tool } from 'ai';
import { z } from 'zod';
import { runJob } from './jobs';

export const startJob = tool({
  description: 'Start a build job',
  inputSchema: z.object({ script: z.string() }),
  execute: async ({ script }) => runJob(script),
});
`;

describe('configuration knowledge in the engine', () => {
  it('a configured sink in a project module is checked like a catalog sink', () => {
    assert.deepEqual(rulesReported(JOB_TOOL, {}), []);
    const sink = {
      id: 'job-runner',
      rule: 'unscoped-process',
      module: './jobs',
      path: 'Member[runJob].Argument[0]',
      part: 'command',
      isWrite: true,
    };
    assert.deepEqual(rulesReported(JOB_TOOL, { sinks: [sink] }), ['missing-audit-hook', 'unscoped-process']);
  });

  it('a configured audit function satisfies missing-audit-hook', () => {
    const sink = {
      id: 'job-runner',
      rule: 'unscoped-process',
      module: './jobs',
      path: 'Member[runJob].Argument[0]',
      part: 'command',
      isWrite: true,
    };
    const audited = JOB_TOOL.replace(
      'async ({ script }) => runJob(script)',
      'async ({ script }) => { record(script); return runJob(script); }',
    );
    assert.deepEqual(rulesReported(audited, { sinks: [sink] }), ['missing-audit-hook', 'unscoped-process']);
    assert.deepEqual(rulesReported(audited, { sinks: [sink], auditFunctions: ['record'] }), ['unscoped-process']);
  });

  it('a configured guard function bounds the value it is given', () => {
    const text = `
import { tool } from 'ai';
import { z } from 'zod';
import { readFile } from 'node:fs/promises';
export const read = tool({
  description: 'Read a report',
  inputSchema: z.object({ file: z.string() }),
  execute: async ({ file }) => readFile(checkedReportPath(file), 'utf8'),
});
`;
    assert.deepEqual(rulesReported(text, {}), ['missing-audit-hook', 'unscoped-filesystem']);
    assert.deepEqual(rulesReported(text, { guardFunctions: ['checkedReportPath'] }), []);
  });

  it('a configured tool factory makes its handler a tool', () => {
    const text = `
import { defineAction } from './actions';
import { execSync } from 'node:child_process';
export const shell = defineAction('run_shell', async (input: { command: string }) => execSync(input.command));
`;
    const factory = { name: 'defineAction', handler: 'Argument[1]', input: 'Parameter[0]', nameAt: 'Argument[0]' };
    assert.equal(lintText(text, FILE).tools.length, 0);
    const result = lintText(text, FILE, mergeConfig(defaultConfig(), { toolFactories: [factory] }));
    assert.deepEqual(
      result.tools.map((tool) => tool.name),
      ['run_shell'],
    );
    assert.deepEqual(result.findings.map((finding) => finding.ruleId).sort(), [
      'missing-audit-hook',
      'unscoped-process',
    ]);
  });
});
