// Fetches pinned npm packages into a cache folder outside the repository and reuses them on later runs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parsePackOutput, runNpm } from '../support/npm';

export interface PackageSpec {
  name: string;
  version: string;
}

/** Written last, so a folder without it is a half-finished extraction and is fetched again. */
const MARKER = '.agent-risk-fetched.json';
const NPM_TIMEOUT_MS = 5 * 60 * 1000;

/** `AGENT_RISK_REAL_CACHE` when set (CI can persist it), else a folder in the OS temp directory. */
export function cacheRoot(): string {
  return process.env['AGENT_RISK_REAL_CACHE'] ?? path.join(os.tmpdir(), 'agent-risk-real');
}

/** The unpacked package (the tarball's top folder) for one pinned version. */
export function packageRoot(spec: PackageSpec): string {
  return path.join(versionDir(spec), 'package');
}

export function isCached(spec: PackageSpec): boolean {
  return fs.existsSync(path.join(versionDir(spec), MARKER));
}

/** Asks the configured registry for a ping; the reason says why it could not be reached. */
export function registryReachable(cwd: string): { isReachable: true } | { isReachable: false; reason: string } {
  // No retries: an unreachable registry should cost seconds, not npm's default minute of back-off.
  const timeout = 30 * 1000;
  try {
    runNpm(['ping', '--fetch-retries=0', `--fetch-timeout=${timeout - 5000}`], cwd, timeout);
    return { isReachable: true };
  } catch (error) {
    const isTimeout = (error as { code?: unknown }).code === 'ETIMEDOUT';
    return {
      isReachable: false,
      reason: isTimeout ? `npm ping had no answer within ${timeout / 1000} s` : `npm ping: ${errorLine(error)}`,
    };
  }
}

export function specOfExpectation(expectation: { package: string; version: string }): PackageSpec {
  return { name: expectation.package, version: expectation.version };
}

/** Fetches the specs not yet cached; false (with the reason printed) when some are missing and the registry is out of reach. */
export function ensureCached(specs: PackageSpec[], cwd: string): boolean {
  if (specs.every(isCached)) return true;
  const registry = registryReachable(cwd);
  if (!registry.isReachable) {
    console.error(`The npm registry cannot be reached and some packages are not cached: ${registry.reason}`);
    return false;
  }
  fetchPackages(specs, cwd);
  return true;
}

/**
 * Downloads every spec not yet cached with one `npm pack` (which checks the registry's integrity
 * hash) and unpacks each tarball. Runs in `cwd` so that a project `.npmrc` (a CI mirror) applies.
 */
export function fetchPackages(specs: PackageSpec[], cwd: string): void {
  const missing = specs.filter((spec) => !isCached(spec));
  if (missing.length === 0) return;
  fs.mkdirSync(cacheRoot(), { recursive: true });
  const staging = fs.mkdtempSync(path.join(cacheRoot(), 'staging-'));
  try {
    const output = runNpm(
      ['pack', ...missing.map((spec) => `${spec.name}@${spec.version}`), '--json', '--pack-destination', staging],
      cwd,
      NPM_TIMEOUT_MS,
    );
    const packed = parsePackOutput(output);
    for (const spec of missing) {
      const entry = packed.find((item) => item.name === spec.name && item.version === spec.version);
      if (entry === undefined) throw new Error(`npm pack did not report ${spec.name}@${spec.version}`);
      unpack(spec, path.join(staging, entry.filename), entry.integrity);
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function unpack(spec: PackageSpec, tarball: string, integrity: string): void {
  const target = versionDir(spec);
  const extracting = `${target}.partial-${process.pid}`;
  fs.rmSync(extracting, { recursive: true, force: true });
  fs.mkdirSync(extracting, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', extracting], { stdio: 'pipe', timeout: NPM_TIMEOUT_MS });
  // Registry tarballs almost always use `package/`, but the name is the publisher's choice.
  const tops = fs.readdirSync(extracting);
  if (tops.length !== 1 || tops[0] === undefined)
    throw new Error(`${spec.name}@${spec.version}: expected one top folder in the tarball, found ${tops.join(', ')}`);
  if (tops[0] !== 'package') fs.renameSync(path.join(extracting, tops[0]), path.join(extracting, 'package'));
  fs.writeFileSync(path.join(extracting, MARKER), JSON.stringify({ ...spec, integrity }, null, 2));
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(extracting, target);
}

function versionDir(spec: PackageSpec): string {
  // Scoped names contain a slash; `+` cannot appear in an npm name, so the folder name is unambiguous.
  return path.join(cacheRoot(), `${spec.name.replace('/', '+')}@${spec.version}`);
}

function errorLine(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text =
    typeof stderr === 'string' && stderr.trim() !== ''
      ? stderr
      : error instanceof Error
        ? error.message
        : String(error);
  // npm prints notices before the error; the first "error" line is the one that explains the failure.
  const lines = text.trim().split('\n');
  return (lines.find((line) => /\berr(or|!)/i.test(line)) ?? lines[lines.length - 1] ?? 'unknown error').trim();
}
