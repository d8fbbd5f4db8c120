// The versioned JSON report (schema: rules/report.schema.json); bump REPORT_VERSION on any incompatible change.
import * as path from 'node:path';
import { escape as escapeGlob } from 'minimatch';
import { ruleIds, severityFor } from '../../engine/index';
import type { Severity } from '../../engine/types';
import { reportPath, summarise, type ScanReport } from '../report';

export const REPORT_VERSION = 1;

/** Shows a glob the loader anchored at an absolute folder relative to the report root, as users wrote it. */
function relativeGlob(root: string, glob: string): string {
  const negated = glob.startsWith('!');
  const body = negated ? glob.slice(1) : glob;
  const prefix = `${escapeGlob(root.split(path.sep).join('/').replace(/\/$/, ''))}/`;
  const relative = body.startsWith(prefix) ? body.slice(prefix.length) : body;
  return negated ? `!${relative}` : relative;
}

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
  };
}

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(jsonReport(report), null, 2)}\n`;
}
