// Recomputes line and column from offsets the way editors count lines, to check every range a lint returns.
import type { LintResult, Range } from '../../../src/engine/types';

/**
 * Offsets where lines start. Only CR, LF and CRLF end a line: that is what VS Code, the Language
 * Server Protocol and SARIF viewers count, so a diagnostic at "line N" must mean this line N.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 /* CR */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (code === 10 /* LF */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and 0-based UTF-16 column of `offset`, as an editor shows it. */
export function editorPosition(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) };
}

/**
 * Every range in `result` that lies in `text` must be inside it, start before it ends, and carry the
 * line and column an editor would compute from its offset. Returns one message per broken range.
 */
export function positionErrors(text: string, result: LintResult): string[] {
  const starts = lineStarts(text);
  const errors: string[] = [];
  const check = (what: string, file: string, range: Range): void => {
    if (file !== result.file) return;
    const { start, end } = range;
    if (start.offset < 0 || end.offset > text.length || start.offset > end.offset) {
      errors.push(`${what}: offsets ${start.offset}..${end.offset} outside the text (length ${text.length})`);
      return;
    }
    for (const [edge, position] of [
      ['start', start],
      ['end', end],
    ] as const) {
      const expected = editorPosition(starts, position.offset);
      if (expected.line !== position.line || expected.column !== position.column) {
        errors.push(
          `${what} ${edge}: reported ${position.line}:${position.column}, offset ${position.offset} is ${expected.line}:${expected.column}`,
        );
      }
    }
  };
  for (const finding of [...result.findings, ...result.suppressed]) {
    check(`${finding.ruleId} finding`, finding.file, finding.range);
    for (const related of finding.related)
      check(`${finding.ruleId} related ${related.kind}`, related.file, related.range);
    if (finding.tool) check(`${finding.ruleId} tool`, finding.tool.file, finding.tool.range);
  }
  for (const tool of result.tools) {
    check(`tool ${tool.name}`, tool.file, tool.range);
    if (tool.handler) check(`tool ${tool.name} handler`, tool.handler.file, tool.handler.range);
    for (const capability of tool.capabilities)
      check(`tool ${tool.name} capability ${capability.sink}`, capability.file, capability.range);
  }
  for (const problem of result.problems)
    if (problem.range) check(`${problem.kind} problem`, problem.file, problem.range);
  return errors;
}
