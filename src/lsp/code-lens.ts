// CodeLens: a one-line capability manifest above each recognised tool; it reveals the tool in the client's tool view
// when the client has that command, and is plain text otherwise.
import type { CodeLens } from 'vscode-languageserver/node';
import { manifestLine } from '../editor/manifest';
import type { LintResult } from '../engine/types';
import { escapeControl } from '../report/escape';
import { toPosition } from './convert';

export function codeLensesFor(uri: string, result: LintResult, revealTool: string | undefined): CodeLens[] {
  return result.tools.map((tool) => {
    const start = toPosition(tool.range.start);
    return {
      range: { start, end: start },
      command: {
        // Plain text, but one line: a newline or escape sequence from the source is shown as an escape.
        title: escapeControl(manifestLine(tool)),
        command: revealTool ?? '',
        arguments: revealTool === undefined ? [] : [uri, tool.name, tool.range.start.offset],
      },
    };
  });
}
