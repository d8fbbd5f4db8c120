// The "no cliffs" and "a time limit everywhere" targets, measured in this process on generated
// inputs (cheap: a few seconds), next to the corpus rows.
import { Project } from '../src/engine/index';
import {
  dispatcherCases,
  mutualHelpers,
  nestedConditionals,
  originsThenChain,
  scaledToolFile,
} from '../test/reliability/support/cliffs';
import { ratios, SHAPES, stepsFor, stepsOfShape } from '../test/perf/shapes';

export interface CliffFigures {
  /** The largest ratio between the analysis steps of a generated shape and of its half-size version. */
  worstDoubling: number;
  /** The slowest of the known cliff inputs, in ms (wall-clock, after a warm-up). */
  slowestCliffMs: number;
  /** 1 when a file over its budget comes back as a `timeout` problem. */
  timeLimitHolds: number;
}

export function measureCliffs(): CliffFigures {
  const worstDoubling = Math.max(
    ...SHAPES.map((shape) => Math.max(...ratios(stepsOfShape(shape).map((run) => run.steps)))),
  );
  stepsFor({ 'tool.ts': nestedConditionals(1) });
  const inputs = [
    { 'tool.ts': nestedConditionals(15) },
    { 'tool.ts': originsThenChain(1000, 400) },
    mutualHelpers(24),
    // A dispatcher far past any real one: its cases are kept only within the budget.
    { 'tool.ts': dispatcherCases(4000) },
  ];
  const slowestCliffMs = Math.max(
    ...inputs.map((files) => {
      const started = performance.now();
      stepsFor(files);
      return performance.now() - started;
    }),
  );
  const budgeted = new Project(undefined, undefined, { budgetMs: 0 }).lint('slow.ts', scaledToolFile(40, 10, 4));
  const timeLimitHolds = budgeted.problems.some((problem) => problem.kind === 'timeout') ? 1 : 0;
  return { worstDoubling, slowestCliffMs, timeLimitHolds };
}
