// Runs the built CLI as a user would (a child process, pipes, no TTY), optionally as another user or with node flags.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** The run was stopped at `timeoutMs`: the CLI hung. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** Run as this uid/gid (needs root): how the suite makes files unreadable when it runs as root. */
  uid?: number;
  /** Flags for node itself, e.g. a heap ceiling. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export const binPath = (): string => path.join(repoRoot(), 'bin', 'agent-risk.js');

export function runCli(args: readonly string[], options: CliOptions): CliRun {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), binPath(), ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 300_000,
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (result.error !== undefined && !timedOut) throw result.error;
  return {
    status: result.status,
    signal: result.signal,
    timedOut,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
  };
}

/** The uid of `nobody`, for making permission errors happen even though CI runs as root. */
export const NOBODY = 65534;

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
