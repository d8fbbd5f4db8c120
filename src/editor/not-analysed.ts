// A file the engine could not analyse gets one diagnostic saying so and why (as ESLint shows a parsing error),
// instead of silently losing every finding while the user types.
import type { Problem, Range } from '../engine/types';

export interface NotAnalysed {
  message: string;
  /** Where to show it: the problem's own range (a parse error's position) or the file's first character. */
  range: Range;
  isError: boolean;
}

const FILE_START: Range = { start: { line: 1, column: 0, offset: 0 }, end: { line: 1, column: 0, offset: 0 } };

/** Problems that mean the file's findings are missing, not merely that some file was skipped. */
const LOSES_FINDINGS = new Set<Problem['kind']>(['parse', 'timeout', 'too-large', 'binary', 'internal']);

export function notAnalysed(problems: readonly Problem[]): NotAnalysed | undefined {
  const problem = problems.find((candidate) => LOSES_FINDINGS.has(candidate.kind));
  if (problem === undefined) return undefined;
  const at = problem.range === undefined ? '' : ` at ${problem.range.start.line}:${problem.range.start.column + 1}`;
  const what =
    problem.kind === 'parse' ? `parse error${at}` : problem.kind === 'too-large' ? 'too large' : problem.kind;
  return {
    message: `Not analysed (${what}): ${problem.message}`,
    range: problem.range ?? FILE_START,
    isError: problem.kind === 'parse',
  };
}
