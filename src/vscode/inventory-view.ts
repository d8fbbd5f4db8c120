// The "Agent Tools" view: every recognised tool, grouped by file or by capability, with its capabilities and findings; click to reveal.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CAPABILITY_KINDS,
  capabilityView,
  manifestLine,
  markdownText,
  verdictFor,
  verdictText,
  type CapabilityKind,
  type Finding,
  type Range,
  type ToolInfo,
} from '../editor/for-client';
import { toRange } from './positions';
import type { ResultStore } from './results-store';

export const INVENTORY_VIEW = 'agentRisk.inventory';
/** Reveals a tool in the view: `[uri, name, offset]`; the server's CodeLens calls it. */
export const REVEAL_TOOL = 'agentRisk.revealTool';

type Grouping = 'file' | 'capability';

interface GroupNode {
  kind: 'group';
  id: string;
  label: string;
  uri?: vscode.Uri;
  capability?: CapabilityKind | 'none';
  tools: ToolNode[];
}

interface ToolNode {
  kind: 'tool';
  id: string;
  uri: vscode.Uri;
  tool: ToolInfo;
  findings: Finding[];
  /** Findings a directive suppressed: shown as such, not as a pass. */
  suppressed: Finding[];
  parent: GroupNode;
}

/** Which tools the view lists: all, those with effects, or those with findings. */
export type InventoryFilter = 'all' | 'effects' | 'findings';

interface DetailNode {
  kind: 'detail';
  id: string;
  label: string;
  description: string;
  icon: vscode.ThemeIcon;
  uri: vscode.Uri;
  range: Range;
  parent: ToolNode;
}

export type InventoryNode = GroupNode | ToolNode | DetailNode;

export class InventoryProvider implements vscode.TreeDataProvider<InventoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InventoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: GroupNode[] | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ResultStore,
    private grouping: Grouping,
  ) {
    // Edits re-lint often; rebuild the tree at most every 200 ms.
    this.subscription = store.onDidChange(() => {
      if (this.refreshTimer !== undefined) return;
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = undefined;
        this.refresh();
      }, 200);
    });
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    this.refresh();
  }

  private filter: InventoryFilter = 'all';

  setFilter(filter: InventoryFilter): void {
    this.filter = filter;
    this.refresh();
  }

  getFilter(): InventoryFilter {
    return this.filter;
  }

  private shows(node: ToolNode): boolean {
    if (this.filter === 'effects') return node.tool.capabilities.length > 0;
    if (this.filter === 'findings') return node.findings.length > 0;
    return true;
  }

  refresh(): void {
    this.groups = undefined;
    this.changed.fire(undefined);
  }

  getChildren(element?: InventoryNode): InventoryNode[] {
    if (element === undefined) return this.roots();
    if (element.kind === 'group') return element.tools;
    if (element.kind === 'tool') return details(element);
    return [];
  }

  getParent(element: InventoryNode): InventoryNode | undefined {
    return element.kind === 'group' ? undefined : element.parent;
  }

  getTreeItem(element: InventoryNode): vscode.TreeItem {
    switch (element.kind) {
      case 'group': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = `${element.tools.length} ${element.tools.length === 1 ? 'tool' : 'tools'}`;
        if (element.uri !== undefined) item.resourceUri = element.uri;
        else item.iconPath = new vscode.ThemeIcon(capabilityIcon(element.capability ?? 'none'));
        item.contextValue = 'agentRiskGroup';
        return item;
      }
      case 'tool': {
        const { tool } = element;
        const item = new vscode.TreeItem(tool.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.description = manifestLine(tool);
        // Every piece is source-derived or a path: escaped, so a tool name cannot add links, images or HTML.
        item.tooltip = new vscode.MarkdownString(
          `**${markdownText(tool.name)}** (${markdownText(tool.framework)})\n\n${markdownText(manifestLine(tool))}\n\n${markdownText(`${vscode.workspace.asRelativePath(element.uri)}:${tool.range.start.line}`)}`,
        );
        // A tool whose only findings are suppressed is not a pass: it says so.
        item.iconPath =
          element.findings.length > 0
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
            : element.suppressed.length > 0
              ? new vscode.ThemeIcon('bell-slash')
              : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
        if (element.findings.length === 0 && element.suppressed.length > 0)
          item.description = `suppressed · ${item.description}`;
        item.command = openAt(element.uri, tool.range);
        item.contextValue = 'agentRiskTool';
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = element.description;
        item.iconPath = element.icon;
        item.command = openAt(element.uri, element.range);
        return item;
      }
    }
  }

  /** The node of a tool, for `reveal` from a CodeLens; nodes are rebuilt only on refresh, so identity holds. */
  findTool(uri: string, name: string, offset: number): ToolNode | undefined {
    for (const group of this.roots()) {
      const found = group.tools.find(
        (node) => node.uri.toString() === uri && node.tool.name === name && node.tool.range.start.offset === offset,
      );
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private roots(): GroupNode[] {
    this.groups ??= this.build();
    return this.groups;
  }

  private build(): GroupNode[] {
    const entries = this.store.all().sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
    if (this.grouping === 'file') {
      return entries
        .filter((entry) => entry.result.tools.length > 0)
        .map((entry) => {
          const group: GroupNode = {
            kind: 'group',
            id: `file:${entry.uri.toString()}`,
            label: relativeLabel(entry.uri),
            uri: entry.uri,
            tools: [],
          };
          group.tools = entry.result.tools
            .map((tool) => toolNode(group, entry.uri, tool, entry.result))
            .filter((node) => this.shows(node));
          return group;
        })
        .filter((group) => group.tools.length > 0);
    }
    const groups: GroupNode[] = [...CAPABILITY_KINDS, 'none' as const].map((capability) => ({
      kind: 'group',
      id: `capability:${capability}`,
      label: capability === 'none' ? 'No effects found' : capabilityView(capability).label,
      capability,
      tools: [],
    }));
    for (const entry of entries) {
      for (const tool of entry.result.tools) {
        const kinds = CAPABILITY_KINDS.filter((kind) =>
          tool.capabilities.some((capability) => capability.kind === kind),
        );
        for (const kind of kinds.length > 0 ? kinds : ['none' as const]) {
          const group = groups.find((candidate) => candidate.capability === kind) as GroupNode;
          const node = toolNode(group, entry.uri, tool, entry.result);
          if (this.shows(node)) group.tools.push(node);
        }
      }
    }
    return groups.filter((group) => group.tools.length > 0);
  }

  dispose(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function toolNode(
  parent: GroupNode,
  uri: vscode.Uri,
  tool: ToolInfo,
  result: { findings: readonly Finding[]; suppressed?: readonly Finding[] },
): ToolNode {
  // A finding shared by tools with one handler names the others in `sharedWith`: it is each one's.
  const own = (findings: readonly Finding[]): Finding[] =>
    findings.filter((finding) =>
      [finding.tool, ...(finding.sharedWith ?? [])].some(
        (ref) => ref?.name === tool.name && ref.range.start.offset === tool.range.start.offset,
      ),
    );
  return {
    kind: 'tool',
    id: `${parent.id}#${tool.name}@${tool.range.start.offset}`,
    uri,
    tool,
    findings: own(result.findings),
    suppressed: own(result.suppressed ?? []),
    parent,
  };
}

function details(node: ToolNode): DetailNode[] {
  const { tool } = node;
  const rows: DetailNode[] = [];
  for (const kind of CAPABILITY_KINDS) {
    for (const [index, capability] of tool.capabilities.filter((c) => c.kind === kind).entries()) {
      rows.push({
        kind: 'detail',
        id: `${node.id}/cap:${kind}:${index}`,
        label: `${capabilityView(kind).label}: ${capability.callee}`,
        description: verdictText(kind, verdictFor([capability], kind)),
        icon: new vscode.ThemeIcon(capabilityIcon(kind)),
        // A sink reached through a helper lives in the helper's file.
        uri: capability.file === tool.file ? node.uri : vscode.Uri.file(capability.file),
        range: capability.range,
        parent: node,
      });
    }
  }
  for (const [index, finding] of node.suppressed.entries()) {
    rows.push({
      kind: 'detail',
      id: `${node.id}/suppressed:${index}`,
      label: finding.message,
      description: `${finding.ruleId} (suppressed)`,
      icon: new vscode.ThemeIcon('bell-slash'),
      uri: node.uri,
      range: finding.range,
      parent: node,
    });
  }
  for (const [index, finding] of node.findings.entries()) {
    rows.push({
      kind: 'detail',
      id: `${node.id}/finding:${index}`,
      label: finding.message,
      description: finding.ruleId,
      icon: new vscode.ThemeIcon(
        finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info',
      ),
      uri: node.uri,
      range: finding.range,
      parent: node,
    });
  }
  return rows;
}

function capabilityIcon(kind: CapabilityKind | 'none'): string {
  return kind === 'none' ? 'circle-outline' : capabilityView(kind).icon;
}

function relativeLabel(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : path.basename(uri.path);
}

function openAt(uri: vscode.Uri, range: Range): vscode.Command {
  return {
    title: 'Reveal',
    command: 'vscode.open',
    arguments: [uri, { selection: toRange(range) } satisfies vscode.TextDocumentShowOptions],
  };
}
