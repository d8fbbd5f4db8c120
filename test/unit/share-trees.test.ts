// A whole-repository scan's shared trees (Project's `shareTrees`) change no result, whichever file comes first.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Project } from '../../src/engine/index';
import type { LintResult, ProjectHost } from '../../src/engine/types';

const ROOT = path.resolve('/repo');
const at = (name: string): string => path.join(ROOT, name);

/** A tool whose handler runs a helper of another file, a helper that spells no tool word, and a file whose tool words are only in a comment. */
const FILES: Record<string, string> = {
  'tools.ts': `import { tool } from 'ai';
import { z } from 'zod';
import { runCommand } from './helpers';
export const shell = tool({
  description: 'Run a shell command',
  inputSchema: z.object({ command: z.string() }),
  execute: async ({ command }) => runCommand(command),
});
export function quoted(command: string): string {
  return runCommand(\`"\${command}"\`);
}
`,
  // Linted first, it loads tools.ts, which declares a tool too, through an import.
  'admin.ts': `import { tool } from 'ai';
import { z } from 'zod';
import { quoted } from './tools';
export const admin = tool({
  description: 'Run an admin command',
  inputSchema: z.object({ command: z.string() }),
  execute: async ({ command }) => quoted(command),
});
`,
  'helpers.ts': `import { execSync } from 'node:child_process';
import { banner } from './notes';
export function runCommand(command: string): string {
  return banner() + execSync(command).toString();
}
`,
  // Kept by the text stage, dropped by the tree stage: \`tool(\` appears only in a comment.
  'notes.ts': `// Call tool({ description }) to declare one.
export function banner(): string {
  return 'done: ';
}
`,
};

const host: ProjectHost = {
  readFile: (file) => FILES[path.relative(ROOT, path.resolve(file))],
};

function lintAll(order: string[], shareTrees: boolean, cachedSourceChars?: number): Map<string, LintResult> {
  const project = new Project(undefined, host, {
    shareTrees,
    ...(cachedSourceChars === undefined ? {} : { cachedSourceChars }),
  });
  return new Map(order.map((name) => [name, project.lint(at(name))]));
}

describe('shared trees of a whole-repository scan', () => {
  const names = Object.keys(FILES);
  const orders = [names, [...names].reverse(), ['helpers.ts', 'notes.ts', 'admin.ts', 'tools.ts']];
  for (const order of orders) {
    it(`lints ${order.join(', ')} as a Project without them does`, () => {
      const shared = lintAll(order, true);
      const fresh = lintAll(order, false);
      assert.deepEqual(shared, fresh);
      // The comparison proves something only if the tool was found and the comment-only file dropped.
      assert.equal(fresh.get('tools.ts')?.tools.length, 1);
      assert.ok((fresh.get('tools.ts')?.findings.length ?? 0) > 0);
      assert.ok((fresh.get('admin.ts')?.findings.length ?? 0) > 0);
      assert.equal(fresh.get('notes.ts')?.skipped, 'no-tool-shapes');
    });
    // A scan keeps more imported trees between lints than an editor: what stays cached must not change a result.
    it(`lints ${order.join(', ')} alike whether imported trees stay cached between lints or not`, () => {
      assert.deepEqual(lintAll(order, true), lintAll(order, true, 0));
    });
  }
});
