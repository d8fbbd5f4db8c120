// Builds findings from a rule's own message templates, and orders and de-duplicates them.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { formatMessage, type RuleTable } from '../rules/index';
import { rangeOf, type Node } from './ast';
import type { Finding, RelatedLocation, ToolRef } from './types';

export function makeFinding(
  table: RuleTable,
  ruleId: string,
  messageId: string,
  file: string,
  node: Node | { range: [number, number]; loc: TSESTree.SourceLocation },
  data: Record<string, string>,
  tool: ToolRef | undefined,
  related: RelatedLocation[],
): Finding {
  const rule = table.get(ruleId);
  const template = rule.messages[messageId];
  if (template === undefined) throw new Error(`Rule ${ruleId} has no message \`${messageId}\`.`);
  const finding: Finding = {
    ruleId,
    messageId,
    severity: 'error',
    message: formatMessage(template, data),
    file,
    range: rangeOf(node as Node),
    related,
    docPath: rule.docPath,
    cwe: rule.cwe,
    owasp: rule.owasp,
  };
  if (tool) finding.tool = tool;
  return finding;
}

export function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.ruleId}:${finding.file}:${finding.range.start.offset}:${finding.range.end.offset}:${finding.tool?.name ?? ''}:${finding.tool?.range.start.offset ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.tool?.name ?? '').localeCompare(b.tool?.name ?? ''),
  );
}
