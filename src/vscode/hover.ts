// Shows a tool's capability manifest when hovering its name or one of its findings, with links to the rule docs.
import * as vscode from 'vscode';
import type { Finding, ToolInfo } from './core';
import { OPEN_RULE_DOC, ruleDocCommandUri } from './doc-links';
import { LANGUAGES } from './lint-service';
import { manifestMarkdown } from './core';
import { toRange } from './positions';
import type { ResultStore } from './results-store';

export function registerHover(store: ResultStore): vscode.Disposable {
  const selector = LANGUAGES.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
  return vscode.languages.registerHoverProvider(selector, {
    provideHover(document, position) {
      const entry = store.get(document.uri);
      if (entry === undefined) return undefined;
      const { result } = entry;
      const onName = result.tools.find((tool) => toRange(tool.range).contains(position));
      const findings = result.findings.filter((finding) => toRange(finding.range).contains(position));
      const tool = onName ?? toolOfFindings(findings, result.tools);
      if (tool === undefined) return undefined;
      const markdown = new vscode.MarkdownString(manifestMarkdown(tool, (id) => ruleDocCommandUri(id).toString()));
      if (findings.length > 0)
        markdown.appendMarkdown(
          `\n\nGuidance: ${findings.map((f) => `[${f.ruleId}](${ruleDocCommandUri(f.ruleId).toString()})`).join(' · ')}`,
        );
      markdown.isTrusted = { enabledCommands: [OPEN_RULE_DOC] };
      const range =
        onName !== undefined
          ? toRange(onName.range)
          : findings[0] !== undefined
            ? toRange(findings[0].range)
            : undefined;
      return new vscode.Hover(markdown, range);
    },
  });
}

function toolOfFindings(findings: readonly Finding[], tools: readonly ToolInfo[]): ToolInfo | undefined {
  for (const finding of findings) {
    const ref = finding.tool;
    if (ref === undefined) continue;
    const tool = tools.find(
      (candidate) => candidate.name === ref.name && candidate.range.start.offset === ref.range.start.offset,
    );
    if (tool !== undefined) return tool;
  }
  return undefined;
}
