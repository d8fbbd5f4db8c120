// What each helper summary was derived from (the files the module loader handed its analysis, and the
// package-wide lookups it asked), and a short log of the edits since: an editor re-lints at every keystroke,
// and dropping every summary whenever the edited file had been loaded cost most of a lint. A cached summary is
// checked against the edits made after it was last known valid when it is about to be reused, so nothing
// indexes summaries by function (an index held through WeakRefs kept every tree alive within one synchronous
// loop of lints) and a summary no edit touched costs nothing to keep.
import * as path from 'node:path';

/**
 * A file path; or `kind\0root\0word`, a package-wide text lookup under `root` whose answer may change when
 * a file there starts or stops spelling `word`; or `prefix\0path`, an import that resolved to no file and
 * may resolve once a file whose path starts with `path` appears.
 */
export type Dependency = string;

/** Edits remembered per summary cache; a summary last checked before the oldest of them is analysed again. */
const MAX_EDITS = 32;
const PREFIX = 'prefix';

/**
 * The summaries being computed now, innermost last (the analysis is synchronous): what each depends on, the
 * function it summarises, and whether recursion or the depth limit stopped part of it.
 */
const open: Frame[] = [];

interface Frame {
  readonly dependencies: Set<Dependency>;
  readonly of: object | undefined;
  cut: boolean;
  /** Summaries computed or reused directly inside, and the longest chain of them (itself counting one). */
  readonly nested: object[];
  height: number;
}

interface SummaryRecord {
  readonly on: readonly Dependency[];
  /** The edit generation of its cache at which the summary was last known to hold. */
  checked: number;
  /**
   * Set when recursion into an outer summary, or the depth limit, stopped part of it: it holds only for the
   * lint it was computed in, since what it saw depends on where that lint entered the call graph.
   */
  lint?: number;
  /** Summaries computed or reused directly inside it: reusing it uses them too (see `reuse`). */
  readonly nested: readonly object[];
  /** The longest chain of nested summaries, itself counting one: a lint at depth d would see it whole iff d + height <= the limit. */
  readonly height: number;
  /** The latest lint that computed or reused it. */
  used: number;
}
const records = new WeakMap<object, SummaryRecord>();
const logs = new WeakMap<object, EditLog>();

/**
 * Which lint of the process is running (Project numbers them): a cache shared by many lints counts what one
 * lint used, so a file's result never depends on which files were linted before it.
 */
let currentLint = 0;

/** A new lint starts: per-lint counts (specialisation slots, summaries stopped by recursion or depth) restart. */
export function beginLint(): void {
  currentLint++;
}

/** The summary being computed (if any) depends on `dependency`. */
export function dependOn(dependency: Dependency): void {
  open[open.length - 1]?.dependencies.add(dependency);
}

/**
 * A cached summary was reused: the summary being computed depends on what it did, and this lint has now used
 * every summary it was built from, as a lint computing it afresh would have cached them.
 */
export function reuse(summary: object): void {
  const record = records.get(summary);
  if (!record) return;
  markUsed(record);
  const top = open[open.length - 1];
  if (!top) return;
  for (const dependency of record.on) top.dependencies.add(dependency);
  if (record.lint !== undefined) top.cut = true;
  top.nested.push(summary);
  top.height = Math.max(top.height, record.height + 1);
}

function markUsed(first: SummaryRecord): void {
  const pending = [first];
  for (let record = pending.pop(); record; record = pending.pop()) {
    if (record.used === currentLint) continue;
    record.used = currentLint;
    // Cut short inside a summary this lint reuses whole: computing that summary afresh would have cut it alike.
    if (record.lint !== undefined) record.lint = currentLint;
    for (const nested of record.nested) {
      const inner = records.get(nested);
      if (inner) pending.push(inner);
    }
  }
}

/**
 * Whether a valid cached summary (see stillValid) may be reused by a call at `depth` of `maxDepth`: one this
 * lint computed or used, or one that a lint computing it now would see whole, so the result never depends on
 * which lints ran before.
 */
export function reusableAt(summary: object, depth: number, maxDepth: number): boolean {
  const record = records.get(summary);
  if (!record) return true;
  if (record.used === currentLint) return true;
  return record.lint === undefined && depth + record.height <= maxDepth;
}

/** Whether this lint computed or used the summary (specialisation slots count only those). */
export function usedInThisLint(summary: object | undefined): boolean {
  return summary !== undefined && records.get(summary)?.used === currentLint;
}

/**
 * The analysis stopped short of `fn` (already being summarised further out) or, without `fn`, of a call past
 * the depth limit: every summary open inside `fn`'s (or every open one) saw less than a lint entering there would.
 */
export function cutShort(fn?: object): void {
  let from = 0;
  if (fn !== undefined) {
    for (let index = open.length - 1; index >= 0; index--) {
      if (open[index]?.of !== fn) continue;
      from = index + 1;
      break;
    }
  }
  for (let index = from; index < open.length; index++) (open[index] as Frame).cut = true;
}

/**
 * Runs the analysis summarising `of`, collecting what it depends on (nested summaries' dependencies included)
 * and whether it was cut short (see cutShort).
 */
export function collecting<T>(
  run: () => T,
  of?: object,
): { value: T; dependencies: Set<Dependency>; cut: boolean; nested: object[]; height: number } {
  const frame: Frame = { dependencies: new Set<Dependency>(), of, cut: false, nested: [], height: 1 };
  open.push(frame);
  try {
    return {
      value: run(),
      dependencies: frame.dependencies,
      cut: frame.cut,
      nested: frame.nested,
      height: frame.height,
    };
  } finally {
    open.pop();
    const outer = open[open.length - 1];
    if (outer) for (const dependency of frame.dependencies) outer.dependencies.add(dependency);
  }
}

/** Keeps what a summary computed now for the summary cache `owner` was built from (`collecting`'s answer). */
export function remember(
  owner: object,
  summary: object,
  built: { dependencies: Set<Dependency>; cut: boolean; nested: object[]; height: number },
): void {
  const record: SummaryRecord = {
    on: [...built.dependencies],
    checked: logs.get(owner)?.generation ?? 0,
    nested: built.nested,
    height: built.height,
    used: currentLint,
  };
  if (built.cut) record.lint = currentLint;
  records.set(summary, record);
  const outer = open[open.length - 1];
  if (!outer) return;
  outer.nested.push(summary);
  outer.height = Math.max(outer.height, built.height + 1);
}

/**
 * Whether a summary of the cache `owner` may be reused: no edit logged since it was last checked changed what
 * it read, and it was not cut short in another lint. A summary with no record (computed before recording, or
 * by another path) is not trusted after an edit.
 */
export function stillValid(owner: object, summary: object): boolean {
  const log = logs.get(owner);
  const record = records.get(summary);
  if (record?.lint !== undefined && record.lint !== currentLint) return false;
  if (!log || log.generation === 0) return true;
  if (!record) return false;
  return log.covers(record);
}

/** How many edits the summary cache `owner` has logged (0 in a scan, which changes no file). */
export function editGeneration(owner: object): number {
  return logs.get(owner)?.generation ?? 0;
}

/** Logs an edit of `file` for the summary cache `owner`: `changed` says which dependencies it may have changed. */
export function logEdit(owner: object, file: string, changed: EditCheck): void {
  let log = logs.get(owner);
  if (!log) {
    log = new EditLog();
    logs.set(owner, log);
  }
  log.add(file, changed);
}

/** Which dependencies an edit may have changed; `release` lets go of what it read to answer (the file's text). */
export interface EditCheck {
  changed(dependency: Dependency): boolean;
  release(): void;
}

/**
 * The edits of one summary cache since its summaries were computed, numbered from 1, one entry per file (the
 * newest): an edit's check asks what the file holds now, so an earlier edit of the same file adds nothing.
 */
class EditLog {
  generation = 0;
  /** Edits older than this were dropped (past MAX_EDITS files): a summary last checked before it is not trusted. */
  private forgotten = 0;
  private readonly edits = new Map<string, { generation: number; check: EditCheck }>();

  add(file: string, check: EditCheck): void {
    this.generation++;
    for (const edit of this.edits.values()) edit.check.release();
    this.edits.delete(file);
    this.edits.set(file, { generation: this.generation, check });
    if (this.edits.size <= MAX_EDITS) return;
    const [oldest, edit] = this.edits.entries().next().value as [string, { generation: number }];
    this.edits.delete(oldest);
    this.forgotten = edit.generation;
  }

  covers(record: SummaryRecord): boolean {
    if (record.checked === this.generation) return true;
    if (record.checked < this.forgotten) return false;
    for (const edit of this.edits.values()) {
      if (edit.generation > record.checked && record.on.some((dependency) => edit.check.changed(dependency)))
        return false;
    }
    record.checked = this.generation;
    return true;
  }
}

/**
 * Whether `dependency` may have changed with the edit of `file` (an absolute path; `text` reads it now): the
 * file itself; a lookup under a root holding it whose word it spells now (had it spelled the word before,
 * the lookup's answer named it, and the file was read as a dependency) or that it left (deleted); an import
 * that found nothing under a path the file's extends. `indexed` answers for lookups of an index finer than
 * spelling (`method`: the file declares a method of that name now), so `text.includes(…)` in an edited file
 * does not count as a change of what declares `includes`.
 */
export function dependencyChangedBy(
  file: string,
  text: () => string | undefined,
  indexed: (kind: string, root: string, word: string) => boolean | undefined,
): EditCheck {
  let read: { text: string | undefined } | undefined;
  const spells = new Map<string, boolean>();
  return {
    changed: (dependency) => {
      if (dependency === file) return true;
      // Most dependencies are files read (no separator): another file's path is not changed by this edit.
      if (!dependency.includes('\0')) return false;
      const [kind, root, word] = dependency.split('\0');
      if (root === undefined || kind === undefined) return false;
      if (kind === PREFIX) return file.startsWith(root);
      if (word === undefined || !file.startsWith(root + path.sep)) return false;
      const answer = indexed(kind, root, word) ?? spells.get(word);
      if (answer !== undefined) return answer;
      read ??= { text: text() };
      const spelled = read.text === undefined || read.text.includes(word);
      spells.set(word, spelled);
      return spelled;
    },
    release: () => {
      read = undefined;
    },
  };
}

export function lookupDependency(kind: string, root: string, word: string): Dependency {
  return `${kind}\0${root}\0${word}`;
}

export function prefixDependency(base: string): Dependency {
  return `${PREFIX}\0${base}`;
}
