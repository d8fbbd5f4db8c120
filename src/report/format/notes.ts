// What changed the verdict of a scan, for every format: configuration read, excludes that dropped files, rule
// overrides, configured guard/approval/audit names, baseline, suppressions, cache, symlinks and compiled packages.
import { defaultConfig, severityFor } from '../../engine/config';
import { rules } from '../../rules/index';
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

/** Where a scope's settings came from: its files, then (for severities) the overrides layered on them. */
function scopeName(report: ScanReport, scope: ScanReport['scopes'][number], severities = false): string {
  const files = scope.configFiles.map((file) => reportPath(report.root, file));
  const overrides = (severities ? (report.options.overrides ?? []) : [])
    .filter((entry) => entry.rules.length > 0)
    .map((entry) => entry.source);
  const sources = [...files, ...overrides];
  return sources.length === 0 ? 'the command line' : sources.join(' + ');
}

/** `--rule: a=warning, b=off` for each source of overrides, or nothing. */
function overrideTexts(report: ScanReport): string[] {
  return (report.options.overrides ?? [])
    .filter((override) => override.rules.length > 0)
    .map(
      (override) => `${override.source}: ${override.rules.map(([rule, severity]) => `${rule}=${severity}`).join(', ')}`,
    );
}

/** Which configuration produced the report, in one sentence: the files read (or defaults) and any overrides. */
export function configurationSummary(report: ScanReport): string {
  const files = report.notes.configFiles;
  const base = files.length === 0 ? 'built-in defaults (no .agent-risk.json file)' : list(files);
  const overrides = overrideTexts(report);
  return `Configuration: ${base}${overrides.length === 0 ? '' : `; severities overridden by ${overrides.join('; ')}`}.`;
}

/** The notes in a fixed order; empty for a plain scan with no configuration, excludes or baseline. */
export function scanNotes(report: ScanReport): ScanNote[] {
  const notes: ScanNote[] = [];
  const { notes: scan } = report;
  if (scan.configFiles.length > 0)
    notes.push({ id: 'config-files', text: `Configuration read: ${list(scan.configFiles)}.` });
  for (const text of overrideTexts(report))
    notes.push({ id: 'severity-overrides', text: `Rule severities overridden by ${text}.` });
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
        text: `Rules off or downgraded by ${scopeName(report, scope, true)}: ${list(off)}.`,
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
    severityOverrides: (report.options.overrides ?? []).map((override) => ({
      source: override.source,
      rules: Object.fromEntries(override.rules),
    })),
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
