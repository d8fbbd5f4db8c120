// Builds the rule table the engine reads from a list of rule definitions: lookup by id, by role, and each rule's catalog file.
import type {
  AuditRole,
  DirectiveReasonRole,
  RuleDefinition,
  RuleRole,
  SinkRole,
  UnusedDirectiveRole,
} from './define-rule';

/** A rule and, for a rule that lives outside the repository's `rules/` folder, the path of its catalog. */
export interface RuleRegistration {
  rule: RuleDefinition;
  /** Absolute path of the rule's `<id>.catalog.yml`; absent: `rules/<id>.catalog.yml` beside the built-in catalogs. */
  catalogFile?: string;
}

export class UnknownRuleError extends Error {}

type RoleOf<R extends RuleRole['role']> = Extract<RuleRole, { role: R }>;

export interface RuleTable {
  readonly rules: readonly RuleDefinition[];
  readonly ids: readonly string[];
  /** The rule with this id, or undefined (for input that names rules: directives, configuration). */
  find(id: string): RuleDefinition | undefined;
  /** The rule with this id; an unknown id is an error. */
  get(id: string): RuleDefinition;
  /** The sink facts of a sink rule; an unknown id or a rule without sinks is an error. */
  sinkFacts(id: string): SinkRole;
  /** The one rule with this role, and its facts. */
  only<R extends 'audit' | 'unused-directive' | 'directive-reason'>(
    role: R,
  ): { rule: RuleDefinition; facts: RoleOf<R> };
  /** Every sink rule, in the manifest's order. */
  sinkRules(): ReadonlyArray<{ rule: RuleDefinition; facts: SinkRole }>;
  /** Catalog files of rules registered from outside `rules/`. */
  readonly extraCatalogFiles: ReadonlyArray<{ ruleId: string; file: string }>;
}

const SINGLE_ROLES = ['audit', 'unused-directive', 'directive-reason'] as const;

/** The table for these rules; duplicate ids, or two rules claiming a single role or a manifest position, are errors. */
export function createRuleTable(entries: ReadonlyArray<RuleDefinition | RuleRegistration>): RuleTable {
  const registrations = entries.map((entry): RuleRegistration => ('rule' in entry ? entry : { rule: entry }));
  const rules = registrations.map((registration) => registration.rule);
  const byId = new Map<string, RuleDefinition>();
  for (const rule of rules) {
    if (byId.has(rule.id)) throw new UnknownRuleError(`Rule ${rule.id} is registered twice.`);
    byId.set(rule.id, rule);
  }
  const roles = new Map<
    string,
    { rule: RuleDefinition; facts: AuditRole | UnusedDirectiveRole | DirectiveReasonRole }
  >();
  for (const rule of rules) {
    const facts = rule.reports;
    if (facts.role === 'sink') continue;
    const holder = roles.get(facts.role);
    if (holder)
      throw new UnknownRuleError(`Rules ${holder.rule.id} and ${rule.id} both have the role \`${facts.role}\`.`);
    roles.set(facts.role, { rule, facts });
  }
  const sinkRules = rules
    .flatMap((rule) => (rule.reports.role === 'sink' ? [{ rule, facts: rule.reports }] : []))
    .sort((a, b) => a.facts.capability.order - b.facts.capability.order);
  for (let i = 1; i < sinkRules.length; i++) {
    const [before, after] = [sinkRules[i - 1], sinkRules[i]];
    if (before && after && before.facts.capability.order === after.facts.capability.order) {
      throw new UnknownRuleError(
        `Rules ${before.rule.id} and ${after.rule.id} share capability order ${after.facts.capability.order}.`,
      );
    }
  }
  const get = (id: string): RuleDefinition => {
    const rule = byId.get(id);
    if (!rule) throw new UnknownRuleError(`Unknown rule \`${id}\` (rules: ${[...byId.keys()].join(', ')}).`);
    return rule;
  };
  return {
    rules,
    ids: rules.map((rule) => rule.id),
    find: (id) => byId.get(id),
    get,
    sinkFacts(id) {
      const facts = get(id).reports;
      if (facts.role !== 'sink') throw new UnknownRuleError(`Rule \`${id}\` reports no sinks.`);
      return facts;
    },
    only<R extends (typeof SINGLE_ROLES)[number]>(role: R) {
      const holder = roles.get(role);
      if (!holder) throw new UnknownRuleError(`No rule has the role \`${role}\`.`);
      return holder as { rule: RuleDefinition; facts: RoleOf<R> };
    },
    sinkRules: () => sinkRules,
    extraCatalogFiles: registrations.flatMap((registration) =>
      registration.catalogFile === undefined ? [] : [{ ruleId: registration.rule.id, file: registration.catalogFile }],
    ),
  };
}
