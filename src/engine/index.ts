// The engine's public API: everything the CLI and the extension may import from the engine.
export * from './types';
export {
  defaultConfig,
  mergeConfig,
  normaliseSeverity,
  severityFor,
  rulesMatching,
  SEVERITIES,
  SEVERITY_SPELLINGS,
  ENGINE_VERSION,
} from './config';
export { lintText, prepareEngine, Project } from './project';
export { findingTools } from './findings';
export { hasMoved, mergeDelegatedFindings } from './delegated-results';
export { rules, ruleById, ruleIds } from '../rules/index';
export type { RuleDefinition } from '../rules/define-rule';
export { NEXT_LINE_KEYWORD, FILE_KEYWORD } from './directives';
import { FILE_KEYWORD as FILE_DIRECTIVE, NEXT_LINE_KEYWORD as NEXT_LINE_DIRECTIVE } from './directives';
/** Directive keywords, for the grammar and the editor's code actions. */
export const DIRECTIVE_KEYWORDS: readonly string[] = [NEXT_LINE_DIRECTIVE, FILE_DIRECTIVE];
