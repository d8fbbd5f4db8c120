// Lints one document with the configuration that applies to it (defaults < .agent-risk.json < settings), reading other files through open editors first.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  absoluteGlobs,
  defaultRules,
  globRules,
  isExcluded,
  loadConfigFor,
  Minimatch,
  Project,
  readSource,
  type ConfigError,
  type ConfigLoadResult,
  type LintResult,
  type ProjectHost,
} from './core';
import { readSettings, type EditorSettings } from './settings';
import type { ResultStore } from './results-store';

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
  millis: number;
}

export class LintService {
  /** One Project per workspace folder (and one for files outside any), so helper summaries are shared. */
  private readonly projects = new Map<string, Project>();
  /** The configuration loader's cache of parsed `.agent-risk.json` files; cleared whenever one changes. */
  private configCache = new Map<string, unknown>();
  /** Stand-in paths of untitled documents, so their findings map back to them. */
  private readonly untitled = new Map<string, vscode.Uri>();
  private readonly configErrors = vscode.languages.createDiagnosticCollection('agent-risk-config');

  constructor(private readonly store: ResultStore, private readonly log: vscode.OutputChannel) {}

  isLintable(document: vscode.TextDocument): boolean {
    return (LANGUAGES as readonly string[]).includes(document.languageId) && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
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
    if (!settings.enable) return this.skip(document, 'Agent Risk is turned off (agentRisk.enable).', started);
    if (!this.isLintable(document)) return this.skip(document, 'Not a TypeScript or JavaScript file.', started);
    const file = this.pathFor(document);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const loaded = this.load(file, settings);
    if (document.uri.scheme === 'file' && this.excludes(file, folder, loaded, settings)) {
      return this.skip(document, 'Excluded by the include/exclude settings or the configuration file.', started);
    }
    const text = document.getText();
    if (Buffer.byteLength(text, 'utf8') > loaded.config.maxFileBytes) {
      return this.skip(document, `Larger than maxFileBytes (${loaded.config.maxFileBytes}).`, started);
    }
    let result: LintResult;
    try {
      const project = this.projectFor(folder, loaded.config.maxFileBytes);
      project.invalidate(file);
      result = project.lint(file, text, loaded.config);
    } catch (error) {
      // The engine promises not to throw; if it does, say so once in the log and keep the editor usable.
      this.log.appendLine(`[error] ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return this.skip(document, 'The analysis failed; see the Agent Risk output.', started);
    }
    for (const problem of result.problems) this.log.appendLine(`[${problem.kind}] ${problem.file}: ${problem.message}`);
    this.store.setLive(document.uri, result, document.version);
    return { result, millis: Date.now() - started };
  }

  /**
   * Lints another text for the document (a quick fix applied in memory) with the same configuration
   * and a throwaway project, so the live project's cache is untouched.
   */
  lintVariant(document: vscode.TextDocument, text: string): LintResult | undefined {
    const file = this.pathFor(document);
    const loaded = this.load(file, readSettings(document.uri));
    try {
      return new Project(loaded.config, this.host(loaded.config.maxFileBytes)).lint(file, text, loaded.config);
    } catch {
      return undefined;
    }
  }

  /** Re-reads a closed file from disk, for files that belong to the last workspace scan. */
  lintFromDisk(uri: vscode.Uri): LintResult | undefined {
    const file = uri.fsPath;
    const settings = readSettings(uri);
    const loaded = this.load(file, settings);
    const read = readSource(file, loaded.config.maxFileBytes);
    if (!('text' in read)) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const project = this.projectFor(folder, loaded.config.maxFileBytes);
    project.invalidate(file);
    return project.lint(file, read.text, loaded.config);
  }

  /** A file changed (in an editor or on disk): forget what the engine remembers of it. */
  invalidate(file: string): void {
    for (const project of this.projects.values()) project.invalidate(file);
  }

  /** Settings or a configuration file changed: reload configurations and start projects afresh. */
  reset(): void {
    this.configCache = new Map();
    this.projects.clear();
    this.configErrors.clear();
  }

  /** Loads the configuration for `file` and shows its errors on the configuration files themselves. */
  load(file: string, settings: EditorSettings): ConfigLoadResult {
    const options = { cache: this.configCache, overrides: settings.overrides, ...(settings.configFile ? { explicitFile: this.resolveConfigFile(settings.configFile) } : {}) };
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
      const diagnostic = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), error.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'agent-risk';
      const list = byFile.get(error.file) ?? [];
      list.push(diagnostic);
      byFile.set(error.file, list);
    }
    for (const [file, diagnostics] of byFile) this.configErrors.set(vscode.Uri.file(file), diagnostics);
  }

  private excludes(file: string, folder: string | undefined, loaded: ConfigLoadResult, settings: EditorSettings): boolean {
    const root = folder ?? path.dirname(file);
    const settingsExclude = settings.exclude.flatMap((glob) => absoluteGlobs(root, glob));
    // Built-in excludes (tests, build output, node_modules) < configuration file < settings, last match wins as in the CLI.
    if (isExcluded([...defaultRules(), ...globRules(loaded.exclude), ...globRules(settingsExclude)], file, root)) return true;
    const slashed = file.split(path.sep).join('/');
    const includes = [...loaded.include, ...settings.include.flatMap((glob) => absoluteGlobs(root, glob))].filter((glob) => !glob.startsWith('!'));
    return includes.length > 0 && !includes.some((glob) => new Minimatch(glob, { dot: true }).match(slashed));
  }

  private projectFor(folder: string | undefined, maxFileBytes: number): Project {
    const key = folder ?? '';
    let project = this.projects.get(key);
    if (project === undefined) {
      project = new Project(undefined, this.host(maxFileBytes));
      this.projects.set(key, project);
    }
    return project;
  }

  /** Imported helpers are read from their editor when open (unsaved edits count), else from disk. */
  private host(maxFileBytes: number): ProjectHost {
    return {
      readFile(file: string): string | undefined {
        const open = vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === file);
        if (open !== undefined) return open.getText();
        const read = readSource(file, maxFileBytes);
        return 'text' in read ? read.text : undefined;
      },
    };
  }

  private skip(document: vscode.TextDocument, reason: string, started: number): LintOutcome {
    this.store.clearLive(document.uri);
    return { result: undefined, skipped: reason, millis: Date.now() - started };
  }

  dispose(): void {
    this.configErrors.dispose();
  }
}
