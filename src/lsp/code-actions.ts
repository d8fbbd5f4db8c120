// Code actions: verified structural fixes and "suppress on this line / in this file" per finding, and `source.fixAll.agentRisk`,
// which applies the fixes that are safe in bulk (each re-linted before it is offered).
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, type OffsetEdit } from '../editor/fixes/source';
import { directiveFixes } from '../editor/fixes/directive-fixes';
import { fileSuppressionEdit, suppressionEdit } from '../editor/fixes/suppression';
import { type FixOptions, NOT_FOR_BULK } from '../editor/fixes/index';
import { type Relint, verifiedFixes } from '../editor/fixes/verify';
import type { Finding, LintResult } from '../engine/types';
import { SOURCE, toRange } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.agentRisk`;
/** Bulk fixing re-lints after each fix; a bound keeps a save from taking long on a file with many findings. */
const MAX_BULK_FIXES = 20;

export function codeActionsFor(
  document: TextDocument,
  result: LintResult,
  params: CodeActionParams,
  relint: Relint,
  /** The client's command that places the cursor, when it has one (see ClientCommands). */
  placeCursor?: string,
  fixOptions: FixOptions = {},
): CodeAction[] {
  const only = params.context.only;
  const text = document.getText();
  if (only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind !== CodeActionKind.Source)) {
    const fixAll = fixAllAction(document, text, result, relint, fixOptions);
    return fixAll === undefined ? [] : [fixAll];
  }
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const finding = findingOf(result, diagnostic);
    if (finding === undefined) continue;
    for (const fix of verifiedFixes(text, result, finding, relint, fixOptions)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri]: textEdits(document, fix.edits) } },
      });
    }
    for (const fix of directiveFixes(text, finding)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri]: textEdits(document, fix.edits) } },
      });
    }
    for (const scope of ['line', 'file'] as const) {
      const suppression = scope === 'line' ? suppressionEdit(text, finding) : fileSuppressionEdit(text, finding);
      if (suppression === undefined) continue;
      const action: CodeAction = {
        title: `Suppress ${finding.ruleId} ${scope === 'line' ? 'on this line' : 'in this file'} (with a reason)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: textEdits(document, [suppression.edit]) } },
      };
      if (placeCursor !== undefined) {
        // The reason goes after `--`: the client's command puts the cursor there once the edit is applied.
        const after = TextDocument.create(document.uri, document.languageId, 0, applyEdits(text, [suppression.edit]));
        const { line, character } = after.positionAt(suppression.cursor);
        action.command = { title: 'Type the reason', command: placeCursor, arguments: [document.uri, line, character] };
      }
      actions.push(action);
    }
  }
  return actions;
}

/** Applies one verified fix per finding, re-linting the text after each so later fixes see the earlier ones. */
function fixAllAction(
  document: TextDocument,
  original: string,
  result: LintResult,
  relint: Relint,
  fixOptions: FixOptions,
): CodeAction | undefined {
  let text = original;
  let current: LintResult | undefined = result;
  let applied = 0;
  for (let round = 0; round < MAX_BULK_FIXES && current !== undefined; round++) {
    const base: LintResult = current;
    const fix = base.findings.flatMap((finding) =>
      verifiedFixes(text, base, finding, relint, fixOptions)
        .filter((candidate) => !NOT_FOR_BULK.has(candidate.kind))
        .slice(0, 1),
    )[0];
    if (fix === undefined) break;
    text = applyEdits(text, fix.edits);
    current = relint(text);
    applied++;
  }
  if (applied === 0) return undefined;
  const whole = { start: document.positionAt(0), end: document.positionAt(original.length) };
  return {
    title: `Fix all Agent Risk findings that have a safe fix (${applied})`,
    kind: FIX_ALL_KIND,
    edit: { changes: { [document.uri]: [{ range: whole, newText: text }] } },
  };
}

function findingOf(result: LintResult, diagnostic: Diagnostic): Finding | undefined {
  return result.findings.find((finding) => {
    const range = toRange(finding.range);
    return (
      finding.ruleId === diagnostic.code &&
      range.start.line === diagnostic.range.start.line &&
      range.start.character === diagnostic.range.start.character
    );
  });
}

function textEdits(document: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((edit) => ({
    range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
    newText: edit.text,
  }));
}
