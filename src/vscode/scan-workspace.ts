// The "Scan Workspace" command: asks the server to scan (it runs the scan in a worker thread of its own process) behind
// a cancellable progress notification; the server fills the Problems panel, this fills the tool view and the status.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { type LanguageClient, WorkDoneProgress, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import {
  parseScanProgress,
  SCAN_WORKSPACE,
  type ScanParams,
  type ScanResponse,
  type ScanSummary,
} from '../editor/for-client';
import type { ResultStore } from './results-store';
import { isEnabled } from './settings';

export type { ScanSummary };
export type ScanState = { kind: 'idle' } | { kind: 'scanning'; done: number; total: number };

export interface ScanRecord {
  summary: ScanSummary;
}

export class WorkspaceScanner implements vscode.Disposable {
  private readonly stateChanged = new vscode.EventEmitter<ScanState>();
  readonly onDidChangeState = this.stateChanged.event;
  private running: Promise<ScanRecord | undefined> | undefined;
  private last: ScanRecord | undefined;
  state: ScanState = { kind: 'idle' };

  constructor(
    private readonly client: LanguageClient,
    private readonly ready: Promise<void>,
    private readonly store: ResultStore,
    private readonly log: vscode.OutputChannel,
  ) {}

  get lastScan(): ScanRecord | undefined {
    return this.last;
  }

  /**
   * Scans with a progress notification; a second call while one runs joins it. Undefined when
   * cancelled (from the notification or through `cancel`) or failed.
   */
  scan(cancel?: vscode.CancellationToken): Promise<ScanRecord | undefined> {
    this.running ??= this.scanWithProgress(cancel).finally(() => {
      this.running = undefined;
      this.setState({ kind: 'idle' });
    });
    return this.running;
  }

  private scanWithProgress(cancel: vscode.CancellationToken | undefined): Promise<ScanRecord | undefined> {
    const local = vscode.workspace.workspaceFolders?.filter((folder) => folder.uri.scheme === 'file') ?? [];
    if (local.length === 0) {
      void vscode.window.showWarningMessage('Agent Risk: open a folder to scan it.');
      return Promise.resolve(undefined);
    }
    // `agentRisk.enable: false` turns the scan off too, per folder, so it cannot refill the Problems panel.
    const folders = local.filter((folder) => isEnabled(folder.uri));
    if (folders.length === 0) {
      void vscode.window.showInformationMessage(
        'Agent Risk is turned off (agentRisk.enable), so there is nothing to scan.',
      );
      return Promise.resolve(undefined);
    }
    return Promise.resolve(
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'Agent Risk: scanning the workspace',
          cancellable: true,
        },
        (progress, token) =>
          this.request(
            folders.map((folder) => folder.uri.toString()),
            progress,
            cancel === undefined ? [token] : [token, cancel],
          ),
      ),
    );
  }

  private async request(
    folders: string[],
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    tokens: readonly vscode.CancellationToken[],
  ): Promise<ScanRecord | undefined> {
    await this.ready;
    const source = new vscode.CancellationTokenSource();
    const subscriptions = tokens.map((token) => token.onCancellationRequested(() => source.cancel()));
    if (tokens.some((token) => token.isCancellationRequested)) source.cancel();
    const workDoneToken = randomUUID();
    let reported = 0;
    subscriptions.push(
      this.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        const counts =
          value.kind === 'report' ? parseScanProgress((value as WorkDoneProgressReport).message) : undefined;
        if (counts === undefined) return;
        this.setState({ kind: 'scanning', ...counts });
        const percent = counts.total === 0 ? 100 : (100 * counts.done) / counts.total;
        progress.report({ message: `${counts.done} / ${counts.total} files`, increment: percent - reported });
        reported = percent;
      }),
    );
    try {
      const params: ScanParams = { folders, workDoneToken };
      const response = await this.client.sendRequest<ScanResponse>(SCAN_WORKSPACE, params, source.token);
      if (response === null || source.token.isCancellationRequested) {
        if (source.token.isCancellationRequested) this.log.appendLine('Scan cancelled.');
        return undefined;
      }
      this.store.replaceScan(response.results.map(({ uri, result }) => ({ uri: vscode.Uri.parse(uri), result })));
      this.last = { summary: response.summary };
      return this.last;
    } catch (error) {
      // A cancelled request rejects; anything else is the server's failure, already in its log.
      if (!source.token.isCancellationRequested)
        void vscode.window.showErrorMessage(`Agent Risk: the scan failed: ${String(error)}`);
      return undefined;
    } finally {
      for (const subscription of subscriptions) subscription.dispose();
      source.dispose();
    }
  }

  private setState(state: ScanState): void {
    this.state = state;
    this.stateChanged.fire(state);
  }

  dispose(): void {
    this.stateChanged.dispose();
  }
}

/** `3 findings in 12 files: unscoped-network 2, missing-audit-hook 1.` */
export function summaryText(summary: ScanSummary): string {
  const counts = Object.entries(summary.byRule)
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
    .map(([rule, count]) => `${rule} ${count}`)
    .join(', ');
  const findings = `${summary.findings} ${summary.findings === 1 ? 'finding' : 'findings'}`;
  const files = `${summary.files} ${summary.files === 1 ? 'file' : 'files'}`;
  const tools = `${summary.tools} ${summary.tools === 1 ? 'tool' : 'tools'}`;
  return `Agent Risk: ${findings} in ${files} (${tools})${counts ? `: ${counts}` : ''}.`;
}
