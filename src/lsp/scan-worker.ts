// The language server's workspace-scan worker thread: walks the folders with the CLI's rules and lints every file, reporting progress as it goes.
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { absoluteGlobs, type LoadOptions } from '../config/index';
import { globRules, isExcluded, matcherFor } from '../scan/ignore-rules';
import { scanFiles } from '../scan/scan';
import { walk } from '../scan/walk';
import type { FolderScan, ScanFolder, ScanRequest, WorkerMessage } from './scan-protocol';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function loadOptions(folder: ScanFolder): LoadOptions {
  return {
    cache: new Map(),
    overrides: folder.overrides,
    // The configuration search stops at the workspace folder: a folder above it is not the project's.
    stopAt: folder.path,
    ...(folder.explicitFile === undefined ? {} : { explicitFile: folder.explicitFile }),
  };
}

/** The CLI's walk (built-in excludes, .gitignore, configuration globs), then the editor's own include/exclude settings. */
function filesOf(folder: ScanFolder, load: LoadOptions): { files: string[]; problems: FolderScan['walkProblems'] } {
  const walked = walk([folder.path], { cwd: folder.path, load });
  const excludes = globRules(folder.exclude.flatMap((glob) => absoluteGlobs(folder.path, glob)));
  const includes = folder.include.flatMap((glob) => absoluteGlobs(folder.path, glob)).map(matcherFor);
  const files = walked.files.filter((file) => {
    if (isExcluded(excludes, file, folder.path)) return false;
    const slashed = file.split(path.sep).join('/');
    return includes.length === 0 || includes.some((matcher) => matcher.match(slashed));
  });
  return { files, problems: walked.problems };
}

function run(request: ScanRequest): void {
  const started = Date.now();
  const plans = request.folders.map((folder) => {
    const load = loadOptions(folder);
    return { folder, load, ...filesOf(folder, load) };
  });
  const total = plans.reduce((sum, plan) => sum + plan.files.length, 0);
  post({ type: 'walked', total });
  let before = 0;
  const folders: FolderScan[] = [];
  for (const plan of plans) {
    const output = scanFiles(plan.files, {
      load: plan.load,
      onProgress: (done, _total, file) => post({ type: 'progress', done: before + done, total, file }),
    });
    before += plan.files.length;
    folders.push({ folder: plan.folder.path, output, walkProblems: plan.problems });
  }
  post({ type: 'done', folders, millis: Date.now() - started });
}

/** The worker's body; the scan worker file and the bundled server (started as a worker) both call it. */
export function runScanWorker(): void {
  try {
    run(workerData as ScanRequest);
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

if (!isMainThread && (workerData as { scanWorker?: boolean } | undefined)?.scanWorker === true) runScanWorker();
