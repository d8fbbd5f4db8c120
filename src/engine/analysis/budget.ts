// A file's time budget and the analysis's operation count: every evaluation is one step, a step now and
// then looks at the clock, every parse looks at it once, and a file over its budget ends with
// AnalysisTimeout, never a stall. The count is also what the linearity test measures, so it cannot
// flake the way wall-clock time does.

/** Thrown out of the interpreter when the file's budget is spent; the project turns it into a `timeout` problem. */
export class AnalysisTimeout extends Error {
  constructor(readonly budgetMs: number) {
    super(`not analysed: timeout (over ${budgetMs} ms)`);
    this.name = 'AnalysisTimeout';
  }
}

/** Steps between looks at the clock: Date.now() costs about as much as a few dozen evaluations. */
const CHECK_EVERY = 1024;

let deadline = Number.POSITIVE_INFINITY;
let budgetMs = 0;
let untilCheck = CHECK_EVERY;
let steps = 0;

/** Runs `work` with at most `ms` milliseconds for the analysis (no limit when undefined); budgets nest. */
export function withBudget<T>(ms: number | undefined, work: () => T): T {
  const saved = { deadline, budgetMs };
  if (ms !== undefined && Date.now() + ms < deadline) {
    deadline = Date.now() + ms;
    budgetMs = ms;
  }
  try {
    return work();
  } finally {
    deadline = saved.deadline;
    budgetMs = saved.budgetMs;
  }
}

/** `count` units of analysis work (an evaluation, an origin copied, a hit passed on); throws AnalysisTimeout once the budget is spent. */
export function step(count = 1): void {
  steps += count;
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
