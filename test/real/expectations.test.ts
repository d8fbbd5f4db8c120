// Checks the reviewer's expectation files offline, so a typo fails CI even when the registry is unreachable.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { loadExpectations, parseExpectation } from './expectations';

const validTool = {
  name: 'fetch_page',
  file: 'dist/index.js',
  why: 'Fetches any URL.',
  expect: {
    'unscoped-network': true,
    'unscoped-filesystem': false,
    'unscoped-process': false,
    'unbounded-transaction': false,
    'missing-audit-hook': true,
  },
  at: { 'unscoped-network': ['dist/index.js:12'] },
  reasons: { 'unscoped-network': 'fetch(url) with the model URL.', 'missing-audit-hook': 'No audit.' },
};

function withTool(overrides: Record<string, unknown>): unknown {
  return { package: 'demo', version: '1.2.3', files: ['dist/**/*.js'], tools: [{ ...validTool, ...overrides }] };
}

describe('real-package expectation files', () => {
  it('all parse, pin exact versions and judge at least 30 tools', () => {
    const expectations = loadExpectations(path.join(repoRoot(), 'test', 'real', 'expectations'));
    const tools = expectations.flatMap((expectation) => expectation.tools);
    assert.ok(tools.length >= 30, `only ${tools.length} tools are judged`);
    const names = expectations.map((expectation) => expectation.package);
    assert.equal(new Set(names).size, names.length, 'one expectation file per package');
  });

  it('accepts a complete tool entry', () => {
    const parsed = parseExpectation(withTool({}), 'demo.json');
    assert.equal(parsed.tools[0]?.expect['unscoped-network'], true);
    assert.deepEqual(parsed.tools[0]?.at['unscoped-network'], ['dist/index.js:12']);
  });

  it('rejects a verdict left out, so "must not fire" is always a decision', () => {
    const expect: Record<string, boolean> = { ...validTool.expect };
    delete expect['unbounded-transaction'];
    assert.throws(
      () => parseExpectation(withTool({ expect }), 'demo.json'),
      /expect\.unbounded-transaction must be true or false/,
    );
  });

  it('rejects an expected sink finding without a place or a reason', () => {
    assert.throws(
      () => parseExpectation(withTool({ at: {} }), 'demo.json'),
      /expected unscoped-network needs an "at" location/,
    );
    assert.throws(
      () => parseExpectation(withTool({ reasons: {} }), 'demo.json'),
      /expected unscoped-network needs a reason/,
    );
  });

  it('rejects unknown rules, malformed places, ranged versions and bad known records', () => {
    assert.throws(
      () => parseExpectation(withTool({ expect: { ...validTool.expect, 'no-such-rule': true } }), 'demo.json'),
      /unknown rule "no-such-rule"/,
    );
    assert.throws(
      () => parseExpectation(withTool({ at: { 'unscoped-network': ['dist/index.js'] } }), 'demo.json'),
      /"path:line"/,
    );
    assert.throws(
      () => parseExpectation({ ...(withTool({}) as object), version: '^1.2.3' }, 'demo.json'),
      /exact x\.y\.z pin/,
    );
    assert.throws(
      () => parseExpectation(withTool({ known: { 'unscoped-network': { kind: 'maybe', why: 'x' } } }), 'demo.json'),
      /"missing" \| "spurious"/,
    );
  });

  it('requires a line for a tool whose name is only known at run time', () => {
    assert.throws(() => parseExpectation(withTool({ dynamic: true }), 'demo.json'), /dynamic tool needs a line/);
  });
});
