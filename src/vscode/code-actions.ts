// What VS Code adds to the server's code actions: per finding, open the rule's doc and change the rule's severity for
// the workspace; and the commands the server's actions call (put the cursor on a suppression's reason).
import * as vscode from 'vscode';
import { RULE_IDS, SEVERITIES, withRuleSeverity } from '../editor/for-client';
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
    const severity = new vscode.CodeAction(`Change the severity of ${ruleId}…`, vscode.CodeActionKind.QuickFix);
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

/** Where a severity change goes: the team's configuration file, or the workspace settings. */
export type SeverityTarget = 'team' | 'settings';

/**
 * Changes a rule's severity. With a team `.agent-risk.json` in the workspace it asks where (the team's file
 * first, so that personal settings do not silently override the team); else it writes `agentRisk.rules`.
 */
export async function setRuleSeverity(ruleId?: string, severity?: string, where?: SeverityTarget): Promise<void> {
  const id = ruleId ?? (await vscode.window.showQuickPick([...RULE_IDS], { placeHolder: 'Which rule?' }));
  if (id === undefined) return;
  const chosen = severity ?? (await vscode.window.showQuickPick([...SEVERITIES], { placeHolder: `Severity of ${id}` }));
  if (chosen === undefined) return;
  const teamFile = await teamConfigFile();
  const target = where ?? (teamFile === undefined ? 'settings' : await askWhere(teamFile));
  if (target === undefined) return;
  if (target === 'team' && teamFile !== undefined) await writeTeamSeverity(teamFile, id, chosen);
  else await writeSettingsSeverity(id, chosen);
}

/** The `.agent-risk.json` at the root of the first workspace folder that has one. */
async function teamConfigFile(): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, '.agent-risk.json');
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // No configuration file in this folder.
    }
  }
  return undefined;
}

async function askWhere(teamFile: vscode.Uri): Promise<SeverityTarget | undefined> {
  const team = { label: `Team configuration (${vscode.workspace.asRelativePath(teamFile)})`, target: 'team' as const };
  const settings = {
    label: 'My workspace settings (agentRisk.rules; overrides the team file)',
    target: 'settings' as const,
  };
  return (await vscode.window.showQuickPick([team, settings], { placeHolder: 'Where should the severity be written?' }))
    ?.target;
}

/** An undoable edit of the file, saved so that the server re-reads it. */
async function writeTeamSeverity(uri: vscode.Uri, ruleId: string, severity: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const text = withRuleSeverity(document.getText(), ruleId, severity);
  if (text === undefined) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} has a syntax error: fix it first.`);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  await vscode.workspace.applyEdit(edit);
  await document.save();
}

async function writeSettingsSeverity(ruleId: string, severity: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const current = config.inspect<Record<string, string>>('rules');
  const target =
    vscode.workspace.workspaceFolders === undefined
      ? vscode.ConfigurationTarget.Global
      : vscode.ConfigurationTarget.Workspace;
  const base = target === vscode.ConfigurationTarget.Workspace ? current?.workspaceValue : current?.globalValue;
  await config.update('rules', { ...(base ?? {}), [ruleId]: severity }, target);
}
