// Chooses the structural fixes that apply to a finding; every fix here is one the engine recognises as a bound once applied.
import { ruleById } from '../../rules/index';
import type { Finding, ToolInfo } from '../../engine/types';
import { approvalFlagFix, approvalFlagFor } from './approval-flag';
import { auditCallFix } from './audit-call';
import { commandAllowlistFixes } from './command-allowlist';
import { hostAllowlistFixes } from './host-allowlist';
import { rootContainmentFixes } from './root-containment';
import { parseSource, type OffsetEdit, type Source } from './source';

export type FixKind = 'approval-flag' | 'host-allowlist' | 'root-containment' | 'command-allowlist' | 'audit-call';

export interface FixProposal {
  kind: FixKind;
  title: string;
  edits: OffsetEdit[];
}

/**
 * Kinds a fix-all on save must not apply: the command and host allowlists start empty (nothing runs or is
 * reached that nobody chose), so applied unseen they would stop the tool, and the audit call may name a
 * stub; a person completes them when applying them one by one.
 */
export const NOT_FOR_BULK: ReadonlySet<FixKind> = new Set<FixKind>([
  'command-allowlist',
  'host-allowlist',
  'audit-call',
]);

/** What the fixes may know about the project beyond the file: the configuration in force. */
export interface FixOptions {
  /** `auditFunctions` from the configuration; the audit fix calls the first one the file can reach. */
  auditFunctions?: readonly string[];
}

export function toolOf(finding: Finding, tools: readonly ToolInfo[]): ToolInfo | undefined {
  const ref = finding.tool;
  if (ref === undefined) return undefined;
  return tools.find(
    (tool) => tool.name === ref.name && tool.file === ref.file && tool.range.start.offset === ref.range.start.offset,
  );
}

const TYPESCRIPT_FILE = /\.(c|m)?tsx?$/i;

/**
 * Fixes for a finding in `text`, edited in this file only. A sink reached through a helper (here or in
 * another file) is bounded where the handler calls the helper: one proposal per argument that may carry
 * the input, of which the re-lint (verify.ts) keeps the first that removes the finding.
 */
export function fixesFor(
  text: string,
  file: string,
  finding: Finding,
  tools: readonly ToolInfo[],
  options: FixOptions = {},
): FixProposal[] {
  const wanted = kindFor(finding, tools);
  if (wanted === undefined) return [];
  const source = parseSource(text, file);
  if (source === undefined) return [];
  const viaHelper = finding.related.some((related) => related.kind === 'sink');
  const typescript = TYPESCRIPT_FILE.test(file);
  const all = (kind: FixKind, title: string, candidates: OffsetEdit[][]): FixProposal[] =>
    candidates.map((edits) => ({ kind, title, edits }));
  switch (wanted.kind) {
    case 'approval-flag': {
      const edits = approvalFlagFix(source, wanted.tool);
      const title = `Require approval for each call: add \`${wanted.flag}: true\` to ${wanted.tool.name}`;
      return all('approval-flag', title, edits ? [edits] : []);
    }
    case 'host-allowlist':
      return all(
        'host-allowlist',
        `Allow only listed hosts: insert a host allowlist check before this ${viaHelper ? 'call' : 'request'}`,
        hostAllowlistFixes(source, finding, viaHelper),
      );
    case 'root-containment':
      return all(
        'root-containment',
        'Keep the path inside a root folder: insert a containment check before this call',
        rootContainmentFixes(source, finding, viaHelper),
      );
    case 'command-allowlist':
      return all(
        'command-allowlist',
        'Run only listed commands: insert a command allowlist check before this call',
        commandAllowlistFixes(source, finding, viaHelper, typescript),
      );
    case 'audit-call':
      return auditProposal(source, file, wanted.tool, options, typescript);
  }
}

function auditProposal(
  source: Source,
  file: string,
  tool: ToolInfo,
  options: FixOptions,
  typescript: boolean,
): FixProposal[] {
  const edits = auditCallFix(source, file, tool, options.auditFunctions ?? [], typescript);
  const title = `Record each call: insert an audit call with the tool name and its input at the start of ${tool.name}`;
  return edits === undefined ? [] : [{ kind: 'audit-call', title, edits }];
}

type Wanted =
  | { kind: 'approval-flag'; tool: ToolInfo; flag: string }
  | { kind: 'audit-call'; tool: ToolInfo }
  | { kind: 'host-allowlist' }
  | { kind: 'root-containment' }
  | { kind: 'command-allowlist' };

/** The structural fix for a finding follows from what its rule judges, read from the rule's own facts. */
function kindFor(finding: Finding, tools: readonly ToolInfo[]): Wanted | undefined {
  const reports = ruleById(finding.ruleId)?.reports;
  if (reports?.role === 'audit') {
    const tool = toolOf(finding, tools);
    return tool ? { kind: 'audit-call', tool } : undefined;
  }
  if (reports?.role !== 'sink') return undefined;
  if (reports.judgedBy === 'authorization') {
    const tool = toolOf(finding, tools);
    const flag = tool && approvalFlagFor(tool);
    return tool && flag ? { kind: 'approval-flag', tool, flag } : undefined;
  }
  if (reports.capability.kind === 'network') return { kind: 'host-allowlist' };
  if (reports.capability.kind === 'filesystem') return { kind: 'root-containment' };
  if (reports.capability.kind === 'process') return { kind: 'command-allowlist' };
  return undefined;
}
