// Lints the walked files: one engine Project per configuration, with unreadable, binary and oversized files as problems.
import * as fs from 'node:fs';
import { loadConfigFor, type ConfigError, type LoadOptions } from '../config/index';
import { Project } from '../engine/index';
import type { LintResult, Problem, ProjectHost } from '../engine/types';
import type { LintGroup, LintedFiles } from './lint-files';
import type { ReportScope } from './report';
import { reason } from './walk';

/** Bytes inspected for a NUL byte, the same heuristic git uses to call a file binary. */
const BINARY_SNIFF_BYTES = 8192;

export interface ScanOutput {
  results: Array<{ result: LintResult; text: string | undefined }>;
  problems: Problem[];
  scopes: ReportScope[];
  configErrors: ConfigError[];
  filesScanned: number;
}

export interface ScanOptions {
  load: LoadOptions;
  /** Called before each file; the CLI draws its progress line with it. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Lints the grouped files instead of the serial loop below: worker threads and the cache (lint-files.ts). */
  lintGroups?: (groups: LintGroup[]) => LintedFiles;
}

type ReadOutcome = { text: string } | { problem: Problem };

/** Reads a file for linting, turning every way it can fail into a problem. */
export function readSource(file: string, maxFileBytes: number): ReadOutcome {
  let buffer: Buffer;
  try {
    const stat = fs.statSync(file);
    // A named pipe, socket or device would block the read forever (or never end): only regular files are read.
    if (!stat.isFile()) {
      return { problem: { kind: 'read', file, message: 'Skipped: not a regular file (a pipe, socket or device).' } };
    }
    const size = stat.size;
    if (size > maxFileBytes) {
      return { problem: { kind: 'too-large', file, message: `Skipped: ${size} bytes is more than maxFileBytes (${maxFileBytes}).` } };
    }
    buffer = fs.readFileSync(file);
  } catch (error) {
    return { problem: { kind: 'read', file, message: `Cannot read this file: ${reason(error)}` } };
  }
  if (buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { problem: { kind: 'binary', file, message: 'Skipped: this looks like a binary file (it has a NUL byte).' } };
  }
  return { text: buffer.toString('utf8') };
}

/** The host through which the engine reads imported helpers; the same limits apply as to scanned files. */
function diskHost(maxFileBytes: number): ProjectHost {
  return {
    readFile(file: string): string | undefined {
      const outcome = readSource(file, maxFileBytes);
      return 'text' in outcome ? outcome.text : undefined;
    },
  };
}

export function scanFiles(files: readonly string[], options: ScanOptions): ScanOutput {
  // Files sharing the same configuration files share one Project, so helpers are summarised once.
  const groups = new Map<string, { scope: ReportScope; files: string[] }>();
  const configErrors: ConfigError[] = [];
  for (const file of files) {
    const loaded = loadConfigFor(file, options.load);
    configErrors.push(...loaded.errors);
    const key = JSON.stringify(loaded.configFiles);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        scope: { configFiles: loaded.configFiles, config: loaded.config, include: loaded.include, exclude: loaded.exclude, files: 0 },
        files: [],
      };
      groups.set(key, group);
    }
    group.files.push(file);
    group.scope.files++;
  }

  const output: ScanOutput = { results: [], problems: [], scopes: [], configErrors: uniqueErrors(configErrors), filesScanned: 0 };
  if (options.lintGroups !== undefined) {
    const linted = options.lintGroups([...groups.values()].map((group) => ({ config: group.scope.config, files: group.files })));
    return { ...output, ...linted, scopes: [...groups.values()].map((group) => group.scope) };
  }
  let done = 0;
  for (const { scope, files: groupFiles } of groups.values()) {
    output.scopes.push(scope);
    const project = new Project(scope.config, diskHost(scope.config.maxFileBytes));
    for (const file of groupFiles) {
      options.onProgress?.(done, files.length, file);
      done++;
      const outcome = readSource(file, scope.config.maxFileBytes);
      if ('problem' in outcome) {
        output.problems.push(outcome.problem);
        continue;
      }
      output.filesScanned++;
      try {
        const result = project.lint(file, outcome.text);
        // Only fingerprints read the text, and only of files with findings: keeping every text would grow memory with the tree.
        output.results.push({ result, text: result.findings.length > 0 || result.suppressed.length > 0 ? outcome.text : undefined });
      } catch (error) {
        // One file the engine cannot handle must not cost the user the rest of the scan.
        output.problems.push({ kind: 'internal', file, message: `The analysis failed on this file: ${reason(error)}` });
      }
    }
  }
  return output;
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
