// The language server driven over stdio by a plain client: initialize, open, pull and pushed diagnostics, hover, code
// actions, change, cancellation, shutdown. Its diagnostics must be the CLI's findings for the same file.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  CodeActionRequest,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { repoRoot } from '../support/paths';
import {
  cliFindingsOf,
  open,
  pullDiagnostics,
  pullWithSyntaxError,
  type ServerUnderTest,
  shutDown,
  startServer,
} from './client';

const EXAMPLES = path.join(repoRoot(), 'examples');
const WEB_TOOLS = path.join(EXAMPLES, 'src', 'ai-sdk', 'web-tools.ts');

function asFindings(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character} ${String(d.code)}`).sort();
}

async function initialise(server: ServerUnderTest, pull: boolean): Promise<void> {
  const result = await server.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(EXAMPLES).toString(),
    workspaceFolders: [{ uri: pathToFileURL(EXAMPLES).toString(), name: 'examples' }],
    capabilities: {
      textDocument: {
        ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        publishDiagnostics: { relatedInformation: true },
        hover: { contentFormat: ['markdown'] },
        codeAction: {},
      },
    },
  });
  assert.equal(result.capabilities.hoverProvider, true);
  assert.equal(
    result.capabilities.diagnosticProvider !== undefined,
    pull,
    'pull diagnostics only when the client asks',
  );
  await server.connection.sendNotification(InitializedNotification.type, {});
}

describe('language server over stdio', function () {
  this.timeout(120_000);

  it('pulls the CLI findings as diagnostics, hovers, offers fixes, follows changes, survives cancellation and shuts down', async () => {
    const server = startServer();
    try {
      await initialise(server, true);
      const uri = await open(server, WEB_TOOLS);
      const diagnostics = await pullDiagnostics(server, uri);
      assert.deepEqual(asFindings(diagnostics), cliFindingsOf(EXAMPLES, WEB_TOOLS));
      assert.ok(diagnostics.length >= 2, 'the example has findings');
      const network = diagnostics.find((d) => d.code === 'unscoped-network');
      assert.ok(network !== undefined);
      assert.equal(network.source, 'agent-risk');
      const doc = network.codeDescription?.href;
      assert.ok(
        doc !== undefined && fs.existsSync(fileURLToPath(doc)),
        `the rule doc link opens a shipped file: ${doc}`,
      );
      assert.ok((network.relatedInformation ?? []).length > 0, 'related information points at the input and the tool');

      const audit = diagnostics.find((d) => d.code === 'missing-audit-hook');
      assert.ok(audit !== undefined);
      const hover = await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: audit.range.start,
      });
      const hoverText =
        hover !== null && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.match(hoverText, /network/, 'the hover on the tool name shows its capability manifest');

      const actions = await server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: network.range,
        context: { diagnostics: [network] },
      });
      const titles = (actions ?? []).map((action) => action.title);
      assert.ok(
        titles.some((title) => title.startsWith('Suppress unscoped-network on this line')),
        titles.join('\n'),
      );
      assert.ok(
        titles.some((title) => title.startsWith('Suppress unscoped-network in this file')),
        titles.join('\n'),
      );

      // A cancelled request is answered (with a result or a cancellation error) and the server keeps serving.
      const source = new CancellationTokenSource();
      const cancelled = server.connection
        .sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token)
        .catch(() => undefined);
      source.cancel();
      await cancelled;

      // While the user types, a parse error replaces the findings with one diagnostic saying the file is not analysed.
      const broken = await pullWithSyntaxError(server, uri, WEB_TOOLS);
      assert.equal(broken.length, 1);
      assert.match(broken[0]?.message ?? '', /^Not analysed \(parse error at 12:\d+\)/);

      const safe = 'export const value = 1;\n';
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 3 },
        contentChanges: [{ text: safe }],
      });
      assert.deepEqual(await pullDiagnostics(server, uri), [], 'a change is linted afresh');
      assert.equal(await shutDown(server), 0);
    } finally {
      server.process.kill();
    }
  });

  it('pushes diagnostics to clients without pull support (older editors)', async () => {
    const server = startServer();
    try {
      const published = new Promise<PublishDiagnosticsParams>((resolve) =>
        server.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
          if (params.diagnostics.length > 0) resolve(params);
        }),
      );
      await initialise(server, false);
      const uri = await open(server, WEB_TOOLS);
      const params = await published;
      assert.equal(params.uri, uri);
      assert.deepEqual(asFindings(params.diagnostics), cliFindingsOf(EXAMPLES, WEB_TOOLS));
      assert.equal(await shutDown(server), 0);
    } finally {
      server.process.kill();
    }
  });

  it('refuses to start without --stdio and says how to start it', () => {
    const run = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'agent-risk.js'), 'lsp'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /agent-risk lsp --stdio/);
  });
});
