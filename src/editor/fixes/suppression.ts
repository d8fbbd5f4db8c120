// Builds the suppression directive for a finding's line, extending a directive already above it rather than stacking a second one.
import { ruleById } from '../../rules/index';
import { FILE_KEYWORD as FILE_DIRECTIVE, NEXT_LINE_KEYWORD as NEXT_LINE_DIRECTIVE } from '../../engine/directives';
import type { Finding } from '../../engine/types';
import { eolOf, indentationAt, lineStartOf, type OffsetEdit } from './source';

export interface SuppressionEdit {
  edit: OffsetEdit;
  /** Where the cursor goes once the edit is applied: on the reason, in offsets of the edited text. */
  cursor: number;
}

const DIRECTIVE_LINE = new RegExp(
  `^([ \\t]*//[ \\t]*${NEXT_LINE_DIRECTIVE}[ \\t]+)([^\\r\\n]*?)([ \\t]*--[ \\t]*[^\\r\\n]*)?[ \\t]*$`,
);

/**
 * Inserts `// agent-risk-disable-next-line <rule> -- ` above the finding's line, leaving the reason
 * empty on purpose: the missing-reason hint then stays until the author writes why.
 */
export function suppressionEdit(text: string, finding: Finding): SuppressionEdit | undefined {
  // A directive's own findings are fixed by editing the directive, not by suppressing them.
  const role = ruleById(finding.ruleId)?.reports.role;
  if (role === 'unused-directive' || role === 'directive-reason') return undefined;
  const lineStart = lineStartOf(text, finding.range.start.offset);
  const previousEnd = lineStart - (text.slice(0, lineStart).endsWith('\r\n') ? 2 : 1);
  if (previousEnd >= 0) {
    const previousStart = lineStartOf(text, previousEnd);
    const previous = text.slice(previousStart, previousEnd);
    const match = DIRECTIVE_LINE.exec(previous);
    if (match !== null) return extendDirective(match, previousStart, finding.ruleId);
  }
  const indent = indentationAt(text, finding.range.start.offset);
  const directive = `${indent}// ${NEXT_LINE_DIRECTIVE} ${finding.ruleId} -- `;
  return {
    edit: { start: lineStart, end: lineStart, text: directive + eolOf(text) },
    cursor: lineStart + directive.length,
  };
}

/**
 * Inserts `/* agent-risk-disable <rule> -- *\/` as the file's first line (after a `#!` line), with the
 * reason left for the author, as ESLint's "disable for the entire file" does.
 */
export function fileSuppressionEdit(text: string, finding: Finding): SuppressionEdit | undefined {
  const role = ruleById(finding.ruleId)?.reports.role;
  if (role === 'unused-directive' || role === 'directive-reason') return undefined;
  const start = text.startsWith('#!') ? text.indexOf('\n') + 1 || text.length : 0;
  const head = `/* ${FILE_DIRECTIVE} ${finding.ruleId} -- `;
  return { edit: { start, end: start, text: `${head} */${eolOf(text)}` }, cursor: start + head.length };
}

function extendDirective(match: RegExpExecArray, lineStart: number, ruleId: string): SuppressionEdit | undefined {
  const head = match[1] as string;
  const ids = match[2] as string;
  const listed = ids.split(/[\s,]+/).filter(Boolean);
  const reasonPart = match[3] ?? '';
  const idsEnd = lineStart + head.length + ids.length;
  const lineEnd = lineStart + match[0].length;
  if (listed.includes(ruleId)) {
    // Already listed (the directive may not have reached the engine yet): only put the cursor on the reason.
    return {
      edit: { start: lineEnd, end: lineEnd, text: reasonPart === '' ? ' -- ' : '' },
      cursor: lineEnd + (reasonPart === '' ? 4 : 0),
    };
  }
  const added = `, ${ruleId}`;
  if (reasonPart === '') {
    return { edit: { start: idsEnd, end: idsEnd, text: `${added} -- ` }, cursor: idsEnd + added.length + 4 };
  }
  // Keep the reason, which now has to cover one more rule: the cursor goes to its end.
  return { edit: { start: idsEnd, end: idsEnd, text: added }, cursor: lineEnd + added.length };
}
