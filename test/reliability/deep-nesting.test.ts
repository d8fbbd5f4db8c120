// Code nested 10,000 levels deep must be linted like the same code nested three levels deep: no stack overflow, no lost finding.
import * as assert from 'node:assert/strict';
import { lintText } from '../../src/engine/index';
import type { LintResult } from '../../src/engine/types';
import { moduleLevelBlocks, NESTING, sinkOffset, toolFile } from './support/generate';
import { IsolatedLinter, resultOf } from './support/isolated-linter';

const DEPTH = 10_000;
const SHALLOW = 3;
/** Node's main thread (the CLI, and VS Code's extension host) has a stack of about 1 MB. */
const EDITOR_STACK_MB = 1;
/** Enough for the third-party parser at DEPTH, so the engine's own traversal is what is tested. */
const LARGE_STACK_MB = 64;
/** Per file; a 20 KB file that takes longer than this to lint would freeze the editor's diagnostics. */
const FILE_TIMEOUT_MS = 15_000;

const CASES: Array<{ name: string; make: (depth: number) => string }> = [
  ...Object.entries(NESTING).map(([name, body]) => ({ name, make: (depth: number) => toolFile(body(depth)) })),
  { name: 'module-level blocks', make: moduleLevelBlocks },
];

/** What must not change with depth: which rules fire, and that the network finding sits on the sink. */
function shape(result: LintResult, text: string): string[] {
  const sink = sinkOffset(text);
  return result.findings
    .map((finding) =>
      finding.ruleId === 'unscoped-network'
        ? `${finding.ruleId}${finding.range.start.offset === sink ? ' at the sink' : ` at offset ${finding.range.start.offset}, not the sink at ${sink}`}`
        : finding.ruleId,
    )
    .sort();
}

async function compareDeepWithShallow(linter: IsolatedLinter): Promise<string[]> {
  const failures: string[] = [];
  for (const { name, make } of CASES) {
    const shallowText = make(SHALLOW);
    const expected = shape(lintText(shallowText, 'nested.ts'), shallowText);
    const text = make(DEPTH);
    try {
      const { result, ms } = await resultOf(linter, { file: 'nested.ts', text, prefilter: true });
      const problems = result.problems.map((problem) => `${problem.kind}: ${problem.message}`);
      const actual = shape(result, text);
      if (problems.length > 0 || JSON.stringify(actual) !== JSON.stringify(expected)) {
        failures.push(
          `${name}: ${problems.join('; ') || `findings ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`} (${ms.toFixed(0)} ms)`,
        );
      }
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures;
}

describe('reliability: deep nesting', function () {
  this.timeout(CASES.length * FILE_TIMEOUT_MS + 60_000);

  it('the shallow versions of every case report the tool and its sink (so the deep comparison means something)', () => {
    for (const { name, make } of CASES) {
      const text = make(SHALLOW);
      assert.ok(shape(lintText(text, 'nested.ts'), text).includes('unscoped-network at the sink'), name);
    }
  });

  it(`lints code nested ${DEPTH} levels deep with the stack an editor or the CLI gives it`, async () => {
    const linter = new IsolatedLinter({ timeoutMs: FILE_TIMEOUT_MS, stackSizeMb: EDITOR_STACK_MB });
    try {
      const failures = await compareDeepWithShallow(linter);
      assert.ok(failures.length === 0, `Nesting that loses its findings:\n  ${failures.join('\n  ')}`);
    } finally {
      await linter.close();
    }
  });

  it(`walks code nested ${DEPTH} levels deep without recursion limits of its own, once the parser has a large stack`, async () => {
    const linter = new IsolatedLinter({ timeoutMs: FILE_TIMEOUT_MS, stackSizeMb: LARGE_STACK_MB });
    try {
      const failures = await compareDeepWithShallow(linter);
      assert.ok(failures.length === 0, `Nesting that loses its findings:\n  ${failures.join('\n  ')}`);
    } finally {
      await linter.close();
    }
  });
});
