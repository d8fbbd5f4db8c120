// Report formats on engine-shaped sample results: snapshots, schema validity, fingerprints and exit codes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { applyBaseline } from '../../src/cli/baseline';
import { FINGERPRINT_KEY } from '../../src/report/fingerprint';
import { formatInventory } from '../../src/report/format/inventory';
import { formatJson } from '../../src/report/format/json';
import { formatMarkdown } from '../../src/report/format/markdown';
import { formatSarif } from '../../src/report/format/sarif';
import { formatStylish } from '../../src/report/format/stylish';
import { buildReport, exitCodeFor, type ReportOptions, type ScanReport } from '../../src/report/report';
import { defaultConfig, ruleIds } from '../../src/engine/index';
import { repoRoot } from '../support/paths';
import { sampleProblem, sampleResults } from './sample-results';
import { multitoolValidate, sarifSchemaErrors } from './sarif-validation';
import { matchSnapshot, withoutRuleDocs } from './support';

function sampleReport(options: Partial<ReportOptions> = {}, shift = 0): ScanReport {
  return buildReport({
    root: repoRoot(),
    results: sampleResults(shift),
    problems: [sampleProblem],
    scopes: [{ configFiles: [], config: defaultConfig(), include: [], exclude: [], files: 2 }],
    options: { failOn: 'error', quiet: false, ...options },
    filesScanned: 2,
  });
}

describe('cli formats (sample results)', () => {
  it('stylish groups by file with 1-based columns, rule docs and a summary line', () => {
    const text = formatStylish(sampleReport());
    assert.ok(!text.includes('\u001b['), 'no colour unless asked');
    matchSnapshot('format-stylish.txt', text);
  });

  it('stylish colours severities only when asked', () => {
    assert.match(formatStylish(sampleReport(), { colour: true }), /\u001b\[31merror/);
  });

  it('markdown has summary tables by rule and by tool, then each finding, then the docs it cites', () => {
    const text = formatMarkdown(sampleReport());
    matchSnapshot('format-markdown.md', withoutRuleDocs(text));
    // Links work where the report is read (a PR comment): anchors into the appendix and public URLs only.
    for (const [, target] of text.matchAll(/\]\(([^)]+)\)/g))
      assert.match(target ?? '', /^(#[a-z-]+|https:\/\/)/, `link ${target} does not work outside this machine`);
    assert.deepEqual(
      [...text.matchAll(/^### ([a-z-]+)$/gm)].map((match) => match[1]),
      ['missing-audit-hook', 'unscoped-filesystem', 'unscoped-network'],
      'one appendix entry per cited rule, suppressed ones included',
    );
    assert.match(text, /^Configuration: built-in defaults \\\(no \.agent-risk\.json file\\\)\.$/m);
  });

  it('inventory lists each tool with its capabilities, guards, approval, audit and findings', () => {
    matchSnapshot('format-inventory.txt', formatInventory(sampleReport()));
  });

  it('json validates against rules/report.schema.json and keeps findings sorted', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'rules', 'report.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const report = JSON.parse(formatJson(sampleReport())) as {
      findings: Array<{ file: string; range: { start: { line: number } }; ruleId: string }>;
      suppressed: Array<{ suppression: { justification: string } }>;
    };
    assert.equal(validate(report), true, JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(
      report.findings.map((finding) => `${finding.file}:${finding.range.start.line} ${finding.ruleId}`),
      [
        'test/cli/fixtures/format/src/tools.js:6 missing-audit-hook',
        'test/cli/fixtures/format/src/tools.js:10 unscoped-network',
        'test/cli/fixtures/format/src/tools.js:14 missing-audit-hook',
      ],
    );
    assert.equal(report.suppressed[0]?.suppression.justification, 'the container mounts only /var/log read-only');
  });

  it('sarif is valid against the SARIF 2.1.0 schema and carries rules, taxonomies, fingerprints and suppressions', () => {
    const log = JSON.parse(formatSarif(sampleReport())) as {
      runs: Array<{
        tool: {
          driver: {
            rules: Array<{
              id: string;
              helpUri: string;
              help: { markdown: string; text: string };
              properties: { tags: string[]; 'security-severity': string };
            }>;
          };
        };
        taxonomies: Array<{ name: string; taxa: Array<{ id: string }> }>;
        results: Array<{
          ruleId: string;
          level: string;
          partialFingerprints: Record<string, string>;
          relatedLocations?: unknown[];
          codeFlows?: Array<{
            threadFlows: Array<{
              locations: Array<{
                location: { physicalLocation: { artifactLocation: { uri: string } }; message: { text: string } };
              }>;
            }>;
          }>;
          suppressions?: Array<{ kind: string; justification?: string }>;
          locations: Array<{ physicalLocation: { region: { startColumn: number } } }>;
        }>;
      }>;
    };
    assert.deepEqual(sarifSchemaErrors(log), []);
    const [run] = log.runs;
    assert.ok(run !== undefined);
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => rule.id),
      [...ruleIds],
    );
    const network = run.tool.driver.rules.find((rule) => rule.id === 'unscoped-network');
    assert.ok(network?.properties.tags.includes('external/cwe/cwe-918'));
    // The help travels inside the log and the link is public: nothing names the machine that scanned.
    assert.equal(network?.helpUri, 'https://github.com/agent-risk/agent-risk-lint/blob/main/rules/unscoped-network.md');
    assert.match(network?.help.markdown ?? '', /^# unscoped-network\n/);
    assert.doesNotMatch(network?.help.text ?? '', /^#|\*\*/m, 'help.text is plain text');
    const text = JSON.stringify(log);
    assert.ok(!text.includes('file://'), 'a file URI in the log');
    assert.ok(!text.includes(repoRoot()), 'the scanning folder in the log');
    assert.ok(Number(network?.properties['security-severity']) >= 7);
    assert.ok(
      run.taxonomies.some(
        (taxonomy) => taxonomy.name === 'CWE' && taxonomy.taxa.some((taxon) => taxon.id === 'CWE-918'),
      ),
    );
    const result = run.results.find((entry) => entry.ruleId === 'unscoped-network');
    assert.equal(result?.level, 'error');
    assert.equal(result?.relatedLocations?.length, 2);
    // The path view: input → the call in the handler → the request in the helper.
    assert.deepEqual(
      result?.codeFlows?.[0]?.threadFlows[0]?.locations.map(
        ({ location }) => `${location.physicalLocation.artifactLocation.uri}: ${location.message.text}`,
      ),
      [
        'test/cli/fixtures/format/src/tools.js: Model-controlled value',
        'test/cli/fixtures/format/src/tools.js: The input is passed on here.',
        'test/cli/fixtures/format/src/http.js: The request is made here',
      ],
    );
    assert.equal(
      run.results.find((entry) => entry.ruleId === 'missing-audit-hook')?.codeFlows,
      undefined,
      'no path for a finding with no input step',
    );
    assert.equal(result?.locations[0]?.physicalLocation.region.startColumn, 12, 'SARIF columns are 1-based');
    assert.match(result?.partialFingerprints[FINGERPRINT_KEY] ?? '', /^[0-9a-f]{32}$/);
    const suppressed = run.results.find((entry) => entry.suppressions !== undefined);
    assert.deepEqual(suppressed?.suppressions, [
      { kind: 'inSource', status: 'accepted', justification: 'the container mounts only /var/log read-only' },
    ]);
  });

  it('sarif passes sarif-multitool validate (SARIF and GitHub rules) with no errors or warnings', function () {
    this.timeout(120_000);
    const { errors, warnings } = multitoolValidate(formatSarif(sampleReport()));
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
  });

  it('every export names the configuration that produced it: files read and severity overrides', () => {
    const report = sampleReport({ overrides: [{ source: '--rule', rules: [['unscoped-network', 'warning']] }] });
    report.notes.configFiles = ['.agent-risk.json'];
    const json = JSON.parse(formatJson(report)) as {
      configuration: { overrides: unknown };
      scan: { configFiles: string[] };
    };
    assert.deepEqual(json.configuration.overrides, [
      { source: '--rule', rules: [{ rule: 'unscoped-network', severity: 'warning' }] },
    ]);
    assert.deepEqual(json.scan.configFiles, ['.agent-risk.json']);
    const sarif = JSON.parse(formatSarif(report)) as {
      runs: Array<{
        invocations: Array<{
          properties: { configFiles: string[]; severityOverrides: unknown };
          toolConfigurationNotifications: Array<{ descriptor: { id: string }; message: { text: string } }>;
        }>;
      }>;
    };
    const invocation = sarif.runs[0]?.invocations[0];
    assert.deepEqual(invocation?.properties.configFiles, ['.agent-risk.json']);
    assert.deepEqual(invocation?.properties.severityOverrides, [
      { source: '--rule', rules: { 'unscoped-network': 'warning' } },
    ]);
    assert.ok(
      invocation?.toolConfigurationNotifications.some(
        (note) =>
          note.descriptor.id === 'severity-overrides' &&
          note.message.text === 'Rule severities overridden by --rule: unscoped-network=warning.',
      ),
    );
    assert.match(
      formatMarkdown(report),
      /^Configuration: \.agent-risk\.json; severities overridden by --rule: unscoped-network=warning\.$/m,
    );
  });

  it('fingerprints survive lines moving, so a baseline still matches', () => {
    const before = sampleReport();
    const after = sampleReport({}, 7);
    assert.notDeepEqual(
      after.findings.map((finding) => finding.range.start.line),
      before.findings.map((finding) => finding.range.start.line),
    );
    assert.deepEqual(
      after.findings.map((finding) => finding.fingerprint),
      before.findings.map((finding) => finding.fingerprint),
    );
    const filtered = applyBaseline(after, new Set(before.findings.map((finding) => finding.fingerprint)));
    assert.deepEqual(filtered.findings, []);
    assert.equal(filtered.baselined, 3);
  });

  it('exit code follows --fail-on and --max-warnings', () => {
    assert.equal(exitCodeFor(sampleReport({ failOn: 'error' })), 1);
    assert.equal(exitCodeFor(sampleReport({ failOn: 'never' })), 0);
    const warningsOnly = sampleReport({ failOn: 'error' });
    warningsOnly.findings = warningsOnly.findings.filter((finding) => finding.severity === 'warning');
    assert.equal(exitCodeFor(warningsOnly), 0);
    assert.equal(exitCodeFor({ ...warningsOnly, options: { ...warningsOnly.options, failOn: 'warning' } }), 1);
    assert.equal(exitCodeFor({ ...warningsOnly, options: { ...warningsOnly.options, maxWarnings: 2 } }), 0);
    assert.equal(exitCodeFor({ ...warningsOnly, options: { ...warningsOnly.options, maxWarnings: 1 } }), 1);
  });

  it('--quiet shows errors only but still counts warnings in the summary', () => {
    const text = formatStylish(sampleReport({ quiet: true }));
    assert.ok(!text.includes('missing-audit-hook  '), text);
    assert.match(text, /3 findings \(1 error, 2 warnings\)/);
  });
});
