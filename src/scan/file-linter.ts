// The one per-file lint step: read (or take) a file's text, lint it with the Project of its configuration, and turn
// every failure into a problem. The CLI's serial loop, its worker threads and the editor all lint through it.
import { Project } from '../engine/index';
import type { LintResult, Problem, ProjectHost, ResolvedConfig } from '../engine/types';
import { fileState, type FileState } from './cache';
import { errorReason, readSource, sourceHost } from './read';

/** One file to lint; `group` indexes the configurations the linter was set up with. */
export interface FileJob {
  index: number;
  file: string;
  group: number;
}

export interface FileOutcome {
  index: number;
  /** False when the file could not be read (too large, binary, unreadable): it was not scanned. */
  scanned: boolean;
  result?: LintResult;
  /** The text, kept only when fingerprints need it (the file has findings). */
  text?: string;
  problem?: Problem;
  /** With dependency recording: the file as hashed, and every file the engine read to lint it. */
  state?: FileState;
  dependencies?: FileState[];
}

export interface LinterSetup {
  configs: ResolvedConfig[];
  /** Lint each file with a fresh Project whose host records what it reads (for the cache); slower for shared helpers. */
  recordDependencies: boolean;
  /** A file whose parse and analysis take longer becomes a `timeout` problem (default DEFAULT_BUDGET_MS). */
  budgetMs?: number;
  /**
   * A whole-repository scan: each file is linted once and none changes meanwhile, so a file an import
   * already parsed is linted on that tree (Project's `shareTrees`). Never for an editor.
   */
  wholeScan?: boolean;
  /** Imported source kept parsed between lints (Project's `cachedSourceChars`); the editors pass EDITOR_CACHED_SOURCE_CHARS. */
  cachedSourceChars?: number;
}

/**
 * For callers that set no budget (the editor, which lints on its host's thread): a few seconds, so a
 * pathological file costs one file's diagnostics, never a frozen window. The editors' `fileTimeout`
 * setting (seconds) overrides it per lint.
 */
export const DEFAULT_BUDGET_MS = 5_000;

/**
 * Imported source an editor's linter keeps parsed between re-lints of a document: the files the last lint
 * loaded stay alive until the next lint starts anyway (an editor's lint drops nothing while it runs), so a
 * bound below that lint's working set saves no memory at rest and only makes the next keystroke parse again
 * what it drops, and the summaries keyed by the dropped trees' nodes are analysed again with them. A Mastra
 * agent chunk (1.6 M characters) loads 6.5 M of imported chunks: under the 3 M default each re-lint parsed
 * 42–60 of them (2.3–2.9 M characters) again; under this bound, none. The same bound as a whole-repository scan's.
 */
export const EDITOR_CACHED_SOURCE_CHARS = 8_000_000;

/** Texts the caller holds for files (an editor's unsaved buffers); they win over the disk. */
export type HeldTexts = (file: string) => string | undefined;

export class FileLinter {
  /** Files sharing a configuration share one Project, so helpers are summarised once. */
  private readonly projects = new Map<string, Project>();
  /** The file being linted and its text, served to the engine through the host without a second read. */
  private current: { file: string; text: string } | undefined;

  constructor(
    private readonly setup: LinterSetup,
    private readonly held?: HeldTexts,
  ) {}

  /** Reads and lints the job's file under the scan's read rules. */
  lint(job: FileJob): FileOutcome {
    const config = this.configOf(job);
    const outcome = readSource(job.file, config.maxFileBytes);
    if ('problem' in outcome) return { index: job.index, scanned: false, problem: outcome.problem };
    return this.lintText(job, outcome.text, config);
  }

  /**
   * Lints `text` as the content of the job's file. `config` overrides the group's configuration for
   * this file (the editor resolves one per document), and `budgetMs` the setup's budget; the Project is
   * still the group's, so a caller whose files change (the editor) calls `invalidate` first.
   */
  lintText(
    job: FileJob,
    text: string,
    config: ResolvedConfig = this.configOf(job),
    budgetMs = this.setup.budgetMs ?? DEFAULT_BUDGET_MS,
  ): FileOutcome {
    const disk = sourceHost(config.maxFileBytes, this.held);
    const read = (file: string): string | undefined => disk.readFile(file);
    try {
      if (!this.setup.recordDependencies) {
        // The text goes through the host, not as lint()'s `text` argument, so the engine reads every
        // file, this one included, the same way.
        this.current = { file: job.file, text };
        const result = this.projectFor(String(job.group), config, read).lint(job.file, undefined, config, budgetMs);
        return keepText({ index: job.index, scanned: true, result }, text);
      }
      const dependencies: FileState[] = [];
      const host: ProjectHost = {
        ...disk,
        readFile(file: string): string | undefined {
          const dependency = read(file);
          dependencies.push(fileState(file, () => dependency, dependency));
          return dependency;
        },
      };
      const result = new Project(config, host).lint(job.file, text, config, budgetMs);
      const state = fileState(job.file, read, text);
      return keepText({ index: job.index, scanned: true, result, state, dependencies }, text);
    } catch (error) {
      // One file the engine cannot handle must not cost the user the rest of the scan.
      const problem: Problem = {
        kind: 'internal',
        file: job.file,
        message: `The analysis failed on this file: ${errorReason(error)}`,
      };
      return { index: job.index, scanned: true, problem };
    } finally {
      this.current = undefined;
    }
  }

  /** A file changed (in an editor or on disk): every project forgets what it derived from it. */
  invalidate(file: string): void {
    for (const project of this.projects.values()) project.invalidate(file);
  }

  private configOf(job: FileJob): ResolvedConfig {
    const config = this.setup.configs[job.group];
    if (config === undefined) throw new Error(`No configuration ${job.group} for ${job.file}`);
    return config;
  }

  private projectFor(key: string, config: ResolvedConfig, read: (file: string) => string | undefined): Project {
    let project = this.projects.get(key);
    if (project === undefined) {
      project = new Project(
        config,
        {
          ...sourceHost(config.maxFileBytes, this.held),
          readFile: (file) => (file === this.current?.file ? this.current.text : read(file)),
        },
        {
          shareTrees: this.setup.wholeScan === true,
          ...(this.setup.cachedSourceChars === undefined ? {} : { cachedSourceChars: this.setup.cachedSourceChars }),
        },
      );
      this.projects.set(key, project);
    }
    return project;
  }
}

function keepText(outcome: FileOutcome, text: string): FileOutcome {
  const result = outcome.result;
  if (result !== undefined && (result.findings.length > 0 || result.suppressed.length > 0)) outcome.text = text;
  return outcome;
}
