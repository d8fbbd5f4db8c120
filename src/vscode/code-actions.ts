// Offers, per finding: the framework's own fix where one exists, suppress this line with a reason, open the rule's doc, and change the rule's severity for the workspace.
import * as vscode from 'vscode';
import { rules, SEVERITIES, type Finding, type LintResult } from './core';
import { ruleIdOf } from './diagnostics';
import { OPEN_RULE_DOC } from './doc-links';
import { directiveFixes, fileSuppressionEdit, suppressionEdit, verifiedFixes, type OffsetEdit } from './core';
import { LANGUAGES, type LintService } from './lint-service';
import { toRange } from './positions';
import type { ResultStore } from './results-store';
import { SECTION } from './settings';

export const PLACE_CURSOR = 'agentRisk.placeCursor';
export const SET_RULE_SEVERITY = 'agentRisk.setRuleSeverity';

export class AgentRiskCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly store: ResultStore,
    private readonly service: LintService,
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((diagnostic) => ruleIdOf(diagnostic) !== undefined);
    if (ours.length === 0) return [];
    const result = this.currentResult(document);
    if (result === undefined) return [];
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const ruleId = ruleIdOf(diagnostic) as string;
      const finding = result.findings.find(
        (candidate) => candidate.ruleId === ruleId && toRange(candidate.range).isEqual(diagnostic.range),
      );
      if (finding !== undefined) {
        for (const fix of verifiedFixes(text, result, finding, (variant) =>
          this.service.lintVariant(document, variant),
        )) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = true;
          action.edit = workspaceEdit(document, fix.edits);
          actions.push(action);
        }
        for (const fix of directiveFixes(text, finding)) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = true;
          action.edit = workspaceEdit(document, fix.edits);
          actions.push(action);
        }
        const suppress = this.suppressAction(document, text, finding, diagnostic, 'line');
        if (suppress !== undefined) actions.push(suppress);
        const suppressFile = this.suppressAction(document, text, finding, diagnostic, 'file');
        if (suppressFile !== undefined) actions.push(suppressFile);
      }
      const doc = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
      doc.command = { title: doc.title, command: OPEN_RULE_DOC, arguments: [ruleId] };
      doc.diagnostics = [diagnostic];
      actions.push(doc);
      const severity = new vscode.CodeAction(
        `Change the severity of ${ruleId} for this workspace…`,
        vscode.CodeActionKind.QuickFix,
      );
      severity.command = { title: severity.title, command: SET_RULE_SEVERITY, arguments: [ruleId] };
      severity.diagnostics = [diagnostic];
      actions.push(severity);
    }
    return actions;
  }

  /**
   * The result for the document's current text. When it was edited since the last lint, the text is
   * linted here without publishing: VS Code asks for code actions on every cursor move, and that must
   * not lint behind the back of `agentRisk.run: onSave`.
   */
  private currentResult(document: vscode.TextDocument): LintResult | undefined {
    const entry = this.store.get(document.uri);
    if (entry !== undefined && entry.origin === 'live' && entry.version === document.version) return entry.result;
    return this.service.lintVariant(document, document.getText());
  }

  private suppressAction(
    document: vscode.TextDocument,
    text: string,
    finding: Finding,
    diagnostic: vscode.Diagnostic,
    scope: 'line' | 'file',
  ): vscode.CodeAction | undefined {
    const suppression = scope === 'line' ? suppressionEdit(text, finding) : fileSuppressionEdit(text, finding);
    if (suppression === undefined) return undefined;
    const action = new vscode.CodeAction(
      scope === 'line'
        ? `Suppress ${finding.ruleId} on this line (with a reason)`
        : `Suppress ${finding.ruleId} in this file (with a reason)`,
      vscode.CodeActionKind.QuickFix,
    );
    action.diagnostics = [diagnostic];
    action.edit = workspaceEdit(document, [suppression.edit]);
    // Offsets after the edit: the inserted text shifts everything after the insertion point.
    const { edit, cursor } = suppression;
    const before = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    const position = positionIn(before, cursor);
    action.command = {
      title: 'Type the reason',
      command: PLACE_CURSOR,
      arguments: [document.uri.toString(), position.line, position.character],
    };
    return action;
  }
}

function workspaceEdit(document: vscode.TextDocument, edits: readonly OffsetEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { start, end, text } of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), text);
  }
  return edit;
}

function positionIn(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return new vscode.Position(line, character);
}

export function registerCodeActions(store: ResultStore, service: LintService): vscode.Disposable {
  const selector = LANGUAGES.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(selector, new AgentRiskCodeActions(store, service), {
      providedCodeActionKinds: AgentRiskCodeActions.providedCodeActionKinds,
    }),
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
  const id =
    ruleId ??
    (await vscode.window.showQuickPick(
      rules.map((rule) => rule.id),
      { placeHolder: 'Which rule?' },
    ));
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
