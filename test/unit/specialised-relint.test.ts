// An editor's re-lint after an edit of a file other analyses read: a helper summary analysed with a caller's
// values (a specialised summary) is reused only when the caller passes the very same values again, and one
// analysed with a callback from the edited file is analysed again, so a re-lint matches a fresh project.
import * as assert from 'node:assert/strict';
import { Project } from '../../src/engine/index';
import { analysisSteps } from '../../src/engine/analysis/budget';
import { valuesSignature } from '../../src/engine/analysis/interpret/value-signature';
import { constantValue, type Value } from '../../src/engine/analysis/value';
import type { FunctionNode } from '../../src/engine/ast';

/** Reads the tool file, so an edit of it is logged (the tool file is loaded by another analysis). */
const NOTE = `import { PREFIX } from './tool';
export function note(message: string): void {
  console.log(PREFIX + message);
}
`;
/** The tool hands `fetchWith` its options (`options`, as written) beside the model's URL. */
const tool = (options: string): string => `import { tool } from 'ai';
import { z } from 'zod';
import { fetchWith } from './http';
import { note } from './note';

export const PREFIX = 'https://api.example.com/';

export const relay = tool({
  description: 'Fetch a page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    note(url);
    return fetchWith(${options}, url);
  },
});
`;
/** Many branches, so analysing the helper costs far more steps than the tool file; `build` picks the URL. */
const HTTP = `export async function fetchWith(options: { base: string; build?: (u: string) => string }, url: string) {
${Array.from({ length: 40 }, (_, i) => `  if (url.length === ${i}) { const s${i} = url + '${i}'; void s${i}; }`).join('\n')}
  const target = options.build ? options.build(url) : options.base + url;
  return (await fetch(target)).text();
}
`;

function stepsOf(work: () => void): number {
  const before = analysisSteps();
  work();
  return analysisSteps() - before;
}

describe('editor re-lint: specialised summaries across edits of a file other analyses read', () => {
  const files: Record<string, string> = {};
  const host = { readFile: (file: string): string | undefined => files[file] };
  const findings = (project: Project): string[] =>
    project.lint('/p/tool.ts').findings.map((finding) => `${finding.ruleId}@${finding.range.start.line}`);

  beforeEach(() => {
    files['/p/tool.ts'] = tool("{ base: 'https://api.example.com/' }");
    files['/p/http.ts'] = HTTP;
    files['/p/note.ts'] = NOTE;
  });

  it('a keystroke that leaves the values passed reuses the helper analysed with them', () => {
    const project = new Project(undefined, host);
    const first = stepsOf(() => findings(project));
    files['/p/tool.ts'] = `${files['/p/tool.ts']}// typing\n`;
    project.invalidate('/p/tool.ts');
    let again: string[] = [];
    const steps = stepsOf(() => {
      again = findings(project);
    });
    assert.deepEqual(again, findings(new Project(undefined, host)));
    assert.ok(steps < first / 2, `the re-lint took ${steps} steps, the first lint ${first}`);
  });

  it('values or callbacks that change under the same shape are analysed again', () => {
    const project = new Project(undefined, host);
    findings(project);
    const variants = [
      "{ base: 'https://api.example.com/' }",
      '{ base: PREFIX, build: (u: string) => u }',
      "{ base: PREFIX, build: (u: string) => 'https://api.example.com/' + encodeURIComponent(u) }",
      '{ base: PREFIX, build: (u: string) => u }',
      "{ base: 'https://api.example.com/', extra: ['a'] }",
      "{ base: 'https://api.example.com/', extra: ['b'] }",
    ];
    for (const options of variants) {
      files['/p/tool.ts'] = tool(options);
      project.invalidate('/p/tool.ts');
      assert.deepEqual(findings(project), findings(new Project(undefined, host)), options);
    }
  });
});

describe('value signatures', () => {
  const object = (members: [string, Value][]): Value => ({ ...constantValue('x'), props: new Map(members) });

  it('tells apart values a shape key joins, and has none for a value holding a tree node', () => {
    const a = valuesSignature(new Map([[0, object([['list', { ...constantValue('a'), elements: [] }]])]]));
    const b = valuesSignature(
      new Map([[0, object([['list', { ...constantValue('a'), elements: [constantValue('b')] }]])]]),
    );
    assert.notEqual(a, undefined);
    assert.notEqual(a, b);
    const node = { type: 'ArrowFunctionExpression', range: [0, 1] } as unknown as FunctionNode;
    assert.equal(valuesSignature(new Map([[0, { ...constantValue('f'), fn: node }]])), undefined);
  });

  it('gives up on values too large to compare', () => {
    const huge = constantValue('x'.repeat(30_000));
    assert.equal(valuesSignature(new Map([[0, huge]])), undefined);
  });
});
