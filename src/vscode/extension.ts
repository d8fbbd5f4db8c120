// Wiring only: creates the services and registers providers, commands, the view and the status item.
import { loadStarted } from './activation-clock';
import * as vscode from 'vscode';
import { registerCodeActions } from './code-actions';
import { REVEAL_TOOL, registerCodeLens } from './code-lens';
import { publishDiagnostics } from './diagnostics';
import { OPEN_RULE_DOC, openRuleDoc } from './doc-links';
import { registerHover } from './hover';
import { INVENTORY_VIEW, InventoryProvider, type InventoryNode } from './inventory-view';
import { LintService } from './lint-service';
import { LiveLinter } from './live-lint';
import { exportReport } from './report-export';
import { ResultStore } from './results-store';
import { summaryText, WorkspaceScanner, type ScanSummary } from './scan-workspace';
import { readSettings, SECTION } from './settings';
import { SCAN_WORKSPACE, SHOW_OUTPUT, SHOW_STATUS_MENU, showStatusMenu, StatusItem } from './status';

/** A lint slower than this is named in the output, as vscode-eslint does with its time budget. */
const SLOW_LINT_MS = 1000;

/** What the extension returns from `activate`; the integration tests read the extension's state through it. */
export interface AgentRiskApi {
  store: ResultStore;
  scanner: WorkspaceScanner;
  inventory: InventoryProvider;
  inventoryView: vscode.TreeView<InventoryNode>;
  status: StatusItem;
  /** Milliseconds from the bundle starting to load to the end of `activate`. */
  activationMillis: number;
}

export function activate(context: vscode.ExtensionContext): AgentRiskApi {
  const log = vscode.window.createOutputChannel('Agent Risk');
  const store = new ResultStore();
  const service = new LintService(store, log);
  const linter = new LiveLinter(service, store);
  const scanner = new WorkspaceScanner(store, service, log);
  const status = new StatusItem(store);
  const inventory = new InventoryProvider(store, readSettings(undefined).groupBy);
  const treeView = vscode.window.createTreeView<InventoryNode>(INVENTORY_VIEW, {
    treeDataProvider: inventory,
    showCollapseAll: true,
  });

  context.subscriptions.push(
    log,
    store,
    service,
    linter,
    scanner,
    status,
    inventory,
    treeView,
    publishDiagnostics(store, service.uriFor),
    registerHover(store),
    registerCodeLens(store),
    registerCodeActions(store, service),
    linter.onDidLint(({ document, outcome }) => {
      status.setLint(document.uri, outcome.millis, outcome.state);
      if (outcome.millis > SLOW_LINT_MS) log.appendLine(`[slow] ${document.uri.fsPath}: ${outcome.millis} ms to lint.`);
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => log.show(true)),
    vscode.commands.registerCommand(SHOW_STATUS_MENU, () => showStatusMenu()),
    scanner.onDidChangeState((state) => status.setScanState(state)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.enable`) && !readSettings(undefined).enable) store.clear();
      if (event.affectsConfiguration(`${SECTION}.inventory.groupBy`))
        inventory.setGrouping(readSettings(undefined).groupBy);
    }),
    vscode.commands.registerCommand(SCAN_WORKSPACE, async (): Promise<ScanSummary | undefined> => {
      const record = await scanner.scan();
      if (record !== undefined) void offerNextSteps(scanner, summaryText(record.summary));
      return record?.summary;
    }),
    vscode.commands.registerCommand(OPEN_RULE_DOC, (ruleId?: unknown) => openRuleDoc(context.extensionUri, ruleId)),
    vscode.commands.registerCommand('agentRisk.openInventory', () =>
      vscode.commands.executeCommand(`${INVENTORY_VIEW}.focus`),
    ),
    vscode.commands.registerCommand(REVEAL_TOOL, async (uri: string, name: string, offset: number) => {
      await vscode.commands.executeCommand(`${INVENTORY_VIEW}.focus`);
      const node = inventory.findTool(uri, name, offset);
      if (node !== undefined) await treeView.reveal(node, { select: true, focus: true, expand: true });
    }),
    vscode.commands.registerCommand('agentRisk.exportSarif', (target?: string) =>
      exportReport(scanner, 'sarif', target),
    ),
    vscode.commands.registerCommand('agentRisk.exportMarkdown', (target?: string) =>
      exportReport(scanner, 'markdown', target),
    ),
    vscode.commands.registerCommand('agentRisk.inventoryGroupByFile', () => inventory.setGrouping('file')),
    vscode.commands.registerCommand('agentRisk.inventoryGroupByCapability', () => inventory.setGrouping('capability')),
  );

  linter.lintAllOpen();
  const activationMillis = Date.now() - loadStarted;
  log.appendLine(`Agent Risk activated in ${activationMillis} ms.`);
  return { store, scanner, inventory, inventoryView: treeView, status, activationMillis };
}

/** The scan summary with its follow-ups; not awaited by the command, so the command returns as soon as the scan ends. */
async function offerNextSteps(scanner: WorkspaceScanner, summary: string): Promise<void> {
  const choice = await vscode.window.showInformationMessage(
    summary,
    'Open Inventory',
    'Export SARIF…',
    'Export Markdown report…',
  );
  if (choice === 'Open Inventory') await vscode.commands.executeCommand('agentRisk.openInventory');
  else if (choice === 'Export SARIF…') await exportReport(scanner, 'sarif');
  else if (choice === 'Export Markdown report…') await exportReport(scanner, 'markdown');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
