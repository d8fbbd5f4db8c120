// The prefilter must never change results: the engine with and without it agrees on the benchmark's real corpus.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { benchCacheRoot, CORPUS, materialiseCorpus } from '../../bench/corpus';
import { listCorpusFiles, type CorpusFile } from '../../bench/files';
import { loadConfigFor } from '../../src/config/index';
import { loadCatalogs } from '../../src/engine/catalog/load';
import { Project } from '../../src/engine/index';
import { prefilterFor } from '../../src/engine/prefilter';
import type { LintResult, ProjectHost } from '../../src/engine/types';
import { sampleFiles } from './sample';

/** `AGENT_RISK_PERF_FULL=1` checks every corpus file (minutes); by default a bounded, deterministic sample. */
const FULL = process.env['AGENT_RISK_PERF_FULL'] === '1';
/** Source bytes in the bounded sample, half from files the prefilter skips and half from files it keeps. */
const SAMPLE_BYTES = 6 * 1024 * 1024;
/** Larger files are left to the full run: one of them would take the whole budget. */
const SAMPLE_MAX_FILE_BYTES = 256 * 1024;

const host: ProjectHost = {
  readFile(file: string): string | undefined {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

describe(`prefilter: identical results with and without it (${FULL ? 'whole corpus' : 'bounded sample; AGENT_RISK_PERF_FULL=1 for all'})`, () => {
  let corpusRoot = '';
  let files: CorpusFile[] = [];

  before(function () {
    // The first run downloads the benchmark corpus (about 30 MB of tarballs); later runs reuse it.
    this.timeout(10 * 60 * 1000);
    try {
      corpusRoot = materialiseCorpus(CORPUS, (line) => console.log(`      ${line}`), benchCacheRoot());
    } catch (error) {
      console.log(
        `      Skipped: the benchmark corpus is not cached and cannot be downloaded (${String(error).split('\n')[0]}).`,
      );
      this.skip();
    }
    files = listCorpusFiles(corpusRoot);
  });

  it('skipped files hold no tool, finding or suppression, and kept files give the same result', function () {
    // Generous: the sample takes about half a minute alone, and several times that on a shared, loaded machine.
    this.timeout(FULL ? 60 * 60 * 1000 : 5 * 60 * 1000);
    const config = loadConfigFor(path.join(corpusRoot, 'agent')).config;
    const filtered = new Project(config, host);
    const unfiltered = new Project(config, host, { prefilter: false });
    // The engine's own text test, called directly so that choosing the sample parses nothing.
    const prefilter = prefilterFor(loadCatalogs(), config);
    const isSkipped = (file: CorpusFile): boolean => !prefilter.mayHoldTools(fs.readFileSync(file.file, 'utf8'));
    const checked = FULL
      ? files
      : sampleFiles(files, { bytes: SAMPLE_BYTES, maxFileBytes: SAMPLE_MAX_FILE_BYTES, isSkipped, root: corpusRoot });

    const dropped: string[] = [];
    const changed: string[] = [];
    let skipped = 0;
    let skippedBytes = 0;
    // Files the text stage kept and the second stage (TypeScript's tree, before the ESTree) dropped.
    let droppedOnTree = 0;
    let tools = 0;
    for (const file of checked) {
      const withFilter = filtered.lint(file.file);
      const without = unfiltered.lint(file.file);
      tools += without.tools.length;
      const rel = path.relative(corpusRoot, file.file);
      if (withFilter.skipped === 'no-tool-shapes') {
        skipped++;
        skippedBytes += file.bytes;
        if (!isSkipped(file)) droppedOnTree++;
        if (without.tools.length + without.findings.length + without.suppressed.length > 0)
          dropped.push(`${rel}: ${whatItHolds(without)}`);
      } else if (!isDeepStrictEqual(withFilter, without)) {
        changed.push(rel);
      }
    }
    const bytes = checked.reduce((sum, file) => sum + file.bytes, 0);
    console.log(
      `      ${checked.length} files (${(bytes / 1048576).toFixed(1)} MB): prefilter skipped ${skipped} files (${droppedOnTree} of them on the syntax tree), ${((100 * skippedBytes) / Math.max(1, bytes)).toFixed(1)}% of bytes; ${tools} tools found without it.`,
    );
    assert.deepEqual(
      dropped,
      [],
      'The prefilter skipped files that declare tools (or hold findings or suppressions): its word list misses a way to declare them.',
    );
    assert.deepEqual(changed, [], 'Files the prefilter kept gave different results with and without it.');
    // Without a tool among the checked files the comparison above proves nothing.
    assert.ok(tools > 0, 'No checked file declares a tool; the sample cannot show that the prefilter keeps them.');
  });
});

function whatItHolds(result: LintResult): string {
  const names = result.tools.map((tool) => `${tool.form} "${tool.name}"`);
  return [
    names.length > 0 ? `tools ${names.join(', ')}` : '',
    result.findings.length > 0 ? `${result.findings.length} findings` : '',
    result.suppressed.length > 0 ? `${result.suppressed.length} suppressed` : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
}
