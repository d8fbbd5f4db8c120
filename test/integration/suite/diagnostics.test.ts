// What a developer sees while typing: diagnostics with their rule link, related information, untitled documents, lint on type.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, eventually, extensionApi, open, ours, revertActive, ruleOf, waitForDiagnostics } from './helpers';

async function networkFinding(uri: vscode.Uri): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(
    uri,
    (d) => d.some((x) => ruleOf(x) === 'unscoped-network'),
    'unscoped-network',
  );
  return diagnostics.find((x) => ruleOf(x) === 'unscoped-network') as vscode.Diagnostic;
}

describe('diagnostics', () => {
  before(async () => {
    const api = await extensionApi();
    console.log(`      (activation took ${api.activationMillis} ms)`);
  });
  afterEach(closeAll);

  it('reports an unscoped request at the call, as an error from agent-risk whose message names the input', async () => {
    const editor = await open('src/fetch-page.ts');
    const finding = await networkFinding(editor.document.uri);
    assert.equal(finding.source, 'agent-risk');
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(
      editor.document.getText(finding.range).startsWith('fetch(url)'),
      true,
      `range covers "${editor.document.getText(finding.range)}"`,
    );
    assert.match(finding.message, /`url`/);
  });

  it('links the rule id to a command that opens the doc shipped with the extension', async () => {
    const editor = await open('src/fetch-page.ts');
    const finding = await networkFinding(editor.document.uri);
    const code = finding.code;
    assert.ok(typeof code === 'object' && code !== null && 'target' in code, 'code has a target');
    assert.equal(code.value, 'unscoped-network');
    assert.equal(code.target.scheme, 'command');
    assert.equal(code.target.path, 'agentRisk.openRuleDoc');
    assert.deepEqual(JSON.parse(decodeURIComponent(code.target.query)), ['unscoped-network']);
  });

  it('opens the rule doc rendered in the markdown preview from that link', async () => {
    const editor = await open('src/fetch-page.ts');
    const finding = await networkFinding(editor.document.uri);
    const code = finding.code as { target: vscode.Uri };
    await vscode.commands.executeCommand(
      code.target.path,
      ...(JSON.parse(decodeURIComponent(code.target.query)) as unknown[]),
    );
    const tab = await eventually(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find(
            (candidate) =>
              candidate.input instanceof vscode.TabInputWebview &&
              /markdown\.preview/.test(candidate.input.viewType) &&
              /unscoped-network/.test(candidate.label),
          ),
      'a markdown preview of unscoped-network.md',
    ).catch((error: Error) => {
      const tabs = vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .map((t) => `${t.label} (${t.input?.constructor.name} ${JSON.stringify(t.input)})`);
      throw new Error(
        `${error.message}; tabs: ${tabs.join('; ')}; markdown ext: ${String(vscode.extensions.getExtension('vscode.markdown-language-features')?.isActive)}`,
      );
    });
    assert.match(tab.label, /unscoped-network/);
  });

  it('relates the finding to the model-controlled input and to the tool', async () => {
    const editor = await open('src/fetch-page.ts');
    const finding = await networkFinding(editor.document.uri);
    const related = finding.relatedInformation ?? [];
    const source = related.find((info) => /input/i.test(info.message));
    const tool = related.find((info) => /fetchPage/.test(info.message));
    assert.ok(source, `a related location for the input among ${related.map((r) => r.message).join(' | ')}`);
    assert.equal(source.location.uri.toString(), editor.document.uri.toString());
    assert.ok(tool, 'a related location for the tool');
    assert.equal(editor.document.getText(tool.location.range), 'fetchPage');
  });

  it('points a finding reached through a helper at the sink in the helper file', async () => {
    const editor = await open('src/read-url.ts');
    const finding = await networkFinding(editor.document.uri);
    assert.equal(editor.document.getText(finding.range), 'getText(url)');
    const sink = finding.relatedInformation?.find((info) => info.location.uri.path.endsWith('/src/lib/http.ts'));
    assert.ok(sink, 'related information in src/lib/http.ts');
    assert.equal(sink.location.range.start.line, 1);
  });

  it('lints unsaved edits while typing and drops a finding once its sink is gone', async () => {
    const editor = await open('src/fetch-page.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'unscoped-network'), 'unscoped-network');
    const line = editor.document.lineAt(7);
    await editor.edit((edit) => edit.replace(line.range, "    const response = await fetch('https://example.com/');"));
    await waitForDiagnostics(
      uri,
      (d) => !d.some((x) => ruleOf(x) === 'unscoped-network'),
      'no unscoped-network after the edit',
    );
    await revertActive();
    await waitForDiagnostics(
      uri,
      (d) => d.some((x) => ruleOf(x) === 'unscoped-network'),
      'unscoped-network again after revert',
    );
  });

  it('shows one "not analysed: parse error" diagnostic while the text does not parse, not a silently empty file', async () => {
    const editor = await open('src/fetch-page.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'unscoped-network'), 'unscoped-network');
    try {
      const line = editor.document.lineAt(7);
      await editor.edit((edit) => edit.replace(line.range, '    const response = await fetch(url;'));
      const [diagnostic] = await waitForDiagnostics(
        uri,
        (d) => d.length === 1 && /^Not analysed \(parse error at \d+:\d+\)/.test(d[0]?.message ?? ''),
        'one not-analysed diagnostic',
      );
      assert.equal(diagnostic?.source, 'agent-risk');
      assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await revertActive();
    }
  });

  it('lints untitled documents and clears them on close', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content:
        "import { tool } from 'ai';\nimport { z } from 'zod';\nexport const t = tool({\n  description: 'x',\n  inputSchema: z.object({ url: z.string() }),\n  execute: async ({ url }) => {\n    const r = await fetch(url);\n    return r.text();\n  },\n});\n",
    });
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => ruleOf(x) === 'unscoped-network'),
      'unscoped-network in the untitled document',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await eventually(
      () => (ours(document.uri).length === 0 ? true : undefined),
      'diagnostics of the closed untitled document to clear',
    );
  });
});
