// Words a tool's capability manifest for the CodeLens line, the hover and the inventory view, from the engine's ToolInfo.
import type { Capability, CapabilityKind, ToolInfo } from '../engine/types';
import { markdownCode, markdownText } from '../report/escape';
import { rules } from '../rules/index';

/** What the manifest shows for one kind of effect, read from the sink rule that reports it. */
export interface CapabilityView {
  kind: CapabilityKind;
  label: string;
  shortLabel: string;
  /** What the model controls for this kind of effect (`host`, `path`). */
  controlledPart: string;
  /** How a guard bounds it (`on an allowlist`, `contained to a root`). */
  boundWording: string;
  icon: string;
  judgedBy: 'scope' | 'authorization';
}

/** One entry per sink rule, in the rules' manifest order. */
export const CAPABILITIES: readonly CapabilityView[] = rules
  .flatMap((rule) => (rule.reports.role === 'sink' ? [rule.reports] : []))
  .sort((a, b) => a.capability.order - b.capability.order)
  .map(({ capability, judgedBy }) => ({ ...capability, judgedBy }));

export const CAPABILITY_KINDS: readonly CapabilityKind[] = CAPABILITIES.map((view) => view.kind);

/** The view of a kind; a kind no rule reports is an error. */
export function capabilityView(kind: CapabilityKind): CapabilityView {
  const view = CAPABILITIES.find((candidate) => candidate.kind === kind);
  if (!view) throw new Error(`No rule reports capabilities of kind \`${kind}\`.`);
  return view;
}

export type Verdict = 'unbounded' | 'bounded' | 'fixed' | 'none';

/** The worst case over a tool's capabilities of one kind: one unbounded model-controlled sink makes it unbounded. */
export function verdictFor(capabilities: readonly Capability[], kind: CapabilityKind): Verdict {
  const ofKind = capabilities.filter((capability) => capability.kind === kind);
  if (ofKind.length === 0) return 'none';
  if (capabilityView(kind).judgedBy === 'authorization')
    return ofKind.some((c) => !c.bounded) ? 'unbounded' : 'bounded';
  if (ofKind.some((c) => c.modelControlled && !c.bounded)) return 'unbounded';
  if (ofKind.some((c) => c.modelControlled)) return 'bounded';
  return 'fixed';
}

/** `model-controlled host ✗`, `host on an allowlist ✓`, `path contained to a root ✓`, `fixed path`, `—`. */
export function verdictText(kind: CapabilityKind, verdict: Verdict): string {
  const { controlledPart: part, boundWording, judgedBy } = capabilityView(kind);
  switch (verdict) {
    case 'none':
      return '—';
    case 'fixed':
      return `fixed ${part}`;
    case 'bounded':
      return judgedBy === 'authorization' ? 'approved or limited ✓' : `${part} ${boundWording} ✓`;
    case 'unbounded':
      return judgedBy === 'authorization' ? 'no approval or limit ✗' : `model-controlled ${part} ✗`;
  }
}

/** The one-line manifest shown above a tool, its effects only: `network: model-controlled host ✗ · approval: none · audit: none`. */
export function manifestLine(tool: ToolInfo): string {
  if (!tool.analysable) return `not analysable: ${tool.notAnalysableReason ?? 'the handler could not be resolved'}`;
  // Only the effects the tool has: a row of dashes hides the one that matters.
  const parts = CAPABILITY_KINDS.flatMap((kind) => {
    const verdict = verdictFor(tool.capabilities, kind);
    return verdict === 'none' ? [] : [`${capabilityView(kind).shortLabel}: ${verdictText(kind, verdict)}`];
  });
  if (parts.length === 0) parts.push('no effects seen');
  parts.push(`approval: ${tool.approval ?? 'none'}`, `audit: ${tool.audit ?? 'none'}`);
  return parts.join(' · ');
}

/** Markdown for the hover: one row per kind of effect, then guards, approval, audit and findings. */
export function manifestMarkdown(tool: ToolInfo, docLink: (ruleId: string) => string): string {
  const lines: string[] = [
    `**Agent tool ${codeSpan(tool.name)}** · ${escapeMarkdown(tool.framework)} (${escapeMarkdown(tool.form)})`,
    '',
  ];
  if (!tool.analysable) {
    lines.push(
      `Not analysable: ${escapeMarkdown(tool.notAnalysableReason ?? 'the handler could not be resolved')}. Review it by hand.`,
      '',
    );
  }
  if (tool.modelInput !== undefined) lines.push(`Model-controlled input: ${codeSpan(tool.modelInput)}`, '');
  lines.push('| capability | verdict | calls |', '|---|---|---|');
  for (const kind of CAPABILITY_KINDS) {
    const ofKind = tool.capabilities.filter((capability) => capability.kind === kind);
    const calls = [...new Set(ofKind.map((capability) => codeSpan(capability.callee)))].join(', ');
    lines.push(
      `| ${capabilityView(kind).label} | ${verdictText(kind, verdictFor(tool.capabilities, kind))} | ${calls || '—'} |`,
    );
  }
  lines.push('');
  lines.push(`Guards seen: ${tool.guards.length > 0 ? tool.guards.map(escapeMarkdown).join('; ') : 'none'}  `);
  lines.push(
    `Approval: ${escapeMarkdown(tool.approval ?? 'none')} · Audit hook: ${escapeMarkdown(tool.audit ?? 'none')}`,
  );
  const ruleIds = [...new Set(tool.findingRules)].sort();
  if (ruleIds.length > 0) {
    lines.push('', `Findings: ${ruleIds.map((id) => `[${id}](${docLink(id)})`).join(' · ')}`);
  }
  return lines.join('\n');
}

// Tool names, inputs and guard text come from the scanned source: a span they cannot close, text they cannot mark up.
const codeSpan = markdownCode;
const escapeMarkdown = markdownText;
