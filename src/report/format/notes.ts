// What changed the verdict of a scan, for every format: configuration read, excludes that dropped files, rule
// overrides, configured guard/approval/audit names, baseline, suppressions, cache, symlinks and compiled packages.
import { defaultConfig, rules, severityFor } from '../../engine/index';
import type { Severity } from '../../engine/types';
import { reportPath, type ScanReport } from '../report';
import { plural } from './common';

/** One fact about a scan, with a stable id (SARIF notification descriptors use it). */
export interface ScanNote {
  id: string;
  text: string;
}

const RANK: Record<Severity, number> = { off: 0, hint: 1, info: 2, warning: 3, error: 4 };
const NAME_KEYS = ['guardFunctions', 'approvalFunctions', 'auditFunctions'] as const;
const DEFAULT_VENDOR_GLOBS = new Set(defaultConfig().vendorGlobs);
/** A long list is cut in text lines; the structured properties keep every entry. */
const SHOWN = 5;

function list(items: readonly string[]): string {
  return items.length > SHOWN
    ? `${items.slice(0, SHOWN).join(', ')} and ${items.length - SHOWN} more`
    : items.join(', ');
}

/** Rules a scope turned off or set below their default, as `rule (error → off)`. */
function weakened(scope: ScanReport['scopes'][number]): string[] {
  return rules.flatMap((rule) => {
    const now = severityFor(scope.config, rule.id);
    return RANK[now] < RANK[rule.defaultSeverity] ? [`${rule.id} (${rule.defaultSeverity} → ${now})`] : [];
  });
}

function scopeName(report: ScanReport, scope: ScanReport['scopes'][number]): string {
  const files = scope.configFiles.map((file) => reportPath(report.root, file));
  return files.length === 0 ? 'the command line' : files.join(' + ');
}

/** The notes in a fixed order; empty for a plain scan with no configuration, excludes or baseline. */
export function scanNotes(report: ScanReport): ScanNote[] {
  const notes: ScanNote[] = [];
  const { notes: scan } = report;
  if (scan.configFiles.length > 0)
    notes.push({ id: 'config-files', text: `Configuration read: ${list(scan.configFiles)}.` });
  for (const dropped of scan.dropped) {
    const source = dropped.source === 'include' ? 'include globs (files outside them)' : dropped.source;
    notes.push({
      id: dropped.source === 'default excludes' ? 'default-excludes' : 'excluded',
      text: `Excluded by ${source}: ${plural(dropped.count, 'path')} (${list(dropped.globs)}).`,
    });
  }
  for (const scope of report.scopes) {
    const off = weakened(scope);
    if (off.length > 0)
      notes.push({
        id: 'rules-weakened',
        text: `Rules off or downgraded by ${scopeName(report, scope)}: ${list(off)}.`,
      });
    for (const key of NAME_KEYS) {
      const names = scope.config[key];
      if (names.length > 0) notes.push({ id: key, text: `${key} from ${scopeName(report, scope)}: ${list(names)}.` });
    }
    const vendored = scope.config.vendorGlobs.filter((glob) => !DEFAULT_VENDOR_GLOBS.has(glob));
    if (vendored.length > 0)
      notes.push({
        id: 'vendorGlobs',
        text: `vendorGlobs from ${scopeName(report, scope)} (suppressions ignored there): ${list(vendored)}.`,
      });
  }
  if (report.baselined > 0)
    notes.push({ id: 'baselined', text: `${plural(report.baselined, 'finding')} left out: already in the baseline.` });
  if (report.suppressed.length > 0)
    notes.push({ id: 'suppressed', text: `${plural(report.suppressed.length, 'finding')} suppressed in source.` });
  if (scan.fromCache > 0)
    notes.push({
      id: 'cache',
      text: `${plural(scan.fromCache, 'result')} from the --cache file, not linted in this run.`,
    });
  if (scan.symlinksOutside.length > 0)
    notes.push({
      id: 'symlinks-outside',
      text: `${plural(scan.symlinksOutside.length, 'symlink')} leading out of the scanned folder not followed: ${list(scan.symlinksOutside)}.`,
    });
  if (scan.compiledPackages.length > 0)
    notes.push({
      id: 'compiled-packages',
      text: `Build output scanned (no other source in the package): ${list(scan.compiledPackages)}.`,
    });
  return notes;
}

/** Notes a format's summary line already states (scanTotals: suppressed, in baseline, from cache). */
export const IN_TOTALS: ReadonlySet<string> = new Set(['suppressed', 'baselined', 'cache']);

/** The structured form of the notes, for SARIF `invocations[].properties` and the JSON report. */
export function scanProperties(report: ScanReport): Record<string, unknown> {
  return {
    configFiles: report.notes.configFiles,
    dropped: report.notes.dropped,
    ruleOverrides: report.scopes.map((scope) => ({
      configFiles: scope.configFiles.map((file) => reportPath(report.root, file)),
      weakened: weakened(scope),
      guardFunctions: scope.config.guardFunctions,
      approvalFunctions: scope.config.approvalFunctions,
      auditFunctions: scope.config.auditFunctions,
      vendorGlobs: scope.config.vendorGlobs,
    })),
    baselined: report.baselined,
    suppressed: report.suppressed.length,
    fromCache: report.notes.fromCache,
    symlinksOutside: report.notes.symlinksOutside,
    compiledPackages: report.notes.compiledPackages,
    failOnProblems: report.options.failOnProblems === true,
  };
}
