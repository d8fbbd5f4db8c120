// Lints one file on a worker thread with a large stack, waiting for it synchronously. TypeScript's
// parser recurses once per nesting level, so a file nested thousands of levels deep overflows the
// main thread's stack; on a 256 MB stack it parses, and the result stays the same as anywhere else.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { LintResult, ResolvedConfig } from './types';

const STACK_MB = 256;

/** Runs in the worker: lint without the fallback, post the result, wake the waiting thread. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { Project } = require(workerData.module);
let result;
try {
  const options = { largeStackFallback: false };
  if (workerData.budgetMs !== undefined) options.budgetMs = workerData.budgetMs;
  result = new Project(workerData.config, undefined, options).lint(workerData.file, workerData.text);
} catch (error) {
  result = { file: workerData.file, findings: [], suppressed: [], tools: [], problems: [{ kind: 'internal', file: workerData.file, message: String((error && error.message) || error) }] };
}
workerData.port.postMessage(result);
Atomics.store(workerData.signal, 0, 1);
Atomics.notify(workerData.signal, 0);
`;

/** The module that exports `Project`: this folder's project.js when compiled file by file, or this bundle itself. */
function engineModule(): string {
  const sibling = path.join(__dirname, 'project.js');
  return fs.existsSync(sibling) ? sibling : __filename;
}

/**
 * The result; 'timeout' when the worker did not answer within `timeoutMs` (parsing included; the
 * analysis in it stops at `budgetMs`), undefined when it could not run.
 */
export function lintOnLargeStack(
  text: string,
  file: string,
  config: ResolvedConfig,
  timeoutMs: number,
  budgetMs?: number,
): LintResult | 'timeout' | undefined {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: engineModule(), port: port2, signal, text, file, config, budgetMs },
      transferList: [port2],
      resourceLimits: { stackSizeMb: STACK_MB },
    });
    const waited = Atomics.wait(signal, 0, 0, timeoutMs);
    const message = receiveMessageOnPort(port1);
    if (message === undefined && waited === 'timed-out') return 'timeout';
    return message?.message as LintResult | undefined;
  } catch {
    return undefined;
  } finally {
    void worker?.terminate();
    port1.close();
  }
}
