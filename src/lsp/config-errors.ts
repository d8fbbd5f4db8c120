// Shows the mistakes of `.agent-risk.json` files on the files themselves, as pushed diagnostics at their line and column.
import { type Connection, type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { ConfigError } from '../config/index';
import { fileUri, SOURCE } from './convert';

export class ConfigErrors {
  /** Configuration file URI → the messages last shown on it, so an unchanged file is not re-sent. */
  private shown = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  /** Shows the errors met while loading one document's configuration. */
  show(errors: readonly ConfigError[]): void {
    const byFile = new Map<string, Diagnostic[]>();
    for (const error of errors) {
      const at = { line: Math.max(0, error.line - 1), character: Math.max(0, error.column - 1) };
      const list = byFile.get(error.file) ?? [];
      list.push({
        range: { start: at, end: { line: at.line, character: at.character + 1 } },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        message: error.message,
        // Lets a client that validates the file with the JSON schema itself drop what it already shows.
        ...(error.kind === undefined ? {} : { code: `config-${error.kind}` }),
      });
      byFile.set(error.file, list);
    }
    for (const [file, diagnostics] of byFile) {
      const uri = fileUri(file);
      const key = JSON.stringify(diagnostics);
      if (this.shown.get(uri) === key) continue;
      this.shown.set(uri, key);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  /** A configuration changed: every file's errors are withdrawn until the next lint finds them again. */
  clear(): void {
    for (const uri of this.shown.keys()) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.shown.clear();
  }
}
