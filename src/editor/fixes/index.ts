// Chooses the structural fixes that apply to a finding; every fix here is one the engine recognises as a bound once applied.
import { ruleById } from '../../rules/index';
import type { Finding, ToolInfo } from '../../engine/types';
import { approvalFlagFix, approvalFlagFor } from './approval-flag';
import { hostAllowlistFix } from './host-allowlist';
import { rootContainmentFix } from './root-containment';
import { parseSource, type OffsetEdit } from './source';

export type FixKind = 'approval-flag' | 'host-allowlist' | 'root-containment';

export interface FixProposal {
  kind: FixKind;
  title: string;
  edits: OffsetEdit[];
}

export function toolOf(finding: Finding, tools: readonly ToolInfo[]): ToolInfo | undefined {
  const ref = finding.tool;
  if (ref === undefined) return undefined;
  return tools.find(
    (tool) => tool.name === ref.name && tool.file === ref.file && tool.range.start.offset === ref.range.start.offset,
  );
}

/** Fixes for a finding in `text`; a finding reached through a helper in another file gets none (the sink is elsewhere). */
export function fixesFor(text: string, file: string, finding: Finding, tools: readonly ToolInfo[]): FixProposal[] {
  if (finding.related.some((related) => related.kind === 'sink' && related.file !== file)) return [];
  const wanted = kindFor(finding, tools);
  if (wanted === undefined) return [];
  const source = parseSource(text, file);
  if (source === undefined) return [];
  switch (wanted.kind) {
    case 'approval-flag': {
      const edits = approvalFlagFix(source, wanted.tool);
      return edits
        ? [
            {
              kind: 'approval-flag',
              title: `Require approval for each call: add \`${wanted.flag}: true\` to ${wanted.tool.name}`,
              edits,
            },
          ]
        : [];
    }
    case 'host-allowlist': {
      const edits = hostAllowlistFix(source, finding);
      return edits
        ? [
            {
              kind: 'host-allowlist',
              title: 'Allow only listed hosts: insert a host allowlist check before this request',
              edits,
            },
          ]
        : [];
    }
    case 'root-containment': {
      const edits = rootContainmentFix(source, finding);
      return edits
        ? [
            {
              kind: 'root-containment',
              title: 'Keep the path inside a root folder: insert a containment check before this call',
              edits,
            },
          ]
        : [];
    }
  }
}

type Wanted =
  | { kind: 'approval-flag'; tool: ToolInfo; flag: string }
  | { kind: 'host-allowlist' }
  | { kind: 'root-containment' };

/** The structural fix for a finding follows from what its rule judges, read from the rule's own facts. */
function kindFor(finding: Finding, tools: readonly ToolInfo[]): Wanted | undefined {
  const reports = ruleById(finding.ruleId)?.reports;
  if (reports?.role !== 'sink') return undefined;
  if (reports.judgedBy === 'authorization') {
    const tool = toolOf(finding, tools);
    const flag = tool && approvalFlagFor(tool);
    return tool && flag ? { kind: 'approval-flag', tool, flag } : undefined;
  }
  if (reports.capability.kind === 'network') return { kind: 'host-allowlist' };
  if (reports.capability.kind === 'filesystem') return { kind: 'root-containment' };
  return undefined;
}
