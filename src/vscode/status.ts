// The status bar item, named "Agent Risk": the current file's state (findings, not analysed and why, off) or the
// scan's progress, with the current file's own lint time; a click opens a small menu, as vscode-eslint's does.
import * as vscode from 'vscode';
import { type FileState, LANGUAGES } from '../editor/for-client';
import type { ResultStore } from './results-store';
import type { ScanState } from './scan-workspace';

export const SCAN_WORKSPACE = 'agentRisk.scanWorkspace';
export const SHOW_OUTPUT = 'agentRisk.showOutput';
export const SHOW_STATUS_MENU = 'agentRisk.showStatusMenu';

const LINTED = new Set<string>(LANGUAGES);

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('agentRisk.status', vscode.StatusBarAlignment.Left, 50);
  private scan: ScanState = { kind: 'idle' };
  /** Each document's last lint time and state, so the tooltip speaks of the file in front of the user. */
  private readonly files = new Map<string, { millis: number; state?: FileState }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: ResultStore) {
    this.item.name = 'Agent Risk';
    this.item.command = SHOW_STATUS_MENU;
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

  /** Records a lint of `uri`: how long it took and, when nothing was analysed, why. */
  setLint(uri: vscode.Uri, millis: number, state?: FileState): void {
    this.files.set(uri.toString(), state === undefined ? { millis } : { millis, state });
    this.update();
  }

  /** What the item shows now, for tests and the accessibility label. */
  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : '';
  }

  update(): void {
    this.item.backgroundColor = undefined;
    if (this.scan.kind === 'scanning') {
      this.show(
        `$(sync~spin) Agent Risk ${this.scan.done}/${this.scan.total}`,
        'Agent Risk is scanning the workspace.',
      );
      return;
    }
    const editor = vscode.window.activeTextEditor;
    // Markdown, JSON and settings editors are not ours to judge: the item stays out of their way.
    if (editor === undefined || !LINTED.has(editor.document.languageId)) {
      this.item.hide();
      return;
    }
    const file = this.files.get(editor.document.uri.toString());
    const timing = file === undefined ? '' : ` This file took ${file.millis} ms to lint.`;
    const state = file?.state;
    if (state?.kind === 'off') {
      this.show('$(circle-slash) Agent Risk: off', 'Agent Risk is turned off (agentRisk.enable).');
      return;
    }
    if (state?.kind === 'config-error') {
      this.show(
        '$(error) Agent Risk: configuration error',
        'The configuration has errors; see the Problems panel and the Agent Risk output.',
      );
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    if (state?.kind === 'skipped') {
      this.show(
        '$(circle-slash) Agent Risk: not analysed',
        `Agent Risk did not analyse this file: ${state.reason}${timing}`,
      );
      return;
    }
    const entry = this.store.get(editor.document.uri);
    if (entry === undefined) {
      this.show('$(shield) Agent Risk', `Agent Risk has not analysed this file yet.${timing}`);
      return;
    }
    const { findings, tools, problems } = entry.result;
    const notAnalysed = problems.find((problem) => problem.kind === 'timeout' || problem.kind === 'parse');
    if (notAnalysed !== undefined) {
      this.show(
        `$(warning) Agent Risk: not analysed (${notAnalysed.kind === 'timeout' ? 'timeout' : 'parse error'})`,
        `${notAnalysed.message}${timing}`,
      );
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      return;
    }
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    this.show(
      `$(shield) Agent Risk: ${findings.length}`,
      `Agent Risk: ${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} (${errors} at error level) and ${tools.length} ${tools.length === 1 ? 'tool' : 'tools'} in this file.${timing}`,
    );
    if (errors > 0) this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  private show(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = `${tooltip} Click for the Agent Risk menu.`;
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

/** The item's menu: the output first (what users look for when something is off), then the heavier actions. */
export async function showStatusMenu(): Promise<void> {
  const items: Array<vscode.QuickPickItem & { command: string; args?: unknown[] }> = [
    { label: '$(output) Show Output', command: SHOW_OUTPUT },
    { label: '$(search) Scan Workspace', description: 'lint every file of the workspace', command: SCAN_WORKSPACE },
    { label: '$(list-tree) Open Tool Inventory', command: 'agentRisk.openInventory' },
    { label: '$(gear) Open Settings', command: 'workbench.action.openSettings', args: ['agentRisk'] },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Agent Risk' });
  if (picked !== undefined) await vscode.commands.executeCommand(picked.command, ...(picked.args ?? []));
}
