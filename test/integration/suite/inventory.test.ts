// The tool inventory: the Agent Tools view, the CodeLens manifest above each tool, the hover, and the status bar.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InventoryNode } from '../../../src/vscode/inventory-view';
import { closeAll, eventually, extensionApi, open, ruleOf, waitForDiagnostics } from './helpers';

async function labels(nodes: InventoryNode[]): Promise<string[]> {
  const api = await extensionApi();
  return nodes.map((node) => String(api.inventory.getTreeItem(node).label));
}

describe('tool inventory', () => {
  before(async () => {
    await vscode.commands.executeCommand('agentRisk.scanWorkspace');
  });
  afterEach(closeAll);

  it('lists every tool of the workspace, grouped by file', async () => {
    const api = await extensionApi();
    const groups = api.inventory.getChildren();
    const files = await labels(groups);
    assert.ok(files.includes('src/fetch-page.ts'), files.join(', '));
    assert.ok(files.includes('src/payments/charge.ts'), files.join(', '));
    const tools = (await Promise.all(groups.map((group) => labels(api.inventory.getChildren(group))))).flat().sort();
    assert.deepEqual(tools, [
      'chargeCustomer',
      'fetchPage',
      'payout-seller',
      'read_note',
      'read_url',
      'refund_order',
      'run-command',
      'run_script',
      'saveReport',
      'uptime',
    ]);
  });

  it('shows a tool whose findings are all suppressed as suppressed, and the findings filter hides it', async () => {
    const api = await extensionApi();
    const editor = await open('src/fetch-page.ts');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => ruleOf(x) === 'unscoped-network'), 'findings');
    await editor.edit((edit) =>
      edit.insert(
        new vscode.Position(0, 0),
        '// agent-risk-disable unscoped-network missing-audit-hook -- the operator reviews every page\n',
      ),
    );
    await waitForDiagnostics(
      editor.document.uri,
      (d) => !d.some((x) => ruleOf(x) === 'unscoped-network'),
      'suppressed',
    );
    const toolNode = (): InventoryNode | undefined => {
      const group = api.inventory
        .getChildren()
        .find((candidate) => api.inventory.getTreeItem(candidate).label === 'src/fetch-page.ts');
      return group
        ? api.inventory
            .getChildren(group)
            .find((candidate) => api.inventory.getTreeItem(candidate).label === 'fetchPage')
        : undefined;
    };
    try {
      const fetchPage = await eventually(() => {
        const node = toolNode();
        return node && String(api.inventory.getTreeItem(node).description).startsWith('suppressed') ? node : undefined;
      }, 'fetchPage shown as suppressed');
      const icon = api.inventory.getTreeItem(fetchPage).iconPath;
      assert.equal(icon instanceof vscode.ThemeIcon ? icon.id : undefined, 'bell-slash');
      const details = api.inventory.getChildren(fetchPage).map((node) => api.inventory.getTreeItem(node).description);
      assert.ok(details.includes('unscoped-network (suppressed)'), details.join(', '));
      await vscode.commands.executeCommand('agentRisk.inventoryFilter', 'findings');
      assert.equal(toolNode(), undefined);
      await vscode.commands.executeCommand('agentRisk.inventoryFilter', 'effects');
      assert.ok(toolNode(), 'fetchPage has an effect');
    } finally {
      await vscode.commands.executeCommand('agentRisk.inventoryFilter', 'all');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('groups tools by capability, with their findings underneath', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('agentRisk.inventoryGroupByCapability');
    try {
      const groups = api.inventory.getChildren();
      const value = groups.find((group) => api.inventory.getTreeItem(group).label === 'Value transfer');
      assert.ok(value, `a Value transfer group among ${(await labels(groups)).join(', ')}`);
      assert.deepEqual((await labels(api.inventory.getChildren(value))).sort(), [
        'chargeCustomer',
        'payout-seller',
        'refund_order',
      ]);
      const [charge] = api.inventory
        .getChildren(value)
        .filter((node) => api.inventory.getTreeItem(node).label === 'chargeCustomer');
      assert.ok(charge);
      const details = api.inventory.getChildren(charge).map((node) => api.inventory.getTreeItem(node).description);
      assert.ok(details.includes('unbounded-transaction'), details.join(', '));
    } finally {
      await vscode.commands.executeCommand('agentRisk.inventoryGroupByFile');
    }
  });

  it('shows a one-line capability manifest above each tool that reveals the tool in the view', async () => {
    const editor = await open('src/fetch-page.ts');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => ruleOf(x) === 'unscoped-network'), 'findings');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      editor.document.uri,
    );
    const manifest = lenses.map((lens) => lens.command?.title ?? '').find((title) => title.startsWith('network:'));
    assert.equal(manifest, 'network: model-controlled host ✗ · approval: none · audit: none');
    const lens = lenses.find((candidate) => candidate.command?.title === manifest);
    assert.equal(lens?.range.start.line, 3);
    await vscode.commands.executeCommand(lens?.command?.command as string, ...(lens?.command?.arguments ?? []));
    const api = await extensionApi();
    const selected = await eventually(() => api.inventoryView.selection[0], 'a selection in the Agent Tools view');
    assert.equal(api.inventory.getTreeItem(selected).label, 'fetchPage');
    assert.equal(api.inventoryView.visible, true);
  });

  it('shows the tool manifest when hovering the tool name', async () => {
    const editor = await open('src/payments/charge.ts');
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'findings');
    const position = editor.document.positionAt(editor.document.getText().indexOf('chargeCustomer') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      position,
    );
    const text = hovers
      .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)))
      .join('\n');
    assert.match(text, /Agent tool `chargeCustomer`/);
    assert.match(text, /Value transfer \| no approval or limit ✗/);
    assert.match(text, /command:agentRisk\.openRuleDoc/);
  });

  it('counts the current file’s findings in the status bar', async () => {
    const api = await extensionApi();
    const editor = await open('src/fetch-page.ts');
    await waitForDiagnostics(editor.document.uri, (d) => d.length === 2, 'two findings');
    await eventually(
      () => (api.status.text === '$(shield) Agent Risk: 2' ? true : undefined),
      `status "$(shield) Agent Risk: 2", saw "${api.status.text}"`,
    );
    assert.match(
      api.status.tooltip,
      /This file took \d+ ms to lint\./,
      "the tooltip gives the current file's own lint time",
    );
  });
});
