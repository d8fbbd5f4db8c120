// A finding whose effect is inferred from names carries its confidence into the JSON report and SARIF (rank, precision).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { defaultConfig } from '../../src/engine/index';
import { formatJson } from '../../src/report/format/json';
import { formatSarif } from '../../src/report/format/sarif';
import { buildReport, type ScanReport } from '../../src/report/report';
import { repoRoot } from '../support/paths';
import { sampleResults } from './sample-results';
import { sarifSchemaErrors } from './sarif-validation';

/** The sample report with its network finding marked as inferred. */
function reportWithMediumFinding(): ScanReport {
  const results = sampleResults();
  for (const { result } of results)
    for (const finding of result.findings) if (finding.ruleId === 'unscoped-network') finding.confidence = 'medium';
  return buildReport({
    root: repoRoot(),
    results,
    problems: [],
    scopes: [{ configFiles: [], config: defaultConfig(), include: [], exclude: [], files: 2 }],
    options: { failOn: 'error', quiet: false },
    filesScanned: 2,
  });
}

describe('cli formats: finding confidence', () => {
  it('json shows confidence medium and stays valid against rules/report.schema.json', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'rules', 'report.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const report = JSON.parse(formatJson(reportWithMediumFinding())) as {
      findings: Array<{ ruleId: string; confidence?: string }>;
    };
    assert.equal(validate(report), true, JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(
      report.findings.map((finding) => `${finding.ruleId}:${finding.confidence ?? 'high'}`),
      ['missing-audit-hook:high', 'unscoped-network:medium', 'missing-audit-hook:high'],
    );
  });

  it('sarif gives an inferred finding a rank and precision medium, and leaves cataloged ones alone', () => {
    const log = JSON.parse(formatSarif(reportWithMediumFinding())) as {
      runs: Array<{ results: Array<{ ruleId: string; rank?: number; properties: { precision?: string } }> }>;
    };
    assert.deepEqual(sarifSchemaErrors(log), []);
    const results = log.runs[0]?.results ?? [];
    const inferred = results.find((result) => result.ruleId === 'unscoped-network');
    assert.equal(inferred?.rank, 50);
    assert.equal(inferred?.properties.precision, 'medium');
    const cataloged = results.find((result) => result.ruleId === 'missing-audit-hook');
    assert.equal(cataloged?.rank, undefined);
    assert.equal(cataloged?.properties.precision, undefined);
  });
});
