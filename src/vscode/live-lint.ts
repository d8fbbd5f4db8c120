// Decides when open documents are linted: on open, on change (debounced, `agentRisk.run: onType`), on save, and at once when configuration changes.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from './core';
import type { LintOutcome, LintService } from './lint-service';
import type { ResultStore } from './results-store';
import { affectsResults, readSettings } from './settings';

export class LiveLinter implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly linted = new vscode.EventEmitter<{ document: vscode.TextDocument; outcome: LintOutcome }>();
  /** Fires after each lint, for the status bar's timing. */
  readonly onDidLint = this.linted.event;

  constructor(
    private readonly service: LintService,
    private readonly store: ResultStore,
  ) {
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.lintNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidSaveTextDocument((document) => this.saved(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsResults(event)) this.configurationChanged();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.configurationChanged()),
      configWatcher,
      configWatcher.onDidChange(() => this.configurationChanged()),
      configWatcher.onDidCreate(() => this.configurationChanged()),
      configWatcher.onDidDelete(() => this.configurationChanged()),
      this.linted,
    );
  }

  /** Lints every open document; called once on activation. */
  lintAllOpen(): void {
    for (const document of vscode.workspace.textDocuments) this.lintNow(document);
  }

  lintNow(document: vscode.TextDocument): void {
    this.cancelTimer(document);
    if (!this.service.isLintable(document)) return;
    const outcome = this.service.lintDocument(document);
    this.linted.fire({ document, outcome });
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (event.contentChanges.length === 0 || !this.service.isLintable(document)) return;
    if (document.uri.scheme === 'file') this.service.invalidate(document.uri.fsPath);
    const settings = readSettings(document.uri);
    if (settings.run !== 'onType') return;
    this.cancelTimer(document);
    const key = document.uri.toString();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.lintNow(document);
      }, settings.lintDelay),
    );
  }

  private saved(document: vscode.TextDocument): void {
    if (isConfigFile(document)) {
      this.configurationChanged();
      return;
    }
    if (!this.service.isLintable(document)) return;
    // A saved helper can change what its importers report: re-lint the other open files too.
    this.service.invalidate(document.uri.fsPath);
    for (const open of vscode.workspace.textDocuments) this.lintNow(open);
  }

  private closed(document: vscode.TextDocument): void {
    this.cancelTimer(document);
    if (!this.service.isLintable(document)) return;
    if (document.uri.scheme === 'file' && this.store.isScanned(document.uri)) {
      // Part of the last scan: keep it in the Problems panel, as it now is on disk.
      const result = this.service.lintFromDisk(document.uri);
      if (result !== undefined) this.store.setScanned(document.uri, result);
    }
    this.store.clearLive(document.uri);
  }

  /** Settings, trust or a configuration file changed: reload and re-lint every open file at once. */
  configurationChanged(): void {
    this.service.reset();
    this.lintAllOpen();
  }

  private cancelTimer(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(key);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function isConfigFile(document: vscode.TextDocument): boolean {
  return document.uri.path.endsWith(`/${CONFIG_FILE_NAME}`);
}
