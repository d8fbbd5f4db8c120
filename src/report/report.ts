// The scan report every format renders: findings with report-relative paths, fingerprints, sorted, summarised.
import * as path from 'node:path';
import { escape as escapeGlob } from 'minimatch';
import { ENGINE_VERSION } from '../engine/config';
import { mergeDelegatedFindings } from '../engine/delegated-results';
import type { Finding, LintResult, Problem, Range, ReportedSeverity, Severity, ToolInfo } from '../engine/types';
import { fingerprint, lineAt } from './fingerprint';
import { packageVersion } from '../scan/package-info';
import type { ScanScope } from '../scan/scan';
import type { DroppedPaths } from '../scan/walk';

export type FailOn = 'error' | 'warning' | 'info' | 'never';

export interface ReportFinding extends Finding {
  /** Stable identity across runs; see fingerprint.ts. */
  fingerprint: string;
}

/** One configuration in force and how many scanned files it applied to. */
/** The configuration scopes of a scan, as the report lists them. */
export type ReportScope = ScanScope;

/** Rule severities set outside the configuration files, by where they came from (`--rule`, editor settings). */
export interface SeverityOverride {
  source: string;
  rules: Array<[string, Severity]>;
}

export interface ReportOptions {
  failOn: FailOn;
  /** Exit 1 when any file is not analysed (`--fail-on-problems` or `failOnProblems`). */
  failOnProblems?: boolean;
  maxWarnings?: number;
  quiet: boolean;
  baseline?: string;
  /** Severities that override the configuration files; every export names them beside the files. */
  overrides?: SeverityOverride[];
}

/** What the walk and the cache did that changes which files and results a report holds. */
export interface ScanNotes {
  /** Every configuration file read, also those whose files were all excluded (report paths). */
  configFiles: string[];
  /** What each exclude source left out; `source` is a report path, DEFAULT_SOURCE or `include`. */
  dropped: DroppedPaths[];
  /** Symlinks not followed because they lead out of the scanned folder (report paths). */
  symlinksOutside: string[];
  /** Packages whose build output was scanned because they had no other source (report paths). */
  compiledPackages: string[];
  /** Results served from the `--cache` file instead of linted in this run. */
  fromCache: number;
}

export const NO_NOTES: ScanNotes = {
  configFiles: [],
  dropped: [],
  symlinksOutside: [],
  compiledPackages: [],
  fromCache: 0,
};

export interface ScanReport {
  tool: { name: string; version: string; engineVersion: string };
  /** Absolute folder every path in the report is relative to (the working directory). */
  root: string;
  findings: ReportFinding[];
  suppressed: ReportFinding[];
  tools: ToolInfo[];
  problems: Problem[];
  scopes: ReportScope[];
  options: ReportOptions;
  filesScanned: number;
  /** Findings left out because the baseline already had them. */
  baselined: number;
  notes: ScanNotes;
}

export interface Summary {
  filesScanned: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  suppressed: number;
  baselined: number;
  problems: number;
  tools: number;
  fromCache: number;
}

export interface ReportInput {
  root: string;
  /** Each file's result with the text it was linted from (fingerprints read lines from it). */
  results: Array<{ result: LintResult; text: string | undefined }>;
  problems: Problem[];
  scopes: ReportScope[];
  options: ReportOptions;
  filesScanned: number;
  /** Absolute paths, made report paths here. */
  notes?: Partial<ScanNotes>;
}

/** A path as reports show it: relative to the root, with forward slashes on every platform. */
export function reportPath(root: string, file: string): string {
  const relative = path.relative(root, path.resolve(root, file));
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

/** Shows a glob the loader anchored at an absolute folder relative to the report root, as users wrote it. */
export function relativeGlob(root: string, glob: string): string {
  const negated = glob.startsWith('!');
  const body = negated ? glob.slice(1) : glob;
  const prefix = `${escapeGlob(root.split(path.sep).join('/').replace(/\/$/, ''))}/`;
  const relative = body.startsWith(prefix) ? body.slice(prefix.length) : body;
  return negated ? `!${relative}` : relative;
}

export function buildReport(input: ReportInput): ScanReport {
  const rel = (file: string): string => reportPath(input.root, file);
  const texts = new Map<string, string>();
  for (const { result, text } of input.results) if (text !== undefined) texts.set(rel(result.file), text);
  // Results not from one lint loop (several folders' scans) may still hold findings moved to another file.
  const results = mergeDelegatedFindings(input.results.map(({ result }) => result));

  const relFinding = (finding: Finding): Finding => {
    const copy: Finding = {
      ...finding,
      file: rel(finding.file),
      related: finding.related.map((related) => ({ ...related, file: rel(related.file) })),
    };
    if (finding.tool !== undefined) copy.tool = { ...finding.tool, file: rel(finding.tool.file) };
    if (finding.suppression?.file !== undefined)
      copy.suppression = { ...finding.suppression, file: rel(finding.suppression.file) };
    if (finding.sharedWith !== undefined)
      copy.sharedWith = finding.sharedWith.map((tool) => ({ ...tool, file: rel(tool.file) }));
    return copy;
  };
  const findings = withFingerprints(
    results.flatMap((result) => result.findings.map(relFinding)).sort(compareFindings),
    texts,
  );
  const suppressed = withFingerprints(
    results.flatMap((result) => result.suppressed.map(relFinding)).sort(compareFindings),
    texts,
  );

  const tools = input.results
    .flatMap(({ result }) => result.tools)
    .map((tool): ToolInfo => {
      const copy: ToolInfo = {
        ...tool,
        file: rel(tool.file),
        capabilities: tool.capabilities.map((capability) => ({ ...capability, file: rel(capability.file) })),
      };
      if (tool.handler !== undefined) copy.handler = { ...tool.handler, file: rel(tool.handler.file) };
      return copy;
    })
    .sort((a, b) => compareLocations(a.file, a.range, b.file, b.range) || a.name.localeCompare(b.name));

  const problems = [...input.problems, ...input.results.flatMap(({ result }) => result.problems)]
    .map((problem) => ({ ...problem, file: rel(problem.file) }))
    .sort((a, b) => compareText(a.file, b.file) || compareText(a.kind, b.kind) || compareText(a.message, b.message));

  return {
    tool: { name: 'agent-risk', version: packageVersion(), engineVersion: ENGINE_VERSION },
    root: input.root,
    findings,
    suppressed,
    tools,
    problems,
    scopes: input.scopes,
    options: input.options,
    filesScanned: input.filesScanned,
    baselined: 0,
    notes: {
      // The scopes' files too, so a caller that passes no notes (the editor's export) still names them.
      configFiles: [
        ...new Set(
          [...(input.notes?.configFiles ?? []), ...input.scopes.flatMap((scope) => scope.configFiles)].map(rel),
        ),
      ],
      dropped: (input.notes?.dropped ?? []).map((entry) => ({
        ...entry,
        source: path.isAbsolute(entry.source) ? rel(entry.source) : entry.source,
        globs: entry.globs.map((glob) => relativeGlob(input.root, glob)),
      })),
      symlinksOutside: (input.notes?.symlinksOutside ?? []).map(rel),
      compiledPackages: (input.notes?.compiledPackages ?? []).map(rel),
      fromCache: input.notes?.fromCache ?? 0,
    },
  };
}

/** Code-unit order rather than locale order, so reports are identical on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocations(fileA: string, a: Range, fileB: string, b: Range): number {
  return compareText(fileA, fileB) || a.start.line - b.start.line || a.start.column - b.start.column;
}

/** Report order: file, line, column, rule id, then message so ties are still deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareLocations(a.file, a.range, b.file, b.range) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

function withFingerprints(findings: Finding[], texts: Map<string, string>): ReportFinding[] {
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const text = texts.get(finding.file) ?? '';
    const input = {
      ruleId: finding.ruleId,
      file: finding.file,
      toolName: finding.tool?.name ?? '',
      lineText: lineAt(text, finding.range.start.offset),
    };
    const key = JSON.stringify(input);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return { ...finding, fingerprint: fingerprint(input, occurrence) };
  });
}

const RANK: Record<ReportedSeverity, number> = { hint: 0, info: 1, warning: 2, error: 3 };
const FAIL_RANK: Record<FailOn, number> = { info: 1, warning: 2, error: 3, never: Number.POSITIVE_INFINITY };

export function summarise(report: ScanReport): Summary {
  const count = (severity: ReportedSeverity): number =>
    report.findings.filter((finding) => finding.severity === severity).length;
  return {
    filesScanned: report.filesScanned,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    hints: count('hint'),
    suppressed: report.suppressed.length,
    baselined: report.baselined,
    problems: report.problems.length,
    tools: report.tools.length,
    fromCache: report.notes.fromCache,
  };
}

/**
 * 1 when a finding reaches `--fail-on`, warnings exceed `--max-warnings`, or (with `--fail-on-problems`)
 * a file was not analysed; else 0.
 */
export function exitCodeFor(report: ScanReport): 0 | 1 {
  if (report.options.failOnProblems === true && report.problems.length > 0) return 1;
  const threshold = FAIL_RANK[report.options.failOn];
  if (report.findings.some((finding) => RANK[finding.severity] >= threshold)) return 1;
  const { maxWarnings } = report.options;
  if (maxWarnings !== undefined && summarise(report).warnings > maxWarnings) return 1;
  return 0;
}

/** The findings a format prints: with `--quiet`, errors only (the exit code still counts everything). */
export function shownFindings(report: ScanReport): ReportFinding[] {
  return report.options.quiet ? report.findings.filter((finding) => finding.severity === 'error') : report.findings;
}
