// Turns findings into VS Code diagnostics (one converter) and keeps the Problems panel in step with the result store.
import * as vscode from 'vscode';
import { notAnalysed, ruleById, type Finding, type LintResult, type ReportedSeverity } from './core';
import { ruleDocCommandUri } from './doc-links';
import { toRange } from './positions';
import type { ResultStore } from './results-store';

export const SOURCE = 'agent-risk';

const SEVERITY: Record<ReportedSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Findings of the rule that marks directives doing nothing are faded out, as VS Code does for unused code. */
function isUnnecessary(ruleId: string): boolean {
  return ruleById(ruleId)?.reports.role === 'unused-directive';
}

/**
 * The one Finding → Diagnostic conversion. `uriFor` maps an engine file path to its document, so
 * findings in untitled documents (linted under a stand-in path) point back at them.
 */
export function toDiagnostic(finding: Finding, uriFor: (file: string) => vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.ruleId, target: ruleDocCommandUri(finding.ruleId) };
  diagnostic.relatedInformation = finding.related.map(
    (related) =>
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(uriFor(related.file), toRange(related.range)),
        related.message,
      ),
  );
  if (isUnnecessary(finding.ruleId)) diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  return diagnostic;
}

export function diagnosticsFor(result: LintResult, uriFor: (file: string) => vscode.Uri): vscode.Diagnostic[] {
  const diagnostics = result.findings.map((finding) => toDiagnostic(finding, uriFor));
  const missing = notAnalysed(result.problems);
  if (missing !== undefined) {
    const severity = missing.isError ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
    const diagnostic = new vscode.Diagnostic(toRange(missing.range), missing.message, severity);
    diagnostic.source = SOURCE;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

/** The rule id of one of our diagnostics, or undefined for anyone else's. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

/** Publishes the store's results; `uriFor` is the linter's mapping from engine paths to documents. */
export function publishDiagnostics(store: ResultStore, uriFor: (file: string) => vscode.Uri): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const subscription = store.onDidChange((uris) => {
    for (const uri of uris) {
      const entry = store.get(uri);
      if (entry === undefined) collection.delete(uri);
      else collection.set(uri, diagnosticsFor(entry.result, uriFor));
    }
  });
  return vscode.Disposable.from(subscription, collection);
}
