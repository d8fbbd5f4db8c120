// Reads the resource-scoped `agentRisk.*` settings into the editor's configuration layer, the last and strongest one.
import * as vscode from 'vscode';
import { normaliseSeverity, type ConfigSink, type ResolvedConfig, type Severity, type ToolFactory } from './core';

export const SECTION = 'agentRisk';

export type RunMode = 'onType' | 'onSave';
export type InventoryGrouping = 'file' | 'capability';

export interface EditorSettings {
  enable: boolean;
  run: RunMode;
  lintDelay: number;
  /** The editor's configuration layer: over the built-in defaults and `.agent-risk.json`. */
  overrides: Partial<ResolvedConfig>;
  /** Globs relative to the workspace folder. */
  include: string[];
  exclude: string[];
  /** A configuration file used instead of searching for `.agent-risk.json`; ignored in untrusted workspaces. */
  configFile: string | undefined;
  codeLens: boolean;
  groupBy: InventoryGrouping;
}

/**
 * Settings that can hide a finding. In Restricted Mode (an untrusted workspace) only the user's own
 * value counts: a cloned repository's `.vscode/settings.json` must not turn rules off or exclude its
 * files. package.json declares the same list in `restrictedConfigurations`.
 */
export const RESTRICTED_SETTINGS = [
  'rules',
  'include',
  'exclude',
  'vendorGlobs',
  'guardFunctions',
  'approvalFunctions',
  'auditFunctions',
  // A limit of one byte would skip every file.
  'maxFileBytes',
  'configFile',
] as const;

/** Reads settings, dropping workspace and folder values of RESTRICTED_SETTINGS when the workspace is untrusted. */
function settingsReader(config: vscode.WorkspaceConfiguration): { get(key: string): unknown } {
  return {
    get(key) {
      if (vscode.workspace.isTrusted || !(RESTRICTED_SETTINGS as readonly string[]).includes(key))
        return config.get(key);
      const inspected = config.inspect<unknown>(key);
      return inspected?.globalValue ?? inspected?.defaultValue;
    },
  };
}

export function readSettings(scope: vscode.ConfigurationScope | undefined): EditorSettings {
  const config = settingsReader(vscode.workspace.getConfiguration(SECTION, scope));
  const full = vscode.workspace.getConfiguration(SECTION, scope);
  const overrides: Partial<ResolvedConfig> = {};
  const rules = severityEntries(config.get('rules'));
  if (rules.length > 0) overrides.rules = rules;
  const guardFunctions = stringList(config.get('guardFunctions'));
  if (guardFunctions.length > 0) overrides.guardFunctions = guardFunctions;
  const auditFunctions = stringList(config.get('auditFunctions'));
  if (auditFunctions.length > 0) overrides.auditFunctions = auditFunctions;
  const approvalFunctions = stringList(config.get('approvalFunctions'));
  if (approvalFunctions.length > 0) overrides.approvalFunctions = approvalFunctions;
  const toolFactories = objectList<ToolFactory>(config.get('toolFactories'), ['name', 'handler', 'input']);
  if (toolFactories.length > 0) overrides.toolFactories = toolFactories;
  const sinks = objectList<ConfigSink>(config.get('sinks'), ['id', 'rule', 'module', 'path']);
  if (sinks.length > 0) overrides.sinks = sinks;
  const vendorGlobs = config.get('vendorGlobs');
  if (Array.isArray(vendorGlobs)) overrides.vendorGlobs = stringList(vendorGlobs);
  const maxFileBytes = config.get('maxFileBytes');
  if (typeof maxFileBytes === 'number' && maxFileBytes > 0) overrides.maxFileBytes = maxFileBytes;

  const configFile = config.get('configFile');
  return {
    enable: full.get<boolean>('enable', true),
    run: full.get<string>('run', 'onType') === 'onSave' ? 'onSave' : 'onType',
    lintDelay: clamp(full.get<number>('lintDelay', 250), 0, 5000),
    overrides,
    include: stringList(config.get('include')),
    exclude: stringList(config.get('exclude')),
    // Restricted: even a user-level configFile is ignored in an untrusted workspace (it may point into it).
    configFile:
      vscode.workspace.isTrusted && typeof configFile === 'string' && configFile.trim() !== '' ? configFile : undefined,
    codeLens: full.get<boolean>('codeLens.enable', true),
    groupBy: full.get<string>('inventory.groupBy', 'file') === 'capability' ? 'capability' : 'file',
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

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    : [];
}

/** Objects that have at least the required string-valued keys; the JSON schema in package.json already guides the user. */
function objectList<T>(value: unknown, required: readonly string[]): T[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is T =>
      typeof item === 'object' &&
      item !== null &&
      required.every((key) => key in item && (item as Record<string, unknown>)[key] !== undefined),
  );
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

/** True when a settings change can change what the engine reports. */
export function affectsResults(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}
