// End-to-end findings on the bundled example project: these assertions need the analysis engine
// (they fail against the stub engine, which reports nothing) and describe what a user must see.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { multitoolValidate, sarifSchemaErrors } from './sarif-validation';
import { matchSnapshot, RISKY_FETCH_TOOL, runCli, scratchDir, withoutRuleDocs, writeTree } from './support';

interface Located {
  ruleId: string;
  file: string;
  range: { start: { line: number } };
  tool?: { name: string };
  suppression?: { justification: string };
}
interface JsonReport {
  findings: Located[];
  suppressed: Located[];
  tools: Array<{ name: string; file: string; framework: string; analysable: boolean }>;
  problems: Array<{ kind: string; file: string }>;
}

const SINK_RULES = ['unscoped-network', 'unscoped-filesystem', 'unscoped-process', 'unbounded-transaction'];

/** The 1-based line of the first occurrence of `needle` in an example file, so expectations follow edits. */
function lineOf(file: string, needle: string): number {
  const text = fs.readFileSync(path.join(repoRoot(), file), 'utf8');
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in ${file}`);
  return text.slice(0, offset).split('\n').length;
}

function scan(args: string[], cwd = repoRoot()): { status: number | null; report: JsonReport; stderr: string } {
  const run = runCli(['scan', '--format', 'json', ...args], { cwd });
  assert.ok(run.stdout.length > 0, run.stderr);
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

const key = (finding: Located): string => `${finding.ruleId} ${finding.file}:${finding.range.start.line}`;

describe('cli with the analysis engine: examples/', () => {
  it('reports each risky tool at its sink and none of the safe twins', () => {
    const { status, report } = scan(['examples']);
    assert.equal(status, 1, 'error findings make the scan fail');
    const sinkFindings = report.findings
      .filter((finding) => SINK_RULES.includes(finding.ruleId))
      .map(key)
      .sort();
    assert.deepEqual(
      sinkFindings,
      [
        `unscoped-network examples/src/ai-sdk/web-tools.ts:${lineOf('examples/src/ai-sdk/web-tools.ts', 'return download(url);')}`,
        `unbounded-transaction examples/src/openai-agents/payments.ts:${lineOf('examples/src/openai-agents/payments.ts', 'stripe.refunds.create(')}`,
        `unscoped-filesystem examples/src/mcp/files-server.ts:${lineOf('examples/src/mcp/files-server.ts', "readFile(file, 'utf8')")}`,
        `unscoped-process examples/src/mastra/shell.ts:${lineOf('examples/src/mastra/shell.ts', 'execSync(input.command')}`,
      ].sort(),
    );
  });

  it('reports a missing audit hook on exactly the four risky tools, as configured (warning)', () => {
    const { report } = scan(['examples']);
    const audit = report.findings.filter((finding) => finding.ruleId === 'missing-audit-hook');
    assert.deepEqual(audit.map((finding) => finding.file).sort(), [
      'examples/src/ai-sdk/web-tools.ts',
      'examples/src/mastra/shell.ts',
      'examples/src/mcp/files-server.ts',
      'examples/src/openai-agents/payments.ts',
    ]);
    assert.deepEqual(
      audit
        .map((finding) => finding.tool?.name)
        .filter((name) => name !== 'fetchPage')
        .sort(),
      ['read_file', 'refund_order', 'run-command'],
    );
  });

  it('honours the suppression with its reason', () => {
    const { report } = scan(['examples']);
    assert.deepEqual(
      report.suppressed.map((finding) => [finding.ruleId, finding.file, finding.suppression?.justification]),
      [
        [
          'unscoped-network',
          'examples/src/langchain/status.ts',
          'requests leave through the egress proxy, which only allows *.internal.example.com',
        ],
      ],
    );
    assert.equal(
      report.findings.filter(
        (finding) => finding.ruleId.endsWith('-suppression') || finding.ruleId === 'missing-suppression-reason',
      ).length,
      0,
    );
  });

  it('inventory recognises all ten tools across five frameworks', () => {
    const run = runCli(['inventory', '--format', 'json', 'examples']);
    assert.equal(run.status, 0);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.tools.length, 10, report.tools.map((tool) => tool.name).join(', '));
    for (const name of [
      'refund_order',
      'refund_small_order',
      'read_file',
      'read_note',
      'run-command',
      'run-check',
      'check_status',
    ]) {
      assert.ok(
        report.tools.some((tool) => tool.name === name),
        `${name} not recognised`,
      );
    }
    assert.equal(new Set(report.tools.map((tool) => tool.framework)).size, 5);
    assert.ok(report.tools.every((tool) => tool.analysable));
  });

  it('exit codes: --fail-on never and turning every rule off both pass', () => {
    assert.equal(runCli(['scan', 'examples', '--fail-on', 'never']).status, 0);
    const off = scan(['examples', '--rule', '*=off']);
    assert.equal(off.status, 0);
    assert.deepEqual(off.report.findings, []);
    assert.equal(
      runCli([
        'scan',
        'examples',
        '--rule',
        'unscoped-*=warning',
        '--rule',
        'unbounded-transaction=warning',
        '--max-warnings',
        '100',
      ]).status,
      0,
    );
    assert.equal(
      runCli([
        'scan',
        'examples',
        '--rule',
        'unscoped-*=warning',
        '--rule',
        'unbounded-transaction=warning',
        '--max-warnings',
        '0',
      ]).status,
      1,
    );
  });

  it('stylish output matches its snapshot', () => {
    const run = runCli(['scan', 'examples']);
    assert.match(run.stdout, /examples\/src\/mastra\/shell\.ts\n(?: {2}.*\n)* {2}\d+:\d+ +error +.*unscoped-process\n/);
    matchSnapshot('examples-stylish.txt', run.stdout);
  });

  it('markdown output matches its snapshot', () => {
    const run = runCli(['scan', 'examples', '--format', 'markdown']);
    assert.match(run.stdout, /\| `unscoped-process` \| 1 \| 0 \|/);
    matchSnapshot('examples-markdown.md', withoutRuleDocs(run.stdout));
  });

  it('sarif with results passes the schema and sarif-multitool with no errors', function () {
    this.timeout(120_000);
    const run = runCli(['scan', 'examples', '--format', 'sarif']);
    const log = JSON.parse(run.stdout) as { runs: Array<{ results: unknown[] }> };
    assert.ok((log.runs[0]?.results.length ?? 0) >= 9, 'eight findings and one suppressed');
    assert.deepEqual(sarifSchemaErrors(log), []);
    const { errors, warnings } = multitoolValidate(run.stdout);
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
  });
});

describe('cli with the analysis engine: baseline round trip', () => {
  let dir = '';
  let cleanup = (): void => undefined;
  beforeEach(() => {
    ({ dir, cleanup } = scratchDir('baseline'));
    fs.cpSync(path.join(repoRoot(), 'examples'), path.join(dir, 'project'), { recursive: true });
  });
  afterEach(() => cleanup());

  it('reports nothing after unrelated edits, then exactly the findings of a newly added risky tool', () => {
    const written = runCli(['scan', 'project', '--write-baseline', 'baseline.json'], { cwd: dir });
    assert.equal(written.status, 0, 'writing a baseline accepts the current findings');
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8')) as { findings: unknown[] };
    assert.equal(baseline.findings.length, 8);

    // Unrelated edits: a header comment and blank lines move every finding down; a description changes.
    for (const file of [
      'src/ai-sdk/web-tools.ts',
      'src/openai-agents/payments.ts',
      'src/mcp/files-server.ts',
      'src/mastra/shell.ts',
    ]) {
      const full = path.join(dir, 'project', file);
      const text = fs
        .readFileSync(full, 'utf8')
        .replace(/\n\n/, '\n\n\n\n')
        .replace("description: '", "description: 'Edited: ");
      fs.writeFileSync(full, `// Copyright the example authors.\n// Licensed for testing.\n${text}`);
    }
    const rescan = scan(['project', '--baseline', 'baseline.json'], dir);
    assert.equal(rescan.status, 0, JSON.stringify(rescan.report.findings));
    assert.deepEqual(rescan.report.findings, []);

    writeTree(path.join(dir, 'project'), { 'src/ai-sdk/new-tool.ts': RISKY_FETCH_TOOL });
    const added = scan(['project', '--baseline', 'baseline.json'], dir);
    assert.equal(added.status, 1);
    assert.deepEqual(added.report.findings.map((finding) => finding.ruleId).sort(), [
      'missing-audit-hook',
      'unscoped-network',
    ]);
    assert.ok(added.report.findings.every((finding) => finding.file === 'project/src/ai-sdk/new-tool.ts'));
  });
});

describe('cli with the analysis engine: unparsable files', () => {
  it('reports a syntax error as a parse problem and goes on', () => {
    const { dir, cleanup } = scratchDir('parse');
    try {
      writeTree(dir, { 'broken.ts': 'export const x = tool({ execute: async ( => {\n', 'ok.ts': RISKY_FETCH_TOOL });
      const { status, report } = scan([dir]);
      assert.equal(status, 1, 'the parsable file is still linted');
      assert.deepEqual(
        report.problems.map((problem) => [problem.kind, path.basename(problem.file)]),
        [['parse', 'broken.ts']],
      );
      assert.ok(report.findings.some((finding) => finding.ruleId === 'unscoped-network'));
    } finally {
      cleanup();
    }
  });
});
