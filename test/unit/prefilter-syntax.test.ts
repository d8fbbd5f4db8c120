// The prefilter's second stage: tool words only in comments drop a file before its ESTree conversion; as code they keep it.
import * as assert from 'node:assert/strict';
import { loadCatalogs } from '../../src/engine/catalog/load';
import { defaultConfig, Project, type LintResult } from '../../src/engine/index';
import { prefilterFor } from '../../src/engine/prefilter';

function lint(text: string, file = 'src/agent.ts'): LintResult {
  return new Project(defaultConfig()).lint(file, text);
}

/** The same text without the prefilter: what the file really holds. */
function unfiltered(text: string, file = 'src/agent.ts'): LintResult {
  return new Project(defaultConfig(), undefined, { prefilter: false }).lint(file, text);
}

describe('prefilter, second stage (syntax)', () => {
  it('drops a file whose tool words are only in comments', () => {
    const text = [
      '// Not a tool: see registerTool(server) and createTool({ ... }) in the docs.',
      "/* { name: 'add', description: 'Adds', parameters: {}, execute: add } */",
      'export function add(a: number, b: number): number {',
      '  return a + b;',
      '}',
      '',
    ].join('\n');
    // The text stage keeps it (the words are spelled as code would spell them); the tree drops it.
    assert.equal(prefilterFor(loadCatalogs(), defaultConfig()).mayHoldTools(text), true);
    assert.equal(lint(text).skipped, 'no-tool-shapes');
    assert.deepEqual(unfiltered(text).tools, []);
  });

  it('keeps a file that spells a tool word as code, and recognises its tool', () => {
    const text = [
      "import { tool } from 'ai';",
      "import { z } from 'zod';",
      '// A tool.',
      'export const weather = tool({',
      "  description: 'Weather in a city',",
      '  inputSchema: z.object({ city: z.string() }),',
      "  execute: async ({ city }) => fetch('https://api.example.com/weather?city=' + city),",
      '});',
      '',
    ].join('\n');
    const result = lint(text);
    assert.equal(result.skipped, undefined);
    assert.equal(result.tools.length, 1);
  });

  it('keeps a generic tool object whose keys are quoted strings', () => {
    const text = [
      'export const tools = [',
      "  { 'name': 'read', 'description': 'Reads a file', 'parameters': {}, 'handler': async (input: { path: string }) => input.path },",
      '];',
      '',
    ].join('\n');
    assert.equal(lint(text).skipped, undefined);
  });

  it('keeps a file with a word only in a comment when it does not parse, so the parse problem is reported', () => {
    const text = ['// tool', 'export const x = ;', ''].join('\n');
    const result = lint(text);
    assert.equal(result.skipped, undefined);
    assert.equal(result.problems[0]?.kind, 'parse');
  });

  it('keeps a file with a suppression directive, so an unused directive is still reported', () => {
    const text = [
      '// agent-risk-disable-next-line unscoped-network -- reviewed: no tool here',
      'export const limit = 1;',
      '',
    ].join('\n');
    assert.equal(lint(text).skipped, undefined);
  });
});
