// Reads and writes baseline files: the fingerprints of accepted findings, so a scan reports only new ones.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';
import type { ScanReport } from '../report/report';
import { writeFileReplacing } from '../scan/write-file';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  tool: string;
  /** For people reading the file in review; matching uses the fingerprint only. */
  message: string;
}

export interface BaselineFile {
  version: number;
  tool: string;
  findings: BaselineEntry[];
}

export function readBaseline(file: string): Set<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`Cannot read the baseline ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const baseline = parsed as Partial<BaselineFile> | null;
  if (
    baseline === null ||
    typeof baseline !== 'object' ||
    baseline.version !== BASELINE_VERSION ||
    !Array.isArray(baseline.findings)
  ) {
    throw new CliError(`The baseline ${file} is not a version ${BASELINE_VERSION} agent-risk baseline.`);
  }
  return new Set(
    baseline.findings.map((entry) => entry.fingerprint).filter((value): value is string => typeof value === 'string'),
  );
}

export function writeBaseline(file: string, report: ScanReport): void {
  const content: BaselineFile = {
    version: BASELINE_VERSION,
    tool: report.tool.name,
    findings: report.findings.map((finding) => ({
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      file: finding.file,
      tool: finding.tool?.name ?? '',
      message: finding.message,
    })),
  };
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileReplacing(path.resolve(file), `${JSON.stringify(content, null, 2)}\n`);
  } catch (error) {
    throw new CliError(`Cannot write the baseline ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The report without findings whose fingerprint the baseline holds. */
export function applyBaseline(report: ScanReport, fingerprints: Set<string>): ScanReport {
  const findings = report.findings.filter((finding) => !fingerprints.has(finding.fingerprint));
  return { ...report, findings, baselined: report.baselined + report.findings.length - findings.length };
}
