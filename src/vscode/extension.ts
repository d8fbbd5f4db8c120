// Wiring only: starts the language client and registers what only VS Code has (the Agent Tools view, the status item,
// the rule-doc preview, commands). Everything that analyses runs in the server's process.
import { loadStarted } from './activation-clock';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DID_CHANGE_TRUST, DID_LINT, type DidChangeTrustParams, type DidLintParams } from '../editor/for-client';
import { createClient } from './client';
import { registerCodeActionCommands } from './code-actions';
import { OPEN_RULE_DOC, openRuleDoc } from './doc-links';
import {
  INVENTORY_VIEW,
  type InventoryFilter,
  InventoryProvider,
  type InventoryNode,
  REVEAL_TOOL,
} from './inventory-view';
import { exportReport } from './report-export';
import { ResultStore } from './results-store';
import { summaryText, WorkspaceScanner, type ScanSummary } from './scan-workspace';
import { inventoryGrouping, isEnabled, SECTION } from './settings';
import { SCAN_WORKSPACE, SHOW_OUTPUT, SHOW_STATUS_MENU, showStatusMenu, StatusItem } from './status';

/** What the extension returns from `activate`; the integration tests read the extension's state through it. */
export interface AgentRiskApi {
  store: ResultStore;
  scanner: WorkspaceScanner;
  inventory: InventoryProvider;
  inventoryView: vscode.TreeView<InventoryNode>;
  status: StatusItem;
  /** Milliseconds from the bundle starting to load to the end of `activate` (the server starts after). */
  activationMillis: number;
  /** Resolves once the language server has answered `initialize`. */
  ready: Promise<void>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): AgentRiskApi {
  const log = vscode.window.createOutputChannel('Agent Risk');
  const store = new ResultStore();
  // The server is one bundle next to this one (dist/server.js): the engine, the parser and the scan worker.
  const languageClient = createClient(path.join(context.extensionPath, 'dist', 'server.js'), log);
  client = languageClient;
  const started = Date.now();
  const ready = languageClient.start().then(
    () => log.appendLine(`Agent Risk server started in ${Date.now() - started} ms.`),
    (error: unknown) => log.appendLine(`The Agent Risk server did not start: ${String(error)}`),
  );
  const scanner = new WorkspaceScanner(languageClient, ready, store, log);
  const status = new StatusItem(store);
  const inventory = new InventoryProvider(store, inventoryGrouping());
  const treeView = vscode.window.createTreeView<InventoryNode>(INVENTORY_VIEW, {
    treeDataProvider: inventory,
    showCollapseAll: true,
  });

  context.subscriptions.push(
    log,
    store,
    scanner,
    status,
    inventory,
    treeView,
    { dispose: () => void languageClient.stop() },
    languageClient.onNotification(DID_LINT, (params: DidLintParams) => {
      const uri = vscode.Uri.parse(params.uri);
      // A lint that finishes after its document closed (or changed again) must not leave a stale entry behind.
      const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === uri.toString());
      if (document === undefined || document.version !== params.version || !inTab(uri)) return;
      if (params.result === undefined) store.clearLive(uri);
      else store.setLive(uri, params.result, params.version);
      status.setLint(uri, params.millis, params.state);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => store.clearLive(document.uri)),
    // VS Code keeps a document after its last tab closes, and the client drops its diagnostics then: so does the store.
    vscode.window.tabGroups.onDidChangeTabs((event) => {
      for (const tab of event.closed)
        if (tab.input instanceof vscode.TabInputText && !inTab(tab.input.uri)) store.clearLive(tab.input.uri);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const params: DidChangeTrustParams = { trusted: true };
      void ready.then(() => languageClient.sendNotification(DID_CHANGE_TRUST, params));
    }),
    registerCodeActionCommands(),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => log.show(true)),
    vscode.commands.registerCommand(SHOW_STATUS_MENU, () => showStatusMenu()),
    scanner.onDidChangeState((state) => status.setScanState(state)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.enable`) && !isEnabled(undefined)) store.clear();
      if (event.affectsConfiguration(`${SECTION}.inventory.groupBy`)) inventory.setGrouping(inventoryGrouping());
    }),
    vscode.commands.registerCommand(SCAN_WORKSPACE, async (): Promise<ScanSummary | undefined> => {
      const record = await scanner.scan();
      if (record !== undefined) void offerNextSteps(languageClient, scanner, summaryText(record.summary));
      return record?.summary;
    }),
    vscode.commands.registerCommand(OPEN_RULE_DOC, (ruleId?: unknown) => openRuleDoc(context.extensionUri, ruleId)),
    vscode.commands.registerCommand('agentRisk.openInventory', () =>
      vscode.commands.executeCommand(`${INVENTORY_VIEW}.focus`),
    ),
    vscode.commands.registerCommand(REVEAL_TOOL, async (uri: string, name: string, offset: number) => {
      await vscode.commands.executeCommand(`${INVENTORY_VIEW}.focus`);
      const node = inventory.findTool(vscode.Uri.parse(uri).toString(), name, offset);
      if (node !== undefined) await treeView.reveal(node, { select: true, focus: true, expand: true });
    }),
    vscode.commands.registerCommand('agentRisk.exportSarif', (target?: string) =>
      exportReport(languageClient, scanner, 'sarif', target),
    ),
    vscode.commands.registerCommand('agentRisk.exportMarkdown', (target?: string) =>
      exportReport(languageClient, scanner, 'markdown', target),
    ),
    vscode.commands.registerCommand('agentRisk.inventoryGroupByFile', () => inventory.setGrouping('file')),
    vscode.commands.registerCommand('agentRisk.inventoryGroupByCapability', () => inventory.setGrouping('capability')),
    vscode.commands.registerCommand('agentRisk.inventoryFilter', (filter?: InventoryFilter) =>
      chooseFilter(inventory, filter),
    ),
  );

  const activationMillis = Date.now() - loadStarted;
  log.appendLine(`Agent Risk activated in ${activationMillis} ms.`);
  return { store, scanner, inventory, inventoryView: treeView, status, activationMillis, ready };
}

/** True when a tab shows the document: the language client pulls diagnostics only for those. */
function inTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key),
  );
}

/** The scan summary with its follow-ups; not awaited by the command, so the command returns as soon as the scan ends. */
async function offerNextSteps(
  languageClient: LanguageClient,
  scanner: WorkspaceScanner,
  summary: string,
): Promise<void> {
  const choice = await vscode.window.showInformationMessage(
    summary,
    'Open Inventory',
    'Export SARIF…',
    'Export Markdown report…',
  );
  if (choice === 'Open Inventory') await vscode.commands.executeCommand('agentRisk.openInventory');
  else if (choice === 'Export SARIF…') await exportReport(languageClient, scanner, 'sarif');
  else if (choice === 'Export Markdown report…') await exportReport(languageClient, scanner, 'markdown');
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

const FILTERS: ReadonlyArray<{ label: string; filter: InventoryFilter }> = [
  { label: 'All tools', filter: 'all' },
  { label: 'Tools with effects', filter: 'effects' },
  { label: 'Tools with findings', filter: 'findings' },
];

/** Which tools the Agent Tools view lists; the argument skips the quick pick (tests, keybindings). */
async function chooseFilter(inventory: InventoryProvider, filter?: InventoryFilter): Promise<void> {
  const chosen =
    filter ??
    (
      await vscode.window.showQuickPick(
        FILTERS.map((entry) => ({ ...entry, picked: entry.filter === inventory.getFilter() })),
        { placeHolder: 'Show in Agent Tools' },
      )
    )?.filter;
  if (chosen !== undefined) inventory.setFilter(chosen);
}
