// The language client: starts the bundled server (dist/server.js) in its own Node process, so no analysis runs on the
// extension host, and adapts it to VS Code: restricted settings, lint-on-type, the extension's own commands, restarts.
import * as vscode from 'vscode';
import {
  type CloseHandlerResult,
  CloseAction,
  DiagnosticPullMode,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { type InitializationOptions, LANGUAGES } from '../editor/for-client';
import { codeActionsWithCommands, PLACE_CURSOR } from './code-actions';
import { OPEN_RULE_DOC } from './doc-links';
import { REVEAL_TOOL } from './inventory-view';
import { codeLensEnabled, lintsOnType, SECTION, serverSection } from './settings';

/** Codes of the server's configuration errors that the JSON schema reports too (see src/lsp/config-errors.ts). */
const SCHEMA_REPORTED = new Set(['config-syntax', 'config-shape']);

/** Restarts allowed within RESTART_WINDOW_MS before the client gives up, as vscode-eslint does. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;
/** The server's heap limit: a hostile file can make it big, but not take the machine. */
const SERVER_HEAP_MB = 4096;
/** `agentRisk.lintDelay`: how long typing must pause before a document is linted again. */
const DEFAULT_LINT_DELAY_MS = 250;

export const DOCUMENT_SELECTOR = LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
]);

export function createClient(serverModule: string, log: vscode.OutputChannel): LanguageClient {
  const serverOptions: ServerOptions = {
    module: serverModule,
    transport: TransportKind.stdio,
    options: { execArgv: [`--max-old-space-size=${SERVER_HEAP_MB}`] },
  };
  const initializationOptions: InitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    commands: { ruleDoc: OPEN_RULE_DOC, placeCursor: PLACE_CURSOR, revealTool: REVEAL_TOOL },
    lintNotifications: true,
  };
  const pulledVersions = new Map<string, number>();
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    initializationOptions,
    synchronize: {
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.agent-risk.json'),
    },
    // Command links (the rule docs) in hovers; nothing else: hover text quotes source code.
    markdown: { isTrusted: { enabledCommands: [OPEN_RULE_DOC] }, supportHtml: false },
    diagnosticPullOptions: {
      onChange: true,
      onSave: true,
      filter: (document, mode) => mode === DiagnosticPullMode.onType && !lintsOnType(document.uri),
    },
    errorHandler: new RestartingErrorHandler(log),
    middleware: {
      // VS Code's JSON language service validates .agent-risk.json with our schema: its syntax and type
      // errors are shown once, by it; the server's own (unknown rule, did you mean) stay.
      handleDiagnostics: (uri, diagnostics, next) =>
        next(
          uri,
          uri.path.endsWith('/.agent-risk.json')
            ? diagnostics.filter((diagnostic) => !SCHEMA_REPORTED.has(String(diagnostic.code ?? '')))
            : diagnostics,
        ),
      workspace: {
        // Trust is known here, not in the server: the restricted settings are dropped before they leave.
        configuration: (params, token, next) =>
          params.items.some((item) => item.section === SECTION)
            ? params.items.map((item) =>
                item.section === SECTION
                  ? serverSection(item.scopeUri === undefined ? undefined : vscode.Uri.parse(item.scopeUri))
                  : null,
              )
            : next(params, token),
      },
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const uri = document instanceof vscode.Uri ? document : document.uri;
        const version = document instanceof vscode.Uri ? undefined : document.version;
        const last = pulledVersions.get(uri.toString());
        // An edit: wait for typing to pause; a newer edit cancels this pull and VS Code's client pulls again.
        if (version !== undefined && last !== undefined && version > last) {
          await new Promise((resolve) => setTimeout(resolve, lintDelay(uri)));
          if (token.isCancellationRequested) throw new vscode.CancellationError();
        }
        if (version !== undefined) pulledVersions.set(uri.toString(), version);
        return next(document, previousResultId, token);
      },
      didClose: (document, next) => {
        pulledVersions.delete(document.uri.toString());
        return next(document);
      },
      provideCodeActions: async (document, range, context, token, next) =>
        codeActionsWithCommands(context, await next(document, range, context, token)),
      provideCodeLenses: (document, token, next) => (codeLensEnabled(document.uri) ? next(document, token) : []),
    },
  };
  return new LanguageClient('agentRisk', 'Agent Risk', serverOptions, clientOptions);
}

function lintDelay(uri: vscode.Uri): number {
  const value = vscode.workspace.getConfiguration(SECTION, uri).get<number>('lintDelay', DEFAULT_LINT_DELAY_MS);
  return Number.isFinite(value) ? Math.min(5000, Math.max(0, value)) : DEFAULT_LINT_DELAY_MS;
}

/** Restarts a server that died, at most MAX_RESTARTS times in RESTART_WINDOW_MS, then says so and stops trying. */
export class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];

  constructor(private readonly log: vscode.OutputChannel) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few broken messages are survivable; a stream of them means the connection is gone.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < RESTART_WINDOW_MS);
    if (this.restarts.length < MAX_RESTARTS) {
      this.restarts.push(now);
      this.log.appendLine(
        `The Agent Risk server stopped; restarting it (${this.restarts.length} of ${MAX_RESTARTS} restarts allowed in 3 minutes).`,
      );
      return { action: CloseAction.Restart, handled: true };
    }
    const message = `The Agent Risk server stopped ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted. Reload the window to start it again.`;
    this.log.appendLine(message);
    return { action: CloseAction.DoNotRestart, message };
  }

  /** How many restarts the handler has allowed in the current window. */
  get recentRestarts(): number {
    return this.restarts.length;
  }
}
