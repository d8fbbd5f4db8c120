// Runs one whole-process row as a child Node process and measures its wall time and peak memory.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ProcessRow {
  /** Node script to run, with its arguments. */
  args: string[];
  cwd: string;
  /** Extra Node flags, e.g. a larger heap. */
  nodeFlags?: string[];
}

export interface ProcessRun {
  ms: number;
  peakRssBytes: number;
  stdout: string;
}

/** The preload that reports peak RSS (bench/rss.ts, compiled next to this file). */
const RSS_PRELOAD = path.join(__dirname, 'rss.js');

export function runProcess(row: ProcessRow): ProcessRun {
  const rssFile = path.join(os.tmpdir(), `agent-risk-bench-rss-${process.pid}.txt`);
  fs.rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [...(row.nodeFlags ?? []), '-r', RSS_PRELOAD, ...row.args], {
    cwd: row.cwd,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, FORCE_COLOR: '0' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error !== undefined) throw child.error;
  // The scan exits 1 when it reports errors; only 2 (or a signal) means the row itself failed.
  if (child.status === null || child.status >= 2) {
    throw new Error(
      `${row.args.join(' ')} failed (exit ${child.status ?? child.signal}): ${child.stderr.slice(0, 2000)}`,
    );
  }
  const peakRssBytes = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : NaN;
  fs.rmSync(rssFile, { force: true });
  return { ms, peakRssBytes, stdout: child.stdout };
}
