// The on-disk scan cache: a file's lint result is reused while its content, the content of every file the engine
// read to lint it, the configuration and the engine are unchanged. It lives outside the scanned tree, so a pull
// request cannot commit results for its own files.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENGINE_VERSION } from '../engine/config';
import type { LintResult, ResolvedConfig } from '../engine/types';
import { packageRoot, packageVersion } from './package-info';
import { writeFileReplacing } from './write-file';

/** One cache file per working directory, so projects sharing the user's cache folder do not contend. */
function cacheFileName(cwd: string): string {
  return `scan-cache-${hashText(path.resolve(cwd)).slice(0, 16)}.json`;
}
/** Bumped when the shape of the cache file changes. */
const FORMAT = 1;
/**
 * A file modified within this many milliseconds before it was hashed may change again without its
 * size or modification time changing (coarse timestamps), so its timestamps are not trusted later.
 */
const RACY_MS = 2000;

/** What a file looked like when it was hashed; `hash` is undefined when the file did not exist or could not be read. */
export interface FileState {
  file: string;
  hash?: string;
  size?: number;
  mtimeMs?: number;
  checkedAt: number;
}

interface Entry {
  state: FileState;
  configHash: string;
  /** Files the engine read through its host while linting (imported helpers, probed candidates). */
  dependencies: FileState[];
  result: LintResult;
}

interface CacheFile {
  format: number;
  engine: string;
  entries: Record<string, Entry>;
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of a resolved configuration: any setting may change results, so all of them key the cache. */
export function configHash(config: ResolvedConfig): string {
  return hashText(JSON.stringify(config));
}

/** The state of `file` as `read` sees it now (read returns undefined for a missing or unreadable file). */
export function fileState(file: string, read: (file: string) => string | undefined, text?: string): FileState {
  const checkedAt = Date.now();
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    return { file, checkedAt };
  }
  const content = text ?? read(file);
  if (content === undefined) return { file, checkedAt };
  return { file, hash: hashText(content), size: stat.size, mtimeMs: stat.mtimeMs, checkedAt };
}

/**
 * How a cached file is known to be unchanged, as ESLint's `--cache-strategy`: `metadata` trusts an
 * unchanged size and modification time (and hashes the content only when they changed); `content`
 * hashes every file on every run (for checkouts that rewrite timestamps, e.g. some CI caches).
 */
export const CACHE_STRATEGIES = ['metadata', 'content'] as const;
export type CacheStrategy = (typeof CACHE_STRATEGIES)[number];

export class ScanCache {
  private readonly entries: Map<string, Entry>;
  private readonly touched = new Set<string>();
  /** Results served from the cache in this run; every report format states it. */
  hits = 0;

  private constructor(
    readonly file: string,
    private readonly engine: string,
    entries: Record<string, Entry>,
    private readonly strategy: CacheStrategy,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /**
   * Opens (or starts) the cache for scans run in `cwd` in `location` (checked by cacheLocationError
   * first); an unreadable, foreign or outdated cache file starts empty.
   */
  static open(location: string, cwd: string, strategy: CacheStrategy = 'metadata'): ScanCache {
    const file = path.join(location, cacheFileName(cwd));
    const engine = engineStamp();
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (
        parsed.format === FORMAT &&
        parsed.engine === engine &&
        typeof parsed.entries === 'object' &&
        parsed.entries !== null
      ) {
        return new ScanCache(file, engine, parsed.entries, strategy);
      }
    } catch {
      // A missing or corrupt cache only costs a full scan.
    }
    return new ScanCache(file, engine, {}, strategy);
  }

  /**
   * The cached result for `file` when nothing it depends on has changed. `read` reads a file the way
   * the scan does (size limit, binary check), so a dependency is compared as the engine saw it.
   */
  lookup(file: string, config: string, read: (file: string) => string | undefined): LintResult | undefined {
    const entry = this.entries.get(file);
    if (entry === undefined || entry.configHash !== config || !Array.isArray(entry.dependencies)) return undefined;
    // The entry is data, and data is not trusted to name what it describes: its state must be the
    // state of the file under its key, checked by that file's own timestamps or content hash.
    if (typeof entry.state !== 'object' || entry.state === null || entry.state.file !== file) return undefined;
    const state = verified(entry.state, read, this.strategy);
    if (state === undefined || state.hash === undefined) return undefined;
    const dependencies: FileState[] = [];
    for (const dependency of entry.dependencies) {
      const checked = verified(dependency, read, this.strategy);
      if (checked === undefined) return undefined;
      dependencies.push(checked);
    }
    if (!isResult(entry.result, file)) return undefined;
    // Timestamps that changed with the content kept are refreshed, so the next run needs no hashing.
    entry.state = state;
    entry.dependencies = dependencies;
    this.touched.add(file);
    this.hits++;
    return entry.result;
  }

  store(state: FileState, config: string, dependencies: FileState[], result: LintResult): void {
    this.entries.set(state.file, { state, configHash: config, dependencies, result });
    this.touched.add(state.file);
  }

  /** Writes the cache atomically; entries of files that no longer exist are dropped. */
  save(): void {
    const entries: Record<string, Entry> = {};
    for (const [file, entry] of this.entries) {
      if (this.touched.has(file) || fs.existsSync(file)) entries[file] = entry;
    }
    const content: CacheFile = { format: FORMAT, engine: this.engine, entries };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileReplacing(this.file, JSON.stringify(content));
  }
}

/** A cached result has the shape the report reads and describes the file it is stored under. */
function isResult(result: LintResult | undefined, file: string): boolean {
  return (
    typeof result === 'object' &&
    result !== null &&
    result.file === file &&
    Array.isArray(result.findings) &&
    Array.isArray(result.suppressed) &&
    Array.isArray(result.tools) &&
    Array.isArray(result.problems)
  );
}

/**
 * The folder `--cache` uses by default: the user's cache folder (`$XDG_CACHE_HOME`, `%LOCALAPPDATA%`
 * or `~/.cache`), as ESLint and Prettier keep theirs outside the project, never the scanned tree.
 */
export function defaultCacheLocation(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, 'agent-risk');
  const local = env.LOCALAPPDATA;
  if (process.platform === 'win32' && local !== undefined && path.isAbsolute(local))
    return path.join(local, 'agent-risk', 'cache');
  return path.join(home, '.cache', 'agent-risk');
}

/**
 * Why `location` cannot hold the cache, or undefined when it can: a folder inside a scanned path
 * (its content would come from the tree under review) or a symlink (it would write elsewhere).
 * Inside the tree is refused outright rather than asking git whether it is tracked: an untracked
 * folder a build step writes is as much the attacker's as a committed one.
 */
export function cacheLocationError(location: string, scannedPaths: readonly string[]): string | undefined {
  const resolved = path.resolve(location);
  for (const scanned of scannedPaths) {
    const root = path.resolve(scanned);
    const relative = path.relative(realOrSelf(root), realOrSelf(resolved));
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative)))
      return `the cache location ${location} is inside the scanned path ${scanned}; results must not come from the tree under review. Use a folder outside it (the default is the user's cache folder).`;
  }
  let isLink = false;
  try {
    isLink = fs.lstatSync(resolved).isSymbolicLink();
  } catch {
    // A folder that does not exist yet is created when the cache is saved.
  }
  if (isLink) return `the cache location ${location} is a symlink; the cache is not written through links.`;
  return undefined;
}

/** The real path of the deepest existing ancestor, with the rest of the path appended. */
function realOrSelf(file: string): string {
  let existing = file;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) return file;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  try {
    return path.join(fs.realpathSync(existing), ...rest);
  } catch {
    return file;
  }
}

/**
 * `state` (refreshed when only its timestamps changed) while it still describes its file, else
 * undefined: with `metadata`, unchanged size and modification time suffice when they can be trusted
 * (not written within RACY_MS of the hashing); otherwise, and always with `content`, the content hash decides.
 */
function verified(
  state: FileState,
  read: (file: string) => string | undefined,
  strategy: CacheStrategy,
): FileState | undefined {
  if (typeof state !== 'object' || state === null || typeof state.file !== 'string') return undefined;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(state.file);
  } catch {
    return state.hash === undefined ? state : undefined;
  }
  if (
    strategy === 'metadata' &&
    state.hash !== undefined &&
    stat.size === state.size &&
    stat.mtimeMs === state.mtimeMs &&
    stat.mtimeMs < state.checkedAt - RACY_MS
  ) {
    return state;
  }
  const checkedAt = Date.now();
  const content = read(state.file);
  const hash = content === undefined ? undefined : hashText(content);
  if (hash !== state.hash) return undefined;
  return hash === undefined
    ? { file: state.file, checkedAt }
    : { file: state.file, hash, size: stat.size, mtimeMs: stat.mtimeMs, checkedAt };
}

/**
 * Identifies the engine that produced cached results: its version, the package version, the rule
 * catalogs and the compiled engine code, so a changed engine never reuses results
 * even when nobody bumped ENGINE_VERSION.
 */
function engineStamp(): string {
  const hash = createHash('sha256').update(`${ENGINE_VERSION}\u0000${packageVersion()}`);
  const catalogs = path.join(packageRoot(), 'rules');
  for (const name of safeList(catalogs)
    .filter((entry) => entry.endsWith('.yml'))
    .sort()) {
    hash.update(name).update(safeRead(path.join(catalogs, name)));
  }
  // From out/src/cli the engine and rules are sibling folders; in a bundle this file is the code.
  const code = [path.join(__dirname, '..', 'engine'), path.join(__dirname, '..', 'rules')].filter((dir) =>
    fs.existsSync(dir),
  );
  // Contents, not timestamps: a rebuild that changes nothing must not throw the cache away.
  for (const file of code.length > 0 ? code.flatMap(listFiles) : [__filename])
    hash.update(path.basename(file)).update(safeRead(file));
  return hash.digest('hex').slice(0, 32);
}

function listFiles(dir: string): string[] {
  return safeList(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return fs.statSync(full).isDirectory() ? listFiles(full) : name.endsWith('.js') ? [full] : [];
    });
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
