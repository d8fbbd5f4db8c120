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
  it('all parse, pin exact versions and keep the corpus at its measured size', () => {
    const expectations = loadExpectations(path.join(repoRoot(), 'test', 'real', 'expectations'));
    // The accuracy figures are quoted for at least this much; low-confidence judgements do not count.
    const tools = expectations.flatMap((expectation) => expectation.tools).filter((tool) => tool.confidence !== 'low');
    assert.ok(tools.length >= 300, `only ${tools.length} tools are judged with medium or high confidence`);
    assert.ok(expectations.length >= 25, `only ${expectations.length} sources`);
    const withClass = (name: string) => tools.filter((tool) => (tool.classes as string[]).includes(name)).length;
    assert.ok(withClass('value-moving') >= 60, `only ${withClass('value-moving')} value-moving tools`);
    assert.ok(withClass('look-alike') >= 40, `only ${withClass('look-alike')} look-alikes`);
    // Two releases of one package may both be judged when their code differs (a source is a pinned release).
    const names = expectations.map((expectation) => `${expectation.package}@${expectation.version}`);
    assert.equal(new Set(names).size, names.length, 'one expectation file per pinned release');
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

  it('reads confidence (high when absent) and classes, and rejects unknown values', () => {
    assert.equal(parseExpectation(withTool({}), 'demo.json').tools[0]?.confidence, 'high');
    const tagged = parseExpectation(withTool({ confidence: 'low', class: ['look-alike'] }), 'demo.json').tools[0];
    assert.equal(tagged?.confidence, 'low');
    assert.deepEqual(tagged?.classes, ['look-alike']);
    assert.throws(() => parseExpectation(withTool({ confidence: 'sure' }), 'demo.json'), /confidence must be one of/);
    assert.throws(() => parseExpectation(withTool({ class: ['risky'] }), 'demo.json'), /class must be a list of/);
  });

  it('requires a line for a tool whose name is only known at run time', () => {
    assert.throws(() => parseExpectation(withTool({ dynamic: true }), 'demo.json'), /dynamic tool needs a line/);
  });
});
