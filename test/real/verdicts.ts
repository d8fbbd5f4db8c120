// Compares one tool's expected verdicts with what the engine reported for that tool in a real package.
import { findingTools, type Finding, type ToolInfo } from '../../src/engine';
import { CHECKED_RULES } from './expectations';
import type { CheckedRule, ToolExpectation } from './expectations';
import { packagePath } from './lint-package';
import type { PackageLint } from './lint-package';

/**
 * `agree`: engine and reviewer agree (and the finding is where `at` says). `known-missing`,
 * `known-spurious`, `known-misplaced`: a recorded divergence still holds. `mismatch`: an unrecorded divergence.
 * `fixed`: a recorded divergence no longer holds. `misplaced`: the expected finding exists but
 * neither it nor its related locations are at any of the `at` places. `not-checked`: the tool was
 * not recognised, so no verdict could be compared.
 */
export type VerdictStatus =
  | 'agree'
  | 'known-missing'
  | 'known-spurious'
  | 'known-misplaced'
  | 'mismatch'
  | 'fixed'
  | 'misplaced'
  | 'not-checked';
export type RecognitionStatus = 'recognised' | 'unrecognised' | 'known-unrecognised' | 'fixed-unrecognised';

export interface RuleVerdict {
  rule: CheckedRule;
  expected: boolean;
  actual: boolean;
  status: VerdictStatus;
  /** Why it fails, for failing statuses. */
  message: string | undefined;
}

export interface ToolOutcome {
  expectation: ToolExpectation;
  found: ToolInfo | undefined;
  recognition: RecognitionStatus;
  recognitionMessage: string | undefined;
  verdicts: RuleVerdict[];
}

const FAILING: ReadonlySet<VerdictStatus> = new Set(['mismatch', 'fixed', 'misplaced']);

/** The engine's inventory entry for an expected tool, or undefined when it was not recognised. */
export function findTool(expectation: ToolExpectation, lint: PackageLint): ToolInfo | undefined {
  const inFile = lint.tools.filter((tool) => packagePath(lint.root, tool.file) === expectation.file);
  if (expectation.isDynamic) {
    const line = expectation.line ?? 0;
    return inFile.find(
      (tool) => spans(tool.range, line) || (tool.handler !== undefined && spans(tool.handler.range, line)),
    );
  }
  return inFile.find((tool) => tool.name === expectation.name);
}

export function judgeTool(expectation: ToolExpectation, lint: PackageLint): ToolOutcome {
  const found = findTool(expectation, lint);
  const { recognition, recognitionMessage } = judgeRecognition(expectation, found, lint);
  const ownFindings = found === undefined ? [] : lint.findings.filter((finding) => isOwnedBy(finding, found));
  const verdicts = CHECKED_RULES.map((rule): RuleVerdict => {
    const expected = expectation.expect[rule];
    if (found === undefined) return { rule, expected, actual: false, status: 'not-checked', message: undefined };
    const ruleFindings = ownFindings.filter((finding) => finding.ruleId === rule);
    const actual = ruleFindings.length > 0 || found.findingRules.includes(rule);
    return { rule, expected, actual, ...judgeRule(expectation, rule, expected, actual, ruleFindings, lint.root) };
  });
  return { expectation, found, recognition, recognitionMessage, verdicts };
}

/** Every reason this outcome fails the suite; empty when it passes. */
export function failuresOf(outcome: ToolOutcome): string[] {
  const failures: string[] = [];
  if (
    outcome.recognitionMessage !== undefined &&
    (outcome.recognition === 'unrecognised' || outcome.recognition === 'fixed-unrecognised')
  ) {
    failures.push(outcome.recognitionMessage);
  }
  for (const verdict of outcome.verdicts) {
    if (FAILING.has(verdict.status) && verdict.message !== undefined)
      failures.push(`${verdict.rule}: ${verdict.message}`);
  }
  return failures;
}

function judgeRecognition(
  expectation: ToolExpectation,
  found: ToolInfo | undefined,
  lint: PackageLint,
): { recognition: RecognitionStatus; recognitionMessage: string | undefined } {
  if (found !== undefined && expectation.knownUnrecognised !== undefined) {
    return {
      recognition: 'fixed-unrecognised',
      recognitionMessage: `now recognised (${found.framework}/${found.form}): remove "knownUnrecognised" from the expectation`,
    };
  }
  if (found !== undefined) return { recognition: 'recognised', recognitionMessage: undefined };
  if (expectation.knownUnrecognised !== undefined)
    return { recognition: 'known-unrecognised', recognitionMessage: expectation.knownUnrecognised };
  const elsewhere = lint.tools
    .filter((tool) => tool.name === expectation.name)
    .map((tool) => packagePath(lint.root, tool.file));
  const hint =
    elsewhere.length > 0 ? `; a tool of that name was recognised in ${[...new Set(elsewhere)].join(', ')}` : '';
  const where = expectation.isDynamic ? `${expectation.file}:${expectation.line ?? '?'}` : expectation.file;
  return { recognition: 'unrecognised', recognitionMessage: `not recognised as a tool in ${where}${hint}` };
}

function judgeRule(
  expectation: ToolExpectation,
  rule: CheckedRule,
  expected: boolean,
  actual: boolean,
  ruleFindings: Finding[],
  root: string,
): { status: VerdictStatus; message: string | undefined } {
  const known = expectation.known[rule];
  const reason = expectation.reasons[rule] ?? expectation.why;
  if (expected === actual) {
    const placed = expected
      ? judgePlace(expectation.at[rule], ruleFindings, root)
      : { status: 'agree' as const, message: undefined };
    if (known?.kind === 'misplaced' && placed.status === 'misplaced')
      return { status: 'known-misplaced', message: undefined };
    if (known !== undefined) {
      return {
        status: 'fixed',
        message: `the recorded ${known.kind} divergence no longer holds (engine now agrees): remove known.${rule}`,
      };
    }
    return placed;
  }
  if (!expected && known?.kind === 'spurious') return { status: 'known-spurious', message: undefined };
  if (expected && known?.kind === 'missing') return { status: 'known-missing', message: undefined };
  if (expected)
    return { status: 'mismatch', message: `expected a finding, the engine reported none. Reviewer: ${reason}` };
  const first = ruleFindings[0];
  const engineSays =
    first === undefined ? '' : ` at ${packagePath(root, first.file)}:${first.range.start.line}: "${first.message}"`;
  return {
    status: 'mismatch',
    message: `expected no finding, the engine reported one${engineSays}. Reviewer: ${reason}`,
  };
}

function judgePlace(
  at: string[] | undefined,
  ruleFindings: Finding[],
  root: string,
): { status: VerdictStatus; message: string | undefined } {
  if (at === undefined) return { status: 'agree', message: undefined };
  const wanted = new Set(at);
  const isPlaced = ruleFindings.some((finding) => placesOf(finding, root).some((place) => wanted.has(place)));
  if (isPlaced || ruleFindings.length === 0) return { status: 'agree', message: undefined };
  const seen = ruleFindings.flatMap((finding) => placesOf(finding, root));
  return {
    status: 'misplaced',
    message: `reported at ${[...new Set(seen)].join(', ')}, expected at or related to one of ${at.join(', ')}`,
  };
}

/** The finding's own location and its related locations, as `path:line`. */
function placesOf(finding: Finding, root: string): string[] {
  return [finding, ...finding.related].map((item) => `${packagePath(root, item.file)}:${item.range.start.line}`);
}

/** The finding's tool, or one of the tools that share it (one handler registered under several names). */
export function isOwnedBy(finding: Finding, tool: ToolInfo): boolean {
  return findingTools(finding).some(
    (owner) =>
      owner.name === tool.name && owner.file === tool.file && owner.range.start.offset === tool.range.start.offset,
  );
}

function spans(range: ToolInfo['range'], line: number): boolean {
  return range.start.line <= line && line <= range.end.line;
}
