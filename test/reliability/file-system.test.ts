// The file system as hostile as it gets: symlink loops, unreadable files, files that vanish or never end, and 50,000 files.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanFiles } from '../../src/scan/scan';
import { walk } from '../../src/scan/walk';
import { repoRoot } from '../support/paths';
import { isRoot, NOBODY, runCli, type CliOptions } from './support/cli';
import { toolFile } from './support/generate';
import { bySweep } from './support/mode';
import { parseReport } from './support/report-json';
import { scratch, type Scratch } from './support/scratch';

const RISKY_TOOL = toolFile('return fetch(url);');
const PLAIN = (i: number): string =>
  `// module ${i}\nexport function add${i}(a: number, b: number): number {\n  return a + b * ${i};\n}\n`;

/** Folders a child process running as `nobody` must be able to enter. */
function openUp(dir: string): void {
  fs.chmodSync(dir, 0o755);
}

describe('reliability: file system', function () {
  this.timeout(300_000);
  let dir: Scratch;
  beforeEach(() => {
    dir = scratch('fs');
  });
  afterEach(() => dir.remove());

  it('follows symlinks without looping and scans each real file once', () => {
    dir.write({ 'app/src/tool.ts': RISKY_TOOL, 'app/src/plain.ts': PLAIN(1) });
    fs.symlinkSync('..', dir.path('app', 'src', 'up'));
    fs.symlinkSync(dir.path('app'), dir.path('app', 'src', 'root'));
    fs.symlinkSync('self', dir.path('app', 'src', 'self'));
    fs.symlinkSync('tool.ts', dir.path('app', 'src', 'alias.ts'));
    fs.symlinkSync('missing.ts', dir.path('app', 'src', 'dangling.ts'));
    const run = runCli(['scan', 'app', '--format', 'json'], { cwd: dir.dir, timeoutMs: 60_000 });
    const report = parseReport(run.stdout, run.stderr);
    assert.equal(report.summary.filesScanned, 2, run.stdout);
    assert.deepEqual(report.findings.map((finding) => finding.ruleId).sort(), [
      'missing-audit-hook',
      'unscoped-network',
    ]);
  });

  it('reports unreadable files and folders as problems and scans the rest', () => {
    dir.write({
      'app/src/tool.ts': RISKY_TOOL,
      'app/src/secret.ts': RISKY_TOOL,
      'app/src/private/inner.ts': RISKY_TOOL,
    });
    const options: CliOptions = { cwd: dir.dir, timeoutMs: 60_000 };
    if (isRoot()) {
      // Root reads everything, so the scan runs as `nobody`, for whom mode 000 means what it says.
      for (const folder of [dir.dir, dir.path('app'), dir.path('app', 'src')]) openUp(folder);
      for (const file of ['tool.ts', 'secret.ts']) fs.chmodSync(dir.path('app', 'src', file), 0o644);
      options.uid = NOBODY;
    }
    fs.chmodSync(dir.path('app', 'src', 'secret.ts'), 0o000);
    fs.chmodSync(dir.path('app', 'src', 'private'), 0o000);
    const run = runCli(['scan', 'app', '--format', 'json'], options);
    const report = parseReport(run.stdout, run.stderr);
    assert.deepEqual(
      report.problems.map((problem) => `${problem.kind} ${problem.file.split(path.sep).join('/')}`).sort(),
      ['read app/src/private', 'read app/src/secret.ts'],
    );
    assert.equal(report.summary.filesScanned, 1);
    assert.ok(
      report.findings.some((finding) => finding.ruleId === 'unscoped-network' && finding.file.endsWith('tool.ts')),
    );
  });

  it('accounts for files deleted while the scan is running', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`app/f${String(i).padStart(2, '0')}.ts`] = i % 2 === 0 ? RISKY_TOOL : PLAIN(i);
    dir.write(files);
    const walked = walk([dir.path('app')], { cwd: dir.dir, load: { cache: new Map() } });
    assert.equal(walked.files.length, 20);
    const doomed = walked.files.slice(10, 15);
    const output = scanFiles(walked.files, {
      load: { cache: new Map() },
      onProgress: (done) => {
        // Halfway through, five files not yet read disappear.
        if (done === 5) for (const file of doomed) fs.rmSync(file);
      },
    });
    const gone = output.problems.filter((problem) => problem.kind === 'read').map((problem) => problem.file);
    assert.deepEqual(gone.sort(), [...doomed].sort());
    assert.equal(output.filesScanned, 15);
    assert.equal(output.results.length + output.problems.length, 20);
  });

  it('does not hang on a named pipe given on the command line', function () {
    if (process.platform === 'win32') this.skip();
    execFileSync('mkfifo', [dir.path('pipe.ts')]);
    const run = runCli(['scan', 'pipe.ts', '--format', 'json'], { cwd: dir.dir, timeoutMs: 20_000 });
    assert.equal(run.timedOut, false, 'the CLI was still blocked reading the pipe after 20 s');
    const report = parseReport(run.stdout, run.stderr);
    assert.equal(report.summary.filesScanned, 0);
    assert.deepEqual(
      report.problems.map((problem) => problem.kind),
      ['read'],
    );
  });

  it('does not hang on an import that resolves to a named pipe', function () {
    if (process.platform === 'win32') this.skip();
    dir.write({
      'app/tool.ts': toolFile('return getPage(url);').replace(
        "import { z } from 'zod';\n",
        "import { z } from 'zod';\nimport { getPage } from './helper';\n",
      ),
    });
    execFileSync('mkfifo', [dir.path('app', 'helper.ts')]);
    const run = runCli(['scan', 'app', '--format', 'json'], { cwd: dir.dir, timeoutMs: 20_000 });
    assert.equal(run.timedOut, false, 'the CLI was still blocked reading the pipe after 20 s');
    const report = parseReport(run.stdout, run.stderr);
    assert.equal(report.summary.filesScanned, 1);
    assert.ok(report.tools.some((tool) => tool.name === 'fetchPage'));
  });

  describe('a large workspace', () => {
    const FILES = 50_000;
    const TOOL_EVERY = 100;
    /** A heap ceiling well under what keeping every file would need, so growth with the tree fails the scan. */
    const HEAP_MB = 384;
    for (const jobs of bySweep([1], [1, 2])) {
      it(`scans ${FILES} files with --jobs ${jobs} inside a ${HEAP_MB} MB heap and reports every tool`, () => {
        const started = Date.now();
        for (let i = 0; i < FILES; i++) {
          const folder = dir.path('ws', 'src', `d${Math.floor(i / 250)}`, `e${Math.floor(i / 50) % 5}`);
          if (i % 50 === 0) fs.mkdirSync(folder, { recursive: true });
          fs.writeFileSync(
            path.join(folder, `f${i}.ts`),
            i % TOOL_EVERY === 0 ? RISKY_TOOL.replace('fetchPage', `fetchPage${i}`) : PLAIN(i),
          );
        }
        const generated = Date.now();
        const rss = path.join(repoRoot(), 'out', 'test', 'reliability', 'support', 'report-rss.js');
        const run = runCli(['scan', '.', '--format', 'json', '--jobs', String(jobs)], {
          cwd: dir.path('ws'),
          nodeArgs: [`--max-old-space-size=${HEAP_MB}`, '-r', rss],
          timeoutMs: 280_000,
        });
        const report = parseReport(run.stdout, run.stderr);
        const maxRssKb = Number(/agent-risk-test-max-rss-kb (\d+)/.exec(run.stderr)?.[1] ?? NaN);
        console.log(
          `      ${FILES} files: generated in ${((generated - started) / 1000).toFixed(1)} s, scanned in ${((Date.now() - generated) / 1000).toFixed(1)} s, peak RSS ${(maxRssKb / 1024).toFixed(0)} MB`,
        );
        assert.equal(run.status, 1, run.stderr.slice(0, 2000));
        assert.equal(report.summary.filesScanned, FILES);
        assert.deepEqual(report.problems, []);
        assert.equal(report.tools.length, FILES / TOOL_EVERY);
        assert.equal(
          report.findings.filter((finding) => finding.ruleId === 'unscoped-network').length,
          FILES / TOOL_EVERY,
        );
      });
    }
  });
});
