// Runs lint jobs on a worker thread with a per-file time limit, so a pathological file becomes a named outcome, not a hung test.
import { AssertionError } from 'node:assert';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintResult } from '../../../src/engine/types';
import type { LintJob, LintReply } from './lint-worker';

export interface IsolatedOptions {
  /** A job still running after this long is stopped by terminating its thread. */
  timeoutMs: number;
  /** The thread's stack; large values let the third-party parser get through deep nesting. */
  stackSizeMb?: number;
  /** Heap ceiling of the thread, so a memory blow-up is an outcome rather than the machine swapping. */
  maxOldGenerationSizeMb?: number;
}

export type IsolatedOutcome =
  | { status: 'done'; reply: LintReply; wallMs: number }
  | { status: 'timeout'; wallMs: number }
  /** The thread died (out of memory, fatal error) without answering. */
  | { status: 'crashed'; message: string; wallMs: number };

export class IsolatedLinter {
  private worker: Worker | undefined;
  private nextId = 0;

  constructor(private readonly options: IsolatedOptions) {}

  async lint(job: Omit<LintJob, 'id'>): Promise<IsolatedOutcome> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const started = Date.now();
    const outcome = await new Promise<IsolatedOutcome>((resolve) => {
      const settle = (value: IsolatedOutcome): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(value);
      };
      const onMessage = (reply: LintReply): void => {
        if (reply.id === id) settle({ status: 'done', reply, wallMs: Date.now() - started });
      };
      const onError = (error: Error): void =>
        settle({ status: 'crashed', message: `${error.name}: ${error.message}`, wallMs: Date.now() - started });
      const onExit = (code: number): void =>
        settle({ status: 'crashed', message: `worker exited with code ${code}`, wallMs: Date.now() - started });
      const timer = setTimeout(
        () => settle({ status: 'timeout', wallMs: Date.now() - started }),
        this.options.timeoutMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ ...job, id } satisfies LintJob);
    });
    if (outcome.status !== 'done') await this.discardWorker();
    return outcome;
  }

  async close(): Promise<void> {
    await this.discardWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const resourceLimits = {
      ...(this.options.stackSizeMb === undefined ? {} : { stackSizeMb: this.options.stackSizeMb }),
      ...(this.options.maxOldGenerationSizeMb === undefined
        ? {}
        : { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb }),
    };
    this.worker = new Worker(path.join(__dirname, 'lint-worker.js'), { resourceLimits });
    return this.worker;
  }

  private async discardWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    // terminate() is the only way to stop a synchronous runaway lint; it resolves once the thread is gone.
    if (worker) await worker.terminate();
  }
}

/** The LintResult of a job, or an assertion error that says how the engine failed to return one. */
export async function resultOf(
  linter: IsolatedLinter,
  job: Omit<LintJob, 'id' | 'wantResult'>,
): Promise<{ result: LintResult; ms: number }> {
  const outcome = await linter.lint({ ...job, wantResult: true });
  if (outcome.status === 'timeout')
    throw new AssertionError({ message: `${job.file}: no result within ${outcome.wallMs} ms (the per-file limit)` });
  if (outcome.status === 'crashed')
    throw new AssertionError({ message: `${job.file}: the linting thread crashed: ${outcome.message}` });
  if (!outcome.reply.ok)
    throw new AssertionError({ message: `${job.file}: an exception escaped the engine: ${outcome.reply.thrown}` });
  const { result } = outcome.reply;
  if (result === undefined) throw new AssertionError({ message: `${job.file}: the worker sent no result` });
  return { result, ms: outcome.reply.summary.ms };
}
