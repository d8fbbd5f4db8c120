// Worker-thread side of IsolatedLinter: lints one job at a time so a hang, a crash or a runaway stack costs one file.
import { parentPort } from 'node:worker_threads';
import { readSource } from '../../../src/scan/read';
import { defaultConfig, mergeConfig, Project } from '../../../src/engine/index';
import type { LintResult, ProblemKind, ResolvedConfig } from '../../../src/engine/types';
import { positionErrors } from './positions';

export interface LintJob {
  id: number;
  file: string;
  /** The text to lint; without it the file is read from disk with the CLI's read rules. */
  text?: string;
  config?: Partial<ResolvedConfig>;
  /** False parses every file, including those the prefilter would skip, so the parser meets the whole corpus. */
  prefilter: boolean;
  /** Send the whole LintResult back, not only its summary. */
  wantResult: boolean;
}

export type Outcome = 'findings' | 'clean' | 'skipped' | 'problem';

export interface FileSummary {
  outcome: Outcome;
  problemKinds: ProblemKind[];
  /** The first problem's message, to name the problem in reports. */
  problemMessage?: string;
  findings: number;
  tools: number;
  bytes: number;
  /** Time inside Project.lint, excluding the read. */
  ms: number;
  positionErrors: string[];
}

export type LintReply =
  | { id: number; ok: true; summary: FileSummary; result?: LintResult }
  /** An exception escaped the engine: the bug this harness exists to catch. */
  | { id: number; ok: false; thrown: string };

function summarise(result: LintResult, text: string, ms: number): FileSummary {
  const [first] = result.problems;
  return {
    outcome: first ? 'problem' : result.skipped ? 'skipped' : result.findings.length > 0 ? 'findings' : 'clean',
    problemKinds: result.problems.map((problem) => problem.kind),
    ...(first ? { problemMessage: first.message } : {}),
    findings: result.findings.length,
    tools: result.tools.length,
    bytes: Buffer.byteLength(text, 'utf8'),
    ms,
    positionErrors: positionErrors(text, result),
  };
}

export function lintJob(job: LintJob): LintReply {
  const config = mergeConfig(defaultConfig(), job.config ?? {});
  // The same read rules as the CLI: too large, binary and unreadable files are problems, not texts.
  const read = (file: string): string | undefined => {
    const outcome = readSource(file, config.maxFileBytes);
    return 'text' in outcome ? outcome.text : undefined;
  };
  let text = job.text;
  if (text === undefined) {
    const outcome = readSource(job.file, config.maxFileBytes);
    if ('problem' in outcome) {
      const problem = outcome.problem;
      return {
        id: job.id,
        ok: true,
        summary: {
          outcome: 'problem',
          problemKinds: [problem.kind],
          problemMessage: problem.message,
          findings: 0,
          tools: 0,
          bytes: 0,
          ms: 0,
          positionErrors: [],
        },
      };
    }
    text = outcome.text;
  }
  try {
    const project = new Project(config, { readFile: read }, { prefilter: job.prefilter });
    const started = process.hrtime.bigint();
    const result = project.lint(job.file, text);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { id: job.id, ok: true, summary: summarise(result, text, ms), ...(job.wantResult ? { result } : {}) };
  } catch (error) {
    return {
      id: job.id,
      ok: false,
      thrown: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error),
    };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: LintJob) => port.postMessage(lintJob(job)));
}
