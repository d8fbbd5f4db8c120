// The on-disk scan cache: a file's lint result is reused while its content, the content of every file the engine
// read to lint it, the configuration and the engine are unchanged. It lives outside the scanned tree, so a pull
// request cannot commit results for its own files.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LintResult, ResolvedConfig } from '../engine/types';
import { engineStamp } from './engine-stamp';
import { writeFileReplacing } from './write-file';

/** One cache file per working directory, so projects sharing the user's cache folder do not contend. */
function cacheFileName(cwd: string): string {
  return `scan-cache-${hashText(path.resolve(cwd)).slice(0, 16)}.json`;
}
/** Bumped when the shape of the cache file changes. */
const FORMAT = 2;
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
  configHash: string;
  /** Files the engine read through its host while linting (imported helpers, probed candidates). */
  dependencies: string[];
  result: LintResult;
}

/**
 * On disk every file's state is written once and entries refer to it by index: a helper read by a
 * thousand files was a thousand copies of its hash, two thirds of the file a re-scan parses.
 */
interface StoredEntry {
  state: number;
  config: number;
  dependencies: number[];
  result: LintResult;
}

interface CacheFile {
  format: number;
  engine: string;
  configs: string[];
  files: FileState[];
  entries: Record<string, StoredEntry>;
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
  const stat = statOf(file);
  if (stat === undefined) return { file, checkedAt };
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

type Read = (file: string) => string | undefined;

export class ScanCache {
  /** The last known state of every file an entry depends on (its own file included), shared by all entries. */
  private readonly states = new Map<string, FileState>();
  private readonly entries = new Map<string, Entry>();
  private readonly touched = new Set<string>();
  /**
   * Whether each file still matches its state, decided once per run and per reader (a reader's size limit
   * changes what it sees): a helper many entries read is stat'ed (or hashed) once, not once per entry.
   */
  private readonly current = new Map<Read, Map<string, boolean>>();
  /** States stored in this run: an entry linted earlier in the run against another content is not kept. */
  private readonly storedStates = new Set<string>();
  /** Entries linted (not looked up) in this run: their states are this run's. */
  private readonly storedEntries = new Set<string>();
  /** Files whose state changed in this run: entries not linted again that depend on them are dropped on save. */
  private readonly replaced = new Set<string>();
  /** Nothing to write when nothing changed: an unchanged tree's re-scan only reads the cache. */
  private changed = false;
  /** Results served from the cache in this run; every report format states it. */
  hits = 0;

  private constructor(
    readonly file: string,
    private readonly engine: string,
    private readonly strategy: CacheStrategy,
  ) {}

  /**
   * Opens (or starts) the cache for scans run in `cwd` in `location` (checked by cacheLocationError
   * first); an unreadable, foreign or outdated cache file starts empty.
   */
  static open(location: string, cwd: string, strategy: CacheStrategy = 'metadata'): ScanCache {
    const cache = new ScanCache(path.join(location, cacheFileName(cwd)), engineStamp(), strategy);
    try {
      cache.load(JSON.parse(fs.readFileSync(cache.file, 'utf8')) as Partial<CacheFile>);
    } catch {
      // A missing or corrupt cache only costs a full scan.
      cache.states.clear();
      cache.entries.clear();
    }
    return cache;
  }

  /**
   * The cached result for `file` when nothing it depends on has changed. `read` reads a file the way
   * the scan does (size limit, binary check), so a dependency is compared as the engine saw it.
   */
  lookup(file: string, config: string, read: Read): LintResult | undefined {
    const entry = this.entries.get(file);
    if (entry === undefined || entry.configHash !== config) return undefined;
    if (!this.isCurrent(file, read) || this.states.get(file)?.hash === undefined) return undefined;
    for (const dependency of entry.dependencies) if (!this.isCurrent(dependency, read)) return undefined;
    if (!isResult(entry.result, file)) return undefined;
    this.touched.add(file);
    this.hits++;
    return entry.result;
  }

  store(state: FileState, config: string, dependencies: FileState[], result: LintResult): void {
    const states = [state, ...dependencies];
    // Two files of one run that read one helper with different contents (edited mid-scan): only the first is kept.
    for (const next of states) {
      const known = this.storedStates.has(next.file) ? this.states.get(next.file) : undefined;
      if (known !== undefined && known.hash !== next.hash) return;
    }
    for (const next of states) {
      if (this.states.get(next.file)?.hash !== next.hash) this.replaced.add(next.file);
      this.states.set(next.file, next);
      this.storedStates.add(next.file);
      for (const answers of this.current.values()) answers.delete(next.file);
    }
    const files = [...new Set(dependencies.map((dependency) => dependency.file))];
    this.entries.set(state.file, { configHash: config, dependencies: files, result });
    this.storedEntries.add(state.file);
    this.touched.add(state.file);
    this.changed = true;
  }

  /**
   * Writes the cache atomically when anything changed; entries of files that no longer exist are dropped,
   * and so are entries this run did not lint again that depend on a file whose content changed.
   */
  save(): void {
    for (const [file, entry] of this.entries) {
      if (this.storedEntries.has(file)) continue;
      const stale = this.replaced.has(file) || entry.dependencies.some((dependency) => this.replaced.has(dependency));
      if (stale || (!this.touched.has(file) && !fs.existsSync(file))) {
        this.entries.delete(file);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    const configs = new Map<string, number>();
    const files = new Map<string, number>();
    const indexOf = (index: Map<string, number>, value: string): number => {
      let at = index.get(value);
      if (at === undefined) {
        at = index.size;
        index.set(value, at);
      }
      return at;
    };
    const entries: Record<string, StoredEntry> = {};
    for (const [file, entry] of this.entries) {
      entries[file] = {
        state: indexOf(files, file),
        config: indexOf(configs, entry.configHash),
        dependencies: entry.dependencies.map((dependency) => indexOf(files, dependency)),
        result: entry.result,
      };
    }
    const content: CacheFile = {
      format: FORMAT,
      engine: this.engine,
      configs: [...configs.keys()],
      files: [...files.keys()].map((file) => this.states.get(file) ?? { file, checkedAt: 0 }),
      entries,
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileReplacing(this.file, JSON.stringify(content));
    this.changed = false;
  }

  /** Takes a parsed cache file's entries; the file is data, so every index and name is checked before use. */
  private load(parsed: Partial<CacheFile>): void {
    if (parsed.format !== FORMAT || parsed.engine !== this.engine) return;
    const { configs, files, entries } = parsed;
    if (!Array.isArray(configs) || !Array.isArray(files) || typeof entries !== 'object' || entries === null) return;
    for (const [file, stored] of Object.entries(entries)) {
      if (typeof stored !== 'object' || stored === null) continue;
      const state = files[stored.state];
      const config = configs[stored.config];
      // The entry is data, and data is not trusted to name what it describes: its state must be the
      // state of the file under its key, checked by that file's own timestamps or content hash.
      if (!isState(state) || state.file !== file || typeof config !== 'string' || !Array.isArray(stored.dependencies))
        continue;
      const dependencies = stored.dependencies.map((at) => files[at]);
      if (!dependencies.every(isState)) continue;
      this.states.set(file, state);
      for (const dependency of dependencies) this.states.set(dependency.file, dependency);
      this.entries.set(file, {
        configHash: config,
        dependencies: dependencies.map((dependency) => dependency.file),
        result: stored.result,
      });
    }
  }

  /** Whether `file` still matches its known state, answered once per run and reader; refreshes timestamps. */
  private isCurrent(file: string, read: Read): boolean {
    let answers = this.current.get(read);
    if (answers === undefined) {
      answers = new Map();
      this.current.set(read, answers);
    }
    const known = answers.get(file);
    if (known !== undefined) return known;
    const state = this.states.get(file);
    const checked = state === undefined ? undefined : verified(state, read, this.strategy);
    if (checked !== undefined && checked !== state) {
      // Timestamps that changed with the content kept are refreshed, so the next run needs no hashing.
      this.states.set(file, checked);
      this.changed = true;
    }
    answers.set(file, checked !== undefined);
    return checked !== undefined;
  }
}

function isState(state: FileState | undefined): state is FileState {
  return typeof state === 'object' && state !== null && typeof state.file === 'string';
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
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
  const stat = statOf(state.file);
  if (stat === undefined) return state.hash === undefined ? state : undefined;
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
