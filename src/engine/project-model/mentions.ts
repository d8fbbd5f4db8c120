// Which files of a package spell a word, with answers that outlive an edit to a file that does not change
// them: an editor re-lints at every keystroke, and re-reading every file of the package for each word asked
// cost a large dispatcher most of its lint.
import * as path from 'node:path';
import { runKeys, runSet, spellsWord, TokenTable } from './token-table';

/** Files kept per word searched (more: too common to follow). */
const MAX_MENTIONS = 6;
const TYPESCRIPT_SOURCE = /\.(ts|tsx|mts|cts)$/;
/** Packages whose table is held (the least recently searched is dropped first). */
const MAX_TABLES = 8;
/** Files edited since a package's table was built: past this the table is built again from the disk. */
const MAX_CHANGED = 32;
/** A word of word characters only: its table entry is the answer, no text is read to confirm it. */
const ONE_RUN = /^[\w$]+$/;

/** A package's table and what changed under it since it was built. */
interface Package {
  table: TokenTable;
  /** Listed files edited since the build, with their text now. */
  edited: Map<string, EditedText>;
}

/**
 * An edited file's text and, once searched, its runs: an editor's lint of a large file asks about a thousand
 * words, and scanning its megabytes for each one (`indexOf` past every longer word that contains it) cost more
 * than one pass that collects its runs.
 */
interface EditedText {
  text: string;
  runs?: Set<number>;
}

export class MentionIndex {
  /** By package folder, least recently searched first. */
  private readonly packages = new Map<string, Package>();
  /**
   * Readable files under a folder that its last listing left out (past the listing's bounds, in a skipped
   * folder): an edit to one cannot change the listing, so it does not cost the package a new table.
   */
  private readonly unlisted = new Map<string, Set<string>>();
  /** Files whose edit dropped a package's table, to be checked against the new listing. */
  private readonly pending = new Map<string, Set<string>>();

  constructor(
    private readonly read: (file: string) => string | undefined,
    private readonly list: (root: string) => string[],
  ) {}

  /**
   * Files under `root` whose text spells `word` as a whole (at most MAX_MENTIONS; none when more do: too
   * common to follow). `spelling` receives the files found spelling it, those of an answer too common to
   * return too.
   */
  filesMentioning(root: string, word: string, spelling?: string[]): string[] {
    const matches = this.search(root, word);
    spelling?.push(...matches);
    if (matches.length <= MAX_MENTIONS) return matches;
    // A published package ships compiled copies (.js, .mjs) beside its TypeScript sources: the sources,
    // when few enough, are the answer; past that the word is too common to follow.
    const typed = matches.filter((file) => TYPESCRIPT_SOURCE.test(file));
    return typed.length > 0 && typed.length <= MAX_MENTIONS && matches.length <= MAX_MENTIONS * 4 ? typed : [];
  }

  /** `file` changed (edited, created or deleted): the tables that list it read its new text. */
  refresh(file: string, current: () => string | undefined = () => this.read(file)): void {
    for (const [root, held] of [...this.packages]) {
      if (!file.startsWith(root + path.sep)) continue;
      const text = current();
      if (held.table.listed.has(file)) {
        // A deleted file changes the listing itself.
        if (text === undefined || held.edited.size >= MAX_CHANGED) this.packages.delete(root);
        else held.edited.set(file, { text });
      } else if (text !== undefined && !this.unlisted.get(root)?.has(file)) {
        // A new file may change the listing itself.
        this.packages.delete(root);
        this.pending.set(root, (this.pending.get(root) ?? new Set()).add(file));
      }
    }
  }

  /**
   * The first files of the listing that spell the word, one more than MAX_MENTIONS * 4 when there are more
   * (enough to tell a few from too many).
   */
  private search(root: string, word: string): string[] {
    const { table, edited } = this.package(root);
    const exact = ONE_RUN.test(word);
    const keys = runKeys(word);
    const positions = new Set(table.candidates(keys));
    for (const file of edited.keys()) positions.add(table.files.indexOf(file));
    const found: string[] = [];
    const spells = (file: string, indexed: boolean): boolean => {
      const current = edited.get(file);
      if (current !== undefined) {
        current.runs ??= runSet(current.text);
        const runs = current.runs;
        return keys.every((key) => runs.has(key)) && (exact || spellsWord(current.text, word));
      }
      if (indexed && exact) return true;
      const text = this.read(file);
      return text !== undefined && spellsWord(text, word);
    };
    for (const position of [...positions].sort((a, b) => a - b)) {
      if (position < 0 || position >= table.indexedCount) continue;
      const file = table.files[position] as string;
      if (spells(file, true)) found.push(file);
      if (found.length > MAX_MENTIONS * 4) return found;
    }
    for (const file of table.files.slice(table.indexedCount)) {
      if (spells(file, false)) found.push(file);
      if (found.length > MAX_MENTIONS * 4) return found;
    }
    return found;
  }

  private package(root: string): Package {
    const held = this.packages.get(root);
    if (held) {
      this.packages.delete(root);
      this.packages.set(root, held);
      return held;
    }
    return this.adopt(root, TokenTable.read(this.list(root), this.read));
  }

  /** Whether a table of `root` is held: a caller reading the package's texts anyway need not build one. */
  holds(root: string): boolean {
    return this.packages.has(root);
  }

  /** Holds `table` for `root` (built by `package` or by a caller from texts it read for its own indexes). */
  adopt(root: string, table: TokenTable): Package {
    const oldest = this.packages.keys().next();
    if (this.packages.size >= MAX_TABLES && !oldest.done) this.packages.delete(oldest.value);
    const built: Package = { table, edited: new Map() };
    this.packages.set(root, built);
    for (const file of this.pending.get(root) ?? []) {
      if (built.table.listed.has(file)) continue;
      const unlisted = this.unlisted.get(root) ?? new Set();
      this.unlisted.set(root, unlisted.add(file));
    }
    this.pending.delete(root);
    return built;
  }
}
