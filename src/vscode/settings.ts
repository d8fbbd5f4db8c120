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
  // A limit too short for any file would leave every file not analysed.
  'fileTimeout',
  'configFile',
] as const;

/** The section as the server gets it, with workspace and folder values of RESTRICTED_SETTINGS dropped when untrusted. */
export function serverSection(scope: vscode.Uri | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  // The merged values of every key of the section (a WorkspaceConfiguration serialises to them).
  const section = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  if (vscode.workspace.isTrusted) return section;
  for (const key of RESTRICTED_SETTINGS) {
    const inspected = config.inspect<unknown>(key);
    const value = inspected?.globalValue ?? inspected?.defaultValue;
    if (value === undefined) delete section[key];
    else section[key] = value;
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
