// .agent-risk.json in the editor: editing it re-lints open files at once, and its mistakes are shown where they are.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { closeAll, eventually, open, ruleOf, waitForDiagnostics, workspaceUri } from './helpers';

const CONFIG = '.agent-risk.json';

describe('configuration file', () => {
  let original: string;
  before(async () => {
    original = await fs.readFile(workspaceUri(CONFIG).fsPath, 'utf8');
  });
  afterEach(async () => {
    await fs.writeFile(workspaceUri(CONFIG).fsPath, original);
    await closeAll();
  });

  it('re-lints open files when .agent-risk.json changes', async () => {
    const editor = await open('src/fetch-page.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'unscoped-network'), 'unscoped-network');
    await fs.writeFile(workspaceUri(CONFIG).fsPath, '{ "root": true, "rules": { "unscoped-network": "off" } }\n');
    await waitForDiagnostics(
      uri,
      (d) => !d.some((x) => ruleOf(x) === 'unscoped-network'),
      'unscoped-network turned off by the file',
    );
    await fs.writeFile(workspaceUri(CONFIG).fsPath, original);
    await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'unscoped-network'), 'unscoped-network back');
  });

  it('shows configuration errors at their line and column, with a suggestion', async () => {
    const editor = await open('src/fetch-page.ts');
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'findings');
    await fs.writeFile(
      workspaceUri(CONFIG).fsPath,
      '{\n  "root": true,\n  "rules": { "unscoped-netwrok": "off" }\n}\n',
    );
    const configUri = workspaceUri(CONFIG);
    const [error] = await waitForDiagnostics(configUri, (d) => d.length > 0, 'a configuration error');
    assert.match(error?.message ?? '', /unscoped-network/);
    assert.equal(error?.range.start.line, 2);
  });

  it('shows a syntax error once: the JSON language service reports it, the server does not repeat it', async () => {
    await fs.writeFile(workspaceUri(CONFIG).fsPath, '{\n  "root": true,\n  "rules": { "unscoped-network": \n}\n');
    const document = await vscode.workspace.openTextDocument(workspaceUri(CONFIG));
    await vscode.window.showTextDocument(document);
    await eventually(
      () => vscode.languages.getDiagnostics(document.uri).find((d) => d.source !== 'agent-risk'),
      'a syntax diagnostic from the JSON language service',
      30_000,
    );
    // An edit makes the server lint again with the broken file: it sends that file's errors before the findings.
    const editor = await open('src/fetch-page.ts');
    const line = (d: readonly vscode.Diagnostic[]) => d.find((x) => ruleOf(x) === 'unscoped-network')?.range.start.line;
    const before = line(await waitForDiagnostics(editor.document.uri, (d) => line(d) !== undefined, 'findings'));
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '\n'));
    await waitForDiagnostics(editor.document.uri, (d) => line(d) === (before ?? 0) + 1, 'findings after the edit');
    assert.deepEqual(
      vscode.languages
        .getDiagnostics(document.uri)
        .filter((d) => d.source === 'agent-risk')
        .map((d) => d.message),
      [],
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('validates .agent-risk.json against the contributed JSON schema', async () => {
    await fs.writeFile(
      workspaceUri(CONFIG).fsPath,
      '{\n  "root": true,\n  "rules": { "unscoped-network": "loud" }\n}\n',
    );
    const document = await vscode.workspace.openTextDocument(workspaceUri(CONFIG));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'jsonc');
    const problem = await eventually(
      () =>
        vscode.languages
          .getDiagnostics(document.uri)
          .find((d) => d.source !== 'agent-risk' && d.range.start.line === 2),
      'a schema diagnostic from the JSON language service',
      30_000,
    );
    assert.ok(problem);
  });
});
