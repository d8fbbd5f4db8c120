// Hover: a tool's capability manifest on its name or on one of its findings, with links to the rule docs.
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver/node';
import { manifestMarkdown } from '../editor/manifest';
import type { LintResult } from '../engine/types';
import { contains, toRange } from './convert';

export function hoverFor(
  result: LintResult,
  position: Position,
  link: (ruleId: string) => string | undefined,
): Hover | null {
  const onName = result.tools.find((tool) => contains(tool.range, position));
  const findings = result.findings.filter((finding) => contains(finding.range, position));
  const ref = findings.find((finding) => finding.tool !== undefined)?.tool;
  const tool =
    onName ??
    (ref === undefined
      ? undefined
      : result.tools.find(
          (candidate) => candidate.name === ref.name && candidate.range.start.offset === ref.range.start.offset,
        ));
  if (tool === undefined && findings.length === 0) return null;
  const docLink = (ruleId: string): string => link(ruleId) ?? '';
  const parts: string[] = [];
  if (tool !== undefined) parts.push(manifestMarkdown(tool, docLink));
  if (findings.length > 0)
    parts.push(`Guidance: ${findings.map((f) => `[${f.ruleId}](${docLink(f.ruleId)})`).join(' · ')}`);
  const anchor = onName?.range ?? findings[0]?.range;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') },
    ...(anchor === undefined ? {} : { range: toRange(anchor) }),
  };
}
