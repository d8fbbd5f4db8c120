// The one lint loop over grouped files: cached results are reused, the rest are linted in-process or on worker
// threads, and outcomes come back in the order the files were given, whatever finished first.
import * as os from 'node:os';
import { hasMoved, mergeDelegatedFindings } from '../engine/delegated-results';
import type { LintResult, Problem, ResolvedConfig } from '../engine/types';
import { configHash, type ScanCache } from './cache';
import { boundHeapGrowth } from './heap-growth';
import type { FileJob, FileOutcome, LinterSetup } from './file-linter';
import { readSourceText } from './read';

export interface LintGroup {
  config: ResolvedConfig;
  files: string[];
}

export interface LintFilesOptions {
  /** Worker threads to use; 1 lints on the main thread. */
  jobs: number;
  cache?: ScanCache;
  /**
   * A file still being linted after this long is skipped with a `timeout` problem, in every mode: on the
   * main thread the analysis stops itself at this budget; a worker thread is also stopped from outside.
   */
  fileTimeoutMs?: number;
  onProgress?: (done: number, total: number, file: string) => void;
  /**
   * A command-line scan: the heap is collected before it grows far past what survives (heap-growth.ts). Not for
   * the language server, whose process also runs the editor's per-keystroke lints.
   */
  boundHeapGrowth?: boolean;
}

export interface LintedFiles {
  results: Array<{ result: LintResult; text: string | undefined }>;
  problems: Problem[];
  filesScanned: number;
}

/** Below this many files per worker, starting threads (each loads the parser) costs more than it saves. */
const MIN_FILES_PER_WORKER = 16;
const DEFAULT_FILE_TIMEOUT_MS = 120_000;

/** The number of workers `--jobs` should mean on this machine when the user asks for all cores. */
export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export function lintFiles(groups: readonly LintGroup[], options: LintFilesOptions): LintedFiles {
  const configs = groups.map((group) => group.config);
  const hashes = configs.map(configHash);
  const jobs: FileJob[] = groups.flatMap((group, index) =>
    group.files.map((file) => ({ index: 0, file, group: index })),
  );
  for (const [index, job] of jobs.entries()) job.index = index;
  const outcomes: Array<FileOutcome | undefined> = new Array<FileOutcome | undefined>(jobs.length);
  let done = 0;
  const record = (outcome: FileOutcome, job: FileJob): void => {
    outcomes[outcome.index] = outcome;
    options.onProgress?.(done++, jobs.length, job.file);
    if (
      options.cache !== undefined &&
      outcome.result !== undefined &&
      outcome.state !== undefined &&
      outcome.dependencies !== undefined
    ) {
      options.cache.store(outcome.state, hashes[job.group] ?? '', outcome.dependencies, outcome.result);
    }
  };

  const misses: FileJob[] = [];
  // One reader per size limit, so the cache checks a helper many files read once per run, not once per file.
  const readers = new Map<number, (file: string) => string | undefined>();
  const readerFor = (maxBytes: number): ((file: string) => string | undefined) => {
    let read = readers.get(maxBytes);
    if (read === undefined) {
      read = (file) => readSourceText(file, maxBytes);
      readers.set(maxBytes, read);
    }
    return read;
  };
  for (const job of jobs) {
    const config = configs[job.group];
    const cached =
      options.cache === undefined || config === undefined
        ? undefined
        : lookup(options.cache, job, hashes[job.group] ?? '', readerFor(config.maxFileBytes));
    if (cached === undefined) misses.push(job);
    else record(cached, job);
  }

  const fileTimeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const setup: LinterSetup = {
    configs,
    recordDependencies: options.cache !== undefined,
    budgetMs: fileTimeoutMs,
    wholeScan: true,
  };
  const workers = Math.min(options.jobs, Math.floor(misses.length / MIN_FILES_PER_WORKER));
  // Before any worker starts: the flag is read by every thread's collector.
  if (options.boundHeapGrowth === true && misses.length > 0) boundHeapGrowth();
  // Required, not imported: the engine (parser, catalogs, interpreter) loads only when a file is linted, and
  // loading it was a third of a re-scan answered from the cache.
  if (workers > 1) {
    const { runPool } = require('./worker-pool') as typeof import('./worker-pool');
    runPool(misses, setup, { workers, fileTimeoutMs, onOutcome: record });
  } else if (misses.length > 0) {
    const { FileLinter } = require('./file-linter') as typeof import('./file-linter');
    const linter = new FileLinter(setup);
    for (const job of misses) record(linter.lint(job), job);
  }
  options.cache?.save();

  const linted: LintedFiles = { results: [], problems: [], filesScanned: 0 };
  for (const outcome of outcomes) {
    if (outcome === undefined) continue;
    if (outcome.scanned) linted.filesScanned++;
    if (outcome.problem !== undefined) linted.problems.push(outcome.problem);
    if (outcome.result !== undefined) linted.results.push({ result: outcome.result, text: outcome.text });
  }
  linted.results = withDelegatedFindings(linted.results, configs[0]?.maxFileBytes);
  return linted;
}

/**
 * A delegated tool's findings are in its handler's file (engine/delegated.ts): after the loop, cached or not,
 * each goes to that file's result once, and that file's text is kept for the report's fingerprints.
 */
function withDelegatedFindings(results: LintedFiles['results'], maxBytes: number | undefined): LintedFiles['results'] {
  if (!results.some(({ result }) => hasMoved(result))) return results;
  const texts = new Map(results.map(({ result, text }) => [result.file, text]));
  return mergeDelegatedFindings(results.map(({ result }) => result)).map((result) => {
    const known = texts.get(result.file);
    const needed = result.findings.length > 0 || result.suppressed.length > 0;
    return {
      result,
      text: known ?? (needed && maxBytes !== undefined ? readSourceText(result.file, maxBytes) : undefined),
    };
  });
}

/** A cached outcome for `job`, with the text read back when the report needs it for fingerprints. */
function lookup(
  cache: ScanCache,
  job: FileJob,
  configHash: string,
  read: (file: string) => string | undefined,
): FileOutcome | undefined {
  const result = cache.lookup(job.file, configHash, read);
  if (result === undefined) return undefined;
  const outcome: FileOutcome = { index: job.index, scanned: true, result };
  if (result.findings.length > 0 || result.suppressed.length > 0) {
    const text = read(job.file);
    if (text === undefined) return undefined;
    outcome.text = text;
  }
  return outcome;
}
