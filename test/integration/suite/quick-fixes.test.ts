// Code actions on findings: each structural fix, applied, makes the engine drop its finding; suppression puts the cursor on the reason.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, eventually, open, revertActive, ruleOf, setSetting, waitForDiagnostics } from './helpers';

const STRUCTURAL_FIX = /^(Allow only listed hosts|Keep the path inside a root folder|Require approval for each call)/;

async function actionsFor(
  editor: vscode.TextEditor,
  ruleId: string,
): Promise<{ diagnostic: vscode.Diagnostic; actions: vscode.CodeAction[] }> {
  const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => ruleOf(x) === ruleId), ruleId);
  const diagnostic = diagnostics.find((x) => ruleOf(x) === ruleId) as vscode.Diagnostic;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    editor.document.uri,
    diagnostic.range,
  );
  // The command returns every provider's actions (TypeScript's refactorings too) without their diagnostics: ours are told apart by title.
  return {
    diagnostic,
    actions: actions.filter((action) => action.title.includes(ruleId) || STRUCTURAL_FIX.test(action.title)),
  };
}

async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

async function fixRemovesFinding(file: string, ruleId: string, title: RegExp, expectText: RegExp): Promise<void> {
  const editor = await open(file);
  const { actions } = await actionsFor(editor, ruleId);
  const fix = actions.find((action) => title.test(action.title));
  assert.ok(fix, `a fix matching ${title} among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.equal(fix.isPreferred, true);
  await apply(fix);
  assert.match(editor.document.getText(), expectText);
  await waitForDiagnostics(
    editor.document.uri,
    (d) => !d.some((x) => ruleOf(x) === ruleId),
    `no ${ruleId} after the fix`,
  );
  await revertActive();
}

describe('quick fixes', () => {
  afterEach(closeAll);

  it('inserts a host allowlist check that removes unscoped-network', () =>
    fixRemovesFinding(
      'src/fetch-page.ts',
      'unscoped-network',
      /host allowlist/,
      /if \(!ALLOWED_HOSTS\.has\(new URL\(url\)\.hostname\)\)/,
    ));

  it('inserts a root-containment check that removes unscoped-filesystem', () =>
    fixRemovesFinding(
      'src/notes-server.ts',
      'unscoped-filesystem',
      /containment/,
      /safePath\.startsWith\(ALLOWED_ROOT \+ path\.sep\)/,
    ));

  it('adds needsApproval: true to an AI SDK tool that moves money', () =>
    fixRemovesFinding(
      'src/payments/charge.ts',
      'unbounded-transaction',
      /needsApproval/,
      /\n {2}needsApproval: true,\n {2}execute:/,
    ));

  it('adds needsApproval: true to an OpenAI Agents tool that moves money', () =>
    fixRemovesFinding(
      'src/payments/refund.ts',
      'unbounded-transaction',
      /needsApproval/,
      /needsApproval: true,\n {2}async execute/,
    ));

  it('adds requireApproval: true to a Mastra tool that moves money', () =>
    fixRemovesFinding('src/payments/payout.ts', 'unbounded-transaction', /requireApproval/, /requireApproval: true,/));

  it('offers source.fixAll.agentRisk (editor.codeActionsOnSave) with the safe fixes of the file', async () => {
    const fixAllOf = async (editor: vscode.TextEditor): Promise<vscode.CodeAction | undefined> => {
      const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        editor.document.uri,
        whole,
        'source.fixAll.agentRisk',
      );
      return actions.find((action) => action.kind?.value === 'source.fixAll.agentRisk');
    };
    const charge = await open('src/payments/charge.ts');
    await waitForDiagnostics(
      charge.document.uri,
      (d) => d.some((x) => ruleOf(x) === 'unbounded-transaction'),
      'unbounded-transaction',
    );
    const fixAll = await fixAllOf(charge);
    assert.ok(fixAll?.edit, 'a fix-all action with an edit');
    await apply(fixAll);
    assert.match(charge.document.getText(), /needsApproval: true/);
    await waitForDiagnostics(
      charge.document.uri,
      (d) => !d.some((x) => ruleOf(x) === 'unbounded-transaction'),
      'no unbounded-transaction after fixing all',
    );
    await revertActive();
    // A host allowlist starts empty: applied unseen on save it would stop the tool, so fix-all leaves it.
    const fetchPage = await open('src/fetch-page.ts');
    await waitForDiagnostics(
      fetchPage.document.uri,
      (d) => d.some((x) => ruleOf(x) === 'unscoped-network'),
      'findings',
    );
    assert.equal((await fixAllOf(fetchPage))?.edit, undefined);
  });

  it('suppresses a line with a directive and puts the cursor where the reason goes', async () => {
    const editor = await open('src/shell.ts');
    const { diagnostic, actions } = await actionsFor(editor, 'unscoped-process');
    const suppress = actions.find((action) => /Suppress unscoped-process/.test(action.title));
    assert.ok(suppress, 'a suppress action');
    await apply(suppress);
    const directiveLine = editor.document.lineAt(diagnostic.range.start.line);
    assert.equal(directiveLine.text, '    // agent-risk-disable-next-line unscoped-process -- ');
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), editor.document.uri.toString());
    assert.deepEqual(
      [active?.selection.active.line, active?.selection.active.character],
      [directiveLine.lineNumber, directiveLine.text.length],
    );
    // Suppressed, but without a reason the directive itself is reported until one is typed.
    await waitForDiagnostics(
      editor.document.uri,
      (d) =>
        !d.some((x) => ruleOf(x) === 'unscoped-process') && d.some((x) => ruleOf(x) === 'missing-suppression-reason'),
      'the missing-reason hint',
    );
    await active?.edit((edit) =>
      edit.insert(active.selection.active, 'commands come from the operator, never the model'),
    );
    await waitForDiagnostics(
      editor.document.uri,
      (d) => !d.some((x) => ruleOf(x) === 'missing-suppression-reason' || ruleOf(x) === 'unscoped-process'),
      'a justified suppression',
    );
    await revertActive();
  });

  it('offers the rule doc and a workspace severity change on every finding', async () => {
    const editor = await open('src/shell.ts');
    const { actions } = await actionsFor(editor, 'unscoped-process');
    const doc = actions.find((action) => action.command?.command === 'agentRisk.openRuleDoc');
    assert.deepEqual(doc?.command?.arguments, ['unscoped-process']);
    const severity = actions.find((action) => action.command?.command === 'agentRisk.setRuleSeverity');
    assert.ok(severity, 'a change-severity action');
    await vscode.commands.executeCommand('agentRisk.setRuleSeverity', 'unscoped-process', 'info', 'settings');
    await eventually(
      () => vscode.workspace.getConfiguration('agentRisk').inspect('rules')?.workspaceValue,
      'the setting to be written',
    );
    const rules = vscode.workspace
      .getConfiguration('agentRisk')
      .inspect<Record<string, string>>('rules')?.workspaceValue;
    assert.deepEqual(rules, { 'unscoped-process': 'info' });
    await waitForDiagnostics(
      editor.document.uri,
      (d) => d.some((x) => ruleOf(x) === 'unscoped-process' && x.severity === vscode.DiagnosticSeverity.Information),
      'unscoped-process at info level',
    );
    await setSetting('rules', undefined);
  });

  it("writes a severity change into the team's .agent-risk.json, keeping its comments", async () => {
    const editor = await open('src/shell.ts');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => ruleOf(x) === 'unscoped-process'), 'findings');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'a workspace folder');
    const configUri = vscode.Uri.joinPath(folder, '.agent-risk.json');
    const original = Buffer.from(await vscode.workspace.fs.readFile(configUri)).toString('utf8');
    try {
      await vscode.commands.executeCommand('agentRisk.setRuleSeverity', 'unscoped-process', 'warning', 'team');
      const written = Buffer.from(await vscode.workspace.fs.readFile(configUri)).toString('utf8');
      assert.match(written, /"unscoped-process": "warning"/);
      assert.match(written, /\/\/ The integration tests' project/);
      await waitForDiagnostics(
        editor.document.uri,
        (d) => d.some((x) => ruleOf(x) === 'unscoped-process' && x.severity === vscode.DiagnosticSeverity.Warning),
        'unscoped-process at warning level from the team file',
      );
    } finally {
      await vscode.workspace.fs.writeFile(configUri, Buffer.from(original, 'utf8'));
      const document = vscode.workspace.textDocuments.find(
        (candidate) => candidate.uri.toString() === configUri.toString(),
      );
      if (document?.isDirty) await document.save();
    }
    await waitForDiagnostics(
      editor.document.uri,
      (d) => d.some((x) => ruleOf(x) === 'unscoped-process' && x.severity === vscode.DiagnosticSeverity.Error),
      'unscoped-process back at error level',
    );
  });

  it('offers a structural fix at the call in the handler where the sink is in another file', async () => {
    const editor = await open('src/read-url.ts');
    const { actions } = await actionsFor(editor, 'unscoped-network');
    assert.ok(actions.some((action) => /Suppress/.test(action.title)));
    assert.equal(
      actions.filter((action) => STRUCTURAL_FIX.test(action.title)).length,
      1,
      actions.map((a) => a.title).join(' | '),
    );
  });

  it('replaces a misspelt rule id in a directive with the closest rule, which then suppresses the finding', async () => {
    const editor = await open('src/fetch-page.ts');
    await waitForDiagnostics(
      editor.document.uri,
      (d) => d.some((x) => ruleOf(x) === 'unscoped-network'),
      'unscoped-network',
    );
    try {
      await editor.edit((edit) =>
        edit.insert(
          new vscode.Position(7, 0),
          '    // agent-risk-disable-next-line unscoped-netwrk -- fetches the operator mirror\n',
        ),
      );
      const { diagnostic } = await actionsFor(editor, 'unused-suppression');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        editor.document.uri,
        diagnostic.range,
      );
      const replace = actions.find((action) =>
        /^Replace `unscoped-netwrk` with `unscoped-network`$/.test(action.title),
      );
      assert.ok(replace, actions.map((a) => a.title).join(' | '));
      await apply(replace);
      await waitForDiagnostics(
        editor.document.uri,
        (d) => !d.some((x) => ruleOf(x) === 'unused-suppression' || ruleOf(x) === 'unscoped-network'),
        'the directive now suppresses the finding',
      );
    } finally {
      await revertActive();
    }
  });
});
