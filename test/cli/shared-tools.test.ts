// Tools that share one handler: one finding naming every tool, in every format, with a fingerprint that stays.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, lintText } from '../../src/engine/index';
import { formatJson } from '../../src/report/format/json';
import { formatMarkdown } from '../../src/report/format/markdown';
import { formatSarif } from '../../src/report/format/sarif';
import { formatStylish } from '../../src/report/format/stylish';
import { buildReport, type ScanReport } from '../../src/report/report';
import { repoRoot } from '../support/paths';

const FIXTURE = path.join(
  repoRoot(),
  'test',
  'fixtures',
  'unscoped-network',
  'invalid',
  'mcp-server-tool-two-names-one-handler.ts',
);

function reportOf(text: string): ScanReport {
  return buildReport({
    root: repoRoot(),
    results: [{ result: lintText(text, FIXTURE), text }],
    problems: [],
    scopes: [{ configFiles: [], config: defaultConfig(), include: [], exclude: [], files: 1 }],
    options: { failOn: 'error', quiet: false },
    filesScanned: 1,
  });
}

const network = (report: ScanReport) => report.findings.filter((finding) => finding.ruleId === 'unscoped-network');

describe('cli formats: tools sharing one handler', () => {
  const text = fs.readFileSync(FIXTURE, 'utf8');

  it('is one finding whose message, tool and sharedWith name both tools, in every format', () => {
    const report = reportOf(text);
    const [finding, ...rest] = network(report);
    assert.equal(rest.length, 0);
    assert.equal(finding?.tool?.name, 'fetch_page');
    assert.deepEqual(
      finding?.sharedWith?.map((tool) => tool.name),
      ['get_page'],
    );
    assert.deepEqual(
      report.tools.map((tool) => [tool.name, tool.findingRules.includes('unscoped-network')]),
      [
        ['fetch_page', true],
        ['get_page', true],
      ],
    );
    const json = JSON.parse(formatJson(report)) as { findings: Array<{ ruleId: string; sharedWith?: unknown[] }> };
    assert.equal(json.findings.filter((entry) => entry.ruleId === 'unscoped-network').length, 1);
    const sarif = JSON.parse(formatSarif(report)) as {
      runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; properties: { tools?: string[] } }> }>;
    };
    const results = sarif.runs[0]?.results.filter((entry) => entry.ruleId === 'unscoped-network') ?? [];
    assert.equal(results.length, 1);
    assert.deepEqual(results[0]?.properties.tools, ['fetch_page', 'get_page']);
    for (const rendered of [results[0]?.message.text ?? '', formatStylish(report), formatMarkdown(report)])
      assert.match(rendered, /The tools `fetch_page` and `get_page` both reach it\./);
    assert.match(formatMarkdown(report), /- Tools: `fetch_page` \([^)]*:14\), `get_page` \([^)]*:15\)/);
  });

  it('keeps the fingerprint of the first tool by name when another tool starts sharing the handler', () => {
    const alone = text.replace(/^server\.tool\('get_page'.*$/m, '');
    const [before] = network(reportOf(alone));
    const [after] = network(reportOf(text));
    assert.equal(before?.sharedWith, undefined);
    assert.equal(before?.fingerprint, after?.fingerprint);
  });
});
