// Builds findings from a rule's own message templates, and orders, de-duplicates and merges them.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { formatMessage, type RuleTable } from '../rules/index';
import { rangeOf, type Node } from './ast';
import type { Finding, RelatedKind, RelatedLocation, ToolRef } from './types';

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

/** Every tool a finding belongs to: its owner, then the tools that share it (empty for directive findings). */
export function findingTools(finding: Finding): ToolRef[] {
  return finding.tool ? [finding.tool, ...(finding.sharedWith ?? [])] : [];
}

/** Tools a merged message names before it says how many more there are (a file may register hundreds). */
const NAMED_TOOLS = 4;
const RELATED_ORDER: Record<RelatedKind, number> = { source: 0, tool: 1, call: 2, guard: 3, sink: 4 };

function compareNames(a: ToolRef, b: ToolRef): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.range.start.offset - b.range.start.offset;
}

function toolList(tools: readonly ToolRef[]): string {
  const names = tools.slice(0, NAMED_TOOLS).map((tool) => `\`${tool.name}\``);
  if (tools.length > NAMED_TOOLS) return `${names.join(', ')} and ${tools.length - NAMED_TOOLS} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * One finding per rule, place and message: tools registered with one shared handler reach the same sink,
 * and two identical diagnostics at one range would read as two problems. The survivor's `tool` is the
 * first tool by name (its fingerprint is that tool's), `sharedWith` holds the others, its message names
 * them all, and its related locations point at every tool's definition. Linear in the findings.
 */
export function mergeSharedFindings(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const order: Finding[][] = [];
  for (const finding of findings) {
    const key = `${finding.ruleId}\u0000${finding.file}\u0000${finding.range.start.offset}\u0000${finding.range.end.offset}\u0000${finding.message}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else {
      const fresh = [finding];
      groups.set(key, fresh);
      order.push(fresh);
    }
  }
  return order.map((group) => {
    const first = group[0] as Finding;
    const tools = group.flatMap((finding) => (finding.tool ? [finding.tool] : [])).sort(compareNames);
    if (group.length === 1 || tools.length < 2) return first;
    const seen = new Set<string>();
    const related = group
      .flatMap((finding) => finding.related)
      .filter((entry) => {
        const key = `${entry.kind}\u0000${entry.file}\u0000${entry.range.start.offset}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => RELATED_ORDER[a.kind] - RELATED_ORDER[b.kind]);
    const [owner, ...others] = tools as [ToolRef, ...ToolRef[]];
    return {
      ...first,
      message: `${first.message} The tools ${toolList(tools)} ${tools.length === 2 ? 'both' : 'all'} reach it.`,
      tool: owner,
      sharedWith: others,
      related,
    };
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
