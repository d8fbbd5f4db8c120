// Lints files on worker threads for `--jobs N`, with a synchronous pool so the CLI's control flow stays synchronous.
import * as path from 'node:path';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { Project } from '../engine/index';
import type { LintResult, Problem, ProjectHost, ResolvedConfig } from '../engine/types';
import { fileState, type FileState } from './cache';
import { readSource } from './scan';
import { reason } from './walk';

/** One file to lint; `group` indexes the configurations the pool was started with. */
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
}

/** Lints one file at a time with the scan's read rules; the same code runs on the main thread and in workers. */
export class FileLinter {
  private readonly projects = new Map<number, Project>();
  /** The file being linted and the text already read for it, served to the engine without a second read. */
  private current: { file: string; text: string } | undefined;

  constructor(private readonly setup: LinterSetup) {}

  lint(job: FileJob): FileOutcome {
    const config = this.setup.configs[job.group];
    if (config === undefined) throw new Error(`No configuration ${job.group} for ${job.file}`);
    const outcome = readSource(job.file, config.maxFileBytes);
    if ('problem' in outcome) return { index: job.index, scanned: false, problem: outcome.problem };
    const read = (file: string): string | undefined => {
      const source = readSource(file, config.maxFileBytes);
      return 'text' in source ? source.text : undefined;
    };
    try {
      if (!this.setup.recordDependencies) {
        // The text goes through the host, not as lint()'s `text` argument: a Project keeps the parsed
        // context of every text it is handed (an editor's unsaved buffers), which would keep every AST.
        this.current = { file: job.file, text: outcome.text };
        const result = this.projectFor(job.group, config, read).lint(job.file);
        this.current = undefined;
        return keepText({ index: job.index, scanned: true, result }, outcome.text);
      }
      const dependencies: FileState[] = [];
      const host: ProjectHost = {
        readFile(file: string): string | undefined {
          const text = read(file);
          dependencies.push(fileState(file, () => text, text));
          return text;
        },
      };
      const result = new Project(config, host).lint(job.file, outcome.text);
      const state = fileState(job.file, read, outcome.text);
      return keepText({ index: job.index, scanned: true, result, state, dependencies }, outcome.text);
    } catch (error) {
      // One file the engine cannot handle must not cost the user the rest of the scan.
      return { index: job.index, scanned: true, problem: { kind: 'internal', file: job.file, message: `The analysis failed on this file: ${reason(error)}` } };
    }
  }

  /** Files sharing a configuration share one Project, so helpers are summarised once. */
  private projectFor(group: number, config: ResolvedConfig, read: (file: string) => string | undefined): Project {
    let project = this.projects.get(group);
    if (project === undefined) {
      project = new Project(config, { readFile: (file) => (file === this.current?.file ? this.current.text : read(file)) });
      this.projects.set(group, project);
    }
    return project;
  }
}

function keepText(outcome: FileOutcome, text: string): FileOutcome {
  const result = outcome.result;
  if (result !== undefined && (result.findings.length > 0 || result.suppressed.length > 0)) outcome.text = text;
  return outcome;
}

export interface PoolOptions {
  workers: number;
  /** A file still being linted after this long is given up (its worker is replaced) and reported as a problem. */
  fileTimeoutMs: number;
  onOutcome: (outcome: FileOutcome, job: FileJob) => void;
}

/** Jobs handed to a worker ahead of time, so it never waits for the main thread between files. */
const QUEUE_AHEAD = 4;
/** The longest the main thread sleeps between looks for hung workers. */
const WATCH_INTERVAL_MS = 500;
const WORKER_KIND = 'agent-risk-lint-worker';

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
  const queue = [...jobs];
  let remaining = jobs.length;

  const spawn = (slot: number): Slot => {
    const { port1, port2 } = new MessageChannel();
    Atomics.store(counter, 1 + slot, -1);
    const init: WorkerInit = { kind: WORKER_KIND, setup, port: port2, slot, control };
    const worker = new Worker(path.join(__dirname, 'workers.js'), { workerData: init, transferList: [port2] });
    // The pool ends its workers itself; they must never keep the process alive.
    worker.unref();
    return { worker, port: port1, pending: [], lastProgress: Date.now() };
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
        for (let message = receiveMessageOnPort(slot.port); message !== undefined; message = receiveMessageOnPort(slot.port)) {
          finish(slot, message.message as FileOutcome);
          progressed = true;
        }
        refill(slot);
      }
      // Checked on every pass, not only when all workers are quiet: the others may keep answering.
      const now = Date.now();
      slots.forEach((slot, index) => {
        if (slot.pending.length === 0 || now - slot.lastProgress < options.fileTimeoutMs) return;
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

/** The worker side: lints each job it is given and posts one outcome per file. */
function workerMain(init: WorkerInit): void {
  const linter = new FileLinter(init.setup);
  const counter = new Int32Array(init.control);
  init.port.on('message', (batch: FileJob[]) => {
    for (const job of batch) {
      Atomics.store(counter, 1 + init.slot, job.index);
      let outcome: FileOutcome;
      try {
        outcome = linter.lint(job);
      } catch (error) {
        outcome = { index: job.index, scanned: false, problem: { kind: 'internal', file: job.file, message: `The analysis failed on this file: ${reason(error)}` } };
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
