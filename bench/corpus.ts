// Materialises the benchmark's pinned corpus of real npm packages into a cache folder outside the repository.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parsePackOutput, runNpm as runNpmWith } from '../test/support/npm';

/** Which part of the corpus a package belongs to; the report gives figures per part. */
export type CorpusPart = 'agent' | 'general' | 'huge';

export interface CorpusPackage {
  part: CorpusPart;
  name: string;
  version: string;
  /** Package-relative files to keep; all files when absent. */
  only?: string[];
}

/**
 * The pinned corpus. Agent packages hold real tool definitions (and the framework internals that a
 * naive prefilter would drop); the general code base has thousands of files and no tools; the huge
 * file is TypeScript's compiler bundle (about 9 MB in one file).
 */
export const CORPUS: readonly CorpusPackage[] = [
  { part: 'agent', name: '@langchain/community', version: '1.1.29' },
  { part: 'agent', name: '@modelcontextprotocol/sdk', version: '1.32.2' },
  { part: 'agent', name: 'ai', version: '7.0.173' },
  { part: 'agent', name: '@openai/agents-core', version: '0.20.0' },
  { part: 'agent', name: '@mastra/core', version: '1.71.0' },
  { part: 'agent', name: '@agentic/stdlib', version: '7.6.9' },
  { part: 'general', name: '@mui/material', version: '5.16.7' },
  { part: 'huge', name: 'typescript', version: '5.9.3', only: ['lib/typescript.js'] },
];

/**
 * The corpus's own `.agent-risk.json`: npm packages ship their code under `dist/`, `build/` and the
 * like, which the CLI skips by default, and the huge file is over the default size limit. Every row
 * of the benchmark runs on the files the CLI selects with this configuration.
 */
export const CORPUS_CONFIG = {
  root: true,
  // Later globs win: the folders come back, and the default file excludes (declarations, tests) apply again.
  exclude: [
    '!**/dist',
    '!**/dist/**',
    '!**/build',
    '!**/build/**',
    '!**/out',
    '!**/out/**',
    '**/*.d.ts',
    '**/*.d.mts',
    '**/*.d.cts',
    '**/*.min.js',
    '**/*.test.*',
    '**/*.spec.*',
  ],
  maxFileBytes: 32 * 1024 * 1024,
};

const MARKER = '.materialised.json';
const NPM_TIMEOUT_MS = 10 * 60 * 1000;

/** `AGENT_RISK_BENCH_CACHE` when set, else a folder in the OS temp directory. */
export function benchCacheRoot(): string {
  return process.env['AGENT_RISK_BENCH_CACHE'] ?? path.join(os.tmpdir(), 'agent-risk-bench');
}

/** Where one package's files sit inside the corpus: `<part>/<name with + for />`. */
export function packageDir(corpusRoot: string, pkg: CorpusPackage): string {
  return path.join(corpusRoot, pkg.part, pkg.name.replace('/', '+'));
}

/** A digest of the package list, so that changing a pin re-materialises the corpus. */
export function corpusId(packages: readonly CorpusPackage[] = CORPUS): string {
  return createHash('sha256')
    .update(JSON.stringify({ packages, config: CORPUS_CONFIG }))
    .digest('hex')
    .slice(0, 12);
}

/**
 * Returns the corpus folder, downloading and unpacking the packages with `npm pack` (which checks
 * the registry's integrity hashes) unless an earlier run left a complete copy.
 */
export function materialiseCorpus(
  packages: readonly CorpusPackage[] = CORPUS,
  log: (line: string) => void = () => undefined,
  root: string = benchCacheRoot(),
): string {
  const corpusRoot = path.join(root, `corpus-${corpusId(packages)}`);
  if (fs.existsSync(path.join(corpusRoot, MARKER))) return corpusRoot;
  const building = `${corpusRoot}.partial-${process.pid}`;
  const staging = path.join(building, '.tarballs');
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    log(`Downloading ${packages.length} pinned packages into ${corpusRoot} (first run only)…`);
    const specs = packages.map((pkg) => `${pkg.name}@${pkg.version}`);
    const packed = parsePackOutput(runNpm(['pack', ...specs, '--json', '--pack-destination', staging], root));
    for (const pkg of packages) {
      const entry = packed.find((item) => item.name === pkg.name && item.version === pkg.version);
      if (entry === undefined) throw new Error(`npm pack did not report ${pkg.name}@${pkg.version}`);
      unpack(pkg, path.join(staging, entry.filename), packageDir(building, pkg));
    }
    fs.rmSync(staging, { recursive: true, force: true });
    fs.writeFileSync(path.join(building, '.agent-risk.json'), `${JSON.stringify(CORPUS_CONFIG, null, 2)}\n`);
    fs.writeFileSync(path.join(building, MARKER), JSON.stringify({ packages }, null, 2));
    fs.rmSync(corpusRoot, { recursive: true, force: true });
    fs.renameSync(building, corpusRoot);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    throw error;
  }
  return corpusRoot;
}

function unpack(pkg: CorpusPackage, tarball: string, target: string): void {
  const extracting = `${target}.tmp`;
  fs.mkdirSync(extracting, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', extracting], { stdio: 'pipe', timeout: NPM_TIMEOUT_MS });
  const tops = fs.readdirSync(extracting);
  if (tops.length !== 1 || tops[0] === undefined)
    throw new Error(`${pkg.name}: expected one top folder in the tarball, found ${tops.join(', ')}`);
  const top = path.join(extracting, tops[0]);
  if (pkg.only === undefined) {
    fs.renameSync(top, target);
  } else {
    for (const rel of pkg.only) {
      const destination = path.join(target, rel);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.renameSync(path.join(top, rel), destination);
    }
  }
  fs.rmSync(extracting, { recursive: true, force: true });
}

/** npm with the benchmark's generous default timeout (installing the comparison linter takes a while). */
export function runNpm(args: string[], cwd: string, timeout: number = NPM_TIMEOUT_MS): string {
  return runNpmWith(args, cwd, timeout);
}
