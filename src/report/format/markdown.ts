// A markdown report for pull-request comments and review documents: summary tables, each finding, then the rule docs it cites.
import { findingTools } from '../../engine/findings';
import { ruleById, ruleIds } from '../../rules/index';
import { plural, position, scanTotals, severityCounts } from './common';
import { shownFindings, summarise, type ScanReport } from '../report';
import { markdownCode as code, markdownText as cell, markdownMessage as message } from '../escape';
import { configurationSummary, IN_TOTALS, scanNotes } from './notes';
import { ruleDocDigest, ruleDocUrl } from '../rule-docs';
import type { ReportFinding } from '../report';

/** The appendix heading's anchor: GitHub and most renderers slug a heading `unscoped-network` to itself. */
function anchor(id: string): string {
  return id;
}

/** The appendix: for each rule the report cites, the parts of its doc a reviewer needs and a public link. */
function appendix(cited: readonly string[]): string[] {
  if (cited.length === 0) return [];
  const lines = ['## Rules cited', ''];
  for (const id of cited) {
    const rule = ruleById(id);
    if (rule === undefined) continue;
    lines.push(`### ${id}`, '');
    lines.push(`<details><summary><code>${id}</code>: ${cell(rule.description)}</summary>`, '');
    lines.push(ruleDocDigest(rule.docPath, rule.description, 2), '');
    lines.push(`Full documentation: [${rule.docPath}](${ruleDocUrl(rule.docPath)})`, '', '</details>', '');
  }
  return lines;
}

function toolLine(finding: ReportFinding): string | undefined {
  const tools = findingTools(finding);
  if (tools.length === 0) return undefined;
  const label = tools.length === 1 ? 'Tool' : 'Tools';
  return `- ${label}: ${tools.map((tool) => `${code(tool.name)} (${cell(`${tool.file}:${tool.range.start.line}`)})`).join(', ')}`;
}

export function formatMarkdown(report: ScanReport): string {
  const findings = shownFindings(report);
  const summary = summarise(report);
  const lines: string[] = ['# Agent Risk Lint report', ''];
  lines.push(`${severityCounts(summary).replace(/^no/, 'No')}; ${scanTotals(summary)}.`, '');
  lines.push(cell(configurationSummary(report)), '');
  const cited = ruleIds.filter((id) => [...findings, ...report.suppressed].some((finding) => finding.ruleId === id));

  lines.push('## By rule', '', '| Rule | Findings | Suppressed | Doc |', '| --- | ---: | ---: | --- |');
  for (const id of ruleIds) {
    const count = findings.filter((finding) => finding.ruleId === id).length;
    const suppressed = report.suppressed.filter((finding) => finding.ruleId === id);
    if (count === 0 && suppressed.length === 0) continue;
    lines.push(`| ${code(id)} | ${count} | ${suppressed.length} | [${id}](#${anchor(id)}) |`);
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
    const tools = toolLine(finding);
    if (tools !== undefined) lines.push(tools);
    // The tool line above already says where each tool is defined.
    for (const related of finding.related.filter((entry) => entry.kind !== 'tool')) {
      lines.push(`- ${cell(`${related.file}:${related.range.start.line}`)}: ${message(related.message)}`);
    }
    lines.push(`- Guidance: [${finding.ruleId}](#${anchor(finding.ruleId)})`, '');
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
  lines.push(...appendix(cited));
  lines.push('> Agent Risk Lint is an engineering aid, not legal advice.');
  return `${lines.join('\n')}\n`;
}
