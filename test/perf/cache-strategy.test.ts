// `--cache-strategy`: with `metadata` an unchanged size and modification time spare the read and hash of a
// file (the re-scan's cost), a changed stat falls back to the content hash (and refreshes the stat), and with
// `content` every file is hashed; with either, an entry describing another file is never a hit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LintResult } from '../../src/engine/types';
import { fileState, ScanCache, type CacheStrategy } from '../../src/scan/cache';
import { scratch, type Scratch } from '../reliability/support/scratch';

const CONFIG = 'config-hash';
/** Well before "now": timestamps written this long ago are trusted (not within the cache's racy window). */
const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

function resultFor(file: string): LintResult {
  return { file, findings: [], suppressed: [], tools: [], problems: [] };
}

describe('scan cache strategies (metadata | content)', () => {
  let dir: Scratch;
  let location: string;
  let tool: string;
  let helper: string;
  /** Files the cache read (to hash them) in the last lookup. */
  let reads: string[] = [];
  const read = (file: string): string | undefined => {
    reads.push(file);
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };

  beforeEach(() => {
    dir = scratch('cache-strategy');
    dir.write({ 'src/tool.ts': 'export const a = 1;\n', 'src/helper.ts': 'export const b = 2;\n', 'cache/.keep': '' });
    tool = dir.path('src', 'tool.ts');
    helper = dir.path('src', 'helper.ts');
    location = dir.path('cache');
    for (const file of [tool, helper]) fs.utimesSync(file, AN_HOUR_AGO, AN_HOUR_AGO);
    const cache = ScanCache.open(location, dir.dir);
    cache.store(fileState(tool, read), CONFIG, [fileState(helper, read)], resultFor(tool));
    cache.save();
  });
  afterEach(() => dir.remove());

  const cacheFile = (): string =>
    path.join(location, fs.readdirSync(location).find((name) => name.endsWith('.json')) ?? '');
  const lookup = (strategy: CacheStrategy): LintResult | undefined => {
    reads = [];
    const cache = ScanCache.open(location, dir.dir, strategy);
    const result = cache.lookup(tool, CONFIG, read);
    cache.save();
    return result;
  };

  it('metadata: an unchanged tree is answered from timestamps alone, without reading a file', () => {
    assert.ok(lookup('metadata'));
    assert.deepEqual(reads, []);
  });

  it('content: every file is read and hashed on every run', () => {
    assert.ok(lookup('content'));
    assert.deepEqual(reads.sort(), [helper, tool].sort());
  });

  it('metadata: a touched file is hashed once, still a hit, and its new timestamps are trusted afterwards', () => {
    const later = new Date(AN_HOUR_AGO.getTime() + 60_000);
    fs.utimesSync(tool, later, later);
    assert.ok(lookup('metadata'));
    assert.deepEqual(reads, [tool]);
    // The refreshed entry was hashed just now, within the racy window: trusted once that has passed.
    const stored = JSON.parse(fs.readFileSync(cacheFile(), 'utf8')) as {
      files: Array<{ mtimeMs: number; checkedAt: number }>;
      entries: Record<string, { state: number }>;
    };
    assert.equal(stored.files[stored.entries[tool]?.state ?? -1]?.mtimeMs, fs.statSync(tool).mtimeMs);
  });

  it('metadata and content: changed content is a miss, in the file or in a file it read', () => {
    fs.writeFileSync(helper, 'export const b = 3;\n');
    assert.equal(lookup('metadata'), undefined);
    fs.writeFileSync(helper, 'export const b = 2;\n');
    fs.writeFileSync(tool, 'export const a = 2;\n');
    assert.equal(lookup('content'), undefined);
  });

  it('content: a rewrite that keeps the size and the modification time is still noticed', () => {
    fs.writeFileSync(tool, 'export const a = 9;\n');
    fs.utimesSync(tool, AN_HOUR_AGO, AN_HOUR_AGO);
    assert.equal(lookup('content'), undefined);
  });

  it('an entry whose state names another file is never a hit, whatever the strategy', () => {
    const file = cacheFile();
    const cache = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      files: Array<{ file: string }>;
      entries: Record<string, { state: number; dependencies: number[] }>;
    };
    const entry = cache.entries[tool];
    assert.ok(entry);
    // The tool's entry now points at the helper's state (the only other file the cache knows).
    entry.state = entry.dependencies[0] ?? -1;
    assert.equal(cache.files[entry.state]?.file, helper);
    fs.writeFileSync(file, JSON.stringify(cache));
    assert.equal(lookup('metadata'), undefined);
    assert.equal(lookup('content'), undefined);
  });
  it('content: a helper several files read is hashed once per run, not once per file', () => {
    const other = dir.path('src', 'other.ts');
    fs.writeFileSync(other, 'export const c = 3;\n');
    fs.utimesSync(other, AN_HOUR_AGO, AN_HOUR_AGO);
    const first = ScanCache.open(location, dir.dir);
    first.store(fileState(other, read), CONFIG, [fileState(helper, read)], resultFor(other));
    first.save();
    reads = [];
    const cache = ScanCache.open(location, dir.dir, 'content');
    assert.ok(cache.lookup(tool, CONFIG, read));
    assert.ok(cache.lookup(other, CONFIG, read));
    assert.deepEqual(reads.sort(), [helper, other, tool].sort());
  });

  it('metadata: an unchanged tree does not rewrite the cache file', () => {
    const before = fs.statSync(cacheFile()).ino;
    assert.ok(lookup('metadata'));
    assert.equal(fs.statSync(cacheFile()).ino, before);
  });

  it('an entry not linted again is dropped when a file it read got a new state in another entry', () => {
    const other = dir.path('src', 'other.ts');
    fs.writeFileSync(other, 'export const c = 3;\n');
    const first = ScanCache.open(location, dir.dir);
    first.store(fileState(other, read), CONFIG, [fileState(helper, read)], resultFor(other));
    first.save();
    // The helper changes; a run that scans only `other` lints it again and stores the helper's new state.
    fs.writeFileSync(helper, 'export const b = 4;\n');
    const second = ScanCache.open(location, dir.dir);
    assert.equal(second.lookup(other, CONFIG, read), undefined);
    second.store(fileState(other, read), CONFIG, [fileState(helper, read)], resultFor(other));
    second.save();
    // The tool's entry saw the helper's old content: it must not be answered from the new state.
    assert.equal(lookup('metadata'), undefined);
    assert.equal(lookup('content'), undefined);
  });
});
