// The engine's public API: everything the CLI and the extension may import from the engine.
export * from './types';
export { defaultConfig, mergeConfig, normaliseSeverity, severityFor, rulesMatching, SEVERITIES, ENGINE_VERSION } from './config';
export { lintText, Project } from './project';
export { rules, ruleById, ruleIds } from '../rules/index';
export type { RuleDefinition } from '../rules/define-rule';
