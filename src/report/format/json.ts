// The versioned JSON report (schema: rules/report.schema.json); bump REPORT_VERSION on any incompatible change.
import { severityFor } from '../../engine/config';
import { ruleIds } from '../../rules/index';
import type { Severity } from '../../engine/types';
import { relativeGlob, reportPath, summarise, type ScanReport } from '../report';
import { scanNotes, scanProperties } from './notes';

export const REPORT_VERSION = 1;

/** The JSON value of the report; `formatJson` serialises it, the extension may use it directly. */
export function jsonReport(report: ScanReport): unknown {
  return {
    version: REPORT_VERSION,
    tool: report.tool,
    configuration: {
      failOn: report.options.failOn,
      maxWarnings: report.options.maxWarnings ?? null,
      quiet: report.options.quiet,
      baseline: report.options.baseline === undefined ? null : reportPath(report.root, report.options.baseline),
      overrides: (report.options.overrides ?? []).map((override) => ({
        source: override.source,
        rules: override.rules.map(([rule, severity]) => ({ rule, severity })),
      })),
      scopes: report.scopes.map((scope) => ({
        configFiles: scope.configFiles.map((file) => reportPath(report.root, file)),
        files: scope.files,
        rules: Object.fromEntries(ruleIds.map((id): [string, Severity] => [id, severityFor(scope.config, id)])),
        ruleSettings: scope.config.rules,
        include: scope.include.map((glob) => relativeGlob(report.root, glob)),
        exclude: scope.exclude.map((glob) => relativeGlob(report.root, glob)),
        sinks: scope.config.sinks,
        guardFunctions: scope.config.guardFunctions,
        auditFunctions: scope.config.auditFunctions,
        approvalFunctions: scope.config.approvalFunctions,
        toolFactories: scope.config.toolFactories,
        vendorGlobs: scope.config.vendorGlobs,
        maxFileBytes: scope.config.maxFileBytes,
      })),
    },
    findings: report.findings,
    suppressed: report.suppressed,
    tools: report.tools,
    problems: report.problems,
    summary: summarise(report),
    scan: { ...scanProperties(report), notes: scanNotes(report) },
  };
}

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(jsonReport(report), null, 2)}\n`;
}
