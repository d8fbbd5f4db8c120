// Suppression directives: `// agent-risk-disable-next-line <ids> -- <reason>` and
// `/* agent-risk-disable <ids> -- <reason> */`, which findings they suppress, and which are unused.
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
    const justification = separator >= 0 ? rest.slice(separator + 2).replace(/\s*\*\/?\s*$/, '').trim() : '';
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
  const covers = (directive: Directive): boolean => directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
  return (
    directives.find((directive) => directive.kind === 'next-line' && directive.targetLine === line && covers(directive)) ??
    directives.find((directive) => directive.kind === 'file' && covers(directive))
  );
}

/** The closest known id within edit distance 3, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}
