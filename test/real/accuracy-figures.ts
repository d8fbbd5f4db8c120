// Counts the engine against the reviewer over judged real tools: tp/fp/fn per rule, precision, recall, corpus size.
import { CHECKED_RULES } from './expectations';
import type { CheckedRule } from './expectations';
import type { PackageReport } from './summary';
import type { ToolOutcome } from './verdicts';

export interface RuleFigures {
  rule: CheckedRule | 'overall';
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Undefined when the engine reported nothing (no denominator). */
  precision: number | undefined;
  /** Undefined when the reviewer expected nothing. */
  recall: number | undefined;
  /** Of the misses: how many are tools the engine did not recognise at all. */
  fnUnrecognised: number;
}

export interface AccuracyFigures {
  sources: number;
  /** Judged tools with medium or high confidence: the ones the figures count. */
  tools: number;
  lowConfidenceTools: number;
  recognisedTools: number;
  valueMovingTools: number;
  lookAlikeTools: number;
  rules: RuleFigures[];
  overall: RuleFigures;
}

/** Low-confidence judgements are kept in the data but left out of every figure. */
export function countedOutcomes(reports: PackageReport[]): ToolOutcome[] {
  return reports.flatMap((report) => report.outcomes).filter((outcome) => outcome.expectation.confidence !== 'low');
}

/**
 * Every listed tool counts: an unrecognised tool is "no finding", as a user would see it.
 * Sources are the reports' labels, one per pinned release (the six `@agentic/*` parts count as six).
 */
export function accuracyFigures(reports: PackageReport[]): AccuracyFigures {
  const outcomes = countedOutcomes(reports);
  const rules = CHECKED_RULES.map((rule) => figuresFor(rule, outcomes));
  const sum = (key: 'tp' | 'fp' | 'fn' | 'tn' | 'fnUnrecognised'): number =>
    rules.reduce((total, figures) => total + figures[key], 0);
  const overall = withRatios('overall', sum('tp'), sum('fp'), sum('fn'), sum('tn'), sum('fnUnrecognised'));
  const hasClass = (name: 'value-moving' | 'look-alike'): number =>
    outcomes.filter((outcome) => outcome.expectation.classes.includes(name)).length;
  return {
    sources: new Set(reports.map((report) => report.label)).size,
    tools: outcomes.length,
    lowConfidenceTools: reports.flatMap((report) => report.outcomes).length - outcomes.length,
    recognisedTools: outcomes.filter((outcome) => outcome.found !== undefined).length,
    valueMovingTools: hasClass('value-moving'),
    lookAlikeTools: hasClass('look-alike'),
    rules,
    overall,
  };
}

function figuresFor(rule: CheckedRule, outcomes: ToolOutcome[]): RuleFigures {
  let [tp, fp, fn, tn, fnUnrecognised] = [0, 0, 0, 0, 0];
  for (const outcome of outcomes) {
    const verdict = outcome.verdicts.find((candidate) => candidate.rule === rule);
    if (verdict === undefined) continue;
    if (verdict.expected && verdict.actual) tp++;
    else if (!verdict.expected && verdict.actual) fp++;
    else if (verdict.expected) {
      fn++;
      if (outcome.found === undefined) fnUnrecognised++;
    } else tn++;
  }
  return withRatios(rule, tp, fp, fn, tn, fnUnrecognised);
}

function withRatios(
  rule: RuleFigures['rule'],
  tp: number,
  fp: number,
  fn: number,
  tn: number,
  fnUnrecognised: number,
): RuleFigures {
  return {
    rule,
    tp,
    fp,
    fn,
    tn,
    precision: tp + fp === 0 ? undefined : tp / (tp + fp),
    recall: tp + fn === 0 ? undefined : tp / (tp + fn),
    fnUnrecognised,
  };
}
