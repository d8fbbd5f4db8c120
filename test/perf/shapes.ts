// The generated shapes whose analysis cost must grow linearly, and how to count that cost: shared by the
// linearity test and `npm run bench`, which prints the worst doubling as a target.
import * as path from 'node:path';
import { analysisSteps } from '../../src/engine/analysis/budget';
import { Project } from '../../src/engine/index';
import type { LintResult } from '../../src/engine/types';
import {
  dispatcherCases,
  helperRing,
  mutualHelpers,
  nestedConditionals,
  originsThenChain,
  scaledToolFile,
} from '../reliability/support/cliffs';

export const DOUBLINGS = 4;
export const MAX_RATIO = 2.5;
const ROOT = path.resolve('/virtual/linearity');

export interface Shape {
  name: string;
  base: number;
  make: (n: number) => Record<string, string>;
}

export const SHAPES: Shape[] = [
  { name: 'more tools', base: 4, make: (n) => ({ 'tool.ts': scaledToolFile(n, 3, 3) }) },
  { name: 'longer member chains', base: 12, make: (n) => ({ 'tool.ts': originsThenChain(16, n) }) },
  { name: 'more origins', base: 16, make: (n) => ({ 'tool.ts': originsThenChain(n, 8) }) },
  { name: 'more branches', base: 32, make: (n) => ({ 'tool.ts': scaledToolFile(1, n, 2) }) },
  { name: 'more nested conditionals', base: 8, make: (n) => ({ 'tool.ts': nestedConditionals(n) }) },
  { name: 'more helpers', base: 4, make: (n) => helperRing(n, 3) },
  { name: 'more dispatcher cases', base: 16, make: (n) => ({ 'tool.ts': dispatcherCases(n) }) },
];

/** Helper files that all call each other: the source grows with the square of their number. */
export function mutualHelperSets(): Array<Record<string, string>> {
  return [16, 32, 64].map((n) => mutualHelpers(n));
}

/** Lints the generated files (the tool in `tool.ts`) from memory and returns the steps the analysis took. */
export function stepsFor(files: Record<string, string>): { steps: number; result: LintResult } {
  const byPath = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const project = new Project(undefined, { readFile: (file) => byPath.get(file) });
  const before = analysisSteps();
  const result = project.lint(path.join(ROOT, 'tool.ts'));
  return { steps: analysisSteps() - before, result };
}

/** The steps of each size of a shape, base and DOUBLINGS doublings. */
export function stepsOfShape(shape: Shape): Array<{ steps: number; result: LintResult }> {
  const out: Array<{ steps: number; result: LintResult }> = [];
  for (let i = 0, n = shape.base; i <= DOUBLINGS; i++, n *= 2) out.push(stepsFor(shape.make(n)));
  return out;
}

/** Each count divided by the one before it. */
export function ratios(counts: readonly number[]): number[] {
  return counts.slice(1).map((count, i) => count / (counts[i] as number));
}
