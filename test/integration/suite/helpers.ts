// Shared steps of the integration tests: the extension's API, workspace files, and waiting for diagnostics to settle.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AgentRiskApi } from '../../../src/vscode/extension';

export const EXTENSION_ID = 'agent-risk.agent-risk-lint';

export async function extensionApi(): Promise<AgentRiskApi> {
  const extension = vscode.extensions.getExtension<AgentRiskApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the integration workspace open');
  return folder.uri.fsPath;
}

export function workspaceUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), ...relative.split('/')));
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(document);
}

/** The extension's diagnostics for a file. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'agent-risk');
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

export function withRule(uri: vscode.Uri, ruleId: string): vscode.Diagnostic[] {
  return ours(uri).filter((diagnostic) => ruleOf(diagnostic) === ruleId);
}

/** Resolves once `check` holds for the file's diagnostics; fails with what was last seen after `timeout` ms. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  check: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeout = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      const current = ours(uri);
      if (!check(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) done();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = ours(uri).map((d) => `${ruleOf(d)}@${d.range.start.line + 1}:${d.range.start.character}`);
      reject(new Error(`Timed out waiting for ${what} in ${uri.fsPath}; saw [${seen.join(', ')}]`));
    }, timeout);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    done();
  });
}

/** Polls a condition that has no event of its own (tabs, settings, files). */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeout = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Drops unsaved edits of the active editor, so each test starts from the file on disk. */
export async function revertActive(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  await vscode.commands.executeCommand('workbench.action.files.revert');
  if (document !== undefined)
    await eventually(() => (document.isDirty ? undefined : true), `${document.uri.fsPath} to be reverted`);
}

/** Closes every editor without saving: dirty documents are reverted first, so no test's edits reach the disk. */
export async function closeAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter(
    (candidate) => candidate.isDirty && candidate.uri.scheme === 'file',
  )) {
    await vscode.window.showTextDocument(document);
    await revertActive();
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Changes a workspace setting and resolves once the extension host has dispatched the change, so
 * the extension has reacted to it (its listener was registered first) before the test goes on.
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const dispatched = new Promise<void>((resolve) => {
    const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`agentRisk.${key}`)) return;
      subscription.dispose();
      resolve();
    });
  });
  const config = vscode.workspace.getConfiguration('agentRisk');
  if (JSON.stringify(config.inspect(key)?.workspaceValue) === JSON.stringify(value)) return;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  await dispatched;
}

/** Measures the extension host's worst event-loop stall (ms beyond a 10 ms tick) until `stop` is called. */
export function stallMeter(): { stop(): number } {
  let worst = 0;
  let last = Date.now();
  const ticker = setInterval(() => {
    const now = Date.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(ticker);
      return worst;
    },
  };
}
