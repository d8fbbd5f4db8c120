// Exports the last workspace scan as SARIF or Markdown: the server writes it with the CLI's own report writers, so the
// editor and CI produce the same files.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXPORT_REPORT, type ExportParams, type ReportFormat } from '../editor/for-client';
import type { WorkspaceScanner } from './scan-workspace';

const FORMATS: Record<ReportFormat, { extension: string; label: string }> = {
  sarif: { extension: 'sarif', label: 'SARIF' },
  markdown: { extension: 'md', label: 'Markdown' },
};

/**
 * Exports the last scan (scanning first when there is none) to `target`, or to a file the user
 * picks. Returns the file written, or undefined when cancelled.
 */
export async function exportReport(
  client: LanguageClient,
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
  const params: ExportParams = { format, file };
  const written = await client.sendRequest<string | null>(EXPORT_REPORT, params);
  if (written === null) return undefined;
  if (target === undefined) {
    void vscode.window
      .showInformationMessage(`Agent Risk: wrote ${label} report to ${written}.`, 'Open')
      .then((choice) => {
        if (choice === 'Open') void vscode.window.showTextDocument(vscode.Uri.file(written));
      });
  }
  return written;
}
