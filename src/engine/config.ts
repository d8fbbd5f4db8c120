// Built-in defaults and the one function that turns layered rule settings into a rule's severity.
import { matchesGlob } from './glob';
import { ruleById, rules } from '../rules/index';
import { SEVERITIES } from '../rules/severity';
import type { ReportedSeverity, ResolvedConfig, Severity } from './types';

export { SEVERITIES };

/** Every spelling `normaliseSeverity` accepts, for messages that list the allowed values. */
export const SEVERITY_SPELLINGS = 'off, hint, info, warning (or warn), error';

/** Bumped whenever a change to the engine or catalogs can change results (cache keys use it). */
export const ENGINE_VERSION = '0.1.0';

export function defaultConfig(): ResolvedConfig {
  return {
    rules: [],
    sinks: [],
    guardFunctions: [],
    auditFunctions: [],
    approvalFunctions: [],
    toolFactories: [],
    vendorGlobs: ['**/node_modules/**', '**/vendor/**', '**/third_party/**'],
    // esbuild/tsup bundles of MCP servers, with their SDKs inlined, run to several MiB, and a reviewer
    // checking a package from npm has only those; the editor keeps its own, smaller default.
    maxFileBytes: 8 * 1024 * 1024,
  };
}

/**
 * Layers configurations: later layers win for scalar settings and rule entries, lists are
 * concatenated (a project's extra sinks and vendor globs add to the defaults, they do not replace them).
 */
export function mergeConfig(base: ResolvedConfig, ...layers: Array<Partial<ResolvedConfig>>): ResolvedConfig {
  let merged = base;
  for (const layer of layers) {
    merged = {
      rules: [...merged.rules, ...(layer.rules ?? [])],
      sinks: [...merged.sinks, ...(layer.sinks ?? [])],
      guardFunctions: [...merged.guardFunctions, ...(layer.guardFunctions ?? [])],
      auditFunctions: [...merged.auditFunctions, ...(layer.auditFunctions ?? [])],
      approvalFunctions: [...merged.approvalFunctions, ...(layer.approvalFunctions ?? [])],
      toolFactories: [...merged.toolFactories, ...(layer.toolFactories ?? [])],
      // Adding a vendor folder must not stop node_modules from counting as vendored.
      vendorGlobs: [...new Set([...merged.vendorGlobs, ...(layer.vendorGlobs ?? [])])],
      maxFileBytes: layer.maxFileBytes ?? merged.maxFileBytes,
      ...maxStepsOf(layer.maxAnalysisSteps ?? merged.maxAnalysisSteps),
    };
  }
  return merged;
}

/** The optional key only when set, so a configuration without it compares equal to one never merged. */
function maxStepsOf(steps: number | undefined): Pick<ResolvedConfig, 'maxAnalysisSteps'> {
  return steps === undefined ? {} : { maxAnalysisSteps: steps };
}

/** Accepts `warn` as ESLint users write it. */
export function normaliseSeverity(value: string): Severity | undefined {
  const lower = value.toLowerCase();
  if (lower === 'warn') return 'warning';
  return (SEVERITIES as readonly string[]).includes(lower) ? (lower as Severity) : undefined;
}

/** The severity in force for a rule: its default, then every matching entry in order. */
export function severityFor(config: ResolvedConfig, ruleId: string): Severity {
  let severity: Severity = ruleById(ruleId)?.defaultSeverity ?? 'off';
  for (const [pattern, value] of config.rules) {
    if (pattern === ruleId || matchesGlob(ruleId, pattern)) severity = value;
  }
  return severity;
}

export function isReported(severity: Severity): severity is ReportedSeverity {
  return severity !== 'off';
}

/** Every rule id a pattern matches, for validating configuration. */
export function rulesMatching(pattern: string): string[] {
  return rules.filter((rule) => rule.id === pattern || matchesGlob(rule.id, pattern)).map((rule) => rule.id);
}
