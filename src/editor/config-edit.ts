// Writes one rule's severity into the text of a team's `.agent-risk.json`, keeping its comments and layout.
import { applyEdits, modify, parseTree } from 'jsonc-parser';

/**
 * The configuration text with `rules[ruleId]` set to `severity`; undefined when the text is not a JSON
 * object (a file with a syntax error is the team's to fix, not ours to overwrite).
 */
export function withRuleSeverity(text: string, ruleId: string, severity: string): string | undefined {
  const errors: Parameters<typeof parseTree>[1] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true });
  if (tree?.type !== 'object' || (errors ?? []).length > 0) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n( +|\t)"/.exec(text)?.[1] ?? '  ';
  const edits = modify(text, ['rules', ruleId], severity, {
    formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent.length, eol },
  });
  return applyEdits(text, edits);
}
