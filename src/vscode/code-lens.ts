// Puts a one-line capability manifest above each recognised tool; clicking it shows the tool in the Agent Tools view.
import * as vscode from 'vscode';
import { escapeControl } from './core';
import { LANGUAGES } from './lint-service';
import { manifestLine } from './core';
import { toRange } from './positions';
import type { ResultStore } from './results-store';
import { readSettings } from './settings';

export const REVEAL_TOOL = 'agentRisk.revealTool';

export function registerCodeLens(store: ResultStore): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const selector = LANGUAGES.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
  const provider = vscode.languages.registerCodeLensProvider(selector, {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!readSettings(document.uri).codeLens) return [];
      const entry = store.get(document.uri);
      if (entry === undefined) return [];
      return entry.result.tools.map((tool) => {
        const range = toRange(tool.range);
        return new vscode.CodeLens(new vscode.Range(range.start, range.start), {
          // Plain text, but one line: a newline or escape sequence from the source is shown as an escape.
          title: escapeControl(manifestLine(tool)),
          tooltip: `Show ${escapeControl(tool.name)} in the Agent Tools view`,
          command: REVEAL_TOOL,
          arguments: [document.uri.toString(), tool.name, tool.range.start.offset],
        });
      });
    },
  });
  return vscode.Disposable.from(
    provider,
    changed,
    store.onDidChange(() => changed.fire()),
  );
}
