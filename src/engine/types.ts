// Public data types of the engine: what a lint returns and what configuration it takes.

import type { EffectKind as CapabilityKind } from '../rules/index';
import type { ReportedSeverity, Severity } from '../rules/severity';

/** Diagnostic levels live with the rules, the bottom layer; re-exported for the engine's users. */
export type { Severity, ReportedSeverity } from '../rules/severity';

/** ESTree position: 1-based line, 0-based column, 0-based UTF-16 offset into the text. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** What a related location points at, so adapters can word and order them. */
export type RelatedKind = 'source' | 'tool' | 'sink' | 'call' | 'guard';

export interface RelatedLocation {
  file: string;
  range: Range;
  kind: RelatedKind;
  message: string;
}

export interface ToolRef {
  name: string;
  file: string;
  range: Range;
}

export interface SuppressionInfo {
  kind: 'next-line' | 'file';
  /** The text after `--`; empty when the directive gave none. */
  justification: string;
  /** Where the directive comment is. */
  range: Range;
  /** The directive's file when it is not the finding's: a directive on a delegated tool's dispatch line. */
  file?: string;
  /** False when the directive stands in vendored code, where suppressions are not honoured. */
  honoured: boolean;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: ReportedSeverity;
  message: string;
  file: string;
  range: Range;
  /** The tool that owns the finding; absent only for directive hygiene findings. */
  tool?: ToolRef;
  /**
   * Other tools that reach this same finding (one handler registered under several names). `tool` is the
   * first of all of them by name, so the fingerprint stays when a tool is added or removed after it.
   */
  sharedWith?: ToolRef[];
  related: RelatedLocation[];
  /** Repository-relative path of the rule's doc, e.g. `rules/unscoped-network.md`. */
  docPath: string;
  cwe: string[];
  owasp: string[];
  /** Present on findings in `LintResult.suppressed`. */
  suppression?: SuppressionInfo;
  /**
   * How sure the engine is that the reported call has the effect: absent for catalog rows and configured
   * sinks (high); `medium` for an effect inferred from names (a value transfer through an unmodelled SDK).
   */
  confidence?: FindingConfidence;
}

export type FindingConfidence = 'high' | 'medium';

/** The kind of effect a capability is; each sink rule declares its own (`reports.capability.kind`). */
export type { EffectKind as CapabilityKind } from '../rules/index';

/** One effect a tool's handler can reach, as the inventory shows it. */
export interface Capability {
  kind: CapabilityKind;
  /** Catalog row id of the sink, e.g. `fetch-global`. */
  sink: string;
  /** The callee as written, e.g. `fetch` or `fs.promises.readFile`. */
  callee: string;
  /** True when the part of the call the rule cares about is model-controlled. */
  modelControlled: boolean;
  /** True when a guard, approval or bound makes it safe. */
  bounded: boolean;
  /** Effects that change state: writes, deletes, process runs, transactions. */
  isWrite: boolean;
  file: string;
  range: Range;
}

export interface ToolInfo {
  name: string;
  /** Framework id from the tools catalog, e.g. `vercel-ai-sdk`. */
  framework: string;
  /** Tool form id from the tools catalog, e.g. `ai-sdk-tool`. */
  form: string;
  file: string;
  /** The tool's definition (its name where it has one). */
  range: Range;
  handler?: { file: string; range: Range };
  /** The handler parameter the model controls, as written (`args`, `{ url }`). */
  modelInput?: string;
  analysable: boolean;
  notAnalysableReason?: string;
  capabilities: Capability[];
  /** Human-readable guards seen (e.g. `host allowlist on url`). */
  guards: string[];
  /** How calls are approved, e.g. `needsApproval`, or undefined. */
  approval?: string;
  /** The option of the tool's own options object that gates each call on approval, where the framework has one (`needsApproval`, `requireApproval`). */
  approvalFlag?: string;
  /** How calls are audited, e.g. `auditLog()`, or undefined. */
  audit?: string;
  /** Rule ids of this tool's findings (after suppression). */
  findingRules: string[];
}

export type ProblemKind = 'parse' | 'read' | 'binary' | 'too-large' | 'timeout' | 'config' | 'internal';

export interface Problem {
  kind: ProblemKind;
  file: string;
  message: string;
  range?: Range;
}

export interface LintResult {
  file: string;
  /** Set when the file was not parsed because no tool can be declared in it (the prefilter). */
  skipped?: 'no-tool-shapes';
  findings: Finding[];
  suppressed: Finding[];
  tools: ToolInfo[];
  problems: Problem[];
}

/** A sink row added by configuration; same fields as a catalog row. */
export interface ConfigSink {
  id: string;
  rule: string;
  module: string | string[];
  path: string;
  part?: string;
  isWrite?: boolean;
}

/** A project function that creates tools: `name(…)` whose argument `handler` is the handler. */
export interface ToolFactory {
  name: string;
  /** Access path to the handler from the call, e.g. `Argument[1]` or `Argument[0].Member[run]`. */
  handler: string;
  /** Access path to the model input from the handler, e.g. `Parameter[0]`. */
  input: string;
  /** Access path to the tool's name, e.g. `Argument[0]`; optional. */
  nameAt?: string;
}

/** The configuration the engine runs with, already merged from every layer. */
export interface ResolvedConfig {
  /** Rule id or glob of ids → severity, applied in order (later entries win). */
  rules: Array<[pattern: string, severity: Severity]>;
  sinks: ConfigSink[];
  /** Function names that bound their argument (throw or return false unless it is allowed). */
  guardFunctions: string[];
  auditFunctions: string[];
  approvalFunctions: string[];
  toolFactories: ToolFactory[];
  /** Globs (relative paths) of vendored code where suppressions are not honoured. */
  vendorGlobs: string[];
  /** Files larger than this many bytes are skipped with a problem. */
  maxFileBytes: number;
  /** A file whose analysis takes more steps is a `timeout` problem, on any machine (DEFAULT_MAX_STEPS when unset). */
  maxAnalysisSteps?: number;
}

/** How the project-level entry reads files other than the one being linted. */
export interface ProjectHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /**
   * The names in a folder, folders with a trailing `/`, or undefined when it cannot be listed. Optional:
   * without it, workspace packages and implementers of an interface are looked for only in files the
   * imports already reach.
   */
  listDirectory?(path: string): string[] | undefined;
}
