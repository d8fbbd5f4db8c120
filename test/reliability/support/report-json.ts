// The parts of the CLI's `--format json` report the reliability suites read, parsed with a clear error when it is not JSON.

export interface JsonReport {
  findings: Array<{
    ruleId: string;
    severity: string;
    file: string;
    range: { start: { line: number; column: number } };
    tool?: { name: string };
    suppression?: { honoured: boolean };
  }>;
  suppressed: Array<{ ruleId: string; file: string }>;
  tools: Array<{ name: string; file: string }>;
  problems: Array<{ kind: string; file: string; message: string }>;
  summary: { filesScanned: number };
}

export function parseReport(stdout: string, stderr = ''): JsonReport {
  try {
    return JSON.parse(stdout) as JsonReport;
  } catch {
    throw new Error(
      `The CLI did not print a JSON report.\nstdout: ${stdout.slice(0, 2000)}\nstderr: ${stderr.slice(0, 2000)}`,
    );
  }
}
