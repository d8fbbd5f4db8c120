// Every rule, sorted by id: the one list the engine, the CLI and the extension read.
import type { RuleDefinition } from './define-rule';
import missingAuditHook from './missing-audit-hook';
import missingSuppressionReason from './missing-suppression-reason';
import unboundedTransaction from './unbounded-transaction';
import unscopedFilesystem from './unscoped-filesystem';
import unscopedNetwork from './unscoped-network';
import unscopedProcess from './unscoped-process';
import unusedSuppression from './unused-suppression';

export const rules: readonly RuleDefinition[] = [
  missingAuditHook,
  missingSuppressionReason,
  unboundedTransaction,
  unscopedFilesystem,
  unscopedNetwork,
  unscopedProcess,
  unusedSuppression,
];

const byId = new Map(rules.map((rule) => [rule.id, rule]));

export function ruleById(id: string): RuleDefinition | undefined {
  return byId.get(id);
}

export const ruleIds: readonly string[] = rules.map((rule) => rule.id);
