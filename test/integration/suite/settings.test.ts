// What a team configures in the editor: severities from agentRisk.rules win over the defaults, and onSave stops linting while typing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAll,
  eventually,
  extensionApi,
  open,
  ours,
  revertActive,
  ruleOf,
  setSetting,
  waitForDiagnostics,
  withRule,
} from './helpers';

const network = (d: vscode.Diagnostic[]): vscode.Diagnostic | undefined =>
  d.find((x) => ruleOf(x) === 'unscoped-network');

describe('settings', () => {
  afterEach(async () => {
    await setSetting('rules', undefined);
    await setSetting('run', undefined);
    await setSetting('enable', undefined);
    await closeAll();
  });

  it('applies a severity from agentRisk.rules at once to open files', async () => {
    const editor = await open('src/fetch-page.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(
      uri,
      (d) => network(d)?.severity === vscode.DiagnosticSeverity.Error,
      'unscoped-network as an error',
    );
    await setSetting('rules', { 'unscoped-*': 'warn' });
    await waitForDiagnostics(
      uri,
      (d) => network(d)?.severity === vscode.DiagnosticSeverity.Warning,
      'unscoped-network as a warning',
    );
  });

  it('turns a rule off with "off"', async () => {
    const editor = await open('src/fetch-page.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => network(d) !== undefined, 'unscoped-network');
    await setSetting('rules', { 'unscoped-network': 'off' });
    // Settings re-derive every result, so the file may pass through an empty list on the way: the state to
    // wait for is the rule gone while the other rules report, and a timeout says which half never came.
    await waitForDiagnostics(
      uri,
      (d) => network(d) === undefined && d.some((x) => ruleOf(x) === 'missing-audit-hook'),
      'no unscoped-network while missing-audit-hook still reports',
    );
  });

  it('does not lint while typing with agentRisk.run set to onSave', async () => {
    await setSetting('run', 'onSave');
    const editor = await open('src/fetch-page.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => network(d) !== undefined, 'unscoped-network');
    try {
      await editor.edit((edit) =>
        edit.replace(editor.document.lineAt(7).range, "    const response = await fetch('https://example.com/');"),
      );
      // Four times the default lint delay: with onType the finding would be gone by now.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(withRule(uri, 'unscoped-network').length, 1);
    } finally {
      await revertActive();
    }
  });

  it('clears every finding when agentRisk.enable is turned off, and brings them back when on', async () => {
    const editor = await open('src/fetch-page.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.length === 2, 'two findings');
    await setSetting('enable', false);
    await waitForDiagnostics(uri, (d) => d.length === 0, 'no findings while disabled');
    await setSetting('enable', undefined);
    await waitForDiagnostics(uri, (d) => d.length === 2, 'findings again');
  });

  it('does not scan the workspace while agentRisk.enable is off, and says it is off in the status bar', async () => {
    const api = await extensionApi();
    await setSetting('enable', false);
    const editor = await open('src/fetch-page.ts');
    await eventually(
      () => (api.status.text === '$(circle-slash) Agent Risk: off' ? true : undefined),
      `status "off", saw "${api.status.text}"`,
    );
    const summary = await vscode.commands.executeCommand('agentRisk.scanWorkspace');
    assert.equal(summary, undefined, 'no scan ran');
    assert.deepEqual(ours(editor.document.uri), [], 'nothing refilled the Problems panel');
  });
});
