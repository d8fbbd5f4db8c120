// Turns the `agentRisk` settings section, as a plain object from any editor, into the engine's configuration layer.
import { normaliseSeverity } from '../engine/config';
import type { ConfigSink, ResolvedConfig, Severity, ToolFactory } from '../engine/types';

/** The settings every editor front end understands; VS Code adds its own view settings on top. */
export interface SharedSettings {
  enable: boolean;
  /** The editor's configuration layer: over the built-in defaults and `.agent-risk.json`. */
  overrides: Partial<ResolvedConfig>;
  /** Globs relative to the workspace folder. */
  include: string[];
  exclude: string[];
  /** A configuration file used instead of searching for `.agent-risk.json`; never taken from an untrusted workspace. */
  configFile: string | undefined;
  /** `fileTimeout` in milliseconds: one file's lint budget (the scan's DEFAULT_BUDGET_MS when unset). */
  fileTimeoutMs: number | undefined;
}

/** The `fileTimeout` range the settings schema declares, in seconds: a typo must not freeze the editor for hours. */
const FILE_TIMEOUT_SECONDS = { min: 1, max: 60 };

/** A plain settings object (e.g. the result of `workspace/configuration` for `agentRisk`) as a getter. */
export function objectGetter(section: unknown): (key: string) => unknown {
  return (key) =>
    typeof section === 'object' && section !== null ? (section as Record<string, unknown>)[key] : undefined;
}

/**
 * Reads the settings through `get` (which decides what an untrusted workspace may set); unknown or
 * malformed values are skipped. `configFile` is honoured only when `trusted`: even a user-level value
 * may point into an untrusted workspace.
 */
export function sharedSettings(get: (key: string) => unknown, trusted: boolean): SharedSettings {
  const overrides: Partial<ResolvedConfig> = {};
  const rules = severityEntries(get('rules'));
  if (rules.length > 0) overrides.rules = rules;
  const guardFunctions = stringList(get('guardFunctions'));
  if (guardFunctions.length > 0) overrides.guardFunctions = guardFunctions;
  const auditFunctions = stringList(get('auditFunctions'));
  if (auditFunctions.length > 0) overrides.auditFunctions = auditFunctions;
  const approvalFunctions = stringList(get('approvalFunctions'));
  if (approvalFunctions.length > 0) overrides.approvalFunctions = approvalFunctions;
  const toolFactories = objectList<ToolFactory>(get('toolFactories'), ['name', 'handler', 'input']);
  if (toolFactories.length > 0) overrides.toolFactories = toolFactories;
  const sinks = objectList<ConfigSink>(get('sinks'), ['id', 'rule', 'module', 'path']);
  if (sinks.length > 0) overrides.sinks = sinks;
  const vendorGlobs = get('vendorGlobs');
  if (Array.isArray(vendorGlobs)) overrides.vendorGlobs = stringList(vendorGlobs);
  const maxFileBytes = get('maxFileBytes');
  if (typeof maxFileBytes === 'number' && maxFileBytes > 0) overrides.maxFileBytes = maxFileBytes;
  const configFile = get('configFile');
  const fileTimeout = get('fileTimeout');
  return {
    enable: get('enable') !== false,
    overrides,
    include: stringList(get('include')),
    exclude: stringList(get('exclude')),
    configFile: trusted && typeof configFile === 'string' && configFile.trim() !== '' ? configFile : undefined,
    fileTimeoutMs:
      typeof fileTimeout === 'number' && Number.isFinite(fileTimeout)
        ? Math.round(1000 * Math.min(FILE_TIMEOUT_SECONDS.max, Math.max(FILE_TIMEOUT_SECONDS.min, fileTimeout)))
        : undefined,
  };
}

/** `{ "unscoped-*": "warn" }` → `[["unscoped-*", "warning"]]`, in the order written; unknown severities are skipped. */
export function severityEntries(value: unknown): Array<[string, Severity]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const entries: Array<[string, Severity]> = [];
  for (const [pattern, raw] of Object.entries(value as Record<string, unknown>)) {
    const severity = typeof raw === 'string' ? normaliseSeverity(raw) : undefined;
    if (severity !== undefined) entries.push([pattern, severity]);
  }
  return entries;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    : [];
}

/** Objects that have at least the required keys; the settings schema already guides the user. */
export function objectList<T>(value: unknown, required: readonly string[]): T[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is T =>
      typeof item === 'object' &&
      item !== null &&
      required.every((key) => key in item && (item as Record<string, unknown>)[key] !== undefined),
  );
}
