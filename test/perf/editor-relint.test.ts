// The editor re-lints the file being typed in with one long-lived Project: the summaries of helpers in other
// files are kept across those lints (counted in analysis steps, not time), and dropped when a helper changes
// or when a lint brings another configuration, so a kept summary never shows an outdated result.
import * as assert from 'node:assert/strict';
import { defaultConfig, mergeConfig, Project } from '../../src/engine/index';
import { analysisSteps } from '../../src/engine/analysis/budget';

const TOOL = `import { tool } from 'ai';
import { z } from 'zod';
import { getText } from './http';

export const readUrl = tool({
  description: 'Read the text at a URL',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => getText(url),
});
`;
/** A helper with enough branches that analysing it costs many more steps than the tool file itself. */
function helper(target: string): string {
  const branches = Array.from(
    { length: 40 },
    (_, i) => `  if (url.length === ${i}) { const s${i} = url + '${i}'; void s${i}; }`,
  ).join('\n');
  return `export async function getText(url: string): Promise<string> {\n${branches}\n  const res = await fetch(${target});\n  return res.text();\n}\n`;
}

function stepsOf(work: () => void): number {
  const before = analysisSteps();
  work();
  return analysisSteps() - before;
}

/** The network findings of a lint of /p/tool.ts (`text`, or what the host reads). */
function networkFindings(project: Project, text?: string): number {
  return project.lint('/p/tool.ts', text).findings.filter((finding) => finding.ruleId === 'unscoped-network').length;
}

describe('editor re-lint: helper summaries kept across keystrokes', () => {
  const files: Record<string, string> = {};
  const host = { readFile: (file: string): string | undefined => files[file] };
  const network = (project: Project, text = files['/p/tool.ts']): number => networkFindings(project, text);

  beforeEach(() => {
    files['/p/tool.ts'] = TOOL;
    files['/p/http.ts'] = helper('url');
  });

  it('a keystroke in the tool file re-analyses the tool, not the helper it calls', () => {
    const project = new Project(undefined, host);
    const first = stepsOf(() => assert.equal(network(project), 1));
    project.invalidate('/p/tool.ts');
    const again = stepsOf(() => assert.equal(network(project, `${TOOL}// typing\n`), 1));
    assert.ok(again < first / 2, `the re-lint took ${again} steps, the first lint ${first}`);
  });

  it('a change to the helper is seen at the next lint', () => {
    const project = new Project(undefined, host);
    assert.equal(network(project), 1);
    files['/p/http.ts'] = helper("'https://docs.example.com/' + encodeURIComponent(url)");
    project.invalidate('/p/http.ts');
    project.invalidate('/p/tool.ts');
    assert.equal(network(project), 0);
  });

  it('a lint under another configuration does not reuse summaries made under the first', () => {
    const project = new Project(undefined, host);
    assert.equal(network(project), 1);
    project.invalidate('/p/tool.ts');
    const off = mergeConfig(defaultConfig(), { rules: [['unscoped-network', 'off']] });
    const first = stepsOf(() => project.lint('/p/tool.ts', TOOL, off));
    project.invalidate('/p/tool.ts');
    const fresh = stepsOf(() => new Project(off, host).lint('/p/tool.ts', TOOL));
    assert.equal(first, fresh, 'the summaries were recomputed, as a fresh project would');
  });
});

describe('editor re-lint: a file other analyses read keeps the summaries that did not read it', () => {
  /** The tool sends through `send` (which calls `target` back in the tool's file) and reads through `getText`. */
  const tool = (url: string): string => `import { tool } from 'ai';
import { z } from 'zod';
import { getText } from './http';
import { send } from './send';

export function target(path: string): string {
  return ${url};
}

export const relay = tool({
  description: 'Fetch a page and post it on',
  inputSchema: z.object({ url: z.string(), path: z.string() }),
  execute: async ({ url, path }) => send(path, await getText(url)),
});
`;
  const SEND = `import { target } from './tool';
export async function send(path: string, body: string): Promise<void> {
  await fetch(target(path), { method: 'POST', body });
}
`;
  const files: Record<string, string> = {};
  const host = { readFile: (file: string): string | undefined => files[file] };

  beforeEach(() => {
    files['/p/tool.ts'] = tool("'https://api.example.com/' + encodeURIComponent(path)");
    files['/p/send.ts'] = SEND;
    files['/p/http.ts'] = helper('url');
  });

  it('a keystroke re-analyses the helper that read the tool file, not the one that did not', () => {
    const project = new Project(undefined, host);
    const first = stepsOf(() => assert.equal(networkFindings(project), 1));
    files['/p/tool.ts'] = `${files['/p/tool.ts']}// typing\n`;
    project.invalidate('/p/tool.ts');
    const again = stepsOf(() => assert.equal(networkFindings(project), 1));
    assert.ok(again < first / 2, `the re-lint took ${again} steps, the first lint ${first}`);
  });

  it('a helper checked against an edit stays right after further edits', () => {
    const project = new Project(undefined, host);
    assert.equal(networkFindings(project), 1);
    for (const url of ['path', "'https://api.example.com/' + encodeURIComponent(path)", 'path']) {
      files['/p/tool.ts'] = tool(url);
      project.invalidate('/p/tool.ts');
      // An unrelated file's edit in between is logged too, and must not hide the tool file's.
      project.invalidate('/p/other.ts');
      assert.equal(networkFindings(project), networkFindings(new Project(undefined, host)), url);
    }
  });

  it('what the tool file now says reaches the helper that read it', () => {
    const project = new Project(undefined, host);
    assert.equal(networkFindings(project), 1);
    files['/p/tool.ts'] = tool('path');
    project.invalidate('/p/tool.ts');
    const edited = networkFindings(project);
    assert.equal(edited, networkFindings(new Project(undefined, host)), 'as a fresh project sees it');
    assert.equal(edited, 2);
  });
});
