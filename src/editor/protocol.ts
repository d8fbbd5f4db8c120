// The language server's own messages beyond LSP (lint results for the tool view and status item, the workspace
// scan, report export, trust) and its initialization options: plain data shared by the server and the VS Code client.
import type { LintResult } from '../engine/types';

export type { CapabilityKind, Finding, LintResult, Position, Range, ToolInfo } from '../engine/types';

/** The languages the server lints. */
export const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

/** Commands the client implements; the server names them in what it sends only when the client says it has them. */
export interface ClientCommands {
  /** Opens a rule's doc: `[ruleId]`. Without it, rule links are the doc files' URIs. */
  ruleDoc?: string;
  /** Puts the cursor where a suppression's reason goes: `[uri, line, character]`. */
  placeCursor?: string;
  /** Reveals a tool in the client's tool view: `[uri, name, offset]`. */
  revealTool?: string;
}

export interface InitializationOptions {
  /** The `agentRisk` settings section, for clients without `workspace/configuration`. */
  settings?: unknown;
  /**
   * False in an untrusted workspace (VS Code's Restricted Mode): `configFile` is ignored and the search for
   * `.agent-risk.json` stops at the workspace folder. The client already drops workspace values of the
   * settings that can hide a finding from what it answers to `workspace/configuration`.
   */
  trusted?: boolean;
  commands?: ClientCommands;
  /** Send `agentRisk/didLint` after each lint of an open document. */
  lintNotifications?: boolean;
}

/** Why the status item shows no findings for a file it did not analyse. */
export type FileState = { kind: 'off' } | { kind: 'skipped'; reason: string } | { kind: 'config-error' };

/**
 * Server → client after each lint of an open document; `result` is absent when the file was not analysed, and its
 * findings and suppressed findings come without related locations (the diagnostics carry those).
 */
export const DID_LINT = 'agentRisk/didLint';
export interface DidLintParams {
  uri: string;
  version: number;
  millis: number;
  result?: LintResult;
  state?: FileState;
}

/** Client → server: the workspace became trusted (it never becomes untrusted without a reload). */
export const DID_CHANGE_TRUST = 'agentRisk/didChangeTrust';
export interface DidChangeTrustParams {
  trusted: boolean;
}

/** Client → server request: scan these workspace folders; progress over `$/progress` with `workDoneToken`. */
export const SCAN_WORKSPACE = 'agentRisk/scanWorkspace';
export interface ScanParams {
  folders: string[];
  workDoneToken?: string | number;
}

export interface ScanSummary {
  files: number;
  findings: number;
  byRule: Record<string, number>;
  tools: number;
  problems: number;
  millis: number;
}

/** Null when the scan was cancelled or failed (the failure is in the server's log). */
export type ScanResponse = { summary: ScanSummary; results: Array<{ uri: string; result: LintResult }> } | null;

/** Client → server request: write the last scan as a report; answers the file written. */
export const EXPORT_REPORT = 'agentRisk/exportReport';
export type ReportFormat = 'sarif' | 'markdown';
export interface ExportParams {
  format: ReportFormat;
  file: string;
}

/** The progress message of a scan; the client reads the counts back for its status item. */
export function scanProgressMessage(done: number, total: number): string {
  return `${done} / ${total} files`;
}

export function parseScanProgress(message: string | undefined): { done: number; total: number } | undefined {
  const match = /^(\d+) \/ (\d+) files$/.exec(message ?? '');
  return match === null ? undefined : { done: Number(match[1]), total: Number(match[2]) };
}
