// What each helper summary was derived from (the files the module loader handed its analysis, and the
// package-wide lookups it asked), so an edit drops only the summaries it can change: an editor re-lints at
// every keystroke, and dropping every summary whenever the edited file had been loaded cost half a lint.
import * as path from 'node:path';
import type { FunctionNode } from '../ast';

/**
 * A file path; or `kind\0root\0word`, a package-wide text lookup under `root` whose answer may change when
 * a file there starts or stops spelling `word`; or `prefix\0path`, an import that resolved to no file and
 * may resolve once a file whose path starts with `path` appears.
 */
export type Dependency = string;

/** (Summary, dependency) pairs indexed per project; past this the index gives up and every summary is dropped. */
const MAX_ENTRIES = 200_000;
const PREFIX = 'prefix';

/** Dependencies of the summaries being computed now, innermost last (the analysis is synchronous). */
const open: Set<Dependency>[] = [];
const ofSummary = new WeakMap<object, readonly Dependency[]>();
const indexes = new WeakMap<object, SummaryDependencies>();

/** The summary being computed (if any) depends on `dependency`. */
export function dependOn(dependency: Dependency): void {
  open[open.length - 1]?.add(dependency);
}

/** A cached summary was reused: the summary being computed depends on what it did. */
export function reuse(summary: object): void {
  const top = open[open.length - 1];
  if (top) for (const dependency of ofSummary.get(summary) ?? []) top.add(dependency);
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

/**
 * Keeps a computed summary's dependencies, for `reuse`. Not indexed by function: the index held each function
 * through a WeakRef, and a WeakRef keeps its target alive until the synchronous job that made it ends, so a
 * scan or a benchmark that lints files in one synchronous loop kept every tree (about 90 MB per re-lint of a
 * Mastra bundle). Until the index holds no reference to the function, `Project.invalidate` drops every
 * summary when a loaded file changes, as before the index.
 */
export function remember(_owner: object, summary: object, dependencies: Set<Dependency>, _fn?: FunctionNode): void {
  ofSummary.set(summary, [...dependencies]);
}

/** The index of symbolic summaries by dependency for one summary cache (`owner`). */
export function dependentsIndex(owner: object): SummaryDependencies {
  let index = indexes.get(owner);
  if (!index) {
    index = new SummaryDependencies();
    indexes.set(owner, index);
  }
  return index;
}

/**
 * Symbolic summaries by dependency. Functions are held weakly: a scan never drops summaries, and strong
 * references would keep every parsed file's tree alive.
 */
export class SummaryDependencies {
  private readonly dependents = new Map<Dependency, Set<WeakRef<FunctionNode>>>();
  private readonly refs = new WeakMap<FunctionNode, { ref: WeakRef<FunctionNode>; on: Set<Dependency> }>();
  private entries = 0;
  /** Set when the index outgrew its bound: it no longer knows every summary's dependencies. */
  overflowed = false;

  add(fn: FunctionNode, dependencies: Set<Dependency>): void {
    if (this.overflowed) return;
    let entry = this.refs.get(fn);
    if (!entry) {
      entry = { ref: new WeakRef(fn), on: new Set() };
      this.refs.set(fn, entry);
    }
    for (const dependency of dependencies) {
      if (entry.on.has(dependency)) continue;
      entry.on.add(dependency);
      let set = this.dependents.get(dependency);
      if (!set) {
        set = new Set();
        this.dependents.set(dependency, set);
      }
      set.add(entry.ref);
      this.entries++;
    }
    if (this.entries > MAX_ENTRIES) this.prune();
  }

  /** Removes and returns the functions whose summaries depend on a dependency `changed` accepts. */
  take(changed: (dependency: Dependency) => boolean): FunctionNode[] {
    const out: FunctionNode[] = [];
    for (const [dependency, refs] of [...this.dependents]) {
      if (!this.dependents.has(dependency) || !changed(dependency)) continue;
      for (const ref of refs) {
        const fn = ref.deref();
        if (fn) {
          out.push(fn);
          this.forget(fn, ref);
        } else if (refs.delete(ref)) this.entries--;
      }
      if (refs.size === 0) this.dependents.delete(dependency);
    }
    return out;
  }

  /** Drops one function from every dependency it was listed under. */
  private forget(fn: FunctionNode, ref: WeakRef<FunctionNode>): void {
    const on = this.refs.get(fn)?.on ?? [];
    this.refs.delete(fn);
    for (const dependency of on) {
      const set = this.dependents.get(dependency);
      if (!set?.delete(ref)) continue;
      this.entries--;
      if (set.size === 0) this.dependents.delete(dependency);
    }
  }

  /** Over the bound: forget collected functions; still over, give up (every summary is then dropped at an edit). */
  private prune(): void {
    for (const [dependency, refs] of this.dependents) {
      for (const ref of refs) if (ref.deref() === undefined && refs.delete(ref)) this.entries--;
      if (refs.size === 0) this.dependents.delete(dependency);
    }
    if (this.entries <= MAX_ENTRIES / 2) return;
    this.overflowed = true;
    this.dependents.clear();
    this.entries = 0;
  }
}

/**
 * Whether `dependency` may have changed with the edit of `file` (an absolute path; `text` reads it now): the
 * file itself; a lookup under a root holding it whose word it spells now (had it spelled the word before,
 * the lookup's answer named it, and the file was read as a dependency) or that it left (deleted); an import
 * that found nothing under a path the file's extends.
 */
export function dependencyChangedBy(file: string, text: () => string | undefined): (dependency: Dependency) => boolean {
  let read: { text: string | undefined } | undefined;
  return (dependency) => {
    if (dependency === file) return true;
    const [kind, root, word] = dependency.split('\0');
    if (root === undefined) return false;
    if (kind === PREFIX) return file.startsWith(root);
    if (word === undefined || !file.startsWith(root + path.sep)) return false;
    read ??= { text: text() };
    return read.text === undefined || read.text.includes(word);
  };
}

export function lookupDependency(kind: string, root: string, word: string): Dependency {
  return `${kind}\0${root}\0${word}`;
}

export function prefixDependency(base: string): Dependency {
  return `${PREFIX}\0${base}`;
}
