// Builds the findings of one tool: a sink finding with its path from input to effect, an inferred
// transfer's medium-confidence finding, and the audit finding at the tool's name.
import { rangeOf, type Node } from './ast';
import type { FileContext } from './analysis/context';
import type { SinkHit } from './analysis/sinks';
import { describeOrigins, type Origin } from './analysis/value';
import { inferredReason } from './analysis/value-transfer-inference';
import { delegatedHome, dispatchRelated, type Delegate } from './delegated';
import { makeFinding } from './findings';
import type { RuleTable } from '../rules/index';
import type { CheckFacts } from '../rules/define-rule';
import type { Finding, RelatedLocation, ToolRef } from './types';

export interface Location {
  node: Node;
  file: string;
  /** The sink itself when the finding is reported elsewhere (a helper in another file). */
  sink?: { file: string; node: Node; callee: string };
  /** A delegated tool's dispatch in the declaring file (engine/delegated.ts). */
  dispatch?: RelatedLocation[];
}

function sourceText(origins: Origin[]): string {
  const text = describeOrigins({ origins, bounds: new Set() });
  return text.length > 0 ? text : 'input';
}

export function sinkData(check: CheckFacts, hit: SinkHit, location: Location): Record<string, string> {
  return {
    part: check.part,
    source: sourceText(hit.origins),
    callee: location.sink ? (hit.via?.callee ?? hit.callee) : hit.callee,
  };
}

export function transferData(hit: SinkHit): Record<string, string> {
  const inputs = (hit.payment ? (hit.paymentOrigins ?? []) : hit.origins).filter((origin) => origin.kind === 'input');
  return {
    operation: hit.payment?.operation ?? hit.row.operation ?? 'transaction',
    inputNote: inputs.length > 0 ? `; its details come from the tool input \`${sourceText(inputs)}\`` : '',
    callee: hit.via?.callee ?? hit.callee,
  };
}

/** A transfer inferred from names: the rule's inferred wording, at medium confidence. */
export function inferredFinding(
  table: RuleTable,
  ruleId: string,
  check: CheckFacts,
  hit: SinkHit,
  location: Location,
  tool: ToolRef,
  toolName: string,
): Finding {
  const wording = check.inferred ?? check;
  const data = { ...transferData(hit), callee: hit.callee, reason: inferredReason(hit, toolName) };
  const finding = sinkFinding(
    table,
    ruleId,
    { ...check, ...wording },
    location.sink !== undefined,
    hit,
    location,
    tool,
    data,
  );
  finding.confidence = 'medium';
  return finding;
}

/** `viaHelper`: the hit went through a helper; a sink in another file always words the helper message. */
export function sinkFinding(
  table: RuleTable,
  ruleId: string,
  check: CheckFacts,
  viaHelper: boolean,
  hit: SinkHit,
  location: Location,
  tool: ToolRef,
  data: Record<string, string>,
): Finding {
  const related: RelatedLocation[] = [];
  for (const origin of hit.origins) {
    if (origin.kind !== 'input') continue;
    related.push({
      file: origin.file,
      range: rangeOf(origin.node),
      kind: 'source',
      message: `Model-controlled input \`${origin.display || 'input'}\` enters here.`,
    });
    break;
  }
  related.push({ file: tool.file, range: tool.range, kind: 'tool', message: `Tool \`${tool.name}\` is defined here.` });
  related.push(...(location.dispatch ?? []));
  if (location.sink) {
    related.push({
      file: location.sink.file,
      range: rangeOf(location.sink.node),
      kind: 'sink',
      message: `The effect happens here, in \`${location.sink.callee}\`.`,
    });
  }
  const messageId = viaHelper || location.sink ? check.viaHelperMessageId : check.messageId;
  return makeFinding(table, ruleId, messageId, location.file, location.node, data, tool, related);
}

/** At the tool's name; a delegated tool's in its handler's file, with the dispatch as related information. */
export function auditFinding(
  table: RuleTable,
  ctx: FileContext,
  toolRef: ToolRef,
  nameNode: Node,
  effects: string[],
  delegate: Delegate | undefined,
): Finding {
  const audit = table.only('audit');
  const related: RelatedLocation[] = [
    { file: toolRef.file, range: toolRef.range, kind: 'tool', message: `Tool \`${toolRef.name}\` is defined here.` },
    ...(delegate ? dispatchRelated(toolRef.name, delegate, ctx) : []),
  ];
  return makeFinding(
    table,
    audit.rule.id,
    audit.facts.messageId,
    delegate?.ctx.file ?? ctx.file,
    delegate ? delegatedHome(delegate) : nameNode,
    { tool: toolRef.name, effects: joinList(effects) },
    toolRef,
    related,
  );
}

function joinList(items: string[]): string {
  const sorted = [...new Set(items)].sort();
  if (sorted.length <= 1) return sorted[0] ?? 'effects';
  return `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}
