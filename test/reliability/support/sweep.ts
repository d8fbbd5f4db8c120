// Runs the engine over a list of real files with a per-file time limit and tallies what became of each one.
import * as path from 'node:path';
import type { ProblemKind } from '../../../src/engine/types';
import { IsolatedLinter } from './isolated-linter';
import type { Outcome } from './lint-worker';

/** What became of one file: the engine's outcome, or one of the ways the harness had to step in. */
export type SweepStatus = Outcome | 'timeout' | 'crashed' | 'thrown';

export interface SweepEntry {
  file: string;
  status: SweepStatus;
  problemKinds: ProblemKind[];
  /** The problem's, the crash's or the exception's message. */
  message?: string;
  /** Time inside the engine (done) or wall time until the harness gave up (timeout, crashed). */
  ms: number;
  bytes: number;
  positionErrors: string[];
}

export interface SweepReport {
  files: number;
  entries: SweepEntry[];
  byStatus: Record<string, number>;
  problemsByKind: Record<string, number>;
  wallMs: number;
}

export interface SweepOptions {
  timeoutMs: number;
  prefilter: boolean;
  /** Called after each file, for a progress line in long runs. */
  onEntry?: (entry: SweepEntry, done: number) => void;
}

export async function runSweep(files: readonly string[], options: SweepOptions): Promise<SweepReport> {
  // A generous heap: the largest bundled files in node_modules need a few hundred MB to parse.
  const linter = new IsolatedLinter({ timeoutMs: options.timeoutMs, maxOldGenerationSizeMb: 2048 });
  const started = Date.now();
  const entries: SweepEntry[] = [];
  try {
    for (const file of files) {
      const outcome = await linter.lint({ file, prefilter: options.prefilter, wantResult: false });
      let entry: SweepEntry;
      if (outcome.status === 'timeout') {
        entry = {
          file,
          status: 'timeout',
          problemKinds: [],
          message: `stopped after ${outcome.wallMs} ms`,
          ms: outcome.wallMs,
          bytes: 0,
          positionErrors: [],
        };
      } else if (outcome.status === 'crashed') {
        entry = {
          file,
          status: 'crashed',
          problemKinds: [],
          message: outcome.message,
          ms: outcome.wallMs,
          bytes: 0,
          positionErrors: [],
        };
      } else if (!outcome.reply.ok) {
        entry = {
          file,
          status: 'thrown',
          problemKinds: [],
          message: outcome.reply.thrown,
          ms: outcome.wallMs,
          bytes: 0,
          positionErrors: [],
        };
      } else {
        const summary = outcome.reply.summary;
        entry = {
          file,
          status: summary.outcome,
          problemKinds: summary.problemKinds,
          ...(summary.problemMessage === undefined ? {} : { message: summary.problemMessage }),
          ms: summary.ms,
          bytes: summary.bytes,
          positionErrors: summary.positionErrors,
        };
      }
      entries.push(entry);
      options.onEntry?.(entry, entries.length);
    }
  } finally {
    await linter.close();
  }
  const byStatus: Record<string, number> = {};
  const problemsByKind: Record<string, number> = {};
  for (const entry of entries) {
    byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
    for (const kind of entry.problemKinds) problemsByKind[kind] = (problemsByKind[kind] ?? 0) + 1;
  }
  return { files: files.length, entries, byStatus, problemsByKind, wallMs: Date.now() - started };
}

/** The slowest files first; timeouts and crashes count as slowest of all. */
export function slowest(report: SweepReport, count: number): SweepEntry[] {
  return [...report.entries].sort((a, b) => b.ms - a.ms || (a.file < b.file ? -1 : 1)).slice(0, count);
}

/** A short plain-text account of a sweep, printed by the tests and pasted into the closing note. */
export function formatSweep(report: SweepReport, root: string, slowestCount = 10): string {
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const tally = (counts: Record<string, number>): string =>
    Object.keys(counts)
      .sort()
      .map((key) => `${key} ${counts[key]}`)
      .join(', ') || 'none';
  const lines = [
    `files: ${report.files} (accounted for: ${report.entries.length}) in ${(report.wallMs / 1000).toFixed(1)} s`,
    `outcomes: ${tally(report.byStatus)}`,
    `problems by kind: ${tally(report.problemsByKind)}`,
    `slowest ${slowestCount}:`,
    ...slowest(report, slowestCount).map(
      (entry) =>
        `  ${entry.ms.toFixed(0).padStart(7)} ms  ${(entry.bytes / 1024).toFixed(0).padStart(6)} KiB  ${entry.status.padEnd(8)} ${relative(entry.file)}`,
    ),
  ];
  const named = report.entries.filter(
    (entry) => entry.status !== 'clean' && entry.status !== 'findings' && entry.status !== 'skipped',
  );
  if (named.length > 0) {
    lines.push('files with a problem:');
    for (const entry of named.slice(0, 50))
      lines.push(
        `  ${entry.status}${entry.problemKinds.length ? ` (${entry.problemKinds.join(', ')})` : ''}: ${relative(entry.file)}: ${(entry.message ?? '').split('\n')[0]}`,
      );
    if (named.length > 50) lines.push(`  … and ${named.length - 50} more`);
  }
  return lines.join('\n');
}
