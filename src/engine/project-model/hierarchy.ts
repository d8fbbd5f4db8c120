// Which files of a package declare classes that extend or implement a given name, or declare a method of a
// given name: text indexes built once per package folder (no parsing), so a call on an interface can be
// resolved to its implementations and a call on an untyped receiver to the one class that has the method.
import * as path from 'node:path';
import type { ProjectHost } from '../types';

/** Bounds on one package's index: a hostile repository cannot make a lookup read or hold much. */
const MAX_FILES = 600;
const MAX_ENTRIES_VISITED = 4000;
const MAX_DEPTH = 8;
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'lib-cjs', 'lib-esm']);
/** Build-output folders a walk from the package root skips: a file inside one is searched from that folder instead. */
export const BUILD_FOLDERS: ReadonlySet<string> = new Set(['dist', 'build', 'out', 'lib-cjs', 'lib-esm']);
/** `class X<T> extends A<T> implements B, C {`: the heritage clause, up to the body's brace. */
const HERITAGE = /\bclass\s+[\w$]+(?:\s*<[^{]*?>)?\s+((?:extends|implements)\b[^{]{0,400})\{/g;
/**
 * A line that may open a method body: `  async navigate(url) {`, `  start(command: string): Child {`. It
 * over-approximates (a call statement at the start of a line matches too); the caller parses the files
 * it names and keeps only real class methods.
 */
const METHOD_LINE =
  /^[ \t]*(?:(?:public|private|protected|static|async|override|readonly)\s+)*#?([A-Za-z_$][\w$]*)\s*[<(][^\n]*$/gm;
/** Method names kept per file: a file of generated code cannot fill the index. */
const MAX_METHODS_PER_FILE = 400;
/** Files kept per word searched, and words answered per index before the answers start again. */
const MAX_MENTIONS = 6;
const MAX_MENTION_ANSWERS = 2000;
const MAX_SEARCHES_PER_ROOT = 32;
const TYPESCRIPT_SOURCE = /\.(ts|tsx|mts|cts)$/;

export class HierarchyIndex {
  private readonly indexes = new Map<string, Map<string, string[]>>();
  private readonly methodIndexes = new Map<string, Map<string, string[]>>();
  /** `root\0word` → files whose text spells the word; dropped whole when a file changes or it grows too big. */
  private readonly mentions = new Map<string, string[]>();
  private readonly searches = new Map<string, number>();

  constructor(private readonly host: ProjectHost) {}

  /** Files under `root` with a class whose `extends`/`implements` clause names `name`. */
  filesNaming(root: string, name: string): string[] {
    return this.index(root).get(name) ?? [];
  }

  /** Files under `root` with a line that may declare a method `name` (see METHOD_LINE). */
  filesDeclaringMethod(root: string, name: string): string[] {
    let index = this.methodIndexes.get(root);
    if (!index) {
      index = new Map();
      this.methodIndexes.set(root, index);
      for (const file of this.sourceFiles(root)) addMethods(index, file, this.host.readFile(file));
    }
    return index.get(name) ?? [];
  }

  /** Files under `root` whose text spells `word` (at most MAX_MENTIONS; none when more do: too common to follow). */
  filesMentioning(root: string, word: string): string[] {
    const key = `${root}\0${word}`;
    const cached = this.mentions.get(key);
    if (cached) return cached;
    // Each new word re-reads the package's files: past a few dozen per package the answer is "unknown".
    const searched = (this.searches.get(root) ?? 0) + 1;
    this.searches.set(root, searched);
    if (searched > MAX_SEARCHES_PER_ROOT) return [];
    if (this.mentions.size >= MAX_MENTION_ANSWERS) this.mentions.clear();
    const found: string[] = [];
    for (const file of this.sourceFiles(root)) {
      if (!this.host.readFile(file)?.includes(word)) continue;
      found.push(file);
      if (found.length > MAX_MENTIONS * 4) break;
    }
    // A published package ships compiled copies (.js, .mjs) beside its TypeScript sources: the sources,
    // when few enough, are the answer; past that the word is too common to follow.
    const typed = found.filter((file) => TYPESCRIPT_SOURCE.test(file));
    const answer =
      found.length <= MAX_MENTIONS
        ? found
        : typed.length > 0 && typed.length <= MAX_MENTIONS && found.length <= MAX_MENTIONS * 4
          ? typed
          : [];
    this.mentions.set(key, answer);
    return answer;
  }

  private index(root: string): Map<string, string[]> {
    const cached = this.indexes.get(root);
    if (cached) return cached;
    const index = new Map<string, string[]>();
    this.indexes.set(root, index);
    for (const file of this.sourceFiles(root)) this.add(index, file);
    return index;
  }

  private add(index: Map<string, string[]>, file: string): void {
    const text = this.host.readFile(file);
    if (text === undefined) return;
    for (const match of text.matchAll(HERITAGE)) {
      for (const name of heritageNames(match[1] ?? '')) {
        const files = index.get(name) ?? [];
        if (!files.includes(file)) files.push(file);
        index.set(name, files);
      }
    }
  }

  /** One file changed: re-read it in the indexes that cover it, rather than re-listing whole packages. */
  refresh(file: string): void {
    this.mentions.clear();
    this.searches.clear();
    const readers: Array<[Map<string, Map<string, string[]>>, (index: Map<string, string[]>) => void]> = [
      [this.indexes, (index) => this.add(index, file)],
      [this.methodIndexes, (index) => addMethods(index, file, this.host.readFile(file))],
    ];
    for (const [indexes, reread] of readers) {
      for (const [root, index] of indexes) {
        if (!file.startsWith(root + path.sep)) continue;
        for (const [name, files] of index)
          index.set(
            name,
            files.filter((entry) => entry !== file),
          );
        if (SOURCE.test(file)) reread(index);
      }
    }
  }

  /** Source files under `root`, breadth first, skipping dependencies, build output and hidden folders. */
  private sourceFiles(root: string): string[] {
    const files: string[] = [];
    const queue: Array<[dir: string, depth: number]> = [[root, 0]];
    let visited = 0;
    for (let next = queue.shift(); next && files.length < MAX_FILES; next = queue.shift()) {
      const [dir, depth] = next;
      for (const entry of (this.host.listDirectory?.(dir) ?? []).sort()) {
        if (++visited > MAX_ENTRIES_VISITED) return files;
        if (entry.endsWith('/')) {
          const name = entry.slice(0, -1);
          if (depth < MAX_DEPTH && !name.startsWith('.') && !SKIPPED_FOLDERS.has(name))
            queue.push([path.join(dir, name), depth + 1]);
        } else if (SOURCE.test(entry) && !/\.d\.(m|c)?ts$/.test(entry)) {
          files.push(path.join(dir, entry));
          if (files.length >= MAX_FILES) break;
        }
      }
    }
    return files;
  }
}

function addMethods(index: Map<string, string[]>, file: string, text: string | undefined): void {
  if (text === undefined || !text.includes('class')) return;
  let kept = 0;
  for (const match of text.matchAll(METHOD_LINE)) {
    // The line must end by opening a body (`) {`, `): Tab {`); every quantifier above is linear.
    if (!match[0].trimEnd().endsWith('{')) continue;
    const name = match[1] ?? '';
    const files = index.get(name) ?? [];
    if (files.includes(file)) continue;
    files.push(file);
    index.set(name, files);
    if (++kept >= MAX_METHODS_PER_FILE) return;
  }
}

/** The plain names in a heritage clause: `extends Base<T> implements A, ns.B` → Base, A, B. */
function heritageNames(clause: string): string[] {
  const withoutArgs = clause.replace(/<[^<>]*>/g, '').replace(/<[^<>]*>/g, '');
  return withoutArgs
    .replace(/\b(extends|implements)\b/g, ',')
    .split(',')
    .map((part) => part.trim().split('.').pop() ?? '')
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
}
