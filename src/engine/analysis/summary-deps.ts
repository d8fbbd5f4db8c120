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

/** Dependencies of the summaries being computed now, innermost last (the analysis is synchronous). */
const open: Set<Dependency>[] = [];

interface SummaryRecord {
  readonly on: readonly Dependency[];
  /** The edit generation of its cache at which the summary was last known to hold. */
  checked: number;
}
const records = new WeakMap<object, SummaryRecord>();
const logs = new WeakMap<object, EditLog>();

/** The summary being computed (if any) depends on `dependency`. */
export function dependOn(dependency: Dependency): void {
  open[open.length - 1]?.add(dependency);
}

/** A cached summary was reused: the summary being computed depends on what it did. */
export function reuse(summary: object): void {
  const top = open[open.length - 1];
  if (top) for (const dependency of records.get(summary)?.on ?? []) top.add(dependency);
}

/** Runs one summary's analysis, collecting what it depends on (nested summaries' dependencies included). */
export function collecting<T>(run: () => T): { value: T; dependencies: Set<Dependency> } {
  const dependencies = new Set<Dependency>();
  open.push(dependencies);
  try {
    return { value: run(), dependencies };
  } finally {
    open.pop();
    const outer = open[open.length - 1];
    if (outer) for (const dependency of dependencies) outer.add(dependency);
  }
}

/** Keeps a summary's dependencies, computed now for the summary cache `owner`. */
export function remember(owner: object, summary: object, dependencies: Set<Dependency>): void {
  records.set(summary, { on: [...dependencies], checked: logs.get(owner)?.generation ?? 0 });
}

/**
 * Whether a summary of the cache `owner` may be reused: no edit logged since it was last checked changed what
 * it read. A summary with no record (computed before recording, or by another path) is not trusted after an edit.
 */
export function stillValid(owner: object, summary: object): boolean {
  const log = logs.get(owner);
  const record = records.get(summary);
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
