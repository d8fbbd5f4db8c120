// The workspace scan of `agentRisk/scanWorkspace`: runs in a worker thread (so the server keeps answering the open
// documents), reports `$/progress`, stops on cancellation, pushes the findings of files nobody has open, and keeps the
// last scan for `agentRisk/exportReport`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver/node';
import { scanProgressMessage, type ReportFormat, type ScanResponse, type ScanSummary } from '../editor/protocol';
import type { SharedSettings } from '../editor/settings';
import type { LintResult } from '../engine/types';
import { formatMarkdown } from '../report/format/markdown';
import { formatSarif } from '../report/format/sarif';
import { buildReport, type SeverityOverride } from '../report/report';
import { writeFileReplacing } from '../scan/write-file';
import { fileUri } from './convert';
import type { FolderScan, ScanFolder, ScanRequest, WorkerMessage } from './scan-protocol';

const RENDER: Record<ReportFormat, typeof formatSarif> = { sarif: formatSarif, markdown: formatMarkdown };

export interface ScanHost {
  connection: Connection;
  /** The worker's script: the scan worker module, or the bundled server (which runs it when started as a worker). */
  workerFile: string;
  settingsFor(uri: string): Promise<SharedSettings>;
  trusted(): boolean;
  diagnosticsOf(result: LintResult): Diagnostic[];
  isOpen(uri: string): boolean;
  /** Every result of a finished scan, before its findings are pushed. */
  onResults?(results: readonly LintResult[]): void;
}

export class WorkspaceScan {
  private last: FolderScan[] | undefined;
  /** File path → the URI its scan findings are pushed to and its result; an open document's come from its own lint. */
  private scanned = new Map<string, { uri: string; result: LintResult }>();
  private running: Worker | undefined;

  constructor(private readonly host: ScanHost) {}

  async scan(
    folderUris: readonly string[],
    token: CancellationToken,
    workDoneToken?: string | number,
  ): Promise<ScanResponse> {
    const folders = await Promise.all(folderUris.map((uri) => this.folder(uri)));
    const enabled = folders.filter((folder): folder is ScanFolder => folder !== undefined);
    if (enabled.length === 0 || token.isCancellationRequested) return null;
    const progress = await this.host.connection.window.attachWorkDoneProgress(workDoneToken);
    progress.begin('Agent Risk: scanning the workspace', 0, undefined, true);
    try {
      const done = await this.runWorker({ scanWorker: true, folders: enabled }, token, (count, total) =>
        progress.report(total === 0 ? 100 : Math.floor((100 * count) / total), scanProgressMessage(count, total)),
      );
      return done === undefined ? null : this.accept(done.folders, done.millis);
    } finally {
      progress.done();
    }
  }

  /** Writes the last scan as a report with the CLI's writers; paths relative to the first folder, as the CLI's to its cwd. */
  async export(format: ReportFormat, file: string): Promise<string | undefined> {
    const folders = this.last;
    if (folders === undefined) return undefined;
    // Severities from editor settings override the team's files: the report says so (and which).
    const overrides: SeverityOverride[] = [];
    for (const folder of folders) {
      const rules = (await this.host.settingsFor(fileUri(folder.folder))).overrides.rules ?? [];
      if (rules.length > 0)
        overrides.push({ source: `editor settings (${path.basename(folder.folder)})`, rules: [...rules] });
    }
    const report = buildReport({
      root: folders[0]?.folder ?? process.cwd(),
      results: folders.flatMap((folder) => folder.output.results),
      problems: folders.flatMap((folder) => [...folder.walkProblems, ...folder.output.problems]),
      scopes: folders.flatMap((folder) => folder.output.scopes),
      options: { failOn: 'error', quiet: false, ...(overrides.length > 0 ? { overrides } : {}) },
      filesScanned: folders.reduce((sum, folder) => sum + folder.output.filesScanned, 0),
    });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // A symlink at the chosen path (one committed to the workspace) is replaced, never written through.
    writeFileReplacing(file, RENDER[format](report));
    return file;
  }

  /** A document opened: its own lint reports it now, so the scan's pushed findings are withdrawn. */
  opened(uri: string): void {
    const entry = this.scanned.get(keyOf(uri));
    if (entry !== undefined) void this.host.connection.sendDiagnostics({ uri: entry.uri, diagnostics: [] });
  }

  isScanned(uri: string): boolean {
    return this.scanned.has(keyOf(uri));
  }

  /** A scanned document closed: its findings as it now is on disk go back to the Problems panel. */
  closed(uri: string, result: LintResult | undefined): void {
    const key = keyOf(uri);
    const entry = this.scanned.get(key);
    if (entry === undefined) return;
    if (result !== undefined) entry.result = result;
    void this.publish(entry);
  }

  /** Settings changed: each closed scanned file's findings show again, or go when its folder turned Agent Risk off. */
  republish(): void {
    for (const entry of this.scanned.values()) if (!this.host.isOpen(entry.uri)) void this.publish(entry);
  }

  private async publish(entry: { uri: string; result: LintResult }): Promise<void> {
    const enabled = (await this.host.settingsFor(entry.uri)).enable;
    // Opened while the settings were fetched: its own lint reports it now.
    if (this.host.isOpen(entry.uri)) return;
    const diagnostics = enabled ? this.host.diagnosticsOf(entry.result) : [];
    await this.host.connection.sendDiagnostics({ uri: entry.uri, diagnostics });
  }

  private async folder(uri: string): Promise<ScanFolder | undefined> {
    const settings = await this.host.settingsFor(uri);
    if (!settings.enable) return undefined;
    const folder = fileURLToPath(uri);
    const scan: ScanFolder = {
      path: folder,
      overrides: settings.overrides,
      include: settings.include,
      exclude: settings.exclude,
    };
    if (settings.configFile !== undefined && this.host.trusted())
      scan.explicitFile = path.resolve(folder, settings.configFile);
    return scan;
  }

  private runWorker(
    request: ScanRequest,
    token: CancellationToken,
    onProgress: (done: number, total: number) => void,
  ): Promise<{ folders: FolderScan[]; millis: number } | undefined> {
    // One scan at a time: a new one replaces the one running.
    void this.running?.terminate();
    return new Promise((resolve) => {
      const worker = new Worker(this.host.workerFile, { workerData: request });
      this.running = worker;
      let settled = false;
      const finish = (outcome: { folders: FolderScan[]; millis: number } | undefined): void => {
        if (settled) return;
        settled = true;
        cancellation.dispose();
        if (this.running === worker) this.running = undefined;
        // Stops the worker mid-file if need be: nothing it holds outlives the scan.
        void worker.terminate();
        resolve(outcome);
      };
      const cancellation = token.onCancellationRequested(() => {
        this.host.connection.console.log('Scan cancelled.');
        finish(undefined);
      });
      let total = 0;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'walked') {
          total = message.total;
          onProgress(0, total);
        } else if (message.type === 'progress') onProgress(message.done, message.total);
        else if (message.type === 'done') {
          onProgress(total, total);
          finish({ folders: message.folders, millis: message.millis });
        } else {
          this.host.connection.console.error(`Scan failed: ${message.message}`);
          finish(undefined);
        }
      });
      worker.on('error', (error) => {
        this.host.connection.console.error(`Scan worker error: ${error.stack ?? error.message}`);
        finish(undefined);
      });
      worker.on('exit', () => finish(undefined));
    });
  }

  private accept(folders: FolderScan[], millis: number): ScanResponse {
    const results = folders.flatMap((folder) =>
      folder.output.results.map(({ result }) => ({ uri: fileUri(result.file), result })),
    );
    this.host.onResults?.(results.map((entry) => entry.result));
    const previous = this.scanned;
    this.scanned = new Map(results.map((entry) => [keyOf(entry.uri), { ...entry }]));
    this.last = folders;
    const { connection } = this.host;
    for (const [key, { uri }] of previous)
      if (!this.scanned.has(key) && !this.host.isOpen(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const { uri, result } of results)
      if (!this.host.isOpen(uri))
        void connection.sendDiagnostics({ uri, diagnostics: this.host.diagnosticsOf(result) });
    for (const folder of folders) {
      for (const problem of [...folder.walkProblems, ...folder.output.problems])
        connection.console.log(`[${problem.kind}] ${problem.file}: ${problem.message}`);
      for (const error of folder.output.configErrors)
        connection.console.log(`[config] ${error.file}:${error.line}:${error.column}: ${error.message}`);
    }
    const summary = summarise(folders, results, millis);
    connection.console.log(
      `Scan: ${summary.files} files, ${summary.tools} tools, ${summary.findings} findings in ${millis} ms.`,
    );
    return { summary, results };
  }
}

/** Clients spell file URIs differently (VS Code escapes `@` and `:`): scanned files are known by their path. */
function keyOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

function summarise(folders: FolderScan[], results: Array<{ result: LintResult }>, millis: number): ScanSummary {
  const byRule: Record<string, number> = {};
  let findings = 0;
  for (const { result } of results) {
    for (const finding of result.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
    findings += result.findings.length;
  }
  return {
    files: folders.reduce((sum, folder) => sum + folder.output.filesScanned, 0),
    findings,
    byRule,
    tools: results.reduce((sum, { result }) => sum + result.tools.length, 0),
    problems: folders.reduce((sum, folder) => sum + folder.output.problems.length + folder.walkProblems.length, 0),
    millis,
  };
}
