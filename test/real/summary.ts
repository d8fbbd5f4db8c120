// Renders the real-package results as plain-text tables: per package, then engine-versus-reviewer per rule.
import { CHECKED_RULES } from './expectations';
import type { CheckedRule } from './expectations';
import type { PackageLint } from './lint-package';
import type { ToolOutcome } from './verdicts';

export interface PackageReport {
  label: string;
  lint: PackageLint;
  outcomes: ToolOutcome[];
}

const SHORT: Record<CheckedRule, string> = {
  'unscoped-network': 'net',
  'unscoped-filesystem': 'fs',
  'unscoped-process': 'proc',
  'unbounded-transaction': 'tx',
  'missing-audit-hook': 'audit',
};

/** One row per package: files, time, inventory size, listed tools recognised, findings per rule, verdicts. */
export function packageTable(reports: PackageReport[]): string {
  const header = [
    'package',
    'files',
    'ms',
    'problems',
    'tools',
    'listed',
    ...CHECKED_RULES.map((rule) => SHORT[rule]),
    'agree',
    'known',
    'failing',
  ];
  const rows = reports.map((report) => {
    const verdicts = report.outcomes.flatMap((outcome) => outcome.verdicts);
    const recognised = report.outcomes.filter((outcome) => outcome.found !== undefined).length;
    return [
      report.label,
      String(report.lint.files.length),
      String(report.lint.milliseconds),
      String(report.lint.problems.length),
      String(report.lint.tools.length),
      `${recognised}/${report.outcomes.length}`,
      ...CHECKED_RULES.map((rule) => String(report.lint.findings.filter((finding) => finding.ruleId === rule).length)),
      String(verdicts.filter((verdict) => verdict.status === 'agree').length),
      String(verdicts.filter((verdict) => verdict.status.startsWith('known-')).length),
      String(
        verdicts.filter(
          (verdict) => verdict.status === 'mismatch' || verdict.status === 'fixed' || verdict.status === 'misplaced',
        ).length,
      ),
    ];
  });
  return render([header, ...rows]);
}

/**
 * Engine against reviewer, tp/fp/fn/tn then precision and recall where defined. Over every listed
 * tool an unrecognised tool counts as "no finding"; `isRecognisedOnly` separates analysis quality
 * from recognition.
 */
export function ruleTable(reports: PackageReport[], isRecognisedOnly: boolean): string {
  const header = ['rule', 'tp', 'fp', 'fn', 'tn', 'precision', 'recall'];
  const outcomes = reports
    .flatMap((report) => report.outcomes)
    .filter((outcome) => !isRecognisedOnly || outcome.found !== undefined);
  const rows = CHECKED_RULES.map((rule) => {
    const verdicts = outcomes.flatMap((outcome) => outcome.verdicts.filter((verdict) => verdict.rule === rule));
    const count = (expected: boolean, actual: boolean): number =>
      verdicts.filter((verdict) => verdict.expected === expected && verdict.actual === actual).length;
    const [tp, fp, fn, tn] = [count(true, true), count(false, true), count(true, false), count(false, false)];
    return [rule, String(tp), String(fp), String(fn), String(tn), ratio(tp, tp + fp), ratio(tp, tp + fn)];
  });
  return render([header, ...rows]);
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '-' : `${Math.round((100 * part) / whole)}%`;
}

export function render(table: string[][]): string {
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
  return table
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
