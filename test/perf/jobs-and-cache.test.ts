// `scan --jobs N` and `scan --cache` must report exactly what a plain serial scan reports, and the cache must
// notice every change that can alter a result: the file, a helper it imports, the configuration.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, scratchDir, writeTree } from '../cli/support';

/** Enough files that `--jobs 2` starts worker threads (lint-files.ts keeps tiny scans on the main thread). */
const COPIES = 24;

const HELPER_FETCH = `export async function getText(url: string): Promise<string> {
  const res = await fetch(url);
  return res.text();
}
`;
const HELPER_CONSTANT = `export async function getText(url: string): Promise<string> {
  const res = await fetch('https://docs.example.com/' + encodeURIComponent(url));
  return res.text();
}
`;
const TOOL = `import { tool } from '@openai/agents';
import { z } from 'zod';
import { getText } from './http.js';

export const readUrl = tool({
  name: 'read_url',
  description: 'Read the text at a URL',
  parameters: z.object({ url: z.string() }),
  execute: async ({ url }) => getText(url),
});
`;
const DIRECT = `import { tool } from 'ai';
import { z } from 'zod';
import { execSync } from 'node:child_process';

export const run = tool({
  description: 'Run a shell command',
  inputSchema: z.object({ command: z.string() }),
  execute: async ({ command }) => execSync(command).toString(),
});
`;
const PLAIN = `export function add(a: number, b: number): number {
  return a + b;
}
`;

/** A tree of many small packages: a tool calling a helper in another file, a tool with a direct sink, plain code. */
function agentTree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let copy = 0; copy < COPIES; copy++) {
    files[`pkg${copy}/http.ts`] = HELPER_FETCH;
    files[`pkg${copy}/tool.ts`] = TOOL;
    files[`pkg${copy}/direct.ts`] = DIRECT;
    files[`pkg${copy}/plain.ts`] = PLAIN;
  }
  return files;
}

interface Report {
  findings: Array<{ ruleId: string; file: string; fingerprint: string }>;
  suppressed: unknown[];
  tools: Array<{ name: string; file: string }>;
  problems: unknown[];
  summary: { filesScanned: number; fromCache?: number };
}

/** The user's cache folder for these runs (`--cache` keeps its file outside the scanned tree). */
let cacheHome = '';

function scan(cwd: string, ...flags: string[]): Report {
  const run = runCli(['scan', '.', '--format', 'json', '--fail-on', 'never', ...flags], {
    cwd,
    env: { XDG_CACHE_HOME: cacheHome },
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Report;
}

/** Everything a user or CI reads from a report, without fields that legitimately differ between runs. */
function essence(report: Report): string {
  const { fromCache: _fromCache, ...summary } = report.summary;
  return JSON.stringify([report.findings, report.suppressed, report.tools, report.problems, summary]);
}

describe('scan --jobs and --cache', function () {
  this.timeout(120_000);
  let dir = '';
  let cleanup = (): void => undefined;

  let removeCacheHome = (): void => undefined;

  beforeEach(() => {
    ({ dir, cleanup } = scratchDir('jobs-cache'));
    ({ dir: cacheHome, cleanup: removeCacheHome } = scratchDir('jobs-cache-home'));
    writeTree(dir, agentTree());
  });
  afterEach(() => {
    cleanup();
    removeCacheHome();
  });

  it('--jobs 2 reports the same findings, tools and problems as one job', () => {
    const serial = scan(dir, '--jobs', '1');
    const parallel = scan(dir, '--jobs', '2');
    // Both halves of the comparison must hold something, or it proves nothing.
    assert.equal(
      serial.findings.filter((finding) => finding.file.endsWith('tool.ts') && finding.ruleId === 'unscoped-network')
        .length,
      COPIES,
    );
    assert.equal(serial.tools.length, 2 * COPIES);
    assert.equal(essence(parallel), essence(serial));
  });

  it('--cache reuses results of an unchanged tree and reports them identically', () => {
    const plain = scan(dir);
    const cold = scan(dir, '--cache');
    assert.equal(
      fs.readdirSync(path.join(cacheHome, 'agent-risk')).length,
      1,
      'The cache file is written to the user cache folder by default.',
    );
    assert.ok(!fs.existsSync(path.join(dir, '.agent-risk-cache')), 'and never into the scanned tree');
    const warm = scan(dir, '--cache');
    assert.equal(warm.summary.fromCache, plain.summary.filesScanned);
    const warmParallel = scan(dir, '--cache', '--jobs', '2');
    assert.equal(essence(cold), essence(plain));
    assert.equal(essence(warm), essence(plain));
    assert.equal(essence(warmParallel), essence(plain));
  });

  it('--cache re-lints a file whose imported helper changed, and a file that changed', () => {
    const before = scan(dir, '--cache');
    assert.ok(
      before.findings.some((finding) => finding.file === 'pkg3/tool.ts' && finding.ruleId === 'unscoped-network'),
    );
    // The tool file itself is untouched: only its helper now fetches from a constant origin.
    fs.writeFileSync(path.join(dir, 'pkg3', 'http.ts'), HELPER_CONSTANT);
    fs.writeFileSync(path.join(dir, 'pkg5', 'direct.ts'), PLAIN);
    const after = scan(dir, '--cache');
    assert.equal(essence(after), essence(scan(dir)));
    assert.ok(
      !after.findings.some((finding) => finding.file === 'pkg3/tool.ts' && finding.ruleId === 'unscoped-network'),
    );
    assert.ok(!after.tools.some((tool) => tool.file === 'pkg5/direct.ts'));
  });

  it('--cache does not reuse results across configurations', () => {
    scan(dir, '--cache');
    const downgraded = scan(dir, '--cache', '--rule', 'unscoped-process=off');
    assert.ok(!downgraded.findings.some((finding) => finding.ruleId === 'unscoped-process'));
    assert.equal(essence(downgraded), essence(scan(dir, '--rule', 'unscoped-process=off')));
  });

  it('--cache-location keeps the cache where it is told, outside the scanned tree', () => {
    const elsewhere = path.join(cacheHome, 'cache-here');
    scan(dir, '--cache', '--cache-location', elsewhere);
    assert.equal(fs.readdirSync(elsewhere).length, 1);
    assert.ok(!fs.existsSync(path.join(dir, '.agent-risk-cache')));
  });
});
