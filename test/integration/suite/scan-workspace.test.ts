// What a reviewer does: the workspace scan (in a worker thread) fills the Problems panel for every file and exports reports.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScanSummary } from '../../../src/vscode/scan-workspace';
import type { ScanState } from '../../../src/vscode/scan-workspace';
import { closeAll, extensionApi, setSetting, stallMeter, withRule, workspaceUri } from './helpers';

describe('workspace scan', () => {
  let summary: ScanSummary | undefined;
  const states: ScanState[] = [];

  before(async () => {
    await closeAll();
    const api = await extensionApi();
    const subscription = api.scanner.onDidChangeState((state) => states.push(state));
    summary = await vscode.commands.executeCommand<ScanSummary | undefined>('agentRisk.scanWorkspace');
    subscription.dispose();
  });

  it('puts findings of files nobody opened in the Problems panel', () => {
    const findings = withRule(workspaceUri('src/untouched.ts'), 'unscoped-filesystem');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.range.start.line, 9);
  });

  it('summarises the scan with counts by rule', () => {
    assert.ok(summary, 'the scan finished');
    assert.equal(summary.files, 11);
    assert.equal(summary.tools, 10);
    assert.equal(summary.byRule['unbounded-transaction'], 3);
    assert.equal(summary.byRule['unscoped-network'], 2);
    assert.equal(summary.byRule['missing-audit-hook'], 9);
  });

  it('reports progress as files done out of the total', () => {
    const scanning = states.filter(
      (state): state is Extract<ScanState, { kind: 'scanning' }> => state.kind === 'scanning',
    );
    assert.ok(scanning.length > 1, 'progress updates');
    assert.equal(scanning[0]?.total, summary?.files);
    assert.deepEqual(states.at(-1), { kind: 'idle' });
  });

  it('exports the scan as SARIF 2.1.0 with one result per finding', async () => {
    const file = path.join(os.tmpdir(), `agent-risk-${process.pid}.sarif`);
    const written = await vscode.commands.executeCommand<string>('agentRisk.exportSarif', file);
    assert.equal(written, file);
    const sarif = JSON.parse(await fs.readFile(file, 'utf8')) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string }> }>;
    };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0]?.results.length, summary?.findings);
    await fs.rm(file, { force: true });
  });

  it('exports the scan as a Markdown report', async () => {
    const file = path.join(os.tmpdir(), `agent-risk-${process.pid}.md`);
    await vscode.commands.executeCommand<string>('agentRisk.exportMarkdown', file);
    const markdown = await fs.readFile(file, 'utf8');
    assert.match(markdown, /unbounded-transaction/);
    assert.match(markdown, /src\/untouched\.ts/);
    assert.doesNotMatch(markdown, /severities overridden/);
    await fs.rm(file, { force: true });
  });

  it('says in an export that personal editor settings override a rule severity of the team', async () => {
    const file = path.join(os.tmpdir(), `agent-risk-${process.pid}-overridden.md`);
    await setSetting('rules', { 'missing-audit-hook': 'info' });
    try {
      await vscode.commands.executeCommand<string>('agentRisk.exportMarkdown', file);
      const markdown = await fs.readFile(file, 'utf8');
      // Markdown escapes the parentheses.
      assert.match(markdown, /severities overridden by editor settings \\?\([^)]*\): missing-audit-hook=info/);
    } finally {
      await setSetting('rules', undefined);
      await fs.rm(file, { force: true });
    }
  });

  describe('on a larger workspace', () => {
    const generated = (): string => workspaceUri('generated').fsPath;
    before(async () => {
      // 300 tool files: enough that linting them on the extension host's thread would stall it for seconds.
      const source = await fs.readFile(workspaceUri('src/fetch-page.ts').fsPath, 'utf8');
      await fs.mkdir(generated(), { recursive: true });
      await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          fs.writeFile(path.join(generated(), `tool-${i}.ts`), source.replace('fetchPage', `fetchPage${i}`)),
        ),
      );
    });
    after(async () => {
      await fs.rm(generated(), { recursive: true, force: true });
    });

    it('keeps the extension host responsive while it scans', async () => {
      const meter = stallMeter();
      const result = await vscode.commands.executeCommand<ScanSummary | undefined>('agentRisk.scanWorkspace');
      const worstLag = meter.stop();
      assert.equal(result?.files, 311);
      assert.ok(
        worstLag < 250,
        `the extension host's event loop stalled for ${worstLag} ms during the scan (${result?.millis} ms)`,
      );
    });

    it('stops when cancelled and keeps the previous results', async () => {
      const api = await extensionApi();
      const before = withRule(workspaceUri('generated/tool-0.ts'), 'unscoped-network').length;
      const source = new vscode.CancellationTokenSource();
      const subscription = api.scanner.onDidChangeState((state) => {
        if (state.kind === 'scanning') source.cancel();
      });
      const record = await api.scanner.scan(source.token);
      subscription.dispose();
      assert.equal(record, undefined);
      assert.equal(api.scanner.state.kind, 'idle');
      assert.equal(withRule(workspaceUri('generated/tool-0.ts'), 'unscoped-network').length, before);
    });
  });
});
