// Merges the lint results of several files when one file's lint reports findings in another (a delegated tool's
// findings sit in its handler's file, engine/delegated.ts): each finding goes to its own file's result once, and a
// directive there that suppressed a moved finding is not reported as unused by that file's own lint.
import { activeRules } from '../rules/index';
import { sortFindings } from './findings';
import type { Finding, LintResult } from './types';

/**
 * One result per file, in the order first seen: a result's findings are those in its file, from whichever lint
 * reported them, each once. A file that only receives findings gets a result of its own with nothing else in it.
 * Linear in the findings; pure (the inputs are not changed).
 */
export function mergeDelegatedFindings(results: readonly LintResult[]): LintResult[] {
  if (!results.some(hasMoved)) return [...results];
  const out = new Map<string, LintResult>();
  for (const result of results) {
    out.set(result.file, { ...result, findings: [], suppressed: [] });
  }
  const seen = new Set<string>();
  const usedElsewhere = new Set<string>();
  const place = (finding: Finding, list: 'findings' | 'suppressed', from: string): void => {
    const key = `${list}\u0000${identity(finding)}`;
    if (seen.has(key)) return;
    seen.add(key);
    let target = out.get(finding.file);
    if (!target) {
      target = { file: finding.file, findings: [], suppressed: [], tools: [], problems: [] };
      out.set(finding.file, target);
    }
    target[list].push(finding);
    const suppression = finding.suppression;
    if (finding.file !== from && suppression && suppression.file === undefined)
      usedElsewhere.add(directiveKey(finding.file, suppression.range.start.offset, finding.ruleId));
  };
  for (const result of results) {
    for (const finding of result.findings) place(finding, 'findings', result.file);
    for (const finding of result.suppressed) place(finding, 'suppressed', result.file);
  }
  const unusedId = activeRules().only('unused-directive');
  for (const result of out.values()) {
    if (usedElsewhere.size > 0)
      result.findings = result.findings.filter(
        (finding) =>
          finding.ruleId !== unusedId.rule.id ||
          finding.messageId !== unusedId.facts.unusedMessageId ||
          !usedRule(finding, usedElsewhere),
      );
    result.findings = sortFindings(result.findings);
    result.suppressed = sortFindings(result.suppressed);
  }
  return [...out.values()];
}

/** Whether any finding of a result is in another file than the one linted. */
export function hasMoved(result: LintResult): boolean {
  return (
    result.findings.some((finding) => finding.file !== result.file) ||
    result.suppressed.some((finding) => finding.file !== result.file)
  );
}

/** The same finding reported by two lints (both files linted, or a lint repeated): same rule, place, tool, message. */
function identity(finding: Finding): string {
  const { start, end } = finding.range;
  return [finding.ruleId, finding.file, start.offset, end.offset, finding.tool?.name ?? '', finding.message].join(
    '\u0000',
  );
}

function directiveKey(file: string, offset: number, ruleId: string): string {
  return `${file}\u0000${offset}\u0000${ruleId}`;
}

/**
 * An unused-directive finding names the rule it found unused in its message (`{{rule}}`), the only place that
 * says which of a directive's rules it is about; a directive with no rule list is reported as `any rule`.
 */
function usedRule(finding: Finding, used: ReadonlySet<string>): boolean {
  const named = /`([^`]+)`/.exec(finding.message)?.[1];
  const offset = finding.range.start.offset;
  if (named !== undefined && named !== 'any rule') return used.has(directiveKey(finding.file, offset, named));
  for (const key of used) if (key.startsWith(`${finding.file}\u0000${offset}\u0000`)) return true;
  return false;
}
