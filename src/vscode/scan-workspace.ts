// The "Scan Workspace" command: runs the scan in a worker thread behind a cancellable progress notification and fills the Problems panel.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { Finding } from './core';
import type { LintService } from './lint-service';
import type { ResultStore } from './results-store';
import type { FolderScan, ScanFolder, ScanRequest, WorkerMessage } from './scan-protocol';
import { readSettings } from './settings';

export type ScanState = { kind: 'idle' } | { kind: 'scanning'; done: number; total: number };

export interface ScanSummary {
  files: number;
  findings: number;
  byRule: Record<string, number>;
  tools: number;
  problems: number;
  millis: number;
}

export interface ScanRecord {
  folders: FolderScan[];
  summary: ScanSummary;
}

export class WorkspaceScanner implements vscode.Disposable {
  private readonly stateChanged = new vscode.EventEmitter<ScanState>();
  readonly onDidChangeState = this.stateChanged.event;
  private running: Promise<ScanRecord | undefined> | undefined;
  private last: ScanRecord | undefined;
  state: ScanState = { kind: 'idle' };

  constructor(
    private readonly store: ResultStore,
    private readonly service: LintService,
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
    const folders = local.filter((folder) => readSettings(folder.uri).enable);
    if (folders.length === 0) {
      void vscode.window.showInformationMessage(
        'Agent Risk is turned off (agentRisk.enable), so there is nothing to scan.',
      );
      return Promise.resolve(undefined);
    }
    const request: ScanRequest = { folders: folders.map((folder) => scanFolder(folder)) };
    return Promise.resolve(
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'Agent Risk: scanning the workspace',
          cancellable: true,
        },
        (progress, token) => this.runWorker(request, progress, cancel === undefined ? [token] : [token, cancel]),
      ),
    );
  }

  private runWorker(
    request: ScanRequest,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    tokens: readonly vscode.CancellationToken[],
  ): Promise<ScanRecord | undefined> {
    return new Promise((resolve) => {
      // Next to this module both in the bundle (dist/) and in the tsc output (out/src/vscode/).
      const worker = new Worker(path.join(__dirname, 'scan-worker.js'), { workerData: request });
      let settled = false;
      let reported = 0;
      const finish = (record: ScanRecord | undefined): void => {
        if (settled) return;
        settled = true;
        for (const subscription of cancellations) subscription.dispose();
        // Stops the worker mid-file if need be: nothing it holds outlives the scan.
        void worker.terminate();
        resolve(record);
      };
      const cancellations = tokens.map((token) =>
        token.onCancellationRequested(() => {
          this.log.appendLine('Scan cancelled.');
          finish(undefined);
        }),
      );
      if (tokens.some((token) => token.isCancellationRequested)) finish(undefined);
      worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'walked':
            this.setState({ kind: 'scanning', done: 0, total: message.total });
            progress.report({ message: `0 / ${message.total} files` });
            break;
          case 'progress': {
            this.setState({ kind: 'scanning', done: message.done, total: message.total });
            const percent = message.total === 0 ? 100 : (100 * message.done) / message.total;
            progress.report({ message: `${message.done} / ${message.total} files`, increment: percent - reported });
            reported = percent;
            break;
          }
          case 'done':
            finish(this.accept(message.folders, message.millis));
            break;
          case 'failed':
            this.log.appendLine(`Scan failed: ${message.message}`);
            void vscode.window.showErrorMessage(`Agent Risk: the scan failed: ${message.message}`);
            finish(undefined);
            break;
        }
      });
      worker.on('error', (error) => {
        this.log.appendLine(`Scan worker error: ${error.stack ?? error.message}`);
        void vscode.window.showErrorMessage(`Agent Risk: the scan failed: ${error.message}`);
        finish(undefined);
      });
      worker.on('exit', () => finish(undefined));
    });
  }

  /** Puts the scan's results in the store (and so in the Problems panel and the inventory) and keeps them for export. */
  private accept(folders: FolderScan[], millis: number): ScanRecord {
    const results = folders.flatMap((folder) =>
      folder.output.results.map(({ result }) => ({ uri: vscode.Uri.file(result.file), result })),
    );
    this.store.replaceScan(results);
    // Open documents may hold unsaved edits: their live result stays the one shown, refreshed now.
    for (const document of vscode.workspace.textDocuments)
      if (this.service.isLintable(document)) this.service.lintDocument(document);
    const findings: Finding[] = results.flatMap(({ result }) => result.findings);
    const byRule: Record<string, number> = {};
    for (const finding of findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
    const summary: ScanSummary = {
      files: folders.reduce((sum, folder) => sum + folder.output.filesScanned, 0),
      findings: findings.length,
      byRule,
      tools: results.reduce((sum, { result }) => sum + result.tools.length, 0),
      problems: folders.reduce((sum, folder) => sum + folder.output.problems.length + folder.walkProblems.length, 0),
      millis,
    };
    for (const folder of folders) {
      for (const problem of [...folder.walkProblems, ...folder.output.problems])
        this.log.appendLine(`[${problem.kind}] ${problem.file}: ${problem.message}`);
      for (const error of folder.output.configErrors)
        this.log.appendLine(`[config] ${error.file}:${error.line}:${error.column}: ${error.message}`);
    }
    this.log.appendLine(
      `Scan: ${summary.files} files, ${summary.tools} tools, ${summary.findings} findings in ${millis} ms.`,
    );
    this.last = { folders, summary };
    return this.last;
  }

  private setState(state: ScanState): void {
    this.state = state;
    this.stateChanged.fire(state);
  }

  dispose(): void {
    this.stateChanged.dispose();
  }
}

function scanFolder(folder: vscode.WorkspaceFolder): ScanFolder {
  const settings = readSettings(folder.uri);
  const scan: ScanFolder = {
    path: folder.uri.fsPath,
    overrides: settings.overrides,
    include: settings.include,
    exclude: settings.exclude,
  };
  if (settings.configFile !== undefined) scan.explicitFile = path.resolve(folder.uri.fsPath, settings.configFile);
  return scan;
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
