// Lints one document with the configuration that applies to it (defaults < .agent-risk.json < settings), reading other files through open editors first.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  FileLinter,
  isExcludedInEditor,
  loadConfigFor,
  readSource,
  type ConfigError,
  type ConfigLoadResult,
  type FileOutcome,
  type LintResult,
  type ResolvedConfig,
} from './core';
import { readSettings, type EditorSettings } from './settings';
import type { ResultStore } from './results-store';
import type { FileState } from './status';

export const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

const UNTITLED_EXTENSION: Record<string, string> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

export interface LintOutcome {
  result: LintResult | undefined;
  /** Why nothing was linted: the extension is off, the file is excluded, not a language we read. */
  skipped?: string;
  /** What the status item says of the file when it shows no findings of its own. */
  state?: FileState;
  millis: number;
}

export class LintService {
  /** The scan's file linter; one Project per workspace folder (and one for files outside any), so helper summaries are shared. */
  private linter = this.newLinter();
  /** Workspace folders numbered as the linter's groups. */
  private readonly groups = new Map<string, number>();
  /** The configuration loader's cache of parsed `.agent-risk.json` files; cleared whenever one changes. */
  private configCache = new Map<string, unknown>();
  /** Stand-in paths of untitled documents, so their findings map back to them. */
  private readonly untitled = new Map<string, vscode.Uri>();
  private readonly configErrors = vscode.languages.createDiagnosticCollection('agent-risk-config');

  constructor(
    private readonly store: ResultStore,
    private readonly log: vscode.OutputChannel,
  ) {}

  isLintable(document: vscode.TextDocument): boolean {
    return (
      (LANGUAGES as readonly string[]).includes(document.languageId) &&
      (document.uri.scheme === 'file' || document.uri.scheme === 'untitled')
    );
  }

  /** The path the engine sees for a document: its file, or a stand-in named after the language for untitled ones. */
  pathFor(document: vscode.TextDocument): string {
    if (document.uri.scheme === 'file') return document.uri.fsPath;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.resolve('/');
    const name = document.uri.path.replace(/[^\w.-]/g, '_') + (UNTITLED_EXTENSION[document.languageId] ?? '.ts');
    const file = path.join(folder, name);
    this.untitled.set(file, document.uri);
    return file;
  }

  uriFor = (file: string): vscode.Uri => this.untitled.get(file) ?? vscode.Uri.file(file);

  lintDocument(document: vscode.TextDocument): LintOutcome {
    const started = Date.now();
    const settings = readSettings(document.uri);
    if (!settings.enable) {
      return {
        ...this.skip(document, 'Agent Risk is turned off (agentRisk.enable).', started),
        state: { kind: 'off' },
      };
    }
    if (!this.isLintable(document)) return this.skip(document, 'Not a TypeScript or JavaScript file.', started);
    const file = this.pathFor(document);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const loaded = this.load(file, settings);
    if (document.uri.scheme === 'file' && isExcludedInEditor(file, folder, loaded, settings)) {
      const reason = 'Excluded by the include/exclude settings or the configuration file.';
      return { ...this.skip(document, reason, started), state: { kind: 'skipped', reason } };
    }
    const outcome = this.lintIn(folder, file, document.getText(), loaded.config, settings.fileTimeoutMs);
    const result = outcome.result;
    if (result === undefined) {
      // The engine promises not to throw; if it does, say so once in the log and keep the editor usable.
      this.log.appendLine(`[error] ${file}: ${outcome.problem?.message ?? 'no result'}`);
      return this.skip(document, 'The analysis failed; see the Agent Risk output.', started);
    }
    for (const problem of result.problems) this.log.appendLine(`[${problem.kind}] ${problem.file}: ${problem.message}`);
    this.store.setLive(document.uri, result, document.version);
    const state: FileState | undefined = loaded.errors.length > 0 ? { kind: 'config-error' } : undefined;
    return { result, millis: Date.now() - started, ...(state === undefined ? {} : { state }) };
  }

  /**
   * Lints another text for the document (a quick fix applied in memory) with the same configuration
   * and a throwaway project, so the live project's cache is untouched.
   */
  lintVariant(document: vscode.TextDocument, text: string): LintResult | undefined {
    const file = this.pathFor(document);
    const settings = readSettings(document.uri);
    const loaded = this.load(file, settings);
    const variant = new FileLinter({ configs: [loaded.config], recordDependencies: false }, (other) =>
      this.openText(other),
    );
    return variant.lintText({ index: 0, file, group: 0 }, text, loaded.config, settings.fileTimeoutMs).result;
  }

  /** Re-reads a closed file from disk, for files that belong to the last workspace scan. */
  lintFromDisk(uri: vscode.Uri): LintResult | undefined {
    const file = uri.fsPath;
    const settings = readSettings(uri);
    const loaded = this.load(file, settings);
    const read = readSource(file, loaded.config.maxFileBytes);
    if (!('text' in read)) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    return this.lintIn(folder, file, read.text, loaded.config, settings.fileTimeoutMs).result;
  }

  /** A file changed (in an editor or on disk): forget what the engine remembers of it. */
  invalidate(file: string): void {
    this.linter.invalidate(file);
  }

  /** Settings or a configuration file changed: reload configurations and start projects afresh. */
  reset(): void {
    this.configCache = new Map();
    this.linter = this.newLinter();
    this.groups.clear();
    this.configErrors.clear();
  }

  /** Loads the configuration for `file` and shows its errors on the configuration files themselves. */
  load(file: string, settings: EditorSettings): ConfigLoadResult {
    // The search for .agent-risk.json stops at the workspace folder: a folder above it is not the project's.
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath;
    const options = {
      cache: this.configCache,
      overrides: settings.overrides,
      ...(folder === undefined ? {} : { stopAt: folder }),
      ...(settings.configFile ? { explicitFile: this.resolveConfigFile(settings.configFile) } : {}),
    };
    const loaded = loadConfigFor(file, options);
    this.showConfigErrors(loaded.errors);
    return loaded;
  }

  private resolveConfigFile(configFile: string): string {
    if (path.isAbsolute(configFile)) return configFile;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return folder === undefined ? path.resolve(configFile) : path.resolve(folder, configFile);
  }

  private showConfigErrors(errors: readonly ConfigError[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const error of errors) {
      const at = new vscode.Position(Math.max(0, error.line - 1), Math.max(0, error.column - 1));
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(at, at.translate(0, 1)),
        error.message,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'agent-risk';
      const list = byFile.get(error.file) ?? [];
      list.push(diagnostic);
      byFile.set(error.file, list);
    }
    for (const [file, diagnostics] of byFile) this.configErrors.set(vscode.Uri.file(file), diagnostics);
  }

  /** Lints `text` as `file` in the folder's project, which first forgets what it derived from the old text. */
  private lintIn(
    folder: string | undefined,
    file: string,
    text: string,
    config: ResolvedConfig,
    budgetMs: number | undefined,
  ): FileOutcome {
    const key = folder ?? '';
    let group = this.groups.get(key);
    if (group === undefined) {
      group = this.groups.size;
      this.groups.set(key, group);
    }
    this.linter.invalidate(file);
    return this.linter.lintText({ index: 0, file, group }, text, config, budgetMs);
  }

  /** Imported helpers are read from their editor when open (unsaved edits count), else from disk by the linter. */
  private newLinter(): FileLinter {
    return new FileLinter({ configs: [], recordDependencies: false }, (file) => this.openText(file));
  }

  private openText(file: string): string | undefined {
    return vscode.workspace.textDocuments
      .find((document) => document.uri.scheme === 'file' && document.uri.fsPath === file)
      ?.getText();
  }

  private skip(document: vscode.TextDocument, reason: string, started: number): LintOutcome {
    this.store.clearLive(document.uri);
    return { result: undefined, skipped: reason, millis: Date.now() - started };
  }

  dispose(): void {
    this.configErrors.dispose();
  }
}
