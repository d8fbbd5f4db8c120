// Analysis cost must grow linearly with the size of a file: each generated shape is doubled four times
// and every doubling may cost at most 2.5 times the work before it, counted in analysis steps (evaluations,
// origins copied, helper hits passed on), so the test measures the algorithm and never the machine's load.
import * as assert from 'node:assert/strict';
import { sizeOf } from '../reliability/support/cliffs';
import { MAX_RATIO, mutualHelperSets, ratios, SHAPES, stepsFor, stepsOfShape } from './shapes';

describe('performance: analysis cost is linear in file size', () => {
  for (const shape of SHAPES) {
    it(`${shape.name}: each doubling costs at most ${MAX_RATIO}× the steps`, () => {
      const runs = stepsOfShape(shape);
      for (const [i, { result }] of runs.entries()) {
        assert.deepEqual(result.problems, [], `${shape.name}, size ${i}`);
        assert.ok(result.findings.length > 0, `${shape.name}, size ${i}: the generated sink is still found`);
      }
      const counts = runs.map((run) => run.steps);
      const growth = ratios(counts);
      console.log(`      steps ${counts.join(' → ')} (ratios ${growth.map((r) => r.toFixed(2)).join(', ')})`);
      for (const [i, ratio] of growth.entries())
        assert.ok(ratio <= MAX_RATIO, `doubling ${i + 1} cost ${ratio.toFixed(2)}×`);
    });
  }

  // Each call passes on at most MAX_SUMMARY_HITS of its callee's hits; below that cap (under 16 helpers
  // here) the cost grows with the hits the helpers really have, above it with the calls written.
  it('helpers that all call each other cost in proportion to the calls written, not to the paths through them', () => {
    const counts = mutualHelperSets().map((files) => ({ steps: stepsFor(files).steps, size: sizeOf(files) }));
    const perByte = counts.map(({ steps, size }) => steps / size);
    console.log(`      steps per source byte ${perByte.map((value) => value.toFixed(1)).join(' → ')}`);
    for (const [i, value] of perByte.slice(1).entries())
      assert.ok(value <= MAX_RATIO * (perByte[i] as number), `doubling ${i + 1}: ${value.toFixed(2)} steps per byte`);
  });
});
