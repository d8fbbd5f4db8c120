// The messages between the language server and its scan worker thread; plain data, so they cross the thread boundary by structured clone.
import type { Problem, ResolvedConfig } from '../engine/types';
import type { ScanOutput } from '../scan/scan';

export interface ScanFolder {
  /** Absolute path of the workspace folder. */
  path: string;
  /** The editor's configuration layer for this folder (settings are resource-scoped). */
  overrides: Partial<ResolvedConfig>;
  /** `agentRisk.include` / `agentRisk.exclude`, relative to the folder. */
  include: string[];
  exclude: string[];
  /** `agentRisk.configFile`, resolved; only in trusted workspaces. */
  explicitFile?: string;
}

export interface ScanRequest {
  /** Marks the worker's data, so the bundled server (one file for both) knows to run as the scan worker. */
  scanWorker: true;
  folders: ScanFolder[];
}

export interface FolderScan {
  folder: string;
  output: ScanOutput;
  walkProblems: Problem[];
}

export type WorkerMessage =
  | { type: 'walked'; total: number }
  | { type: 'progress'; done: number; total: number; file: string }
  | { type: 'done'; folders: FolderScan[]; millis: number }
  | { type: 'failed'; message: string };
