// The server's messages beyond LSP that the VS Code client relies on (editor/protocol.ts), driven over stdio: trust,
// lint notifications, CodeLens and code actions naming the client's commands, the workspace scan and report export.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  type Diagnostic,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  WorkDoneProgress,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';
import {
  DID_CHANGE_TRUST,
  DID_LINT,
  type DidLintParams,
  EXPORT_REPORT,
  type InitializationOptions,
  parseScanProgress,
  SCAN_WORKSPACE,
  type ScanResponse,
} from '../../src/editor/protocol';
import { RISKY_FETCH_TOOL } from '../cli/support';
import { type ServerUnderTest, startServer } from './client';

const TOOL = RISKY_FETCH_TOOL;

const COMMANDS = { ruleDoc: 'test.ruleDoc', placeCursor: 'test.placeCursor', revealTool: 'test.revealTool' };

/** A scratch project: two tool files, a configuration file that turns unscoped-network off, and a project root. */
function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-lsp-'));
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, '.agent-risk.json'), '{ "root": true }\n');
  fs.writeFileSync(path.join(root, 'quiet.json'), '{ "root": true, "rules": { "unscoped-network": "off" } }\n');
  fs.writeFileSync(path.join(root, 'src', 'open.ts'), TOOL);
  fs.writeFileSync(path.join(root, 'src', 'closed.ts'), TOOL.replace('fetchPage', 'fetchOther'));
  return root;
}

async function initialise(server: ServerUnderTest, root: string, options: InitializationOptions): Promise<void> {
  await server.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).toString(),
    workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'project' }],
    capabilities: {
      textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: {}, codeLens: {} },
      window: { workDoneProgress: true },
    },
    initializationOptions: options,
  });
  await server.connection.sendNotification(InitializedNotification.type, {});
}

async function networkFindings(server: ServerUnderTest, uri: string): Promise<Diagnostic[]> {
  const report = await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  return report.kind === 'full' ? report.items.filter((item) => item.code === 'unscoped-network') : [];
}

describe('language server: the messages of the VS Code client', function () {
  this.timeout(120_000);
  let root: string;
  let server: ServerUnderTest;
  beforeEach(() => {
    root = project();
    server = startServer();
  });
  afterEach(() => {
    server.process.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('ignores agentRisk.configFile until the workspace is trusted (Restricted Mode)', async () => {
    await initialise(server, root, { settings: { configFile: 'quiet.json' }, trusted: false });
    const uri = pathToFileURL(path.join(root, 'src', 'open.ts')).toString();
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'typescript', version: 1, text: TOOL },
    });
    assert.equal((await networkFindings(server, uri)).length, 1, 'untrusted: the configuration file is not read');
    await server.connection.sendNotification(DID_CHANGE_TRUST, { trusted: true });
    assert.equal((await networkFindings(server, uri)).length, 0, 'trusted: the configuration file turns the rule off');
  });

  it('stops the search for .agent-risk.json at the workspace folder', async () => {
    // A configuration above the folder that turns every rule off must not reach the folder's files.
    const folder = path.join(root, 'checkout');
    fs.mkdirSync(path.join(folder, 'src'), { recursive: true });
    fs.writeFileSync(path.join(root, '.agent-risk.json'), '{ "rules": { "*": "off" } }\n');
    fs.writeFileSync(path.join(folder, 'src', 'tool.ts'), TOOL);
    await initialise(server, folder, {});
    const uri = pathToFileURL(path.join(folder, 'src', 'tool.ts')).toString();
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'typescript', version: 1, text: TOOL },
    });
    assert.equal((await networkFindings(server, uri)).length, 1);
  });

  it("notifies each lint, and names the client's commands in rule links, CodeLens and suppressions", async () => {
    const linted = new Promise<DidLintParams>((resolve) =>
      server.connection.onNotification(DID_LINT, (params: DidLintParams) => resolve(params)),
    );
    await initialise(server, root, { commands: COMMANDS, lintNotifications: true });
    const uri = pathToFileURL(path.join(root, 'src', 'open.ts')).toString();
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'typescript', version: 1, text: TOOL },
    });
    const [finding] = await networkFindings(server, uri);
    assert.ok(finding, 'an unscoped-network finding');
    assert.match(finding.codeDescription?.href ?? '', /^command:test\.ruleDoc\?/);
    const notice = await linted;
    assert.equal(notice.uri, uri);
    assert.deepEqual(
      notice.result?.tools.map((tool) => tool.name),
      ['fetchPage'],
    );
    const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.equal(lenses?.[0]?.command?.command, 'test.revealTool');
    assert.deepEqual(lenses?.[0]?.command?.arguments?.slice(0, 2), [uri, 'fetchPage']);
    const actions = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: finding.range,
      context: { diagnostics: [finding] },
    });
    const suppress = actions?.find((action) => action.title.startsWith('Suppress unscoped-network on this line'));
    assert.ok(suppress && 'command' in suppress && typeof suppress.command === 'object');
    // The directive goes on line 8 (0-based 7), pushing the call down; the cursor is at its end, after `-- `.
    assert.deepEqual(suppress.command?.arguments, [
      uri,
      7,
      '    // agent-risk-disable-next-line unscoped-network -- '.length,
    ]);
  });

  it('scans the workspace with progress, pushes the findings of files nobody opened, and exports the scan', async () => {
    await initialise(server, root, {});
    const pushed = new Map<string, PublishDiagnosticsParams>();
    server.connection.onNotification(PublishDiagnosticsNotification.type, (params) => pushed.set(params.uri, params));
    const reports: Array<{ done: number; total: number }> = [];
    server.connection.onProgress(WorkDoneProgress.type, 'scan-1', (value) => {
      const counts = value.kind === 'report' ? parseScanProgress((value as WorkDoneProgressReport).message) : undefined;
      if (counts !== undefined) reports.push(counts);
    });
    const response = (await server.connection.sendRequest(SCAN_WORKSPACE, {
      folders: [pathToFileURL(root).toString()],
      workDoneToken: 'scan-1',
    })) as ScanResponse;
    assert.ok(response, 'the scan finished');
    assert.equal(response.summary.files, 2);
    assert.equal(response.summary.byRule['unscoped-network'], 2);
    assert.deepEqual(reports.at(-1), { done: 2, total: 2 });
    const closed = pathToFileURL(path.join(root, 'src', 'closed.ts')).toString();
    assert.equal(pushed.get(closed)?.diagnostics.filter((d) => d.code === 'unscoped-network').length, 1);
    const file = path.join(root, 'out', 'report.sarif');
    assert.equal(await server.connection.sendRequest(EXPORT_REPORT, { format: 'sarif', file }), file);
    const sarif = JSON.parse(fs.readFileSync(file, 'utf8')) as { runs: Array<{ results: unknown[] }> };
    assert.equal(sarif.runs[0]?.results.length, response.summary.findings);
  });
});
