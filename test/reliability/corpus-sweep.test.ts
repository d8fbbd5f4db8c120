// The engine over real files from the project's own node_modules: nothing escapes, every file is accounted for.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { corpusFiles, deterministicSample } from './support/corpus';
import { bySweep, isFullSweep } from './support/mode';
import { formatSweep, runSweep, type SweepReport } from './support/sweep';

/** Enough files to meet minified bundles, .d.ts files, ESM and CJS, while staying well under a minute. */
const SAMPLE_SIZE = 1000;
/** Per file. The largest bundles in node_modules take about 1.5 s on a quiet machine; this allows for a loaded one. */
const FILE_TIMEOUT_MS = 30_000;

describe('reliability: corpus sweep over node_modules', function () {
  // The full sweep takes minutes; the sample is bounded by SAMPLE_SIZE.
  this.timeout(bySweep(120_000, 0));

  const root = path.join(repoRoot(), 'node_modules');
  let all: string[];
  let files: string[];
  let report: SweepReport;

  before(async () => {
    all = corpusFiles(root);
    files = isFullSweep() ? all : deterministicSample(all, root, SAMPLE_SIZE);
    // The prefilter is off so that every file is parsed and walked, not only those that mention a tool word.
    report = await runSweep(files, {
      timeoutMs: FILE_TIMEOUT_MS,
      prefilter: false,
      ...(isFullSweep()
        ? { onEntry: (_entry, done) => done % 1000 === 0 && process.stdout.write(`      … ${done}/${files.length}\n`) }
        : {}),
    });
    console.log(
      `\n      ${isFullSweep() ? 'full sweep' : `sample of ${files.length} of ${all.length} files`}\n${formatSweep(report, root).replace(/^/gm, '      ')}\n`,
    );
  });

  it('finds a corpus worth sweeping', () => {
    assert.ok(all.length > 1000, `only ${all.length} source files under node_modules; is npm ci done?`);
  });

  it('accounts for every file exactly once', () => {
    assert.equal(report.entries.length, files.length);
    assert.deepEqual(
      report.entries.map((entry) => entry.file),
      files,
    );
    const total = Object.values(report.byStatus).reduce((sum, count) => sum + count, 0);
    assert.equal(total, files.length);
  });

  it('lets no exception escape the engine and crashes no thread', () => {
    const broken = report.entries.filter((entry) => entry.status === 'thrown' || entry.status === 'crashed');
    assert.deepEqual(
      broken.map(
        (entry) => `${entry.status}: ${path.relative(root, entry.file)}: ${(entry.message ?? '').split('\n')[0]}`,
      ),
      [],
    );
  });

  it('reports no internal error (an engine bug that costs the file its results)', () => {
    const internal = report.entries.filter((entry) => entry.problemKinds.includes('internal'));
    assert.deepEqual(
      internal.map((entry) => `${path.relative(root, entry.file)}: ${entry.message ?? ''}`),
      [],
    );
  });

  it('reports every range where its offset says it is', () => {
    const wrong = report.entries.filter((entry) => entry.positionErrors.length > 0);
    assert.deepEqual(
      wrong.map((entry) => `${path.relative(root, entry.file)}: ${entry.positionErrors.slice(0, 3).join('; ')}`),
      [],
    );
  });
});
