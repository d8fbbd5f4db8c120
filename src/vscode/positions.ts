// Converts engine positions (ESTree: 1-based line, 0-based column) to VS Code's 0-based ones; the only place that does.
import * as vscode from 'vscode';
import type { Position, Range } from '../editor/for-client';

export function toPosition(position: Position): vscode.Position {
  return new vscode.Position(Math.max(0, position.line - 1), Math.max(0, position.column));
}

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(toPosition(range.start), toPosition(range.end));
}
