// Reads the `agentRisk` settings: the section the server asks for through `workspace/configuration` (with Restricted
// Mode's restrictions applied here, where trust is known) and the view settings only VS Code has.
import * as vscode from 'vscode';

export const SECTION = 'agentRisk';

export type InventoryGrouping = 'file' | 'capability';

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

/** The keys the server reads (editor/settings.ts); the rest of the section is VS Code's own. */
const SERVER_KEYS = ['enable', ...RESTRICTED_SETTINGS, 'toolFactories', 'sinks'] as const;

/** The section as the server gets it, dropping workspace and folder values of RESTRICTED_SETTINGS when untrusted. */
export function serverSection(scope: vscode.Uri | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const section: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    let value: unknown;
    if (vscode.workspace.isTrusted || !(RESTRICTED_SETTINGS as readonly string[]).includes(key))
      value = config.get(key);
    else {
      const inspected = config.inspect<unknown>(key);
      value = inspected?.globalValue ?? inspected?.defaultValue;
    }
    if (value !== undefined) section[key] = value;
  }
  return section;
}

export function isEnabled(scope: vscode.Uri | undefined): boolean {
  return vscode.workspace.getConfiguration(SECTION, scope).get<boolean>('enable', true) !== false;
}

/** `agentRisk.run: onSave` stops linting while typing. */
export function lintsOnType(scope: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, scope).get<string>('run', 'onType') !== 'onSave';
}

export function codeLensEnabled(scope: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, scope).get<boolean>('codeLens.enable', true);
}

export function inventoryGrouping(): InventoryGrouping {
  return vscode.workspace.getConfiguration(SECTION).get<string>('inventory.groupBy', 'file') === 'capability'
    ? 'capability'
    : 'file';
}
