// What VS Code adds to the server's code actions: per finding, open the rule's doc and change the rule's severity for
// the workspace; and the commands the server's actions call (put the cursor on a suppression's reason).
import * as vscode from 'vscode';
import { RULE_IDS, SEVERITIES } from '../editor/for-client';
import { OPEN_RULE_DOC } from './doc-links';
import { SECTION } from './settings';

export const PLACE_CURSOR = 'agentRisk.placeCursor';
export const SET_RULE_SEVERITY = 'agentRisk.setRuleSeverity';
const SOURCE = 'agent-risk';

/** The rule id of one of our diagnostics, or undefined for anyone else's. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

/** The server's actions, then the doc and severity actions for each of our diagnostics in the context. */
export function codeActionsWithCommands(
  context: vscode.CodeActionContext,
  fromServer: ReadonlyArray<vscode.Command | vscode.CodeAction> | null | undefined,
): Array<vscode.Command | vscode.CodeAction> {
  const actions: Array<vscode.Command | vscode.CodeAction> = [...(fromServer ?? [])];
  if (context.only !== undefined && !context.only.contains(vscode.CodeActionKind.QuickFix)) return actions;
  for (const diagnostic of context.diagnostics) {
    const ruleId = ruleIdOf(diagnostic);
    if (ruleId === undefined) continue;
    const doc = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
    doc.command = { title: doc.title, command: OPEN_RULE_DOC, arguments: [ruleId] };
    doc.diagnostics = [diagnostic];
    const severity = new vscode.CodeAction(
      `Change the severity of ${ruleId} for this workspace…`,
      vscode.CodeActionKind.QuickFix,
    );
    severity.command = { title: severity.title, command: SET_RULE_SEVERITY, arguments: [ruleId] };
    severity.diagnostics = [diagnostic];
    actions.push(doc, severity);
  }
  return actions;
}

export function registerCodeActionCommands(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(PLACE_CURSOR, placeCursor),
    vscode.commands.registerCommand(SET_RULE_SEVERITY, setRuleSeverity),
  );
}

async function placeCursor(uri: string, line: number, character: number): Promise<void> {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
  if (document === undefined) return;
  const position = new vscode.Position(line, character);
  const column = vscode.window.visibleTextEditors.find((editor) => editor.document === document)?.viewColumn;
  await vscode.window.showTextDocument(document, {
    selection: new vscode.Range(position, position),
    ...(column === undefined ? {} : { viewColumn: column }),
  });
}

/** Writes `agentRisk.rules[ruleId]` in the workspace settings; the severity comes from the argument or a quick pick. */
export async function setRuleSeverity(ruleId?: string, severity?: string): Promise<void> {
  const id = ruleId ?? (await vscode.window.showQuickPick([...RULE_IDS], { placeHolder: 'Which rule?' }));
  if (id === undefined) return;
  const chosen =
    severity ??
    (await vscode.window.showQuickPick([...SEVERITIES], {
      placeHolder: `Severity of ${id} in this workspace (written to agentRisk.rules)`,
    }));
  if (chosen === undefined) return;
  const config = vscode.workspace.getConfiguration(SECTION);
  const current = config.inspect<Record<string, string>>('rules');
  const target =
    vscode.workspace.workspaceFolders === undefined
      ? vscode.ConfigurationTarget.Global
      : vscode.ConfigurationTarget.Workspace;
  const base = target === vscode.ConfigurationTarget.Workspace ? current?.workspaceValue : current?.globalValue;
  await config.update('rules', { ...(base ?? {}), [id]: chosen }, target);
}
