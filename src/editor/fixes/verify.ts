// Keeps only the fixes that work: a fix is offered when the engine, linting the fixed text, no longer reports the
// finding, so a guard the engine cannot see (or a fix that does not fit the call) is never proposed.
import type { Finding, LintResult } from '../../engine/types';
import { fixesFor, type FixOptions, type FixProposal } from './index';
import { applyEdits, type OffsetEdit } from './source';

/** Lints another text for the same document with the same configuration, without publishing it. */
export type Relint = (text: string) => LintResult | undefined;

export function removesFinding(
  text: string,
  result: LintResult,
  edits: readonly OffsetEdit[],
  finding: Finding,
  relint: Relint,
): boolean {
  const after = relint(applyEdits(text, edits));
  if (after === undefined || after.problems.some((problem) => problem.kind === 'parse')) return false;
  const sameKind = (candidate: Finding): boolean =>
    candidate.ruleId === finding.ruleId && candidate.tool?.name === finding.tool?.name;
  return after.findings.filter(sameKind).length < result.findings.filter(sameKind).length;
}

/**
 * The structural fixes for `finding` that pass the re-lint: of several proposals of one kind (the
 * arguments of a helper call), the first that works; the rest are not re-linted.
 */
export function verifiedFixes(
  text: string,
  result: LintResult,
  finding: Finding,
  relint: Relint,
  options: FixOptions = {},
): FixProposal[] {
  const verified = new Map<string, FixProposal>();
  for (const fix of fixesFor(text, result.file, finding, result.tools, options)) {
    if (verified.has(fix.kind)) continue;
    if (removesFinding(text, result, fix.edits, finding, relint)) verified.set(fix.kind, fix);
  }
  return [...verified.values()];
}
