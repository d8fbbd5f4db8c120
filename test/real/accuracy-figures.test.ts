// Checks the accuracy counts on hand-built outcomes: unrecognised tools count as misses, low confidence is left out.
import * as assert from 'node:assert/strict';
import type { ToolInfo } from '../../src/engine';
import { accuracyFigures } from './accuracy-figures';
import { CHECKED_RULES, parseExpectation } from './expectations';
import type { CheckedRule } from './expectations';
import type { PackageLint } from './lint-package';
import type { PackageReport } from './summary';
import type { ToolOutcome } from './verdicts';

const lint: PackageLint = { root: '/pkg', files: [], tools: [], findings: [], problems: [], milliseconds: 0 };

/** One outcome: the reviewer expects `expected`, the engine reported `actual` (undefined: tool not recognised). */
function outcome(
  expected: CheckedRule[],
  actual: CheckedRule[] | undefined,
  extra: Record<string, unknown> = {},
): ToolOutcome {
  const expect = Object.fromEntries(CHECKED_RULES.map((rule) => [rule, expected.includes(rule)]));
  const at = Object.fromEntries(
    expected.filter((rule) => rule !== 'missing-audit-hook').map((rule) => [rule, ['a.js:1']]),
  );
  const reasons = Object.fromEntries(expected.map((rule) => [rule, 'reason']));
  const tool = { name: 't', file: 'a.js', why: 'w', expect, at, reasons, ...extra };
  const expectation = parseExpectation({ package: 'p', version: '1.0.0', files: ['**'], tools: [tool] }, 'p.json')
    .tools[0];
  if (expectation === undefined) throw new Error('no tool parsed');
  const found = actual === undefined ? undefined : ({ name: 't' } as ToolInfo);
  return {
    expectation,
    found,
    recognition: found === undefined ? 'unrecognised' : 'recognised',
    recognitionMessage: undefined,
    verdicts: CHECKED_RULES.map((rule) => ({
      rule,
      expected: expected.includes(rule),
      actual: actual?.includes(rule) ?? false,
      status: 'agree' as const,
      message: undefined,
    })),
  };
}

describe('real-package accuracy figures', () => {
  it('counts tp, fp and fn per rule, misses of unrecognised tools, and leaves low confidence out', () => {
    const report: PackageReport = {
      label: 'p',
      lint,
      outcomes: [
        outcome(['unbounded-transaction', 'missing-audit-hook'], ['unbounded-transaction'], {
          class: ['value-moving'],
        }),
        outcome(['unscoped-network'], undefined),
        outcome([], ['unscoped-filesystem'], { class: ['look-alike'] }),
        outcome(['unscoped-process'], [], { confidence: 'low' }),
      ],
    };
    const figures = accuracyFigures([report]);
    assert.equal(figures.tools, 3);
    assert.equal(figures.lowConfidenceTools, 1);
    assert.equal(figures.recognisedTools, 2);
    assert.equal(figures.valueMovingTools, 1);
    assert.equal(figures.lookAlikeTools, 1);
    const byRule = (rule: CheckedRule) => figures.rules.find((item) => item.rule === rule);
    assert.deepEqual([byRule('unbounded-transaction')?.tp, byRule('unbounded-transaction')?.precision], [1, 1]);
    assert.deepEqual([byRule('unscoped-network')?.fn, byRule('unscoped-network')?.fnUnrecognised], [1, 1]);
    assert.deepEqual([byRule('unscoped-filesystem')?.fp, byRule('unscoped-filesystem')?.precision], [1, 0]);
    assert.equal(byRule('unscoped-process')?.recall, undefined);
    assert.deepEqual([figures.overall.tp, figures.overall.fp, figures.overall.fn], [1, 1, 2]);
  });
});
