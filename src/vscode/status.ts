// The status bar item: findings in the current file, or the scan's progress; clicking it scans the workspace.
import * as vscode from 'vscode';
import type { ResultStore } from './results-store';
import type { ScanState } from './scan-workspace';

export const SCAN_WORKSPACE = 'agentRisk.scanWorkspace';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('agentRisk.status', vscode.StatusBarAlignment.Left, 50);
  private scan: ScanState = { kind: 'idle' };
  private lastMillis: number | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: ResultStore) {
    this.item.name = 'Agent Risk';
    this.item.command = SCAN_WORKSPACE;
    this.subscriptions = [
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  setScanState(state: ScanState): void {
    this.scan = state;
    this.update();
  }

  setLintTime(millis: number): void {
    this.lastMillis = millis;
  }

  /** What the item shows now, for tests and the accessibility label. */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    if (this.scan.kind === 'scanning') {
      this.item.text = `$(sync~spin) Agent Risk ${this.scan.done}/${this.scan.total}`;
      this.item.tooltip = 'Agent Risk is scanning the workspace.';
      this.item.show();
      return;
    }
    const editor = vscode.window.activeTextEditor;
    const entry = editor === undefined ? undefined : this.store.get(editor.document.uri);
    if (entry === undefined) {
      this.item.text = '$(shield) Agent Risk';
      this.item.tooltip = 'Agent Risk: click to scan the workspace.';
      this.item.show();
      return;
    }
    const { findings, tools } = entry.result;
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    this.item.text = `$(shield) ${findings.length}`;
    const timing = this.lastMillis === undefined ? '' : ` Last lint took ${this.lastMillis} ms.`;
    this.item.tooltip = `Agent Risk: ${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} (${errors} at error level) and ${tools.length} ${tools.length === 1 ? 'tool' : 'tools'} in this file.${timing} Click to scan the workspace.`;
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
