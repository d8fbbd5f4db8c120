// The language server (`agent-risk lsp --stdio`): wires the LSP connection to the document linter, diagnostics (pull
// when the client supports it, pushed otherwise), hover, code actions, CodeLens, the workspace scan and the messages of
// editor/protocol.ts. Analysis runs in this process, not the editor's.
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { notAnalysed } from '../editor/not-analysed';
import {
  DID_CHANGE_TRUST,
  DID_LINT,
  type DidChangeTrustParams,
  EXPORT_REPORT,
  type ExportParams,
  type InitializationOptions,
  LANGUAGES,
  SCAN_WORKSPACE,
  type ScanParams,
} from '../editor/protocol';
import { objectGetter, sharedSettings, type SharedSettings } from '../editor/settings';
import { defaultConfig } from '../engine/config';
import type { LintResult } from '../engine/types';
import { readSource } from '../scan/read';
import { codeActionsFor, FIX_ALL_KIND } from './code-actions';
import { codeLensesFor } from './code-lens';
import { ConfigErrors } from './config-errors';
import { docLinker, fileUri, SOURCE, toDiagnostic, toRange } from './convert';
import { DelegatedSync } from './delegated-sync';
import { didLint } from './did-lint';
import { DocumentLinter, type DocumentLint } from './documents';
import { hoverFor } from './hover';
import { WorkspaceScan } from './workspace-scan';

const LINTED = new Set<string>(LANGUAGES);
/** Pushed diagnostics wait for typing to pause this long; a new edit restarts the wait (and so cancels the lint). */
const PUSH_DELAY_MS = 200;

export interface ServerOptions {
  /** The script a workspace scan runs in a worker thread (see scan-worker.ts). */
  scanWorker: string;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const openText = (file: string): string | undefined => documents.get(fileUri(file))?.getText();
  const linter = new DocumentLinter(openText);
  const settingsCache = new Map<string, Promise<SharedSettings>>();
  /** The last lint of each document, by version, for hover and code actions. */
  const results = new Map<string, { version: number; lint: DocumentLint }>();
  const timers = new Map<string, NodeJS.Timeout>();
  let pull = false;
  let pullWorkspaceConfiguration = false;
  /** Whether the client accepts `workspace/diagnostic/refresh`; asking one that does not is an error reply. */
  let refreshSupport = false;
  let relatedInformation = false;
  let initialSettings: unknown;
  let init: InitializationOptions = {};
  let trusted = true;
  let docLink = docLinker(undefined);
  const configErrors = new ConfigErrors(connection);

  const settingsFor = (uri: string): Promise<SharedSettings> => {
    let cached = settingsCache.get(uri);
    if (cached === undefined) {
      cached = pullWorkspaceConfiguration
        ? connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'agentRisk' })
            .then((section: unknown) => sharedSettings(objectGetter(section ?? initialSettings), trusted))
        : Promise.resolve(sharedSettings(objectGetter(initialSettings), trusted));
      settingsCache.set(uri, cached);
    }
    return cached;
  };

  const uriFor = (file: string): string => linter.uriFor(file) ?? fileUri(file);

  const lintDocument = async (document: TextDocument): Promise<DocumentLint | undefined> => {
    if (!LINTED.has(document.languageId)) return undefined;
    const known = results.get(document.uri);
    if (known !== undefined && known.version === document.version) return known.lint;
    const settings = await settingsFor(document.uri);
    // The document may have changed while the settings were fetched; the newer version is linted instead.
    const current = documents.get(document.uri);
    if (current === undefined || current.version !== document.version) return undefined;
    const lint = linter.lint(document.uri, document.languageId, document.getText(), settings);
    results.set(document.uri, { version: document.version, lint });
    await delegated.linted(document, lint);
    configErrors.show(lint.configErrors);
    if (init.lintNotifications === true) void connection.sendNotification(DID_LINT, didLint(document, lint, settings));
    for (const problem of lint.result?.problems ?? [])
      connection.console.log(`[${problem.kind}] ${problem.file}: ${problem.message}`);
    if (lint.millis > 1000) connection.console.log(`[slow] ${document.uri}: ${lint.millis} ms`);
    return lint;
  };

  const diagnosticsOf = (own: LintResult | undefined): Diagnostic[] => {
    const result = own === undefined ? undefined : delegated.findings.resultFor(own.file, own);
    const diagnostics = (result?.findings ?? []).map((finding) =>
      toDiagnostic(finding, { uriFor, relatedInformation, docLink }),
    );
    const missing = notAnalysed(result?.problems ?? []);
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
              diagnostics: diagnosticsOf(lint.result),
            });
        });
      }, PUSH_DELAY_MS),
    );
  };

  /** A closed document as it now is on disk, for files that belong to the last workspace scan. */
  const lintFromDisk = async (document: TextDocument): Promise<LintResult | undefined> => {
    if (!document.uri.startsWith('file:')) return undefined;
    const file = fileURLToPath(document.uri);
    const settings = await settingsFor(document.uri);
    const text = textOnDisk(file, settings);
    if (text === undefined) return undefined;
    linter.invalidate(file);
    const lint = linter.lint(document.uri, document.languageId, text, settings);
    delegated.lintedFromDisk(file, document.uri, lint);
    return lint.result;
  };

  /** The same file under another spelling of its URI (clients escape characters differently). */
  const isOpenFile = (uri: string): boolean => {
    if (!uri.startsWith('file:')) return false;
    const file = fileURLToPath(uri);
    return documents.all().some((document) => document.uri.startsWith('file:') && fileURLToPath(document.uri) === file);
  };

  const scan = new WorkspaceScan({
    connection,
    workerFile: options.scanWorker,
    settingsFor,
    trusted: () => trusted,
    diagnosticsOf,
    isOpen: (uri) => documents.get(uri) !== undefined || isOpenFile(uri),
    onResults: (scanned) => delegated.scanned(scanned),
  });

  const delegated: DelegatedSync = new DelegatedSync({
    openDocument: (file) =>
      documents.all().find((doc) => doc.uri.startsWith('file:') && fileURLToPath(doc.uri) === file),
    settingsFor,
    lint: (uri, languageId, text, settings) => linter.lint(uri, languageId, text, settings),
    remember: (document, lint) => results.set(document.uri, { version: document.version, lint }),
    textOnDisk,
    pulls: () => pull,
    refresh: () => {
      if (refreshSupport) connection.languages.diagnostics.refresh();
    },
    schedulePush,
    send: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    diagnosticsOf,
    isScanned: (uri) => scan.isScanned(uri),
    republishScanned: (uri) => scan.closed(uri, undefined),
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    pull = capabilities.textDocument?.diagnostic !== undefined;
    refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    pullWorkspaceConfiguration = capabilities.workspace?.configuration === true;
    relatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation === true || pull;
    init = (params.initializationOptions as InitializationOptions | null | undefined) ?? {};
    initialSettings = init.settings;
    trusted = init.trusted !== false;
    docLink = docLinker(init.commands?.ruleDoc);
    const folders = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
    if (folders.length === 0 && params.rootUri) folders.push(fileURLToPath(params.rootUri));
    linter.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
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

  /** Settings, trust or a file on disk changed: every result may change, so everything is derived afresh. */
  const relintAll = (): void => {
    settingsCache.clear();
    results.clear();
    delegated.clear();
    linter.reset();
    configErrors.clear();
    scan.republish();
    // A client that cannot be asked to pull again pulls on its next edit; an error reply must not end the process.
    if (pull && refreshSupport) connection.languages.diagnostics.refresh();
    else documents.all().forEach(schedulePush);
  };

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { agentRisk?: unknown } | undefined)?.agentRisk;
    if (section !== undefined) initialSettings = section;
    relintAll();
  });
  connection.onDidChangeWatchedFiles(relintAll);
  connection.onNotification(DID_CHANGE_TRUST, (params: DidChangeTrustParams) => {
    trusted = params.trusted;
    relintAll();
  });

  documents.onDidChangeContent((change) => {
    if (change.document.uri.startsWith('file:')) linter.invalidate(fileURLToPath(change.document.uri));
    schedulePush(change.document);
  });
  documents.onDidOpen((event) => {
    scan.opened(event.document.uri);
    delegated.opened(event.document.uri);
  });
  documents.onDidSave((event) => {
    // A saved helper can change what its importers report: their results are derived again when next asked for.
    for (const uri of [...results.keys()]) if (uri !== event.document.uri) results.delete(uri);
    if (!pull) documents.all().forEach(schedulePush);
  });
  documents.onDidClose((event) => {
    const { document } = event;
    results.delete(document.uri);
    clearTimeout(timers.get(document.uri));
    if (scan.isScanned(document.uri)) void lintFromDisk(document).then((result) => scan.closed(document.uri, result));
    else {
      // Nothing lints it any more: what it reported in handlers' files goes too, and what others report here stays.
      const kept = delegated.closed(document.uri);
      if (!pull || kept.length > 0) void connection.sendDiagnostics({ uri: document.uri, diagnostics: kept });
    }
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const lint = token.isCancellationRequested ? undefined : await lintDocument(document);
    // Cancelled, or the document changed while its settings were fetched: an empty report would blank its
    // diagnostics until the next pull, so the client is told to keep them and ask again.
    if (lint === undefined && LINTED.has(document.languageId))
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; pull again.', {
        retriggerRequest: true,
      });
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(lint?.result) };
  });

  connection.onHover(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined || token.isCancellationRequested) return null;
    const lint = await lintDocument(document);
    return lint?.result === undefined ? null : hoverFor(lint.result, params.position, docLink);
  });

  connection.onCodeLens(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined || token.isCancellationRequested) return [];
    const lint = await lintDocument(document);
    return lint?.result === undefined ? [] : codeLensesFor(document.uri, lint.result, init.commands?.revealTool);
  });

  connection.onRequest(SCAN_WORKSPACE, (params: ScanParams, token) =>
    scan.scan(params.folders, token, params.workDoneToken),
  );
  connection.onRequest(
    EXPORT_REPORT,
    async (params: ExportParams) => (await scan.export(params.format, params.file)) ?? null,
  );

  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined || token.isCancellationRequested) return [];
    const lint = await lintDocument(document);
    if (lint?.result === undefined) return [];
    const settings = await settingsFor(document.uri);
    const relint = (text: string) => linter.lint(document.uri, document.languageId, text, settings).result;
    return codeActionsFor(document, lint.result, params, relint, init.commands?.placeCursor, {
      auditFunctions: lint.auditFunctions ?? [],
    });
  });

  documents.listen(connection);
  connection.listen();
}

/** A file's text as the scan would read it, or undefined. */
function textOnDisk(file: string, settings: SharedSettings): string | undefined {
  const read = readSource(file, settings.overrides.maxFileBytes ?? defaultConfig().maxFileBytes);
  return 'text' in read ? read.text : undefined;
}
