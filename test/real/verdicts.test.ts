// Checks how one tool's expected verdicts are compared with engine output, using hand-built results.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Finding, Range, ToolInfo } from '../../src/engine';
import { parseExpectation } from './expectations';
import type { ToolExpectation } from './expectations';
import type { PackageLint } from './lint-package';
import { failuresOf, judgeTool } from './verdicts';

const root = path.resolve('/pkg');
const file = path.join(root, 'dist', 'index.js');

function range(line: number, endLine = line): Range {
  return {
    start: { line, column: 0, offset: line * 100 },
    end: { line: endLine, column: 10, offset: endLine * 100 + 10 },
  };
}

function tool(name: string, findingRules: string[], at = range(5)): ToolInfo {
  return {
    name,
    framework: 'generic',
    form: 'generic-object',
    file,
    range: at,
    handler: { file, range: range(6, 9) },
    analysable: true,
    capabilities: [],
    guards: [],
    findingRules,
  };
}

function finding(owner: ToolInfo, ruleId: string, line: number, relatedLine?: number): Finding {
  return {
    ruleId,
    messageId: 'x',
    severity: 'error',
    message: `Finding of ${ruleId}.`,
    file,
    range: range(line),
    tool: { name: owner.name, file: owner.file, range: owner.range },
    related:
      relatedLine === undefined
        ? []
        : [{ file: path.join(root, 'dist', 'helper.js'), range: range(relatedLine), kind: 'sink', message: 'Sink.' }],
    docPath: `rules/${ruleId}.md`,
    cwe: [],
    owasp: [],
  };
}

function lintOf(tools: ToolInfo[], findings: Finding[]): PackageLint {
  return { root, files: ['dist/index.js'], tools, findings, problems: [], milliseconds: 0 };
}

function expectation(overrides: Record<string, unknown>): ToolExpectation {
  const base = {
    name: 'fetch_page',
    file: 'dist/index.js',
    why: 'Fetches any URL.',
    expect: {
      'unscoped-network': true,
      'unscoped-filesystem': false,
      'unscoped-process': false,
      'unbounded-transaction': false,
      'missing-audit-hook': false,
    },
    at: { 'unscoped-network': ['dist/index.js:7', 'dist/helper.js:40'] },
    reasons: { 'unscoped-network': 'fetch(url).' },
  };
  const parsed = parseExpectation(
    { package: 'demo', version: '1.0.0', files: ['**'], tools: [{ ...base, ...overrides }] },
    'demo.json',
  );
  const first = parsed.tools[0];
  if (first === undefined) throw new Error('no tool parsed');
  return first;
}

describe('real-package verdict comparison', () => {
  it('passes when the engine reports exactly the expected rules at an expected place', () => {
    const owner = tool('fetch_page', ['unscoped-network']);
    const outcome = judgeTool(expectation({}), lintOf([owner], [finding(owner, 'unscoped-network', 7)]));
    assert.deepEqual(failuresOf(outcome), []);
    assert.equal(outcome.verdicts.find((verdict) => verdict.rule === 'unscoped-network')?.status, 'agree');
  });

  it('accepts the place through a related location (a sink in a helper file)', () => {
    const owner = tool('fetch_page', ['unscoped-network']);
    const outcome = judgeTool(expectation({}), lintOf([owner], [finding(owner, 'unscoped-network', 20, 40)]));
    assert.deepEqual(failuresOf(outcome), []);
  });

  it('fails a finding reported nowhere near the expected places', () => {
    const owner = tool('fetch_page', ['unscoped-network']);
    const failures = failuresOf(judgeTool(expectation({}), lintOf([owner], [finding(owner, 'unscoped-network', 30)])));
    assert.equal(failures.length, 1);
    assert.match(failures[0] ?? '', /reported at dist\/index\.js:30/);
  });

  it('fails a missing expected finding and an unexpected one, quoting the reviewer', () => {
    const owner = tool('fetch_page', ['unscoped-process']);
    const failures = failuresOf(judgeTool(expectation({}), lintOf([owner], [finding(owner, 'unscoped-process', 8)])));
    assert.equal(failures.length, 2);
    assert.match(
      failures.join('\n'),
      /unscoped-network: expected a finding, the engine reported none\. Reviewer: fetch\(url\)\./,
    );
    assert.match(
      failures.join('\n'),
      /unscoped-process: expected no finding, the engine reported one at dist\/index\.js:8/,
    );
  });

  it('passes a recorded divergence while it holds and fails once it is fixed', () => {
    const known = { 'unscoped-network': { kind: 'missing', why: 'Engine does not follow the helper.' } };
    const silent = tool('fetch_page', []);
    assert.deepEqual(failuresOf(judgeTool(expectation({ known }), lintOf([silent], []))), []);
    const fixed = tool('fetch_page', ['unscoped-network']);
    const failures = failuresOf(
      judgeTool(expectation({ known }), lintOf([fixed], [finding(fixed, 'unscoped-network', 7)])),
    );
    assert.match(failures.join('\n'), /no longer holds .*remove known\.unscoped-network/);
  });

  it('passes a recorded misplacement while the finding stays elsewhere, and fails once it is in place', () => {
    const known = { 'unscoped-network': { kind: 'misplaced', why: 'Reported at the existence check, not the write.' } };
    const owner = tool('fetch_page', ['unscoped-network']);
    assert.deepEqual(
      failuresOf(judgeTool(expectation({ known }), lintOf([owner], [finding(owner, 'unscoped-network', 30)]))),
      [],
    );
    const failures = failuresOf(
      judgeTool(expectation({ known }), lintOf([owner], [finding(owner, 'unscoped-network', 7)])),
    );
    assert.match(failures.join('\n'), /remove known\.unscoped-network/);
  });

  it('fails an unrecognised tool, naming another file that has a tool of that name', () => {
    const elsewhere = { ...tool('fetch_page', []), file: path.join(root, 'dist', 'other.js') };
    const outcome = judgeTool(expectation({}), lintOf([elsewhere], []));
    assert.equal(outcome.recognition, 'unrecognised');
    assert.match(
      failuresOf(outcome).join('\n'),
      /not recognised as a tool in dist\/index\.js; a tool of that name was recognised in dist\/other\.js/,
    );
    assert.ok(outcome.verdicts.every((verdict) => verdict.status === 'not-checked'));
  });

  it('treats a recorded unrecognised tool as known, and fails when it becomes recognised', () => {
    const exp = expectation({ knownUnrecognised: 'Lowered decorators are not a tool form yet.' });
    assert.deepEqual(failuresOf(judgeTool(exp, lintOf([], []))), []);
    assert.match(
      failuresOf(judgeTool(exp, lintOf([tool('fetch_page', ['unscoped-network'])], []))).join('\n'),
      /remove "knownUnrecognised"/,
    );
  });

  it('matches a dynamic tool by a line inside its definition or handler', () => {
    const dynamicTool = tool('remoteTool.name', ['unscoped-network'], range(5, 12));
    const exp = expectation({ name: '(dynamic)', dynamic: true, line: 8 });
    const outcome = judgeTool(exp, lintOf([dynamicTool], [finding(dynamicTool, 'unscoped-network', 7)]));
    assert.equal(outcome.found, dynamicTool);
    assert.deepEqual(failuresOf(outcome), []);
    assert.equal(
      judgeTool(expectation({ name: '(dynamic)', dynamic: true, line: 30 }), lintOf([dynamicTool], [])).found,
      undefined,
    );
  });
});
