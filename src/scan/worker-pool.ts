// Lints files on worker threads for `--jobs N`, with a synchronous pool so the scan's control flow stays synchronous.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  isMainThread,
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import { prepareEngine } from '../engine/index';
import { FileLinter, type FileJob, type FileOutcome, type LinterSetup } from './file-linter';
import { errorReason } from './read';

export interface PoolOptions {
  workers: number;
  /** A file still being linted after this long is given up (its worker is replaced) and reported as a problem. */
  fileTimeoutMs: number;
  onOutcome: (outcome: FileOutcome, job: FileJob) => void;
}

/** Jobs handed to a worker ahead of time, so it never waits for the main thread between files. */
const QUEUE_AHEAD = 4;
/**
 * Files at least this large are handed out first, largest first. In path order one multi-megabyte file near
 * the end (a compiler bundle, a framework's agent chunk) kept one worker busy for its whole lint while the
 * others had nothing left: a two-worker scan of the bench corpus took as long as a serial one.
 */
const LARGE_FILE_BYTES = 1_000_000;
/** The longest the main thread sleeps between looks for hung workers. */
const WATCH_INTERVAL_MS = 500;
const WORKER_KIND = 'agent-risk-lint-worker';
/**
 * Extra time for a worker that has not started a file yet: loading the parser takes seconds on a
 * loaded machine, and must not count against the first file (a worker that died is still found).
 */
const STARTUP_GRACE_MS = 30_000;

interface WorkerInit {
  kind: typeof WORKER_KIND;
  setup: LinterSetup;
  port: MessagePort;
  slot: number;
  /** Int32: [0] a counter bumped after every posted outcome; [1 + slot] the job index being linted, or -1. */
  control: SharedArrayBuffer;
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  pending: FileJob[];
  /** When this worker last answered, or was given work while idle (ms since the epoch). */
  lastProgress: number;
  /** The job the worker said it is linting (-1: none, e.g. while it starts), and since when the main thread knows. */
  current: number;
  currentSince: number;
}

/**
 * Lints `jobs` on `options.workers` worker threads and returns when every job has an outcome. The
 * main thread blocks on a shared counter (Atomics.wait) and takes messages synchronously
 * (receiveMessageOnPort), so callers need no event loop turns; it also watches for files that take
 * longer than the timeout, which only a separate thread can stop.
 */
export function runPool(jobs: readonly FileJob[], setup: LinterSetup, options: PoolOptions): void {
  const control = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (1 + options.workers));
  const counter = new Int32Array(control);
  const queue = largestFirst(jobs);
  let remaining = jobs.length;

  const spawn = (slot: number): Slot => {
    const { port1, port2 } = new MessageChannel();
    Atomics.store(counter, 1 + slot, -1);
    const init: WorkerInit = { kind: WORKER_KIND, setup, port: port2, slot, control };
    const worker = new Worker(path.join(__dirname, 'worker-pool.js'), { workerData: init, transferList: [port2] });
    // The pool ends its workers itself; they must never keep the process alive.
    worker.unref();
    return { worker, port: port1, pending: [], lastProgress: Date.now(), current: -1, currentSince: Date.now() };
  };
  const slots = Array.from({ length: options.workers }, (_, slot) => spawn(slot));

  const refill = (slot: Slot): void => {
    if (slot.pending.length > QUEUE_AHEAD / 2) return;
    const batch = queue.splice(0, QUEUE_AHEAD - slot.pending.length);
    if (batch.length === 0) return;
    if (slot.pending.length === 0) slot.lastProgress = Date.now();
    slot.pending.push(...batch);
    slot.port.postMessage(batch);
  };
  const finish = (slot: Slot, outcome: FileOutcome): void => {
    const at = slot.pending.findIndex((job) => job.index === outcome.index);
    const [job] = slot.pending.splice(at, 1);
    if (job === undefined) throw new Error(`A worker answered for job ${outcome.index}, which it was not given.`);
    remaining--;
    slot.lastProgress = Date.now();
    options.onOutcome(outcome, job);
  };

  try {
    slots.forEach(refill);
    while (remaining > 0) {
      const seen = Atomics.load(counter, 0);
      let progressed = false;
      for (const slot of slots) {
        for (
          let message = receiveMessageOnPort(slot.port);
          message !== undefined;
          message = receiveMessageOnPort(slot.port)
        ) {
          finish(slot, message.message as FileOutcome);
          progressed = true;
        }
        refill(slot);
      }
      // Checked on every pass, not only when all workers are quiet: the others may keep answering.
      const now = Date.now();
      slots.forEach((slot, index) => {
        const working = Atomics.load(counter, 1 + index);
        if (working !== slot.current) {
          slot.current = working;
          slot.currentSince = now;
        }
        // A file's time counts from when it started, not from the worker's previous answer or its start-up.
        const overdue =
          slot.current >= 0
            ? now - Math.max(slot.currentSince, slot.lastProgress) >= options.fileTimeoutMs
            : now - slot.lastProgress >= options.fileTimeoutMs + STARTUP_GRACE_MS;
        if (slot.pending.length === 0 || !overdue) return;
        // Stopping a thread is the only way to stop a runaway parse; its other jobs go back to the queue.
        // A worker that died answers nothing either, and is replaced the same way.
        void slot.worker.terminate();
        const current = Atomics.load(counter, 1 + index);
        const hung = slot.pending.find((job) => job.index === current) ?? slot.pending[0];
        queue.unshift(...slot.pending.filter((job) => job !== hung));
        slot.pending = hung === undefined ? [] : [hung];
        if (hung !== undefined) {
          finish(slot, {
            index: hung.index,
            scanned: true,
            problem: {
              kind: 'timeout',
              file: hung.file,
              message: `Skipped: linting took longer than ${Math.round(options.fileTimeoutMs / 1000)} s (or crashed its worker thread), so it was stopped.`,
            },
          });
        }
        slots[index] = spawn(index);
        refill(slots[index] as Slot);
      });
      if (!progressed && remaining > 0) Atomics.wait(counter, 0, seen, WATCH_INTERVAL_MS);
    }
  } finally {
    for (const slot of slots) void slot.worker.terminate();
  }
}

/**
 * The jobs with large files first (largest first), then the rest in the order given (a folder's files
 * together, so a worker's cached imports serve its next files). Outcomes are recorded by index, so the
 * report's order does not change.
 */
function largestFirst(jobs: readonly FileJob[]): FileJob[] {
  const large: Array<{ job: FileJob; bytes: number }> = [];
  const rest: FileJob[] = [];
  for (const job of jobs) {
    const bytes = sizeOf(job.file);
    if (bytes >= LARGE_FILE_BYTES) large.push({ job, bytes });
    else rest.push(job);
  }
  large.sort((a, b) => b.bytes - a.bytes || a.job.index - b.job.index);
  return [...large.map((entry) => entry.job), ...rest];
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    // Unreadable now: the worker's read reports it; its place in the queue does not matter.
    return 0;
  }
}

/** The worker side: lints each job it is given and posts one outcome per file. */
function workerMain(init: WorkerInit): void {
  // While the worker has not started a file, the pool allows it STARTUP_GRACE_MS: loading belongs there.
  prepareEngine();
  const linter = new FileLinter(init.setup);
  const counter = new Int32Array(init.control);
  init.port.on('message', (batch: FileJob[]) => {
    for (const job of batch) {
      Atomics.store(counter, 1 + init.slot, job.index);
      let outcome: FileOutcome;
      try {
        outcome = linter.lint(job);
      } catch (error) {
        outcome = {
          index: job.index,
          scanned: false,
          problem: {
            kind: 'internal',
            file: job.file,
            message: `The analysis failed on this file: ${errorReason(error)}`,
          },
        };
      }
      Atomics.store(counter, 1 + init.slot, -1);
      init.port.postMessage(outcome);
      Atomics.add(counter, 0, 1);
      Atomics.notify(counter, 0);
    }
  });
}

function isWorkerInit(data: unknown): data is WorkerInit {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === WORKER_KIND;
}

if (!isMainThread && isWorkerInit(workerData)) workerMain(workerData);
