// Structural quick fixes a user applies from the editor: each is offered only when re-linting the fixed text drops the finding.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultConfig, lintText, mergeConfig, type ProjectHost, type ResolvedConfig } from '../../src/engine/index';
import type { Finding, LintResult } from '../../src/engine/types';
import type { FixKind, FixProposal } from '../../src/editor/fixes/index';
import { applyEdits } from '../../src/editor/fixes/source';
import { verifiedFixes } from '../../src/editor/fixes/verify';

const ROOT = path.join(path.sep, 'project', 'src');

/** An in-memory project: the file under test plus any helpers beside it. */
function hostOf(files: Record<string, string>): ProjectHost {
  const absolute = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  return {
    readFile: (file) => absolute.get(file),
    listDirectory: (dir) => (dir === ROOT ? [...absolute.keys()].map((file) => path.relative(ROOT, file)) : undefined),
  };
}

interface Case {
  file: string;
  text: string;
  helpers?: Record<string, string>;
  config?: Partial<ResolvedConfig>;
}

function lintCase(c: Case): { result: LintResult; relint: (text: string) => LintResult } {
  const config = mergeConfig(defaultConfig(), c.config ?? {});
  const file = path.join(ROOT, c.file);
  const relint = (text: string): LintResult => lintText(text, file, config, hostOf({ ...c.helpers, [c.file]: text }));
  return { result: relint(c.text), relint };
}

/** The one verified fix of `kind` for the only finding of `ruleId`, and the text once it is applied. */
function fixed(c: Case, ruleId: string, kind: FixKind): { fix: FixProposal | undefined; after: string } {
  const { result, relint } = lintCase(c);
  const findings = result.findings.filter((finding) => finding.ruleId === ruleId);
  assert.equal(findings.length, 1, `expected one ${ruleId} finding, got ${findings.length}`);
  const auditFunctions = c.config?.auditFunctions ?? [];
  const fixes = verifiedFixes(c.text, result, findings[0] as Finding, relint, { auditFunctions });
  const fix = fixes.find((candidate) => candidate.kind === kind);
  const after = fix === undefined ? c.text : applyEdits(c.text, fix.edits);
  if (fix !== undefined)
    assert.equal(
      relint(after).findings.filter((finding) => finding.ruleId === ruleId).length,
      0,
      'the fixed text still reports',
    );
  return { fix, after };
}

const NETWORK_HELPER = `import { tool } from 'ai';
import { z } from 'zod';

async function send(payload: string, target: string) {
  const response = await fetch(target, { method: 'POST', body: payload });
  return response.status;
}

export const notify = tool({
  description: 'Post a message to a webhook',
  inputSchema: z.object({ url: z.string(), message: z.string() }),
  execute: async ({ url, message }) => {
    return send(message, url);
  },
});
`;

const SEND_HELPER = {
  'http.ts':
    "export async function send(payload: string, target: string) {\n  return (await fetch(target, { method: 'POST', body: payload })).status;\n}\n",
};
const CROSS_FILE = `import { tool } from 'ai';
import { z } from 'zod';
import { send } from './http';

export const notify = tool({
  description: 'Post a message to a webhook',
  inputSchema: z.object({ url: z.string(), message: z.string() }),
  execute: async ({ url, message }) => send(message, url),
});
`;

describe('structural fixes: sink in a helper', () => {
  it('guards the request inside a helper in the same file, where the finding is, so every caller is bounded', () => {
    const { fix, after } = fixed({ file: 'notify.ts', text: NETWORK_HELPER }, 'unscoped-network', 'host-allowlist');
    assert.ok(fix, 'no verified fix');
    assert.match(
      after,
      /async function send\(payload: string, target: string\) \{\n\s+if \(!ALLOWED_HOSTS\.has\(new URL\(target\)\.hostname\)\)/,
    );
  });

  it('bounds the argument that carries the input where the handler calls a helper in another file', () => {
    const c = { file: 'tools.ts', text: CROSS_FILE, helpers: SEND_HELPER };
    const { fix, after } = fixed(c, 'unscoped-network', 'host-allowlist');
    assert.ok(fix, 'no verified fix for the README-style cross-file finding');
    // The re-lint chose the second argument: bounding the first (the message body) leaves the finding.
    assert.match(
      after,
      /execute: async \(\{ url, message \}\) => \{\n\s+if \(!ALLOWED_HOSTS\.has\(new URL\(url\)\.hostname\)\)/,
    );
    assert.match(fix.title, /before this call$/);
  });

  it('offers nothing where a guard before the statement would not run first (a braceless if)', () => {
    const text = CROSS_FILE.replace(
      'execute: async ({ url, message }) => send(message, url),',
      'execute: async ({ url, message }) => {\n    if (message.length > 0) return send(message, url);\n    return 0;\n  },',
    );
    const { fix } = fixed({ file: 'tools.ts', text, helpers: SEND_HELPER }, 'unscoped-network', 'host-allowlist');
    assert.equal(fix, undefined);
  });
});

const PROCESS_TOOL = `import { tool } from 'ai';
import { execSync } from 'node:child_process';
import { z } from 'zod';

export const runScript = tool({
  description: 'Run a maintenance script',
  inputSchema: z.object({ script: z.string() }),
  execute: async ({ script }) => execSync(\`sh \${script}\`, { encoding: 'utf8' }),
});
`;

describe('structural fixes: unscoped-process', () => {
  it('checks the command against an empty typed allowlist, evaluated once, before the process starts', () => {
    const { fix, after } = fixed({ file: 'run.ts', text: PROCESS_TOOL }, 'unscoped-process', 'command-allowlist');
    assert.ok(fix, 'no verified fix');
    assert.match(after, /const ALLOWED_COMMANDS = new Set<string>\(\[\]\);/);
    assert.match(after, /const command = `sh \$\{script\}`;\n\s+if \(!ALLOWED_COMMANDS\.has\(command\)\)/);
    assert.match(after, /execSync\(command, \{ encoding: 'utf8' \}\)/);
  });

  it('writes no type arguments into a JavaScript file', () => {
    const text = PROCESS_TOOL.replace("import { z } from 'zod';", "const { z } = require('zod');");
    const { after } = fixed({ file: 'run.js', text }, 'unscoped-process', 'command-allowlist');
    assert.match(after, /const ALLOWED_COMMANDS = new Set\(\[\]\);/);
  });
});

const AUDITLESS = `import { tool } from 'ai';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { z } from 'zod';
import { recordToolCall } from './records';

const NOTES_ROOT = path.resolve('notes');

export const readNote = tool({
  description: 'Save a note',
  inputSchema: z.object({ name: z.string(), text: z.string(), encoding: z.string().optional() }),
  execute: async ({ name, text, encoding: charset }) => {
    const file = path.resolve(NOTES_ROOT, name);
    if (!file.startsWith(NOTES_ROOT + path.sep)) throw new Error('outside the notes');
    return writeFile(file, text, charset === 'latin1' ? 'latin1' : 'utf8');
  },
});
`;

describe('structural fixes: missing-audit-hook', () => {
  it('calls the configured audit function with the tool name and the input, first in the handler', () => {
    const c = { file: 'notes.ts', text: AUDITLESS, config: { auditFunctions: ['recordToolCall'] } };
    // With the name configured the tool is audited only once the call is there; without the call it reports.
    const { fix, after } = fixed(c, 'missing-audit-hook', 'audit-call');
    assert.ok(fix, 'no verified fix');
    assert.match(
      after,
      /execute: async \(\{ name, text, encoding: charset \}\) => \{\n\s+await recordToolCall\('readNote', \{ name, text, encoding: charset \}\);\n\s+const file/,
    );
  });

  it('reuses the audit call the file already makes for another tool', () => {
    const text = `${AUDITLESS.replace("import { recordToolCall } from './records';", "import { auditLog } from './records';")}
export const listNotes = tool({
  description: 'List notes',
  inputSchema: z.object({}),
  execute: async (input) => {
    auditLog.write('listNotes', input);
    return [];
  },
});
`;
    const { fix, after } = fixed({ file: 'notes.ts', text }, 'missing-audit-hook', 'audit-call');
    assert.ok(fix, 'no verified fix');
    assert.match(after, /=> \{\n\s+auditLog\.write\('readNote', \{ name, text, encoding: charset \}\);/);
  });

  it('declares a small audit function when the configured one is not reachable from the file', () => {
    const c = { file: 'notes.ts', text: AUDITLESS, config: { auditFunctions: ['audit.record'] } };
    const { fix, after } = fixed(c, 'missing-audit-hook', 'audit-call');
    assert.ok(fix, 'no verified fix');
    assert.match(after, /function auditToolCall\(tool: string, args: unknown\): void \{/);
    assert.match(after, /=> \{\n\s+auditToolCall\('readNote', \{ name, text, encoding: charset \}\);/);
  });
});

describe('structural fixes: root containment', () => {
  const risky = AUDITLESS.replace(
    /const file = path\.resolve\(NOTES_ROOT, name\);\n\s+if .*\n/,
    'const file = name;\n',
  ).replace("import { recordToolCall } from './records';\n", '');

  it('reuses the root the file already defines instead of inventing one', () => {
    const { fix, after } = fixed({ file: 'notes.ts', text: risky }, 'unscoped-filesystem', 'root-containment');
    assert.ok(fix, 'no verified fix');
    assert.match(after, /const safePath = path\.resolve\(NOTES_ROOT, file\);/);
    assert.doesNotMatch(after, /ALLOWED_ROOT/);
  });

  it('declares ALLOWED_ROOT when no module constant names a folder (a root-like name holding a number)', () => {
    const text = risky.replace("const NOTES_ROOT = path.resolve('notes');", 'const BASE = 10;');
    const { fix, after } = fixed({ file: 'notes.ts', text }, 'unscoped-filesystem', 'root-containment');
    assert.ok(fix, 'no verified fix');
    assert.match(after, /const ALLOWED_ROOT = path\.resolve\('data'\);/);
    assert.match(after, /path\.resolve\(ALLOWED_ROOT, file\)/);
  });
});
