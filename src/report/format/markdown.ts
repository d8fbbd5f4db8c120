// A markdown report for pull-request comments and review documents: summary tables, then each finding with its doc.
import { ruleIds } from '../../engine/index';
import { docLink, plural, position, scanTotals, severityCounts } from './common';
import { shownFindings, summarise, type ScanReport } from '../report';
import { markdownCode as code, markdownText as cell, markdownMessage as message } from '../escape';
import { IN_TOTALS, scanNotes } from './notes';

export function formatMarkdown(report: ScanReport): string {
  const findings = shownFindings(report);
  const summary = summarise(report);
  const lines: string[] = ['# Agent Risk Lint report', ''];
  lines.push(`${severityCounts(summary).replace(/^no/, 'No')}; ${scanTotals(summary)}.`, '');

  lines.push('## By rule', '', '| Rule | Findings | Suppressed | Doc |', '| --- | ---: | ---: | --- |');
  for (const id of ruleIds) {
    const count = findings.filter((finding) => finding.ruleId === id).length;
    const suppressed = report.suppressed.filter((finding) => finding.ruleId === id);
    if (count === 0 && suppressed.length === 0) continue;
    const docPath = (findings.find((finding) => finding.ruleId === id) ?? suppressed[0])?.docPath ?? `rules/${id}.md`;
    lines.push(`| ${code(id)} | ${count} | ${suppressed.length} | [${id}](${docLink(report.root, docPath)}) |`);
  }
  lines.push('');

  lines.push('## By tool', '', '| Tool | Framework | Location | Findings |', '| --- | --- | --- | --- |');
  for (const tool of report.tools) {
    const rules = tool.analysable
      ? tool.findingRules.map(code).join(', ') || 'none'
      : `not analysable: ${cell(tool.notAnalysableReason ?? 'unknown reason')}`;
    lines.push(
      `| ${code(tool.name)} | ${cell(tool.framework)} | ${cell(`${tool.file}:${tool.range.start.line}`)} | ${rules} |`,
    );
  }
  lines.push('');

  lines.push('## Findings', '');
  if (findings.length === 0) lines.push('None.', '');
  for (const finding of findings) {
    const where = `${finding.file}:${position(finding.range.start.line, finding.range.start.column)}`;
    lines.push(`### ${code(where)} ${finding.ruleId} (${finding.severity})`, '');
    lines.push(message(finding.message), '');
    if (finding.tool !== undefined)
      lines.push(
        `- Tool: ${code(finding.tool.name)} (${cell(`${finding.tool.file}:${finding.tool.range.start.line}`)})`,
      );
    // The tool line above already says where the tool is defined.
    for (const related of finding.related.filter((entry) => entry.kind !== 'tool')) {
      lines.push(`- ${cell(`${related.file}:${related.range.start.line}`)}: ${message(related.message)}`);
    }
    lines.push(`- Guidance: [${finding.ruleId}](${docLink(report.root, finding.docPath)})`, '');
  }

  const notes = scanNotes(report).filter((entry) => !IN_TOTALS.has(entry.id));
  if (notes.length > 0) {
    lines.push('## What shaped this report', '');
    for (const note of notes) lines.push(`- ${cell(note.text)}`);
    lines.push('');
  }

  if (report.problems.length > 0) {
    lines.push(
      `## Files not analysed (${plural(report.problems.length, 'file')})`,
      '',
      '| File | Kind | Reason |',
      '| --- | --- | --- |',
    );
    for (const problem of report.problems)
      lines.push(`| ${cell(problem.file)} | ${problem.kind} | ${cell(problem.message)} |`);
    lines.push('');
  }
  lines.push('> Agent Risk Lint is an engineering aid, not legal advice.');
  return `${lines.join('\n')}\n`;
}
