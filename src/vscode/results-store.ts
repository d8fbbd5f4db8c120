// Holds the latest lint result of every file, from live linting of open documents or from the last workspace scan, and says when one changes.
import * as vscode from 'vscode';
import type { LintResult, ToolInfo } from '../editor/for-client';

export type ResultOrigin = 'live' | 'scan';

export interface StoredResult {
  uri: vscode.Uri;
  result: LintResult;
  origin: ResultOrigin;
  /** The document version a live result was computed from. */
  version?: number;
}

/** A live result (the open document's text) wins over the scan's (the file on disk) for the same file. */
export class ResultStore implements vscode.Disposable {
  private readonly live = new Map<string, StoredResult>();
  private scanned = new Map<string, StoredResult>();
  private readonly changed = new vscode.EventEmitter<readonly vscode.Uri[]>();
  /** Fires with the files whose visible result changed. */
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri): StoredResult | undefined {
    const key = uri.toString();
    return this.live.get(key) ?? this.scanned.get(key);
  }

  isScanned(uri: vscode.Uri): boolean {
    return this.scanned.has(uri.toString());
  }

  setLive(uri: vscode.Uri, result: LintResult, version: number): void {
    this.live.set(uri.toString(), { uri, result, origin: 'live', version });
    this.changed.fire([uri]);
  }

  /** Forgets the live result; the scan's result for the file, if any, shows again. */
  clearLive(uri: vscode.Uri): void {
    if (this.live.delete(uri.toString())) this.changed.fire([uri]);
  }

  /** Replaces one file's scan result, e.g. after re-reading a closed document from disk. */
  setScanned(uri: vscode.Uri, result: LintResult): void {
    this.scanned.set(uri.toString(), { uri, result, origin: 'scan' });
    this.changed.fire([uri]);
  }

  /** Replaces every scan result at once: files the new scan no longer covers are cleared. */
  replaceScan(results: ReadonlyArray<{ uri: vscode.Uri; result: LintResult }>): void {
    const previous = this.scanned;
    this.scanned = new Map(
      results.map(({ uri, result }) => [uri.toString(), { uri, result, origin: 'scan' as const }]),
    );
    const touched = new Map<string, vscode.Uri>();
    for (const entry of [...previous.values(), ...this.scanned.values()]) touched.set(entry.uri.toString(), entry.uri);
    this.changed.fire([...touched.values()]);
  }

  /** Forgets everything (the extension was disabled). */
  clear(): void {
    const uris = this.all().map((entry) => entry.uri);
    this.live.clear();
    this.scanned.clear();
    this.changed.fire(uris);
  }

  /** The visible result of every file. */
  all(): StoredResult[] {
    const merged = new Map(this.scanned);
    for (const [key, entry] of this.live) merged.set(key, entry);
    return [...merged.values()];
  }

  tools(): Array<{ uri: vscode.Uri; tool: ToolInfo }> {
    return this.all().flatMap((entry) => entry.result.tools.map((tool) => ({ uri: entry.uri, tool })));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
