// The language server (`agent-risk lsp --stdio`): wires the LSP connection to the document linter, diagnostics (pull
// when the client supports it, pushed otherwise), hover and code actions. Analysis runs in this process, not the editor's.
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { objectGetter, sharedSettings, type SharedSettings } from '../editor/settings';
import { codeActionsFor, FIX_ALL_KIND } from './code-actions';
import { notAnalysed } from '../editor/not-analysed';
import { fileUri, SOURCE, toDiagnostic, toRange } from './convert';
import { DocumentLinter, type DocumentLint } from './documents';
import { hoverFor } from './hover';

const LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);
/** Pushed diagnostics wait for typing to pause this long; a new edit restarts the wait (and so cancels the lint). */
const PUSH_DELAY_MS = 200;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const openText = (file: string): string | undefined => documents.get(fileUri(file))?.getText();
  const linter = new DocumentLinter(openText);
  const settingsCache = new Map<string, Promise<SharedSettings>>();
  /** The last lint of each document, by version, for hover and code actions. */
  const results = new Map<string, { version: number; lint: DocumentLint }>();
  const timers = new Map<string, NodeJS.Timeout>();
  let pull = false;
  let pullWorkspaceConfiguration = false;
  let relatedInformation = false;
  let initialSettings: unknown;

  const settingsFor = (uri: string): Promise<SharedSettings> => {
    let cached = settingsCache.get(uri);
    if (cached === undefined) {
      cached = pullWorkspaceConfiguration
        ? connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'agentRisk' })
            .then((section: unknown) => sharedSettings(objectGetter(section ?? initialSettings), true))
        : Promise.resolve(sharedSettings(objectGetter(initialSettings), true));
      settingsCache.set(uri, cached);
    }
    return cached;
  };

  const uriFor = (file: string): string => linter.uriFor(file) ?? fileUri(file);

  const lintDocument = async (document: TextDocument): Promise<DocumentLint | undefined> => {
    if (!LANGUAGES.has(document.languageId)) return undefined;
    const known = results.get(document.uri);
    if (known !== undefined && known.version === document.version) return known.lint;
    const settings = await settingsFor(document.uri);
    // The document may have changed while the settings were fetched; the newer version is linted instead.
    const current = documents.get(document.uri);
    if (current === undefined || current.version !== document.version) return undefined;
    const lint = linter.lint(document.uri, document.languageId, document.getText(), settings);
    results.set(document.uri, { version: document.version, lint });
    for (const problem of lint.result?.problems ?? [])
      connection.console.log(`[${problem.kind}] ${problem.file}: ${problem.message}`);
    if (lint.millis > 1000) connection.console.log(`[slow] ${document.uri}: ${lint.millis} ms`);
    return lint;
  };

  const diagnosticsOf = (lint: DocumentLint | undefined): Diagnostic[] => {
    const diagnostics = (lint?.result?.findings ?? []).map((finding) =>
      toDiagnostic(finding, uriFor, relatedInformation),
    );
    const missing = notAnalysed(lint?.result?.problems ?? []);
    if (missing !== undefined) {
      const severity = missing.isError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
      diagnostics.push({ range: toRange(missing.range), severity, source: SOURCE, message: missing.message });
    }
    return diagnostics;
  };

  const schedulePush = (document: TextDocument): void => {
    if (pull) return;
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        void lintDocument(document).then((lint) => {
          if (lint !== undefined)
            void connection.sendDiagnostics({
              uri: document.uri,
              version: document.version,
              diagnostics: diagnosticsOf(lint),
            });
        });
      }, PUSH_DELAY_MS),
    );
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    pull = capabilities.textDocument?.diagnostic !== undefined;
    pullWorkspaceConfiguration = capabilities.workspace?.configuration === true;
    relatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation === true || pull;
    initialSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    const folders = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
    if (folders.length === 0 && params.rootUri) folders.push(fileURLToPath(params.rootUri));
    linter.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        ...(pull
          ? {
              diagnosticProvider: {
                identifier: 'agent-risk',
                interFileDependencies: true,
                workspaceDiagnostics: false,
              },
            }
          : {}),
      },
      serverInfo: { name: 'agent-risk' },
    };
  });

  connection.onInitialized(() => {
    if (pullWorkspaceConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { agentRisk?: unknown } | undefined)?.agentRisk;
    if (section !== undefined) initialSettings = section;
    settingsCache.clear();
    results.clear();
    linter.reset();
    if (pull) connection.languages.diagnostics.refresh();
    else documents.all().forEach(schedulePush);
  });

  connection.onDidChangeWatchedFiles(() => {
    // A configuration file or an imported helper changed on disk: every result may change.
    settingsCache.clear();
    results.clear();
    linter.reset();
    if (pull) connection.languages.diagnostics.refresh();
    else documents.all().forEach(schedulePush);
  });

  documents.onDidChangeContent((change) => {
    if (change.document.uri.startsWith('file:')) linter.invalidate(fileURLToPath(change.document.uri));
    schedulePush(change.document);
  });
  documents.onDidClose((event) => {
    results.delete(event.document.uri);
    clearTimeout(timers.get(event.document.uri));
    if (!pull) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined || token.isCancellationRequested)
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const lint = await lintDocument(document);
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(lint) };
  });

  connection.onHover(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined || token.isCancellationRequested) return null;
    const lint = await lintDocument(document);
    return lint?.result === undefined ? null : hoverFor(lint.result, params.position);
  });

  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined || token.isCancellationRequested) return [];
    const lint = await lintDocument(document);
    if (lint?.result === undefined) return [];
    const settings = await settingsFor(document.uri);
    const relint = (text: string) => linter.lint(document.uri, document.languageId, text, settings).result;
    return codeActionsFor(document, lint.result, params, relint);
  });

  documents.listen(connection);
  connection.listen();
}
