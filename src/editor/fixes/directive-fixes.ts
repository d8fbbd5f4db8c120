// Quick fixes for the directive-hygiene findings: remove a directive (or the one id) that suppresses nothing, replace
// a misspelt rule id with the closest rule, and add a reason placeholder to a directive that gives none.
import { closestRuleId, FILE_KEYWORD, NEXT_LINE_KEYWORD } from '../../engine/directives';
import type { Finding } from '../../engine/types';
import { ruleById, ruleIds } from '../../rules/index';
import { lineStartOf, type OffsetEdit } from './source';

export interface DirectiveFix {
  title: string;
  edits: OffsetEdit[];
}

/** The placeholder a reason starts as: it reads as a reason, so the author sees where to write theirs. */
export const REASON_PLACEHOLDER = 'explain why this finding is acceptable here';

const DIRECTIVE = new RegExp(
  `(${NEXT_LINE_KEYWORD}|${FILE_KEYWORD})([ \\t]+)([^\\r\\n*]*?)([ \\t]*--[^\\r\\n]*?)?([ \\t]*(?:\\*/)?[ \\t]*)$`,
);

export function directiveFixes(text: string, finding: Finding): DirectiveFix[] {
  const role = ruleById(finding.ruleId)?.reports.role;
  if (role !== 'unused-directive' && role !== 'directive-reason') return [];
  const start = finding.range.start.offset;
  const end = finding.range.end.offset;
  const comment = text.slice(start, end);
  const match = DIRECTIVE.exec(comment);
  if (match === null) return [];
  const idsStart = start + match.index + (match[1] as string).length + (match[2] as string).length;
  const idsText = match[3] as string;
  if (role === 'directive-reason') {
    const at = idsStart + idsText.length;
    return [
      { title: 'Add a reason to this directive', edits: [{ start: at, end: at, text: ` -- ${REASON_PLACEHOLDER}` }] },
    ];
  }
  const named = /`([^`]+)`/.exec(finding.message)?.[1];
  if (named === undefined) return [];
  const ids = [...idsText.matchAll(/[^\s,]+/g)];
  const id = ids.find((candidate) => candidate[0] === named);
  const fixes: DirectiveFix[] = [];
  if (id !== undefined && ruleById(named) === undefined) {
    const suggestion = closestRuleId(named, ruleIds);
    const at = idsStart + (id.index ?? 0);
    if (suggestion !== undefined)
      fixes.push({
        title: `Replace \`${named}\` with \`${suggestion}\``,
        edits: [{ start: at, end: at + named.length, text: suggestion }],
      });
  }
  if (id !== undefined && ids.length > 1) {
    // Remove the one id and the separator before it (or after it, for the first id).
    const index = ids.indexOf(id);
    const from =
      index === 0
        ? idsStart + (id.index ?? 0)
        : idsStart + (ids[index - 1]?.index ?? 0) + (ids[index - 1]?.[0].length ?? 0);
    const to = index === 0 ? idsStart + (ids[1]?.index ?? 0) : idsStart + (id.index ?? 0) + named.length;
    fixes.push({ title: `Remove \`${named}\` from this directive`, edits: [{ start: from, end: to, text: '' }] });
  } else {
    fixes.push({ title: 'Remove this directive', edits: [removeComment(text, start, end)] });
  }
  return fixes;
}

/** The comment, or its whole line when nothing else is on it. */
function removeComment(text: string, start: number, end: number): OffsetEdit {
  const lineStart = lineStartOf(text, start);
  const lineEnd = text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end) + 1;
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
  return alone ? { start: lineStart, end: lineEnd, text: '' } : { start, end, text: '' };
}
