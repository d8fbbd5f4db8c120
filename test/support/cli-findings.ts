// The findings `agent-risk scan --format json` reports for a folder, as other front ends' tests compare against them.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './paths';

export interface CliFinding {
  /** Report-relative path with forward slashes. */
  file: string;
  ruleId: string;
  severity: string;
  /** ESTree position: 1-based line, 0-based column. */
  line: number;
  column: number;
}

export function cliFindings(folder: string): CliFinding[] {
  const run = spawnSync(
    process.execPath,
    [path.join(repoRoot(), 'bin', 'agent-risk.js'), 'scan', '.', '--format', 'json', '--fail-on', 'never'],
    { cwd: folder, encoding: 'utf8' },
  );
  const report = JSON.parse(run.stdout) as {
    findings: Array<{
      file: string;
      ruleId: string;
      severity: string;
      range: { start: { line: number; column: number } };
    }>;
  };
  return report.findings.map((f) => ({
    file: f.file,
    ruleId: f.ruleId,
    severity: f.severity,
    line: f.range.start.line,
    column: f.range.start.column,
  }));
}
