// The one door from the extension and its scan worker to the engine, the scan and report layers, the configuration
// loader and the parser, bundled once as dist/core.js.
export {
  lintText,
  Project,
  defaultConfig,
  mergeConfig,
  normaliseSeverity,
  severityFor,
  rulesMatching,
  ruleById,
  rules,
  ruleIds,
  SEVERITIES,
  ENGINE_VERSION,
} from '../engine/index';
export type {
  Capability,
  CapabilityKind,
  Finding,
  LintResult,
  Position,
  Problem,
  ProjectHost,
  Range,
  RelatedLocation,
  ReportedSeverity,
  ResolvedConfig,
  Severity,
  ToolFactory,
  ToolInfo,
  ConfigSink,
} from '../engine/index';
export { loadConfigFor, parseConfigText, CONFIG_FILE_NAME } from '../config/index';
export type { ConfigError, ConfigLoadResult } from '../config/index';
export { minimatch, Minimatch } from 'minimatch';
export { absoluteGlobs } from '../config/index';
export type { LoadOptions } from '../config/index';
export { walk, SOURCE_EXTENSIONS } from '../scan/walk';
export { scanFiles, type ScanOutput } from '../scan/scan';
export { FileLinter, type FileOutcome } from '../scan/file-linter';
export { readSource } from '../scan/read';
export { defaultRules, globRules, isExcluded, matcherFor } from '../scan/ignore-rules';
export { isExcludedInEditor } from '../scan/file-filter';
export { buildReport, type ScanReport, type ReportScope } from '../report/report';
export { escapeControl, markdownCode, markdownText } from '../report/escape';
export { writeFileReplacing } from '../scan/write-file';
export { formatSarif } from '../report/format/sarif';
export { formatMarkdown } from '../report/format/markdown';
// Editor features shared with the language server: the capability manifest, quick fixes and suppression edits.
export * from '../editor/manifest';
export { fixesFor, toolOf, type FixKind, type FixProposal } from '../editor/fixes/index';
export { applyEdits, type OffsetEdit } from '../editor/fixes/source';
export { fileSuppressionEdit, suppressionEdit } from '../editor/fixes/suppression';
export { directiveFixes } from '../editor/fixes/directive-fixes';
export { verifiedFixes } from '../editor/fixes/verify';
export { notAnalysed } from '../editor/not-analysed';
export { sharedSettings, type SharedSettings } from '../editor/settings';
// The quick fixes parse the text they edit; going through this module keeps the parser (and TypeScript) out of dist/extension.js.
export { parse as parseEstree, AST_NODE_TYPES } from '@typescript-eslint/typescript-estree';
export type { TSESTree } from '@typescript-eslint/typescript-estree';
