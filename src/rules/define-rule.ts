// The shape every rule declares: metadata, messages and the check the engine calls with a tool's analysis.
import type { Severity } from '../engine/types';

export type Precision = 'high' | 'medium' | 'low';

export interface RuleMeta<M extends string = string> {
  id: string;
  /** One sentence; the rule doc's first paragraph must equal it. */
  description: string;
  defaultSeverity: Exclude<Severity, 'off'>;
  cwe: string[];
  /** OWASP Top 10 for Agentic Applications (2026) ids, e.g. `ASI02`. */
  owasp: string[];
  precision: Precision;
  /** The sink kind this rule reads from `rules/<id>.catalog.yml`, or false for rules without a catalog. */
  catalog: boolean;
  messages: Record<M, string>;
}

export interface RuleDefinition<M extends string = string> extends RuleMeta<M> {
  docPath: string;
}

/** Binds the doc path to the id so no rule writes its own link. */
export function defineRule<M extends string>(meta: RuleMeta<M>): RuleDefinition<M> {
  return { ...meta, docPath: docPathFor(meta.id) };
}

export function docPathFor(ruleId: string): string {
  return `rules/${ruleId}.md`;
}

/** Fills `{{name}}` placeholders; an unknown placeholder is left visible so tests catch it. */
export function formatMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}
