// The shape every rule declares: metadata, messages, and every fact the engine, the CLI and the editor need about it.
import type { ReportedSeverity } from './severity';

export type Precision = 'high' | 'medium' | 'low';

/** How the analysis judges a catalog row's argument (`engine/analysis/sinks.ts` implements each). */
export type SinkCheck = 'url' | 'host' | 'path' | 'argv-path' | 'command' | 'args' | 'code' | 'transfer';
export const SINK_CHECKS: readonly SinkCheck[] = [
  'url',
  'host',
  'path',
  'argv-path',
  'command',
  'args',
  'code',
  'transfer',
];

/** The kind of effect a sink rule's rows perform, as the inventory lists it. */
export type EffectKind = 'network' | 'filesystem' | 'process' | 'value-transfer';

/** How a catalog check of a rule is worded and reported. */
export interface CheckFacts<M extends string = string> {
  /** The `{{part}}` word of the message: `destination`, `arguments`. */
  part: string;
  /** Words a configured sink's `part` may use to select this check (`destination`, `url`). */
  partWords: readonly string[];
  messageId: M;
  /** The message when the sink is reached through a helper. */
  viaHelperMessageId: M;
  /** For a rule that infers sinks no row models: the messages of a medium-confidence finding. */
  inferred?: { messageId: M; viaHelperMessageId: M };
}

/** Facts of a rule that reports catalog sinks. */
export interface SinkRole<M extends string = string> {
  role: 'sink';
  /**
   * `scope`: a finding when the checked value is model-controlled and unbounded.
   * `authorization`: a finding for every reach that neither an approval nor an amount bound authorises.
   */
  judgedBy: 'scope' | 'authorization';
  /**
   * Whether a scoped reach of a write row is audit-worthy by itself (default true). A process run whose
   * command is constant or allowlisted is not; an unscoped one always is.
   */
  scopedWritesNeedAudit?: boolean;
  /** Effect wording in the audit message: `file reads` / `file writes`. */
  effect: { read: string; write: string };
  /** The check of a configured sink that names no `part`. */
  defaultCheck: SinkCheck;
  checks: Partial<Record<SinkCheck, CheckFacts<M>>>;
  capability: {
    kind: EffectKind;
    /** Position in the editor's manifest line and inventory, ascending. */
    order: number;
    label: string;
    shortLabel: string;
    /** What the model may control, in the manifest's verdicts: `host`, `path`. */
    controlledPart: string;
    /** How a guard bounds that part, in the manifest's verdicts: `on an allowlist`, `contained to a root`. */
    boundWording: string;
    /** Codicon id for the inventory view. */
    icon: string;
  };
}

/** The rule the engine decides per tool: an effect and no audit hook. */
export interface AuditRole<M extends string = string> {
  role: 'audit';
  messageId: M;
}

/** The rule reporting directives that suppress nothing or name no rule. */
export interface UnusedDirectiveRole<M extends string = string> {
  role: 'unused-directive';
  unusedMessageId: M;
  unknownRuleMessageId: M;
}

/** The rule reporting directives without a reason. */
export interface DirectiveReasonRole<M extends string = string> {
  role: 'directive-reason';
  messageId: M;
}

export type RuleRole<M extends string = string> =
  | SinkRole<M>
  | AuditRole<M>
  | UnusedDirectiveRole<M>
  | DirectiveReasonRole<M>;

export interface RuleMeta<M extends string = string> {
  id: string;
  /** One sentence; the rule doc's first paragraph must equal it. */
  description: string;
  defaultSeverity: ReportedSeverity;
  cwe: string[];
  /** OWASP Top 10 for Agentic Applications (2026) ids, e.g. `ASI02`. */
  owasp: string[];
  precision: Precision;
  messages: Record<M, string>;
  /** What the engine asks this rule for; a sink rule reads its rows from `rules/<id>.catalog.yml`. */
  reports: RuleRole<NoInfer<M>>;
}

export interface RuleDefinition<M extends string = string> extends RuleMeta<M> {
  docPath: string;
  /** True when the rule has `rules/<id>.catalog.yml` (every sink rule, no other). */
  catalog: boolean;
}

export class RuleDefinitionError extends Error {}

/** Binds the doc path to the id so no rule writes its own link; rejects facts that contradict each other. */
export function defineRule<M extends string>(meta: RuleMeta<M>): RuleDefinition<M> {
  const problems = definitionProblems(meta);
  if (problems.length > 0) throw new RuleDefinitionError(`Rule ${meta.id}: ${problems.join(' ')}`);
  return { ...meta, docPath: docPathFor(meta.id), catalog: meta.reports.role === 'sink' };
}

function definitionProblems(meta: RuleMeta<string>): string[] {
  const problems: string[] = [];
  const known = (messageId: string, where: string): void => {
    if (!(messageId in meta.messages)) problems.push(`${where} \`${messageId}\` is not in \`messages\`.`);
  };
  const reports = meta.reports;
  if (reports.role === 'sink') {
    const checks = Object.entries(reports.checks) as Array<[SinkCheck, CheckFacts]>;
    if (checks.length === 0) problems.push('A sink rule declares at least one check.');
    // The analysis judges a `transfer` row by approvals and amount bounds, every other check by scope.
    if ((reports.judgedBy === 'authorization') !== checks.every(([check]) => check === 'transfer')) {
      problems.push('A rule judged by authorization has only the `transfer` check, and only such a rule has it.');
    }
    if (reports.checks[reports.defaultCheck] === undefined)
      problems.push(`defaultCheck \`${reports.defaultCheck}\` is not one of its checks.`);
    const words = new Set<string>();
    for (const [check, facts] of checks) {
      if (!SINK_CHECKS.includes(check)) problems.push(`Unknown check \`${check}\`.`);
      known(facts.messageId, `checks.${check}.messageId`);
      known(facts.viaHelperMessageId, `checks.${check}.viaHelperMessageId`);
      if (facts.inferred) {
        known(facts.inferred.messageId, `checks.${check}.inferred.messageId`);
        known(facts.inferred.viaHelperMessageId, `checks.${check}.inferred.viaHelperMessageId`);
      }
      for (const word of facts.partWords) {
        if (words.has(word) || word !== word.toLowerCase())
          problems.push(`Part word \`${word}\` is repeated or not lower case.`);
        words.add(word);
      }
    }
  } else if (reports.role === 'unused-directive') {
    known(reports.unusedMessageId, 'unusedMessageId');
    known(reports.unknownRuleMessageId, 'unknownRuleMessageId');
  } else {
    known(reports.messageId, 'messageId');
  }
  return problems;
}

export function docPathFor(ruleId: string): string {
  return `rules/${ruleId}.md`;
}

/** Fills `{{name}}` placeholders; an unknown placeholder is left visible so tests catch it. */
export function formatMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}
