// Suppression directives: `// agent-risk-disable-next-line <ids> -- <reason>` and
// `/* agent-risk-disable <ids> -- <reason> */`, which findings they suppress, and which are unused.
import { closest } from './suggest';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Range } from './types';

export const NEXT_LINE_KEYWORD = 'agent-risk-disable-next-line';
export const FILE_KEYWORD = 'agent-risk-disable';

export interface Directive {
  kind: 'next-line' | 'file';
  /** Rule ids as written; empty means every rule. */
  ruleIds: string[];
  justification: string;
  range: Range;
  /** The line a next-line directive covers. */
  targetLine: number;
  /** Rule ids that suppressed at least one finding. */
  used: Set<string>;
}

const PATTERN = /^\s*\*?\s*(agent-risk-disable-next-line|agent-risk-disable)(?=\s|$)([\s\S]*)$/;

export function parseDirectives(comments: readonly TSESTree.Comment[]): Directive[] {
  const out: Directive[] = [];
  for (const comment of comments) {
    const match = PATTERN.exec(comment.value);
    if (!match) continue;
    const keyword = match[1] as string;
    const rest = match[2] ?? '';
    const separator = rest.indexOf('--');
    const idsText = separator >= 0 ? rest.slice(0, separator) : rest;
    const justification =
      separator >= 0
        ? rest
            .slice(separator + 2)
            .replace(/\s*\*\/?\s*$/, '')
            .trim()
        : '';
    const ruleIds = idsText.split(/[\s,]+/).filter((id) => id.length > 0);
    const range: Range = {
      start: { line: comment.loc.start.line, column: comment.loc.start.column, offset: comment.range[0] },
      end: { line: comment.loc.end.line, column: comment.loc.end.column, offset: comment.range[1] },
    };
    out.push({
      kind: keyword === NEXT_LINE_KEYWORD ? 'next-line' : 'file',
      ruleIds,
      justification,
      range,
      targetLine: comment.loc.end.line + 1,
      used: new Set(),
    });
  }
  return out;
}

/** The directive that suppresses a finding of `ruleId` starting on `line`, if any. */
export function findSuppression(directives: Directive[], ruleId: string, line: number): Directive | undefined {
  const covers = (directive: Directive): boolean =>
    directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
  return (
    directives.find(
      (directive) => directive.kind === 'next-line' && directive.targetLine === line && covers(directive),
    ) ?? directives.find((directive) => directive.kind === 'file' && covers(directive))
  );
}

/** The closest known rule id within three edits, for "did you mean" hints on directives. */
export function closestRuleId(word: string, candidates: readonly string[]): string | undefined {
  return closest(word, candidates, () => 3);
}
