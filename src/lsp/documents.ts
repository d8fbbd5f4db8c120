// Lints the client's open documents: the configuration that applies to each (defaults < .agent-risk.json <
// settings), the editor's include/exclude, and the scan's one per-file lint step with open texts winning over disk.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFor, type ConfigError } from '../config/index';
import type { Finding, LintResult, Problem } from '../engine/types';
import type { SharedSettings } from '../editor/settings';
import { EDITOR_CACHED_SOURCE_CHARS, FileLinter } from '../scan/file-linter';
import { isExcludedInEditor } from '../scan/file-filter';
import { splitMoved } from './delegated';

export interface DocumentLint {
  /** Undefined when the document is not linted; `skipped` says why. */
  result?: LintResult;
  skipped?: string;
  configErrors: ConfigError[];
  /** The configuration's audit functions, for the audit quick fix. */
  auditFunctions?: readonly string[];
  /** What the lint reports in other files (delegated tools' findings, lsp/delegated.ts); `result` holds the rest. */
  moved?: { findings: Finding[]; suppressed: Finding[] };
  millis: number;
}

const UNTITLED_EXTENSION: Record<string, string> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

export class DocumentLinter {
  private linter = this.newLinter();
  private configCache = new Map<string, unknown>();
  /** Workspace folders numbered as the linter's groups, so each folder's helpers are summarised once. */
  private readonly groups = new Map<string, number>();
  /** Engine path → client URI, for documents that are not files (untitled buffers). */
  private readonly uris = new Map<string, string>();

  constructor(
    private readonly openText: (file: string) => string | undefined,
    private folders: string[] = [],
  ) {}

  setFolders(folders: string[]): void {
    this.folders = folders;
    this.reset();
  }

  /** Settings or a configuration file changed: reload configurations and start the projects afresh. */
  reset(): void {
    this.linter = this.newLinter();
    this.configCache = new Map();
    this.groups.clear();
  }

  /** A file changed: the projects forget what they derived from it. */
  invalidate(file: string): void {
    this.linter.invalidate(file);
  }

  /** The path the engine sees for a document URI: its file, or a stand-in in the first folder for other schemes. */
  pathFor(uri: string, languageId: string): string {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
    const folder = this.folders[0] ?? path.resolve('/');
    const file = path.join(folder, uri.replace(/[^\w.-]/g, '_') + (UNTITLED_EXTENSION[languageId] ?? '.ts'));
    this.uris.set(file, uri);
    return file;
  }

  uriFor(file: string): string | undefined {
    return this.uris.get(file);
  }

  folderOf(file: string): string | undefined {
    return this.folders
      .filter((folder) => file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  lint(uri: string, languageId: string, text: string, settings: SharedSettings): DocumentLint {
    const started = Date.now();
    const done = (lint: Omit<DocumentLint, 'millis'>): DocumentLint => ({ ...lint, millis: Date.now() - started });
    if (!settings.enable) return done({ skipped: 'Agent Risk is turned off (agentRisk.enable).', configErrors: [] });
    const file = this.pathFor(uri, languageId);
    const folder = this.folderOf(file);
    const explicitFile =
      settings.configFile === undefined
        ? undefined
        : path.resolve(folder ?? this.folders[0] ?? path.dirname(file), settings.configFile);
    const loaded = loadConfigFor(file, {
      cache: this.configCache,
      overrides: settings.overrides,
      // The search for .agent-risk.json stops at the workspace folder: a folder above it is not the project's.
      ...(folder === undefined ? {} : { stopAt: folder }),
      ...(explicitFile === undefined ? {} : { explicitFile }),
    });
    if (uri.startsWith('file:') && isExcludedInEditor(file, folder, loaded, settings)) {
      return done({
        skipped: 'Excluded by the include/exclude settings or the configuration file.',
        configErrors: loaded.errors,
      });
    }
    this.linter.invalidate(file);
    const outcome = this.linter.lintText(
      { index: 0, file, group: this.groupOf(folder) },
      text,
      loaded.config,
      settings.fileTimeoutMs,
    );
    if (outcome.result === undefined) {
      const problem: Problem = outcome.problem ?? { kind: 'internal', file, message: 'The analysis gave no result.' };
      return done({
        result: { file, findings: [], suppressed: [], tools: [], problems: [problem] },
        configErrors: loaded.errors,
      });
    }
    const { own, moved } = splitMoved(outcome.result);
    return done({ result: own, moved, configErrors: loaded.errors, auditFunctions: loaded.config.auditFunctions });
  }

  private groupOf(folder: string | undefined): number {
    const key = folder ?? '';
    let group = this.groups.get(key);
    if (group === undefined) {
      group = this.groups.size;
      this.groups.set(key, group);
    }
    return group;
  }

  private newLinter(): FileLinter {
    return new FileLinter(
      { configs: [], recordDependencies: false, cachedSourceChars: EDITOR_CACHED_SOURCE_CHARS },
      this.openText,
    );
  }
}
