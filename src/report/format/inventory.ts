// The text inventory of recognised tools: what each can do, what bounds it, and what was found.
import type { Capability, ToolInfo } from '../../engine/types';
import { palette } from './colour';
import { plural } from './common';
import type { ScanReport } from '../report';
import { escapeControl, mapStrings } from '../escape';
import { scanNotes } from './notes';

function describeCapability(capability: Capability, toolFile: string): string {
  const traits = [
    capability.modelControlled ? 'model-controlled' : 'fixed',
    capability.bounded ? 'bounded' : 'unbounded',
  ];
  if (capability.isWrite) traits.push('writes');
  // A sink reached through a helper in another file names that file.
  const where =
    capability.file === toolFile
      ? `line ${capability.range.start.line}`
      : `${capability.file}:${capability.range.start.line}`;
  return `${capability.kind} via ${capability.callee} (${where}; ${traits.join(', ')})`;
}

function describeTool(tool: ToolInfo): string[] {
  const lines = [`  ${tool.name}  (${tool.framework}, ${tool.file}:${tool.range.start.line})`];
  if (!tool.analysable) {
    lines.push(`    not analysable: ${tool.notAnalysableReason ?? 'no reason given'}`);
    return lines;
  }
  lines.push(`    model input:  ${tool.modelInput ?? 'none'}`);
  if (tool.capabilities.length === 0) lines.push('    capabilities: none');
  for (const [index, capability] of tool.capabilities.entries()) {
    lines.push(`    ${index === 0 ? 'capabilities:' : '             '} ${describeCapability(capability, tool.file)}`);
  }
  lines.push(`    guards:       ${tool.guards.length === 0 ? 'none' : tool.guards.join('; ')}`);
  lines.push(`    approval:     ${tool.approval ?? 'none'}`);
  lines.push(`    audit hook:   ${tool.audit ?? 'none'}`);
  lines.push(`    findings:     ${tool.findingRules.length === 0 ? 'none' : tool.findingRules.join(', ')}`);
  return lines;
}

export function formatInventory(source: ScanReport, options: { colour: boolean } = { colour: false }): string {
  const colours = palette(options.colour);
  // Tool names, guard text and file names come from the scanned source: shown as escapes, never obeyed.
  const report = mapStrings(source, escapeControl);
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const tool of report.tools) {
    if (tool.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(colours.underline(tool.file));
      currentFile = tool.file;
    }
    lines.push(...describeTool(tool));
  }
  if (report.tools.length > 0) lines.push('');
  if (report.problems.length > 0) {
    lines.push(colours.bold('Files not analysed'));
    for (const problem of report.problems)
      lines.push(`  ${problem.file}  ${colours.dim(problem.kind)}  ${problem.message}`);
    lines.push('');
  }
  for (const note of scanNotes(report)) lines.push(colours.dim(note.text));
  const files = new Set(report.tools.map((tool) => tool.file)).size;
  lines.push(
    `${plural(report.tools.length, 'tool')} in ${plural(files, 'file')}; ${plural(report.filesScanned, 'file')} scanned.`,
  );
  return `${lines.join('\n')}\n`;
}
