// `npm run bench`: measures the linter against reading, parsing and ESLint on a pinned real corpus, in one
// alternating run, and prints and saves the ratios the performance targets are stated in.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchCacheRoot, CORPUS, materialiseCorpus } from './corpus';
import { ensureEslintEnv } from './eslint-env';
import { listCorpusFiles, statsOf, writeFileList, type CorpusFile, type CorpusStats } from './files';
import { runProcess, type ProcessRow } from './measure';
import { measureCliffs } from './cliffs';
import { prefilterReport, type PrefilterReport } from './prefilter-report';
import type { FileLatency } from './rows/latency';
import { summarise, type Summary } from './stats';
import { renderTable } from './table';

interface RowSpec extends ProcessRow {
  id: string;
  label: string;
  files: number;
  /** Fewer rounds for rows that take minutes (ESLint); they still alternate with the others. */
  rounds: number;
}

interface RowResult {
  id: string;
  label: string;
  files: number;
  ms: Summary;
  peakRssMb: Summary;
  filesPerSecond: number;
}

interface Target {
  name: string;
  value: number;
  limit: string;
  met: boolean;
}

const REPO_ROOT = findRepoRoot();
const ROUNDS = positiveInteger('BENCH_ROUNDS', 5);
const ESLINT_ROUNDS = positiveInteger('BENCH_ESLINT_ROUNDS', 3);
const LATENCY_RUNS = positiveInteger('BENCH_LATENCY_RUNS', 50);
/** Runs per file of the slowest files (each lint takes up to a second or two). */
const SLOW_FILE_RUNS = positiveInteger('BENCH_SLOW_FILE_RUNS', 15);
const SLOWEST_FILES = 5;
/** The slowest files are picked among this many of the largest corpus files with tools (one timed lint each). */
const SLOWEST_CANDIDATES = positiveInteger('BENCH_SLOWEST_CANDIDATES', 60);
const TARGET_LINES = 3000;

function main(): void {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const started = new Date();
  const loadBefore = os.loadavg();
  const buildBefore = buildDigest();
  const cacheRoot = benchCacheRoot();
  const corpusRoot = materialiseCorpus(CORPUS, log, cacheRoot);
  const files = listCorpusFiles(corpusRoot);
  const parts = corpusParts(files);
  log(
    `\nCorpus ${corpusRoot}\n${renderTable(
      ['part', 'files', 'lines', 'bytes'],
      Object.entries(parts).map(([part, stats]) => [part, stats.files, stats.lines, stats.bytes]),
    )}`,
  );

  const work = fs.mkdtempSync(path.join(cacheRoot, 'run-'));
  const listAll = writeFileList(path.join(work, 'all.json'), files);
  const eslintEnv = ensureEslintEnv(cacheRoot, REPO_ROOT, log);
  const cores = os.availableParallelism();
  const bin = path.join(REPO_ROOT, 'bin', 'agent-risk.js');
  const scan = (id: string, extra: string[], target = '.'): string[] => [
    bin,
    'scan',
    target,
    '--format',
    'json',
    '--output',
    path.join(work, `${id}.json`),
    '--fail-on',
    'never',
    ...extra,
  ];
  const cacheDir = path.join(work, 'scan-cache');
  const agentFiles = files.filter((file) => file.part === 'agent').length;

  const rows: RowSpec[] = [
    {
      id: 'read',
      label: '(a) read every file',
      args: [row('read-files'), listAll],
      cwd: corpusRoot,
      files: files.length,
      rounds: ROUNDS,
    },
    {
      id: 'ts-parse',
      label: '(b) ts.createSourceFile, every file (floor)',
      args: [row('ts-parse'), listAll],
      cwd: corpusRoot,
      files: files.length,
      rounds: ROUNDS,
    },
    {
      id: 'estree-parse',
      label: '(b) typescript-estree parse, every file',
      args: [row('estree-parse'), listAll],
      cwd: corpusRoot,
      files: files.length,
      rounds: ROUNDS,
    },
    {
      id: 'scan-1',
      label: '(c) agent-risk scan --jobs 1',
      args: scan('scan-1', ['--jobs', '1']),
      cwd: corpusRoot,
      files: files.length,
      rounds: ROUNDS,
    },
    {
      id: `scan-${cores}`,
      label: `(c) agent-risk scan --jobs ${cores}`,
      args: scan(`scan-${cores}`, ['--jobs', String(cores)]),
      cwd: corpusRoot,
      files: files.length,
      rounds: ROUNDS,
    },
    {
      id: 'scan-cached',
      label: '(c) agent-risk scan --cache, unchanged tree',
      args: scan('scan-cached', ['--cache', '--cache-location', cacheDir]),
      cwd: corpusRoot,
      files: files.length,
      rounds: ROUNDS,
    },
    {
      id: 'scan-cached-content',
      label: '(c) agent-risk scan --cache --cache-strategy content',
      args: scan('scan-cached-content', ['--cache', '--cache-strategy', 'content', '--cache-location', cacheDir]),
      cwd: corpusRoot,
      files: files.length,
      rounds: ROUNDS,
    },
    {
      id: 'scan-agent',
      label: '(c) agent-risk scan --jobs 1, agent part only',
      args: scan('scan-agent', ['--jobs', '1'], 'agent'),
      cwd: corpusRoot,
      files: agentFiles,
      rounds: ROUNDS,
    },
    {
      id: 'eslint',
      label: `(d) ESLint + @typescript-eslint/parser${eslintEnv.security ? ' + security' : ' (no security plugin offline)'}`,
      args: [row('eslint'), listAll, eslintEnv.dir, corpusRoot],
      cwd: corpusRoot,
      files: files.length,
      rounds: ESLINT_ROUNDS,
    },
  ];

  log('\nPreparing: a cold --cache scan fills the cache the cached row re-uses…');
  runProcess({ args: scan('scan-cold', ['--cache', '--cache-location', cacheDir]), cwd: corpusRoot });

  const samples = new Map<string, { ms: number[]; rss: number[] }>(rows.map((spec) => [spec.id, { ms: [], rss: [] }]));
  for (let round = 0; round < ROUNDS; round++) {
    // Rotating the order spreads warm-up, page cache and background load evenly over the rows.
    const order = rows.map((_, index) => rows[(index + round) % rows.length] as RowSpec);
    for (const spec of order) {
      if (round >= spec.rounds) continue;
      const run = runProcess(spec);
      const sample = samples.get(spec.id) as { ms: number[]; rss: number[] };
      sample.ms.push(run.ms);
      sample.rss.push(run.peakRssBytes / (1024 * 1024));
      log(
        `round ${round + 1}/${ROUNDS}  ${spec.label.padEnd(52)} ${(run.ms / 1000).toFixed(2).padStart(8)} s  ${(run.peakRssBytes / 1048576).toFixed(0).padStart(6)} MB`,
      );
    }
  }
  const results: RowResult[] = rows.map((spec) => {
    const sample = samples.get(spec.id) as { ms: number[]; rss: number[] };
    const ms = summarise(sample.ms);
    return {
      id: spec.id,
      label: spec.label,
      files: spec.files,
      ms,
      peakRssMb: summarise(sample.rss),
      filesPerSecond: Math.round((spec.files * 1000) / ms.median),
    };
  });

  const sameResults = compareReports(work, [
    'scan-1',
    `scan-${cores}`,
    'scan-cached',
    'scan-cached-content',
    'scan-cold',
  ]);
  const withTools = filesWithTools(path.join(work, 'scan-1.json'), corpusRoot, files);
  const latencyFile = pickLatencyFile(withTools);
  log(
    `\nEditor latency on ${path.relative(corpusRoot, latencyFile.file)} (${latencyFile.lines} lines), ${LATENCY_RUNS} runs each…`,
  );
  const [latency] = latencyOf(corpusRoot, LATENCY_RUNS, [latencyFile.file]);
  if (latency === undefined) throw new Error('The latency row measured nothing.');
  const candidates = [...withTools].sort((a, b) => b.bytes - a.bytes).slice(0, SLOWEST_CANDIDATES);
  const slowestFiles = JSON.parse(
    runProcess({
      args: [
        row('latency'),
        '--slowest',
        String(SLOWEST_FILES),
        writeFileList(path.join(work, 'candidates.json'), candidates),
      ],
      cwd: corpusRoot,
    }).stdout,
  ) as string[];
  log(`Editor latency on the ${SLOWEST_FILES} slowest of the ${candidates.length} largest files with tools…`);
  const slowLatency = latencyOf(corpusRoot, SLOW_FILE_RUNS, slowestFiles);
  const worstSlow = Math.max(...slowLatency.map((entry) => entry.lint.p95 / entry.parse.p95));
  const prefilter = prefilterReport(files);
  const cliffs = measureCliffs();
  const loadAfter = os.loadavg();
  // Others rebuilding out/ mid-run would mix two engines in one table (and empty the scan cache).
  const buildChanged = buildDigest() !== buildBefore;

  const median = (id: string): number => results.find((result) => result.id === id)?.ms.median ?? NaN;
  const rss = (id: string): number => results.find((result) => result.id === id)?.peakRssMb.median ?? NaN;
  const agentBytes = parts['agent']?.bytes ?? NaN;
  const allBytes = parts['all']?.bytes ?? NaN;
  const targets: Target[] = [
    target(
      'latency: full lint p95 / bare parse p95',
      latency.lint.p95 / latency.parse.p95,
      '≤ 1.3',
      (value) => value <= 1.3,
    ),
    // The same limit on medians, which background load disturbs less than p95.
    target(
      'latency: full lint median / bare parse median',
      latency.lint.median / latency.parse.median,
      '≤ 1.3',
      (value) => value <= 1.3,
    ),
    target(
      `latency: worst full lint p95 / bare parse p95 of the ${SLOWEST_FILES} slowest files`,
      worstSlow,
      '≤ 1.3',
      (value) => value <= 1.3,
    ),
    target(
      'scan --jobs 1 / ts.createSourceFile (median)',
      median('scan-1') / median('ts-parse'),
      '≤ 1.0',
      (value) => value <= 1.0,
    ),
    target('ESLint / scan --jobs 1 (median)', median('eslint') / median('scan-1'), '≥ 10', (value) => value >= 10),
    target(
      `scan --jobs ${cores} / scan --jobs 1 (median)`,
      median(`scan-${cores}`) / median('scan-1'),
      '≤ 1.0',
      (value) => value <= 1.0,
    ),
    target(
      'scan --cache unchanged / ts.createSourceFile (median)',
      median('scan-cached') / median('ts-parse'),
      '≤ 0.1',
      (value) => value <= 0.1,
    ),
    target(
      'scan --cache --cache-strategy content unchanged / ts.createSourceFile (median)',
      median('scan-cached-content') / median('ts-parse'),
      '(reported)',
      () => true,
    ),
    target(
      'prefilter: bytes skipped (%), text and syntax stages',
      prefilter.afterSyntax.skippedBytesPercent,
      '≥ 70',
      (value) => value >= 70,
    ),
    target('prefilter: bytes skipped (%), text stage alone', prefilter.skippedBytesPercent, '(reported)', () => true),
    target(
      `peak RSS growth / corpus growth, agent part → all (${(allBytes / agentBytes).toFixed(2)}× bytes)`,
      rss('scan-1') / rss('scan-agent') / (allBytes / agentBytes),
      '< 1 (sub-linear)',
      (value) => value < 1,
    ),
    target(
      'no cliffs: worst doubling of a generated shape (analysis steps)',
      cliffs.worstDoubling,
      '≤ 2.5',
      (value) => value <= 2.5,
    ),
    target('no cliffs: slowest generated cliff input (ms)', cliffs.slowestCliffMs, '≤ 1000', (value) => value <= 1000),
    target('peak RSS, scan --jobs 1 (MiB)', rss('scan-1'), '≤ 600', (value) => value <= 600),
    target(
      'a time limit everywhere: over-budget file is a timeout problem',
      cliffs.timeLimitHolds,
      '= 1',
      (value) => value === 1,
    ),
    target(
      '--jobs, --cache and serial scans report identical results',
      sameResults ? 1 : 0,
      '= 1',
      (value) => value === 1,
    ),
  ];

  const output = {
    date: started.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    loadAverage: { before: loadBefore.map(round2), after: loadAfter.map(round2) },
    buildChangedDuringRun: buildChanged,
    rounds: ROUNDS,
    eslintRounds: ESLINT_ROUNDS,
    corpus: { packages: CORPUS, parts },
    rows: results,
    latency: {
      file: path.relative(corpusRoot, latencyFile.file),
      lines: latencyFile.lines,
      tools: latency.tools,
      lintMs: latency.lint,
      parseMs: latency.parse,
    },
    slowestFiles: slowLatency.map((entry) => ({ ...entry, file: path.relative(corpusRoot, entry.file) })),
    prefilter,
    cliffs,
    targets,
  };
  const resultsFile = path.join(REPO_ROOT, 'bench', 'results', 'latest.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(output, null, 2)}\n`);
  fs.rmSync(work, { recursive: true, force: true });

  log(
    `\n${printResults(results, [latency, ...slowLatency], corpusRoot, prefilter, targets, loadBefore, loadAfter)}\nWritten to ${path.relative(process.cwd(), resultsFile)}`,
  );
  if (buildChanged) log('WARNING: out/ changed during the run (someone rebuilt): the rows mix two builds; run again.');
}

function printResults(
  results: RowResult[],
  latencies: readonly FileLatency[],
  corpusRoot: string,
  prefilter: PrefilterReport,
  targets: Target[],
  before: number[],
  after: number[],
): string {
  const floor = results.find((result) => result.id === 'ts-parse')?.ms.median ?? NaN;
  const rows = results.map((result) => [
    result.label,
    seconds(result.ms.median),
    `${seconds(result.ms.min)}–${seconds(result.ms.max)}`,
    (result.ms.median / floor).toFixed(2),
    result.filesPerSecond,
    Math.round(result.peakRssMb.median),
    result.ms.runs,
  ]);
  const lines = [
    renderTable(['row', 'median s', 'min–max s', '× floor', 'files/s', 'peak RSS MB', 'runs'], rows),
    '',
    renderTable(
      ['editor lint (in-process)', 'tools', 'lint median / p95 ms', 'bare parse median / p95 ms', 'p95 ratio', 'runs'],
      latencies.map((entry) => [
        path.relative(corpusRoot, entry.file),
        entry.tools,
        `${entry.lint.median.toFixed(1)} / ${entry.lint.p95.toFixed(1)}`,
        `${entry.parse.median.toFixed(1)} / ${entry.parse.p95.toFixed(1)}`,
        (entry.lint.p95 / entry.parse.p95).toFixed(2),
        entry.lint.runs,
      ]),
    ),
    '',
    `Prefilter: the text stage skips ${prefilter.skippedBytesPercent}% of bytes (${prefilter.skippedFilesPercent}% of files), ` +
      `with the syntax stage ${prefilter.afterSyntax.skippedBytesPercent}% (${prefilter.afterSyntax.skippedFilesPercent}% of files). ` +
      'Words that keep files past the text stage' +
      (prefilter.mirrorDisagreements > 0
        ? ` (OUT OF DATE: disagrees with src/engine/prefilter.ts on ${prefilter.mirrorDisagreements} files; update bench/prefilter-report.ts):`
        : ':'),
    renderTable(
      ['word', '% bytes spelling it', '% bytes kept by it alone'],
      prefilter.words.map((word) => [word.word, word.bytesMatchedPercent, word.bytesOnlyByItPercent]),
    ),
    '',
    renderTable(
      ['target', 'measured', 'limit', 'met'],
      targets.map((item) => [item.name, round2(item.value), item.limit, item.met ? 'yes' : 'NO']),
    ),
    '',
    `Load average (1, 5, 15 min) before: ${before.map(round2).join(', ')}; after: ${after.map(round2).join(', ')} on ${os.cpus().length} cores.`,
  ];
  return lines.join('\n');
}

/** Each scan row's JSON report must list the same findings, suppressed findings, tools and problems. */
function compareReports(work: string, ids: string[]): boolean {
  const digests = ids.map((id) => {
    const report = JSON.parse(fs.readFileSync(path.join(work, `${id}.json`), 'utf8')) as Record<string, unknown>;
    return JSON.stringify([report['findings'], report['suppressed'], report['tools'], report['problems']]);
  });
  return digests.every((digest) => digest === digests[0]);
}

/** The corpus files in which the serial scan recognised a tool. */
function filesWithTools(reportFile: string, corpusRoot: string, files: readonly CorpusFile[]): CorpusFile[] {
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { tools?: Array<{ file: string }> };
  const withTools = new Set((report.tools ?? []).map((tool) => path.resolve(corpusRoot, tool.file)));
  return files.filter((file) => withTools.has(file.file));
}

/** The file with tools whose line count is nearest the target: a realistic large agent file. */
function pickLatencyFile(candidates: readonly CorpusFile[]): CorpusFile {
  const best = [...candidates].sort(
    (a, b) => Math.abs(a.lines - TARGET_LINES) - Math.abs(b.lines - TARGET_LINES) || a.file.localeCompare(b.file),
  )[0];
  if (best === undefined)
    throw new Error('No corpus file has a tool the linter recognises; cannot measure single-file latency.');
  return best;
}

/** Row (e) in its own process, so its heap and compiled code are an editor's, not the bench's. */
function latencyOf(corpusRoot: string, runs: number, files: readonly string[]): FileLatency[] {
  if (files.length === 0) return [];
  return JSON.parse(
    runProcess({ args: [row('latency'), String(runs), ...files], cwd: corpusRoot }).stdout,
  ) as FileLatency[];
}

function corpusParts(files: readonly CorpusFile[]): Record<string, CorpusStats> {
  const parts: Record<string, CorpusStats> = {};
  for (const part of [...new Set(files.map((file) => file.part))])
    parts[part] = statsOf(files.filter((file) => file.part === part));
  parts['all'] = statsOf(files);
  return parts;
}

function target(name: string, value: number, limit: string, isMet: (value: number) => boolean): Target {
  return { name, value: round2(value), limit, met: Number.isFinite(value) && isMet(value) };
}

function row(name: string): string {
  return path.join(__dirname, 'rows', `${name}.js`);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1.`);
  return value;
}

/** A digest of the compiled code the rows run (out/src), to notice a rebuild during the run. */
function buildDigest(): string {
  const hash = createHash('sha256');
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.js')) hash.update(full).update(fs.readFileSync(full));
    }
  };
  visit(path.join(REPO_ROOT, 'out', 'src'));
  return hash.digest('hex');
}

function findRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${__dirname}`);
  }
}

main();
