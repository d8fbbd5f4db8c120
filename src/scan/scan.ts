// Scans a list of files: groups them by the configuration that applies to each, then lints every group through
// the one lint loop (lint-files.ts), with worker threads, a time limit and the cache as options.
import * as path from 'node:path';
import { loadConfigFor, type ConfigError, type LoadOptions } from '../config/index';
import type { LintResult, Problem, ResolvedConfig } from '../engine/types';
import { lintFiles, type LintFilesOptions } from './lint-files';

/** The files that share one set of configuration files, and the configuration resolved from them. */
export interface ScanScope {
  configFiles: string[];
  config: ResolvedConfig;
  include: string[];
  exclude: string[];
  files: number;
  /** A configuration file in force sets `failOnProblems`. */
  failOnProblems?: boolean;
}

export interface ScanOutput {
  results: Array<{ result: LintResult; text: string | undefined }>;
  problems: Problem[];
  scopes: ScanScope[];
  configErrors: ConfigError[];
  filesScanned: number;
}

export interface ScanOptions extends Partial<LintFilesOptions> {
  load: LoadOptions;
}

export function scanFiles(files: readonly string[], options: ScanOptions): ScanOutput {
  // Files sharing the same configuration files share one Project, so helpers are summarised once.
  const groups = new Map<string, { scope: ScanScope; files: string[] }>();
  const configErrors: ConfigError[] = [];
  // Files come folder by folder from the walk: a folder's configuration is looked up once, not once per file.
  let lastFolder: string | undefined;
  let lastLoaded: ReturnType<typeof loadConfigFor> | undefined;
  for (const file of files) {
    const folder = path.dirname(file);
    const loaded = folder === lastFolder && lastLoaded !== undefined ? lastLoaded : loadConfigFor(file, options.load);
    if (loaded !== lastLoaded) configErrors.push(...loaded.errors);
    lastFolder = folder;
    lastLoaded = loaded;
    const key = JSON.stringify(loaded.configFiles);
    let group = groups.get(key);
    if (group === undefined) {
      const scope = {
        configFiles: loaded.configFiles,
        config: loaded.config,
        include: loaded.include,
        exclude: loaded.exclude,
        files: 0,
        failOnProblems: loaded.failOnProblems,
      };
      group = { scope, files: [] };
      groups.set(key, group);
    }
    group.files.push(file);
    group.scope.files++;
  }
  const { load: _load, ...lintOptions } = options;
  const linted = lintFiles(
    [...groups.values()].map((group) => ({ config: group.scope.config, files: group.files })),
    { jobs: 1, ...lintOptions },
  );
  return {
    ...linted,
    scopes: [...groups.values()].map((group) => group.scope),
    configErrors: uniqueErrors(configErrors),
  };
}

/** A configuration file shared by many folders is loaded once per folder; report each error once. */
export function uniqueErrors(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.file}:${error.line}:${error.column}:${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
