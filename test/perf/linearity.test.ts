// Analysis cost must grow linearly with the size of a file: each generated shape is doubled four times
// and every doubling may cost at most 2.5 times the work before it, counted in analysis steps (evaluations,
// origins copied, helper hits passed on), so the test measures the algorithm and never the machine's load.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analysisSteps } from '../../src/engine/analysis/budget';
import { Project } from '../../src/engine/index';
import type { LintResult } from '../../src/engine/types';
import {
  helperRing,
  mutualHelpers,
  nestedConditionals,
  originsThenChain,
  scaledToolFile,
  sizeOf,
} from '../reliability/support/cliffs';

const DOUBLINGS = 4;
const MAX_RATIO = 2.5;
const ROOT = path.resolve('/virtual/linearity');

/** Lints the generated files (the tool in `tool.ts`) from memory and returns the steps the analysis took. */
function stepsFor(files: Record<string, string>): { steps: number; result: LintResult } {
  const byPath = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const project = new Project(undefined, { readFile: (file) => byPath.get(file) });
  const before = analysisSteps();
  const result = project.lint(path.join(ROOT, 'tool.ts'));
  return { steps: analysisSteps() - before, result };
}

const SHAPES: Array<{ name: string; base: number; make: (n: number) => Record<string, string> }> = [
  { name: 'more tools', base: 4, make: (n) => ({ 'tool.ts': scaledToolFile(n, 3, 3) }) },
  { name: 'longer member chains', base: 12, make: (n) => ({ 'tool.ts': originsThenChain(16, n) }) },
  { name: 'more origins', base: 16, make: (n) => ({ 'tool.ts': originsThenChain(n, 8) }) },
  { name: 'more branches', base: 32, make: (n) => ({ 'tool.ts': scaledToolFile(1, n, 2) }) },
  { name: 'more nested conditionals', base: 8, make: (n) => ({ 'tool.ts': nestedConditionals(n) }) },
  { name: 'more helpers', base: 4, make: (n) => helperRing(n, 3) },
];

describe('performance: analysis cost is linear in file size', () => {
  for (const shape of SHAPES) {
    it(`${shape.name}: each doubling costs at most ${MAX_RATIO}× the steps`, () => {
      const counts: number[] = [];
      for (let i = 0, n = shape.base; i <= DOUBLINGS; i++, n *= 2) {
        const { steps, result } = stepsFor(shape.make(n));
        assert.deepEqual(result.problems, [], `${shape.name} at ${n}`);
        assert.ok(result.findings.length > 0, `${shape.name} at ${n}: the generated sink is still found`);
        counts.push(steps);
      }
      const ratios = counts.slice(1).map((count, i) => count / (counts[i] as number));
      console.log(`      steps ${counts.join(' → ')} (ratios ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
      for (const [i, ratio] of ratios.entries())
        assert.ok(ratio <= MAX_RATIO, `doubling ${i + 1} cost ${ratio.toFixed(2)}×`);
    });
  }

  // Each call passes on at most MAX_SUMMARY_HITS of its callee's hits; below that cap (under 16 helpers
  // here) the cost grows with the hits the helpers really have, above it with the calls written.
  it('helpers that all call each other cost in proportion to the calls written, not to the paths through them', () => {
    const counts: Array<{ steps: number; size: number }> = [];
    for (const n of [16, 32, 64]) {
      const files = mutualHelpers(n);
      counts.push({ steps: stepsFor(files).steps, size: sizeOf(files) });
    }
    const perByte = counts.map(({ steps, size }) => steps / size);
    console.log(`      steps per source byte ${perByte.map((value) => value.toFixed(1)).join(' → ')}`);
    for (const [i, value] of perByte.slice(1).entries())
      assert.ok(value <= MAX_RATIO * (perByte[i] as number), `doubling ${i + 1}: ${value.toFixed(2)} steps per byte`);
  });
});
