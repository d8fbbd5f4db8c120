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

  it('shows a misspelt rule once, at its line and column, with a suggestion', async () => {
    const editor = await open('src/fetch-page.ts');
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'findings');
    await fs.writeFile(
      workspaceUri(CONFIG).fsPath,
      '{\n  "root": true,\n  "rules": { "unscoped-netwrok": "off",\n    "unscoped-process": "loud" }\n}\n',
    );
    const document = await vscode.workspace.openTextDocument(workspaceUri(CONFIG));
    // Beside the source file, which stays visible: VS Code pulls its diagnostics, and that lint reports the file's errors.
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    // The wrong severity on line 4 proves the JSON language service has validated the file with the schema.
    await eventually(
      () =>
        vscode.languages
          .getDiagnostics(document.uri)
          .find((d) => d.source !== 'agent-risk' && d.range.start.line === 3),
      'the schema diagnostic for the wrong severity',
      30_000,
    );
    await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => x.range.start.line === 2),
      'the server diagnostic for the misspelt rule',
    );
    const misspelt = vscode.languages.getDiagnostics(document.uri).filter((d) => d.range.start.line === 2);
    assert.equal(misspelt.length, 1, misspelt.map((d) => `${d.source}: ${d.message}`).join('\n'));
    assert.match(misspelt[0]?.message ?? '', /did you mean unscoped-network/);
    // The wrong severity is the schema's to show: the server's copy of it is dropped.
    const wrongSeverity = vscode.languages.getDiagnostics(document.uri).filter((d) => d.range.start.line === 3);
    assert.equal(wrongSeverity.length, 1, wrongSeverity.map((d) => `${d.source}: ${d.message}`).join('\n'));
    assert.notEqual(wrongSeverity[0]?.source, 'agent-risk');
    await vscode.commands.executeCommand('workbench.action.files.revert');
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
