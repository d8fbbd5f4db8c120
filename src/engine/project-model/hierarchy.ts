// Which files of a package declare classes that extend or implement a given name, or declare a method of a
// given name: text indexes built once per package folder (no parsing), so a call on an interface can be
// resolved to its implementations and a call on an untyped receiver to the one class that has the method.
import * as path from 'node:path';
import type { ProjectHost } from '../types';
import { MentionIndex } from './mentions';
import { TokenTable } from './token-table';

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

export class HierarchyIndex {
  private readonly indexes = new Map<string, Map<string, string[]>>();
  private readonly methodIndexes = new Map<string, Map<string, string[]>>();
  /** Files whose method names passed MAX_METHODS_PER_FILE: the index may miss their later classes. */
  private readonly capped = new Set<string>();
  private readonly mentions: MentionIndex;
  /** Lengths of the files the method index read: its candidates' sizes are asked without reading them again. */
  private readonly lengths = new Map<string, number>();

  constructor(private readonly host: ProjectHost) {
    this.mentions = new MentionIndex(
      (file) => host.readFile(file),
      (root) => this.sourceFiles(root),
    );
  }

  /** Files under `root` with a class whose `extends`/`implements` clause names `name`. */
  filesNaming(root: string, name: string): string[] {
    return this.index(root).get(name) ?? [];
  }

  /** The length of a file the method index read, as it read it (kept current by `refresh`). */
  indexedLength(file: string): number | undefined {
    return this.lengths.get(file);
  }

  private textOf(file: string, read = () => this.host.readFile(file)): string | undefined {
    const text = read();
    if (text === undefined) this.lengths.delete(file);
    else this.lengths.set(file, text.length);
    return text;
  }

  /** Files under `root` with a line that may declare a method `name` (see METHOD_LINE). */
  filesDeclaringMethod(root: string, name: string): string[] {
    this.readPackage(root);
    return this.methodIndexes.get(root)?.get(name) ?? [];
  }

  /**
   * Builds the indexes of `root` that are not built yet in one pass over its files: each text is read and
   * decoded once for all of them (a compiled framework's folder is tens of megabytes).
   */
  private readPackage(root: string): void {
    const heritage = this.indexes.has(root) ? undefined : new Map<string, string[]>();
    const methods = this.methodIndexes.has(root) ? undefined : new Map<string, string[]>();
    if (!heritage && !methods && this.mentions.holds(root)) return;
    if (heritage) this.indexes.set(root, heritage);
    if (methods) this.methodIndexes.set(root, methods);
    const files = this.sourceFiles(root);
    const table = this.mentions.holds(root) ? undefined : new TokenTable(files);
    // A full table stops taking texts; the files past it are read at each search.
    let filling = table !== undefined;
    for (const file of files) {
      const text = this.textOf(file);
      if (heritage) this.add(heritage, file, text);
      if (methods) this.indexMethods(methods, file, () => text);
      if (filling) filling = table?.add(text) ?? false;
    }
    if (table) this.mentions.adopt(root, table);
  }

  /**
   * Whether the method index stopped reading `file` before its end: a bundle whose vendored code comes
   * first fills the cap before the package's own classes, so a lookup from that file asks its own tree too.
   */
  methodIndexCapped(file: string): boolean {
    return this.capped.has(file);
  }

  private indexMethods(index: Map<string, string[]>, file: string, read?: () => string | undefined): void {
    if (addMethods(index, file, this.textOf(file, read))) this.capped.add(file);
    else this.capped.delete(file);
  }

  /** Files under `root` whose text spells `word` (a few; none when more do: see MentionIndex). */
  filesMentioning(root: string, word: string, spelling?: string[]): string[] {
    this.readPackage(root);
    return this.mentions.filesMentioning(root, word, spelling);
  }

  private index(root: string): Map<string, string[]> {
    this.readPackage(root);
    return this.indexes.get(root) ?? new Map();
  }

  private add(index: Map<string, string[]>, file: string, text = this.host.readFile(file)): void {
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
    // Every index re-reads the same text: read once (a bundle's chunk is megabytes, read at every keystroke).
    let read: { text: string | undefined } | undefined;
    const current = (): string | undefined => {
      read ??= { text: this.host.readFile(file) };
      return read.text;
    };
    this.mentions.refresh(file, current);
    const readers: Array<[Map<string, Map<string, string[]>>, (index: Map<string, string[]>) => void]> = [
      [this.indexes, (index) => this.add(index, file, current())],
      [this.methodIndexes, (index) => this.indexMethods(index, file, current)],
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

/** Adds the method names `file` may declare; true when it stopped at MAX_METHODS_PER_FILE. */
function addMethods(index: Map<string, string[]>, file: string, text: string | undefined): boolean {
  if (text === undefined || !text.includes('class')) return false;
  let kept = 0;
  for (const match of text.matchAll(METHOD_LINE)) {
    // The line must end by opening a body (`) {`, `): Tab {`); every quantifier above is linear.
    if (!match[0].trimEnd().endsWith('{')) continue;
    const name = match[1] ?? '';
    const files = index.get(name) ?? [];
    if (files.includes(file)) continue;
    files.push(file);
    index.set(name, files);
    if (++kept >= MAX_METHODS_PER_FILE) return true;
  }
  return false;
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

/**
 * The files that may declare method `name` for a lookup asked from `asker`: the index's answer, and the asker
 * itself when the index stopped reading it early (its own classes are then checked on its parsed tree).
 */
export function withCappedAsker(
  hierarchy: HierarchyIndex | undefined,
  root: string,
  name: string,
  asker: string,
): string[] {
  const found = hierarchy?.filesDeclaringMethod(root, name) ?? [];
  return hierarchy?.methodIndexCapped(asker) && !found.includes(asker) ? [...found, asker] : found;
}
