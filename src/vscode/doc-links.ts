// Links to the rule docs shipped inside the extension, opened rendered in VS Code's markdown preview so they work offline.
import * as vscode from 'vscode';
import { RULE_IDS, ruleDocPath } from '../editor/for-client';

export const OPEN_RULE_DOC = 'agentRisk.openRuleDoc';

export function ruleDocFile(extensionUri: vscode.Uri, ruleId: string): vscode.Uri | undefined {
  const docPath = ruleDocPath(ruleId);
  return docPath === undefined ? undefined : vscode.Uri.joinPath(extensionUri, ...docPath.split('/'));
}

/** Opens the rule's doc in the markdown preview; asks which rule when called from the palette. */
export async function openRuleDoc(extensionUri: vscode.Uri, ruleId: unknown): Promise<void> {
  let id = typeof ruleId === 'string' ? ruleId : undefined;
  if (id === undefined) {
    id = await vscode.window.showQuickPick([...RULE_IDS], { placeHolder: 'Which rule’s documentation?' });
    if (id === undefined) return;
  }
  const file = ruleDocFile(extensionUri, id);
  if (file === undefined) {
    void vscode.window.showErrorMessage(`Agent Risk: there is no rule named ${id}.`);
    return;
  }
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    void vscode.window.showErrorMessage(
      `Agent Risk: the documentation of ${id} is missing from this installation (${file.fsPath}).`,
    );
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', file);
}
