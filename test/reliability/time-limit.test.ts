// The CLI's worker pool turns a file that takes too long into a `timeout` problem and keeps every other file's result.
import * as assert from 'node:assert/strict';
import { lintFiles } from '../../src/scan/lint-files';
import { defaultConfig, mergeConfig } from '../../src/engine/index';
import { minifiedBundle, toolFile } from './support/generate';
import { scratch, type Scratch } from './support/scratch';

const MiB = 1024 * 1024;
/** Far below what the slow file needs (tens of seconds), far above what a small file needs, even on a loaded machine. */
const FILE_TIMEOUT_MS = 5_000;

describe('reliability: per-file time limit (CLI worker pool)', function () {
  this.timeout(180_000);
  let dir: Scratch;
  before(() => {
    dir = scratch('timeout');
    const files: Record<string, string> = { 'slow.js': minifiedBundle(8 * MiB) };
    for (let i = 0; i < 40; i++) files[`tool${i}.ts`] = toolFile('return fetch(url);');
    dir.write(files);
  });
  after(() => dir.remove());

  it('stops the pathological file, names it as a timeout, and lints the rest', () => {
    const files = [dir.path('slow.js'), ...Array.from({ length: 40 }, (_, i) => dir.path(`tool${i}.ts`))];
    // The size limit is raised so the 8 MB bundle is parsed (slowly) rather than declined.
    const config = mergeConfig(defaultConfig(), { maxFileBytes: 10 * MiB });
    const started = Date.now();
    const linted = lintFiles([{ config, files }], { jobs: 2, fileTimeoutMs: FILE_TIMEOUT_MS });
    const elapsed = Date.now() - started;
    console.log(
      `      ${files.length} files with a ${FILE_TIMEOUT_MS / 1000} s limit in ${(elapsed / 1000).toFixed(1)} s`,
    );
    assert.deepEqual(
      linted.problems.map((problem) => `${problem.kind} ${problem.file}`),
      [`timeout ${dir.path('slow.js')}`],
    );
    assert.equal(linted.results.length, 40);
    assert.ok(
      linted.results.every(({ result }) => result.findings.some((finding) => finding.ruleId === 'unscoped-network')),
    );
    assert.ok(elapsed < 90_000, `took ${elapsed} ms: the slow file was not stopped at the limit`);
  });
});
