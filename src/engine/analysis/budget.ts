// A file's time budget and the analysis's operation count: every evaluation is one step, a step now and
// then looks at the clock, every parse looks at it once, and a file over its budget ends with
// AnalysisTimeout, never a stall. The count is also what the linearity test measures, so it cannot
// flake the way wall-clock time does, and it is the file's work budget: past a number of steps the file
// ends with AnalysisOverSteps whatever the machine's load, the clock staying only as a backstop.

/** Thrown out of the interpreter when the file's budget is spent; the project turns it into a `timeout` problem. */
export class AnalysisTimeout extends Error {
  constructor(readonly budgetMs: number) {
    super(`not analysed: timeout (over ${budgetMs} ms)`);
    this.name = 'AnalysisTimeout';
  }
}

/** Thrown out of the interpreter when the file's work budget (`maxAnalysisSteps`) is spent: the same on any machine. */
export class AnalysisOverSteps extends Error {
  constructor(readonly maxSteps: number) {
    super(`not analysed: over ${maxSteps} analysis steps`);
    this.name = 'AnalysisOverSteps';
  }
}

/**
 * Analysis steps one file may take (`maxAnalysisSteps`). The most any file of the bench corpora and the
 * real-package suite took, analysed alone by a fresh Project, was 168,156 (agents-core's dist/agent.js; see
 * README "Work budget"); about twelve times that leaves room for larger real files.
 */
export const DEFAULT_MAX_STEPS = 2_000_000;

/** Steps between looks at the clock: Date.now() costs about as much as a few dozen evaluations. */
const CHECK_EVERY = 1024;

let deadline = Number.POSITIVE_INFINITY;
let budgetMs = 0;
let untilCheck = CHECK_EVERY;
let steps = 0;
/** The step count at which the current file's work budget is spent, and that budget. */
let stepLimit = Number.POSITIVE_INFINITY;
let maxSteps = 0;

/**
 * Runs `work` with at most `ms` milliseconds and `stepBudget` analysis steps (no limit when undefined);
 * budgets nest.
 */
export function withBudget<T>(ms: number | undefined, work: () => T, stepBudget?: number): T {
  const saved = { deadline, budgetMs, stepLimit, maxSteps };
  if (ms !== undefined && Date.now() + ms < deadline) {
    deadline = Date.now() + ms;
    budgetMs = ms;
  }
  if (stepBudget !== undefined && steps + stepBudget < stepLimit) {
    stepLimit = steps + stepBudget;
    maxSteps = stepBudget;
  }
  try {
    return work();
  } finally {
    deadline = saved.deadline;
    budgetMs = saved.budgetMs;
    stepLimit = saved.stepLimit;
    maxSteps = saved.maxSteps;
  }
}

/**
 * `count` units of analysis work (an evaluation, an origin copied, a hit passed on); throws AnalysisOverSteps
 * once the work budget is spent and AnalysisTimeout once the time budget is.
 */
export function step(count = 1): void {
  steps += count;
  if (steps > stepLimit) throw new AnalysisOverSteps(maxSteps);
  untilCheck -= count;
  if (untilCheck > 0) return;
  untilCheck = CHECK_EVERY;
  if (Date.now() >= deadline) throw new AnalysisTimeout(budgetMs);
}

/**
 * Looks at the clock now: after a parse, which cannot be interrupted (it is linear in the file's size,
 * which maxFileBytes caps), so a file whose parse alone spends its budget goes no further.
 */
export function checkBudget(): void {
  if (Date.now() >= deadline) throw new AnalysisTimeout(budgetMs);
}

/** Steps taken by every analysis in this thread so far (a test reads it before and after a lint). */
export function analysisSteps(): number {
  return steps;
}
