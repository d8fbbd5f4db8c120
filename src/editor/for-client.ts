// The VS Code client's one door to the layers below: what it shows without analysing (manifest wording, escaping,
// rule ids and doc paths, the protocol). Nothing here may load the parser: scripts/bundle.mjs checks the bundle.
import { ruleById, rules } from '../rules/index';

export { CAPABILITY_KINDS, capabilityView, manifestLine, verdictFor, verdictText } from './manifest';
export { markdownText } from '../report/escape';
export { SEVERITIES } from '../rules/severity';
export * from './protocol';
export { withRuleSeverity } from './config-edit';

export const RULE_IDS: readonly string[] = rules.map((rule) => rule.id);

/** The rule's doc, relative to the package root (`rules/<id>.md`); undefined for an unknown rule. */
export function ruleDocPath(ruleId: string): string | undefined {
  return ruleById(ruleId)?.docPath;
}
