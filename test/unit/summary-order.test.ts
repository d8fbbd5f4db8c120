// A file's findings do not depend on which files one project linted before it: helper summaries cached by an earlier
// lint are reused only where analysing the helper again would give the same summary (the depth limit on nested
// helpers, and the cap on argument shapes per helper, count per lint).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Project } from '../../src/engine/index';
import type { LintResult, ProjectHost } from '../../src/engine/types';

const ROOT = path.resolve('/order');
const at = (name: string): string => path.join(ROOT, name);

/** A tool whose handler passes `command` to `call` (an expression of `command`). */
const shellTool = (name: string, imports: string, call: string): string => `import { tool } from 'ai';
import { z } from 'zod';
${imports}
export const ${name} = tool({
  description: 'Run ${name}',
  inputSchema: z.object({ command: z.string() }),
  execute: async ({ command }) => ${call},
});
`;

/** A tool that reads `name` under `root` through the shared helper. */
const readTool = (name: string, root: string): string => `import { tool } from 'ai';
import { z } from 'zod';
import { readUnder } from './files';
export const ${name} = tool({
  description: 'Read a note',
  inputSchema: z.object({ name: z.string() }),
  execute: async ({ name }) => readUnder('${root}', name),
});
`;

const FILES: Record<string, string> = {
  'run.ts': `import { execSync } from 'node:child_process';
export function run(command: string): string {
  return execSync(command).toString();
}
export function relay(command: string): string {
  return run(command);
}
`,
  // Five helpers deep: \`run\` is past the depth limit, and \`relay\` reaches it there.
  'chain.ts': `import { run, relay } from './run';
export function one(command: string): string { return two(command); }
function two(command: string): string { return three(command); }
function three(command: string): string { return four(command); }
function four(command: string): string { return five(command); }
function five(command: string): string { return run(command); }
export function uno(command: string): string { return dos(command); }
function dos(command: string): string { return tres(command); }
function tres(command: string): string { return cuatro(command); }
function cuatro(command: string): string { return relay(command); }
`,
  'direct.ts': shellTool('direct', "import { run } from './run';", 'run(command)'),
  'relayed.ts': shellTool('relayed', "import { relay } from './run';", 'relay(command)'),
  'deep.ts': shellTool('deep', "import { one } from './chain';", 'one(command)'),
  'deepRelay.ts': shellTool('deepRelay', "import { uno } from './chain';", 'uno(command)'),
  'files.ts': `import * as fs from 'node:fs';
import * as path from 'node:path';
export function readUnder(root: string, name: string): string {
  const full = path.resolve(root, name);
  if (!full.startsWith(root + path.sep)) throw new Error('outside');
  return fs.readFileSync(full, 'utf8');
}
`,
  'notesA.ts': readTool('noteA', '/srv/a'),
  'notesB.ts': readTool('noteB', '/srv/b'),
  'notesC.ts': readTool('noteC', '/srv/c'),
  'notesD.ts': readTool('noteD', '/srv/d'),
  'notesE.ts': readTool('noteE', '/srv/e'),
};

const host: ProjectHost = {
  readFile: (file) => FILES[path.relative(ROOT, path.resolve(file))],
};

const toolFiles = Object.keys(FILES).filter((name) => FILES[name]?.includes("from 'ai'"));

function lintAfter(before: readonly string[], name: string): LintResult {
  const project = new Project(undefined, host);
  for (const earlier of before) project.lint(at(earlier));
  return project.lint(at(name));
}

const ruleIds = (result: LintResult): string[] => result.findings.map((finding) => finding.ruleId);

describe('results independent of lint order', () => {
  const alone = new Map(toolFiles.map((name) => [name, lintAfter([], name)]));

  it('finds the effects helpers reach within the depth limit, and none beyond it', () => {
    assert.ok(ruleIds(alone.get('direct.ts') as LintResult).includes('unscoped-process'));
    assert.ok(ruleIds(alone.get('relayed.ts') as LintResult).includes('unscoped-process'));
    // ok: `run` sits six calls below the handler, past the limit, whoever analysed it before.
    assert.ok(!ruleIds(alone.get('deep.ts') as LintResult).includes('unscoped-process'));
    assert.ok(!ruleIds(alone.get('deepRelay.ts') as LintResult).includes('unscoped-process'));
    // ok: a root the caller fixes bounds the path.
    assert.ok(!ruleIds(alone.get('notesE.ts') as LintResult).includes('unscoped-filesystem'));
  });

  for (const name of toolFiles) {
    it(`${name} alone equals ${name} after every other file, in both orders`, () => {
      const others = toolFiles.filter((other) => other !== name);
      assert.deepEqual(lintAfter(others, name), alone.get(name));
      assert.deepEqual(lintAfter([...others].reverse(), name), alone.get(name));
    });
  }
});
