// The lint loop bounds the heap's growth only for a scan that asks (the CLI) and only when it lints something.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../src/engine/index';
import * as heapGrowth from '../../src/scan/heap-growth';
import { lintFiles } from '../../src/scan/lint-files';

describe('scan heap growth', () => {
  let dir: string;
  let calls = 0;
  const original = heapGrowth.boundHeapGrowth;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heap-growth-'));
    fs.writeFileSync(path.join(dir, 'plain.ts'), 'export const answer = 42;\n');
    // The loop calls the module's export at run time, so counting calls needs no flag read back from V8.
    (heapGrowth as { boundHeapGrowth: () => void }).boundHeapGrowth = () => {
      calls++;
    };
  });

  after(() => {
    (heapGrowth as { boundHeapGrowth: () => void }).boundHeapGrowth = original;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    calls = 0;
  });

  const groups = () => [{ config: defaultConfig(), files: [path.join(dir, 'plain.ts')] }];

  it('is set when a command-line scan lints files', () => {
    lintFiles(groups(), { jobs: 1, boundHeapGrowth: true });
    assert.equal(calls, 1);
  });

  it('is left alone for the language server (no option) and for a scan with nothing to lint', () => {
    lintFiles(groups(), { jobs: 1 });
    lintFiles([], { jobs: 1, boundHeapGrowth: true });
    assert.equal(calls, 0);
  });

  it('names a V8 flag this Node has', () => {
    // V8 ignores an unknown flag silently: a renamed one would quietly bring the old peak back.
    const flags = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    assert.match(flags, /--heap-growing-percent\b/);
    assert.equal(heapGrowth.SCAN_HEAP_GROWING_PERCENT > 0, true);
  });
});
