// Reads the resource-scoped `agentRisk.*` settings into the editor's configuration layer, the last and strongest one.
import * as vscode from 'vscode';
import { sharedSettings, type SharedSettings } from './core';

export const SECTION = 'agentRisk';

export type RunMode = 'onType' | 'onSave';
export type InventoryGrouping = 'file' | 'capability';

/** The settings every front end reads (editor/settings.ts), plus VS Code's own. */
export interface EditorSettings extends SharedSettings {
  run: RunMode;
  lintDelay: number;
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
  // A limit too short for any file would leave every file not analysed.
  'fileTimeout',
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
  return {
    ...sharedSettings((key) => config.get(key), vscode.workspace.isTrusted),
    run: full.get<string>('run', 'onType') === 'onSave' ? 'onSave' : 'onType',
    lintDelay: clamp(full.get<number>('lintDelay', 250), 0, 5000),
    codeLens: full.get<boolean>('codeLens.enable', true),
    groupBy: full.get<string>('inventory.groupBy', 'file') === 'capability' ? 'capability' : 'file',
  };
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

/** True when a settings change can change what the engine reports. */
export function affectsResults(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}
