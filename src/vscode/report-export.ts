// Writes the last workspace scan as SARIF or Markdown with the CLI's own report writers, so the editor and CI produce the same files.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildReport, formatMarkdown, formatSarif, writeFileReplacing } from './core';
import type { ScanRecord, WorkspaceScanner } from './scan-workspace';

export type ReportFormat = 'sarif' | 'markdown';

const FORMATS: Record<ReportFormat, { extension: string; label: string; render: typeof formatSarif }> = {
  sarif: { extension: 'sarif', label: 'SARIF', render: formatSarif },
  markdown: { extension: 'md', label: 'Markdown', render: formatMarkdown },
};

/** The report text for a scan; paths are relative to the first workspace folder, as the CLI's are to its working directory. */
export function renderReport(record: ScanRecord, format: ReportFormat): string {
  const root = record.folders[0]?.folder ?? process.cwd();
  const report = buildReport({
    root,
    results: record.folders.flatMap((folder) => folder.output.results),
    problems: record.folders.flatMap((folder) => [...folder.walkProblems, ...folder.output.problems]),
    scopes: record.folders.flatMap((folder) => folder.output.scopes),
    options: { failOn: 'error', quiet: false },
    filesScanned: record.folders.reduce((sum, folder) => sum + folder.output.filesScanned, 0),
  });
  return FORMATS[format].render(report);
}

/**
 * Exports the last scan (scanning first when there is none) to `target`, or to a file the user
 * picks. Returns the file written, or undefined when cancelled.
 */
export async function exportReport(
  scanner: WorkspaceScanner,
  format: ReportFormat,
  target?: string,
): Promise<string | undefined> {
  const record = scanner.lastScan ?? (await scanner.scan());
  if (record === undefined) return undefined;
  const { extension, label } = FORMATS[format];
  let file = target;
  if (file === undefined) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const picked = await vscode.window.showSaveDialog({
      title: `Export ${label} report`,
      filters: { [label]: [extension] },
      ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, `agent-risk.${extension}`) }),
    });
    if (picked === undefined) return undefined;
    file = picked.fsPath;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  // A symlink at the chosen path (one committed to the workspace) is replaced, never written through.
  writeFileReplacing(file, renderReport(record, format));
  if (target === undefined) {
    void vscode.window
      .showInformationMessage(`Agent Risk: wrote ${label} report to ${file}.`, 'Open')
      .then((choice) => {
        if (choice === 'Open') void vscode.window.showTextDocument(vscode.Uri.file(file as string));
      });
  }
  return file;
}
