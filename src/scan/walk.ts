// Expands the paths given on the command line into the source files to scan, honouring excludes and never looping.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfigForDir, type ConfigError, type LoadOptions } from '../config/index';
import type { Problem } from '../engine/types';
import { ScanError } from './errors';
import { errorReason } from './read';
import {
  ancestorGitignoreRules,
  defaultRules,
  gitignoreRules,
  globRules,
  isExcluded,
  matcherFor,
  type IgnoreRule,
} from './ignore-rules';

/** Extensions the engine parses. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export interface WalkResult {
  /** Absolute paths, in walk order (folders depth first, entries by name). */
  files: string[];
  problems: Problem[];
  /** Errors in configuration files met on the way, even where no file ends up scanned. */
  configErrors: ConfigError[];
}

export interface WalkOptions {
  cwd: string;
  /** Passed to the configuration loader, so `--config` and the shared cache apply to excludes too. */
  load: LoadOptions;
}

/**
 * Walks `targets`. A file named on the command line is always scanned (the user asked for it); files
 * found in folders must be source files that pass the exclude rules and the configured includes.
 */
export function walk(targets: readonly string[], options: WalkOptions): WalkResult {
  const files: string[] = [];
  const problems: Problem[] = [];
  const configErrors: ConfigError[] = [];
  // Real paths already visited: a symlink back to an ancestor (a loop) or to a visited file is skipped.
  const seen = new Set<string>();

  const addFile = (file: string): void => {
    const real = realpathOrSelf(file);
    if (seen.has(real)) return;
    seen.add(real);
    files.push(file);
  };

  const visit = (dir: string, root: string, inherited: readonly IgnoreRule[]): void => {
    const real = realpathOrSelf(dir);
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ kind: 'read', file: dir, message: `Cannot read this folder: ${errorReason(error)}` });
      return;
    }
    const loaded = loadConfigForDir(dir, options.load);
    configErrors.push(...loaded.errors);
    const rules = [...inherited, ...gitignoreRules(dir)];
    const excludes = [...rules, ...globRules(loaded.exclude)];
    const includes = loaded.include.filter((glob) => !glob.startsWith('!')).map(matcherFor);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      const kind = entryKind(entry, full);
      if (kind === 'dir') {
        if (!isExcluded(excludes, full, root)) visit(full, root, rules);
      } else if (
        kind === 'file' &&
        SOURCE_EXTENSIONS.includes(extensionOf(entry.name)) &&
        !isExcluded(excludes, full, root)
      ) {
        const slashed = full.split(path.sep).join('/');
        if (includes.length === 0 || includes.some((matcher) => matcher.match(slashed))) addFile(full);
      }
    }
  };

  for (const target of targets) {
    const absolute = path.resolve(options.cwd, target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new ScanError(`No such file or folder: ${target}`);
    }
    if (stat.isDirectory()) visit(absolute, absolute, [...defaultRules(), ...ancestorGitignoreRules(absolute)]);
    else addFile(absolute);
  }
  return { files, problems, configErrors };
}

function extensionOf(name: string): string {
  return path.extname(name).toLowerCase();
}

/** Resolves symlinks (following them is safe because `seen` stops loops); broken links and sockets are skipped. */
function entryKind(entry: fs.Dirent, full: string): 'dir' | 'file' | 'other' {
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const stat = fs.statSync(full);
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

function realpathOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
