// Inputs that once made the analysis exponential, quadratic or run out of memory must lint quickly, in
// bounded memory, and still find their sink; and a file over its budget must end as a `timeout` problem.
import * as assert from 'node:assert/strict';
import { Project } from '../../src/engine/index';
import type { LintResult } from '../../src/engine/types';
import { mutualHelpers, nestedConditionals, originsThenChain, scaledToolFile } from './support/cliffs';
import { IsolatedLinter, resultOf } from './support/isolated-linter';
import { scratch, type Scratch } from './support/scratch';

/** Generous: each case takes well under a second now (tens of seconds to minutes, or a crash, before). */
const FILE_TIMEOUT_MS = 60_000;
/** The heap of the linting thread; 24 mutually calling helper files once needed more than 4 GB. */
const HEAP_MB = 1024;

function networkFindings(result: LintResult): number {
  return result.findings.filter((finding) => finding.ruleId === 'unscoped-network').length;
}

describe('reliability: no analysis cliffs', function () {
  this.timeout(4 * FILE_TIMEOUT_MS);
  let dir: Scratch;
  let linter: IsolatedLinter;
  before(() => {
    dir = scratch('cliffs');
    dir.write({ ...mutualHelpers(24), 'nested.ts': nestedConditionals(15), 'chain.ts': originsThenChain(1000, 1000) });
    linter = new IsolatedLinter({ timeoutMs: FILE_TIMEOUT_MS, maxOldGenerationSizeMb: HEAP_MB, stackSizeMb: 64 });
  });
  after(async () => {
    await linter.close();
    dir.remove();
  });

  const cases = [
    { name: '15 nested conditionals (about 550 bytes)', file: 'nested.ts' },
    { name: '1,000 origins read through a 1,000-link member chain', file: 'chain.ts' },
    { name: '24 helper files that all call each other', file: 'tool.ts' },
  ];
  for (const { name, file } of cases) {
    it(`${name}: linted within the limits, sink found`, async () => {
      const { result, ms } = await resultOf(linter, { file: dir.path(file), prefilter: true });
      console.log(`      ${ms.toFixed(0)} ms`);
      assert.deepEqual(result.problems, []);
      assert.equal(networkFindings(result), 1);
    });
  }

  it('a file over its budget is a timeout problem, not a stall', () => {
    // Thousands of steps, so the clock is read at least once; a budget of 0 is spent at the first reading.
    const text = scaledToolFile(40, 10, 4);
    const started = Date.now();
    const result = new Project(undefined, undefined, { budgetMs: 0 }).lint('slow.ts', text);
    assert.deepEqual(
      result.problems.map((problem) => problem.kind),
      ['timeout'],
    );
    assert.match(result.problems[0]?.message ?? '', /^Not analysed: timeout/);
    assert.equal(result.findings.length, 0);
    // The same file with no budget is analysed (the limit, not the file, made the difference).
    assert.ok(networkFindings(new Project().lint('slow.ts', text)) > 0);
    assert.ok(Date.now() - started < FILE_TIMEOUT_MS);
  });
});
