// The on-disk scan cache: a file's lint result is reused while its content, the content of every file the engine
// read to lint it, the configuration and the engine are unchanged.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENGINE_VERSION } from '../engine/index';
import type { LintResult, ResolvedConfig } from '../engine/types';
import { packageRoot, packageVersion } from './package-info';

/** The folder used when `--cache` is given without `--cache-location`, relative to the working directory. */
export const DEFAULT_CACHE_LOCATION = '.agent-risk-cache';
const CACHE_FILE = 'scan-cache.json';
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

export class ScanCache {
  private readonly entries: Map<string, Entry>;
  private readonly touched = new Set<string>();

  private constructor(
    readonly file: string,
    private readonly engine: string,
    entries: Record<string, Entry>,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /** Opens (or starts) the cache in `location`; an unreadable, foreign or outdated cache file starts empty. */
  static open(location: string): ScanCache {
    const file = path.join(location, CACHE_FILE);
    const engine = engineStamp();
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (
        parsed.format === FORMAT &&
        parsed.engine === engine &&
        typeof parsed.entries === 'object' &&
        parsed.entries !== null
      ) {
        return new ScanCache(file, engine, parsed.entries);
      }
    } catch {
      // A missing or corrupt cache only costs a full scan.
    }
    return new ScanCache(file, engine, {});
  }

  /**
   * The cached result for `file` when nothing it depends on has changed. `read` reads a file the way
   * the scan does (size limit, binary check), so a dependency is compared as the engine saw it.
   */
  lookup(file: string, config: string, read: (file: string) => string | undefined): LintResult | undefined {
    const entry = this.entries.get(file);
    if (entry === undefined || entry.configHash !== config) return undefined;
    if (!isUnchanged(entry.state, read)) return undefined;
    if (!entry.dependencies.every((dependency) => isUnchanged(dependency, read))) return undefined;
    this.touched.add(file);
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
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(content));
    fs.renameSync(temporary, this.file);
  }
}

/** True when `state` still describes the file: same timestamps and size (when those can be trusted) or same content. */
function isUnchanged(state: FileState, read: (file: string) => string | undefined): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(state.file);
  } catch {
    return state.hash === undefined;
  }
  if (
    state.hash !== undefined &&
    stat.size === state.size &&
    stat.mtimeMs === state.mtimeMs &&
    stat.mtimeMs < state.checkedAt - RACY_MS
  ) {
    return true;
  }
  const content = read(state.file);
  return (content === undefined ? undefined : hashText(content)) === state.hash;
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
