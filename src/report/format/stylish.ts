// The default terminal format: findings grouped by file, the docs of the rules seen, and one summary line.
import { palette, type Palette } from './colour';
import { docLink, plural, position, scanTotals, severityCounts } from './common';
import { shownFindings, summarise, type ReportFinding, type ScanReport } from '../report';
import type { ReportedSeverity } from '../../engine/types';
import { escapeControl, mapStrings } from '../escape';
import { IN_TOTALS, scanNotes } from './notes';

function paintSeverity(colours: Palette, severity: ReportedSeverity, text: string): string {
  switch (severity) {
    case 'error':
      return colours.red(text);
    case 'warning':
      return colours.yellow(text);
    case 'info':
      return colours.blue(text);
    case 'hint':
      return colours.dim(text);
  }
}

export function formatStylish(source: ScanReport, options: { colour: boolean } = { colour: false }): string {
  const colours = palette(options.colour);
  // Names from the scanned source reach a terminal or a CI log: newlines and escape sequences are shown, not obeyed.
  const report = mapStrings(source, escapeControl);
  const findings = shownFindings(report);
  const lines: string[] = [];

  const byFile = new Map<string, ReportFinding[]>();
  for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, group] of byFile) {
    lines.push(colours.underline(file));
    const rows = group.map((finding) => ({
      at: position(finding.range.start.line, finding.range.start.column),
      severity: finding.severity,
      message: finding.message,
      rule: finding.ruleId,
    }));
    const atWidth = Math.max(...rows.map((row) => row.at.length));
    const severityWidth = Math.max(...rows.map((row) => row.severity.length));
    for (const row of rows) {
      const severity = paintSeverity(colours, row.severity, row.severity.padEnd(severityWidth));
      lines.push(`  ${colours.dim(row.at.padEnd(atWidth))}  ${severity}  ${row.message}  ${colours.dim(row.rule)}`);
    }
    lines.push('');
  }

  if (report.problems.length > 0) {
    lines.push(colours.bold('Files not analysed'));
    for (const problem of report.problems)
      lines.push(`  ${problem.file}  ${colours.dim(problem.kind)}  ${problem.message}`);
    lines.push('');
  }

  const rulesSeen = [...new Map(findings.map((finding) => [finding.ruleId, finding.docPath])).entries()].sort(
    ([a], [b]) => (a < b ? -1 : 1),
  );
  if (rulesSeen.length > 0) {
    lines.push(colours.bold('Rule docs'));
    const width = Math.max(...rulesSeen.map(([rule]) => rule.length));
    for (const [rule, docPath] of rulesSeen) lines.push(`  ${rule.padEnd(width)}  ${docLink(report.root, docPath)}`);
    lines.push('');
  }

  for (const note of scanNotes(report).filter((entry) => !IN_TOTALS.has(entry.id))) lines.push(colours.dim(note.text));
  const summary = summarise(report);
  const total = summary.errors + summary.warnings + summary.infos + summary.hints;
  const mark = summary.errors > 0 ? colours.red('✖') : summary.warnings > 0 ? colours.yellow('⚠') : '✔';
  const counted = total === 0 ? 'No findings' : `${plural(total, 'finding')} (${severityCounts(summary)})`;
  const quietNote = report.options.quiet && findings.length < total ? '; only errors shown (--quiet)' : '';
  lines.push(`${mark} ${colours.bold(counted)}: ${scanTotals({ ...summary, problems: 0 })}${quietNote}.`);
  // "No findings" is not a pass when files went unread: the last line says so in the error colour.
  if (summary.problems > 0)
    lines.push(
      colours.red(`✖ ${plural(summary.problems, 'file')} not analysed (listed above under Files not analysed).`),
    );
  return `${lines.join('\n')}\n`;
}
