// A delegated tool in the language server: the lint of the declaring file reports in the handler's file, and the
// handler's file shows it there (once, moving with its edits), pulled or pushed, open or not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { SCAN_WORKSPACE } from '../../src/editor/protocol';
import { DISPATCHER as SERVER, HANDLERS } from '../support/delegated-case';
import { open, pullDiagnostics, type ServerUnderTest, shutDown, startServer } from './client';

const lines = (diagnostics: readonly Diagnostic[], code: string): number[] =>
  diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line + 1);

async function initialise(server: ServerUnderTest, folder: string, pull: boolean): Promise<void> {
  await server.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).toString(),
    workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ops' }],
    capabilities: {
      textDocument: {
        ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        publishDiagnostics: { relatedInformation: true },
      },
    },
  });
  await server.connection.sendNotification(InitializedNotification.type, {});
}

describe('language server: a delegated tool is shown in its handler file', function () {
  this.timeout(120_000);
  let folder = '';
  let serverFile = '';
  let handlersFile = '';
  beforeEach(() => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-lsp-delegated-')));
    serverFile = path.join(folder, 'server.ts');
    handlersFile = path.join(folder, 'handlers.ts');
    fs.writeFileSync(serverFile, SERVER);
    fs.writeFileSync(handlersFile, HANDLERS);
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('pulls the finding on the handler file, not the dispatcher, and moves it with an edit', async () => {
    const server = startServer();
    try {
      await initialise(server, folder, true);
      const serverUri = await open(server, serverFile);
      assert.deepEqual(lines(await pullDiagnostics(server, serverUri), 'unscoped-process'), []);
      const handlersUri = await open(server, handlersFile);
      const diagnostics = await pullDiagnostics(server, handlersUri);
      assert.deepEqual(lines(diagnostics, 'unscoped-process'), [4]);
      assert.deepEqual(lines(diagnostics, 'missing-audit-hook'), [3]);
      const related = diagnostics.find((d) => d.code === 'unscoped-process')?.relatedInformation ?? [];
      assert.ok(
        related.some((entry) => entry.location.uri === serverUri && entry.location.range.start.line === 10),
        JSON.stringify(related),
      );
      // The handler's file changes: the dispatcher is linted again, and the finding moves (one copy, not two).
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: handlersUri, version: 2 },
        contentChanges: [{ text: `// one more line\n${HANDLERS}` }],
      });
      assert.deepEqual(lines(await pullDiagnostics(server, handlersUri), 'unscoped-process'), [5]);
      assert.deepEqual(lines(await pullDiagnostics(server, serverUri), 'unscoped-process'), []);
      assert.equal(await shutDown(server), 0);
    } finally {
      server.process.kill();
    }
  });

  it('still shows the finding on the handler file after a configuration change, when only the handler file is pulled', async () => {
    const server = startServer();
    try {
      await initialise(server, folder, true);
      const serverUri = await open(server, serverFile);
      await pullDiagnostics(server, serverUri);
      // A configuration change derives everything afresh; the client then pulls the visible handler file only.
      await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
      const handlersUri = await open(server, handlersFile);
      assert.deepEqual(lines(await pullDiagnostics(server, handlersUri), 'unscoped-process'), [4]);
      assert.equal(await shutDown(server), 0);
    } finally {
      server.process.kill();
    }
  });

  it('shows the finding on the handler file opened after a workspace scan, once, without opening the dispatcher', async () => {
    const server = startServer();
    try {
      await initialise(server, folder, true);
      const pushed = new Map<string, PublishDiagnosticsParams>();
      server.connection.onNotification(PublishDiagnosticsNotification.type, (params) => pushed.set(params.uri, params));
      await server.connection.sendRequest(SCAN_WORKSPACE, { folders: [pathToFileURL(folder).toString()] });
      const handlersUri = pathToFileURL(handlersFile).toString();
      // Closed, the scan pushes it on the handler file.
      assert.deepEqual(lines(pushed.get(handlersUri)?.diagnostics ?? [], 'unscoped-process'), [4]);
      const opened = await open(server, handlersFile);
      assert.deepEqual(lines(await pullDiagnostics(server, opened), 'unscoped-process'), [4]);
      assert.equal(await shutDown(server), 0);
    } finally {
      server.process.kill();
    }
  });

  it('pushes the finding to the handler file when only the dispatcher is open', async () => {
    const server = startServer();
    try {
      const handlersUri = pathToFileURL(handlersFile).toString();
      const published = new Promise<PublishDiagnosticsParams>((resolve) =>
        server.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
          if (params.uri === handlersUri && params.diagnostics.length > 0) resolve(params);
        }),
      );
      await initialise(server, folder, false);
      await open(server, serverFile);
      const params = await published;
      assert.deepEqual(lines(params.diagnostics, 'unscoped-process'), [4]);
      assert.equal(await shutDown(server), 0);
    } finally {
      server.process.kill();
    }
  });
});
