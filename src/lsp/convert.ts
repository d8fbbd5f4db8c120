// The one Finding → LSP Diagnostic conversion, and the position conversions (ESTree 1-based lines → LSP 0-based).
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import type { Finding, Position as EnginePosition, Range as EngineRange, ReportedSeverity } from '../engine/types';
import { ruleById } from '../rules/index';
import { docFile } from '../scan/package-info';

export const SOURCE = 'agent-risk';

const SEVERITY: Record<ReportedSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toPosition(position: EnginePosition): Position {
  return { line: Math.max(0, position.line - 1), character: Math.max(0, position.column) };
}

export function toRange(range: EngineRange): Range {
  return { start: toPosition(range.start), end: toPosition(range.end) };
}

/** True when `position` (LSP) lies inside `range` (engine), ends included, as editors treat a hover on a word's end. */
export function contains(range: EngineRange, position: Position): boolean {
  const { start, end } = toRange(range);
  const after = position.line > start.line || (position.line === start.line && position.character >= start.character);
  const before = position.line < end.line || (position.line === end.line && position.character <= end.character);
  return after && before;
}

/** The rule doc shipped in the package, as a file URI: it works offline and in every client. */
export function ruleDocUri(ruleId: string): string | undefined {
  const rule = ruleById(ruleId);
  return rule === undefined ? undefined : pathToFileURL(docFile(rule.docPath)).toString();
}

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}

/** How a client wants diagnostics: `uriFor` maps an engine path back to its document (the client's own URI). */
export interface DiagnosticOptions {
  uriFor: (file: string) => string;
  relatedInformation: boolean;
  /** The link of a rule's doc: a file URI, or the client's own command when it has one. */
  docLink: (ruleId: string) => string | undefined;
}

/** A rule doc link that runs the client's command (VS Code renders the doc in its preview), else the doc file. */
export function docLinker(command: string | undefined): (ruleId: string) => string | undefined {
  if (command === undefined) return ruleDocUri;
  return (ruleId) =>
    ruleById(ruleId) === undefined ? undefined : `command:${command}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}

export function toDiagnostic(finding: Finding, options: DiagnosticOptions): Diagnostic {
  const { uriFor, relatedInformation } = options;
  const diagnostic: Diagnostic = {
    range: toRange(finding.range),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    message: finding.message,
    data: { ruleId: finding.ruleId, tool: finding.tool?.name },
  };
  const href = options.docLink(finding.ruleId);
  if (href !== undefined) diagnostic.codeDescription = { href };
  if (relatedInformation && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: uriFor(related.file), range: toRange(related.range) },
      message: related.message,
    }));
  }
  if (ruleById(finding.ruleId)?.reports.role === 'unused-directive') diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}
