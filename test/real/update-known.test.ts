// Checks how accuracy:update-known drops stale divergence records, adds new ones and leaves agreeing tools untouched, on in-memory data.
import * as assert from 'node:assert/strict';
import { CHECKED_RULES, parseExpectation } from './expectations';
import type { CheckedRule, ToolExpectation } from './expectations';
import { applyRecords } from './json-edit';
import { changesOf, reconcileOnce } from './known-records';
import type { RuleVerdict, ToolOutcome, VerdictStatus } from './verdicts';

const DATE = '2026-12-06';
const evidence = (rule: CheckedRule): string => `"engine says ${rule}" at dist/a.js:7`;

/** A compact hand layout, as some expectation files have, to show the rest of the text is kept. */
const TEXT = `{
  "package": "p",
  "version": "1.0.0",
  "files": ["dist/a.js"],
  "tools": [
    {
      "name": "fetch_url",
      "file": "dist/a.js",
      "expect": {"unscoped-network": true, "unscoped-filesystem": false, "unscoped-process": false, "unbounded-transaction": false, "missing-audit-hook": false},
      "at": {"unscoped-network": ["dist/a.js:7"]},
      "why": "Fetches a model URL.",
      "reasons": {"unscoped-network": "model URL"},
      "known": {
        "unscoped-network": {"kind": "missing", "why": "gap"}
      }
    },
    {
      "name": "read_note",
      "file": "dist/a.js",
      "expect": {"unscoped-network": false, "unscoped-filesystem": false, "unscoped-process": false, "unbounded-transaction": false, "missing-audit-hook": false},
      "why": "Reads a fixed note."
    }
  ]
}
`;

function tools(text: string): ToolExpectation[] {
  return parseExpectation(JSON.parse(text), 'p.json').tools;
}

/** A judged outcome where every rule has `status` set by `statuses` (default agree) and the tool is recognised. */
function outcome(tool: ToolExpectation, statuses: Partial<Record<CheckedRule, VerdictStatus>>): ToolOutcome {
  const verdicts = CHECKED_RULES.map(
    (rule): RuleVerdict => ({
      rule,
      expected: tool.expect[rule],
      actual: tool.expect[rule],
      status: statuses[rule] ?? 'agree',
      message: undefined,
    }),
  );
  return { expectation: tool, found: undefined, recognition: 'recognised', recognitionMessage: undefined, verdicts };
}

describe('accuracy:update-known', () => {
  it('removes a record the engine no longer diverges from, and the emptied known object', () => {
    const [fetchUrl] = tools(TEXT) as [ToolExpectation];
    const updated = reconcileOnce(fetchUrl, outcome(fetchUrl, { 'unscoped-network': 'fixed' }), DATE, evidence);
    assert.deepEqual(changesOf(fetchUrl, updated), [
      { tool: 'fetch_url', key: 'known.unscoped-network', action: 'removed', text: 'missing: gap' },
    ]);
    const text = applyRecords(TEXT, 0, fetchUrl, updated);
    assert.equal(
      text,
      TEXT.replace(',\n      "known": {\n        "unscoped-network": {"kind": "missing", "why": "gap"}\n      }', ''),
    );
    const [after] = tools(text) as [ToolExpectation];
    assert.deepEqual(after.known, {});
    assert.deepEqual({ ...after, known: fetchUrl.known }, fetchUrl, 'judgement fields unchanged');
  });

  it('records a new divergence with the engine evidence and a recognition gap, keeping the layout', () => {
    const readNote = (tools(TEXT) as ToolExpectation[])[1] as ToolExpectation;
    const judged = {
      ...outcome(readNote, { 'unscoped-filesystem': 'mismatch' }),
      recognition: 'unrecognised' as const,
    };
    const updated = reconcileOnce(readNote, judged, DATE, evidence);
    const why = `Recorded by accuracy:update-known on ${DATE}: "engine says unscoped-filesystem" at dist/a.js:7`;
    assert.deepEqual(updated.known, { 'unscoped-filesystem': { kind: 'spurious', why } });
    assert.equal(updated.knownUnrecognised, `Recorded by accuracy:update-known on ${DATE}: not recognised`);
    assert.deepEqual(
      changesOf(readNote, updated).map((change) => `${change.action} ${change.key}`),
      ['added known.unscoped-filesystem', 'added knownUnrecognised'],
    );
    const text = applyRecords(TEXT, 1, readNote, updated);
    const added = `,\n      "known": {\n        "unscoped-filesystem": {\n          "kind": "spurious",\n          "why": ${JSON.stringify(why)}\n        }\n      },\n      "knownUnrecognised": ${JSON.stringify(updated.knownUnrecognised)}`;
    assert.equal(text, TEXT.replace('"Reads a fixed note."', `"Reads a fixed note."${added}`));
    assert.deepEqual((tools(text)[1] as ToolExpectation).known, updated.known);
  });

  it('leaves a tool whose records all still hold unchanged, byte for byte', () => {
    const [fetchUrl] = tools(TEXT) as [ToolExpectation];
    const updated = reconcileOnce(fetchUrl, outcome(fetchUrl, { 'unscoped-network': 'known-missing' }), DATE, evidence);
    assert.deepEqual(changesOf(fetchUrl, updated), []);
    assert.equal(applyRecords(TEXT, 0, fetchUrl, updated), TEXT);
  });

  it('keeps JSON.stringify layout when a file has it', () => {
    const plain = `${JSON.stringify(JSON.parse(TEXT), null, 2)}\n`;
    const [fetchUrl] = tools(plain) as [ToolExpectation];
    const removed = reconcileOnce(fetchUrl, outcome(fetchUrl, { 'unscoped-network': 'fixed' }), DATE, evidence);
    const text = applyRecords(plain, 0, fetchUrl, removed);
    assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const readded = applyRecords(text, 0, removed, fetchUrl);
    assert.equal(readded, plain);
  });
});
