// Every rule, sorted by id: the one list the engine, the CLI and the extension read, and the registry the engine runs with.
import type { RuleDefinition } from './define-rule';
import missingAuditHook from './missing-audit-hook';
import missingSuppressionReason from './missing-suppression-reason';
import { createRuleTable, type RuleRegistration, type RuleTable } from './registry';
import unboundedTransaction from './unbounded-transaction';
import unscopedFilesystem from './unscoped-filesystem';
import unscopedNetwork from './unscoped-network';
import unscopedProcess from './unscoped-process';
import unusedSuppression from './unused-suppression';

/** The built-in rules. */
export const builtInRules: RuleTable = createRuleTable([
  missingAuditHook,
  missingSuppressionReason,
  unboundedTransaction,
  unscopedFilesystem,
  unscopedNetwork,
  unscopedProcess,
  unusedSuppression,
]);

/** The built-in rules, sorted by id (what the CLI, SARIF and the editor list). */
export const rules: readonly RuleDefinition[] = builtInRules.rules;

export const ruleIds: readonly string[] = builtInRules.ids;

const builtInRegistrations: readonly RuleRegistration[] = builtInRules.rules.map((rule) => ({ rule }));
let registered: readonly RuleRegistration[] = [];
let active: RuleTable = builtInRules;

/** The rules the engine runs with: the built-in ones plus any registered with `registerRules`. */
export function activeRules(): RuleTable {
  return active;
}

export function ruleById(id: string): RuleDefinition | undefined {
  return active.find(id);
}

/**
 * Runs the engine with extra rules (each with its catalog) besides the built-in ones, until the returned
 * function is called. The extra rules' sinks are read from their catalogs the next time the engine loads catalogs.
 */
export function registerRules(extra: readonly RuleRegistration[]): () => void {
  const previous = { registered, active };
  registered = [...registered, ...extra];
  active = createRuleTable([...builtInRegistrations, ...registered]);
  return () => {
    ({ registered, active } = previous);
  };
}

export { createRuleTable, UnknownRuleError, type RuleRegistration, type RuleTable } from './registry';
export {
  defineRule,
  formatMessage,
  SINK_CHECKS,
  type EffectKind,
  type RuleDefinition,
  type SinkCheck,
  type SinkRole,
} from './define-rule';
export type { ReportedSeverity, Severity } from './severity';
