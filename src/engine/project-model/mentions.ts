// Which files of a package spell a word, with answers that outlive an edit to a file that does not change
// them: an editor re-lints at every keystroke, and re-reading every file of the package for each word asked
// cost a large dispatcher most of its lint.
import * as path from 'node:path';

/** Files kept per word searched (more: too common to follow), and answers held before the table starts again. */
const MAX_MENTIONS = 6;
const TYPESCRIPT_SOURCE = /\.(ts|tsx|mts|cts)$/;
const MAX_ANSWERS = 2000;
/**
 * Source characters of the package searched last kept in memory, so that its searches read no file again.
 * There is no cap on the number of searches: a cap per package counted across lints made a file's answer
 * depend on which files were linted before it in the same process (past it, "unknown"), so a serial scan
 * and a fresh lint of the same file disagreed. What bounds the searches of one lint is its work budget.
 */
const MAX_KEPT_CHARS = 12_000_000;
/** Files edited since answers were carried over; past this they are dropped rather than re-checked one by one. */
const MAX_CHANGED = 32;
/** Packages whose file listing is remembered (to tell an edited file from a new one). */
const MAX_LISTED_ROOTS = 64;

/**
 * The first matches of a search in listing order, one more than MAX_MENTIONS when the search stopped
 * early (so an edit can be checked against it: see `stillHolds`).
 */
type Matches = readonly string[];

export class MentionIndex {
  /** `root\0word` → matches found since the last edit. */
  private readonly answers = new Map<string, Matches>();
  /** Matches found before the last edits, reused on the next ask once every edited file is checked. */
  private readonly carried = new Map<string, Matches>();
  private readonly changed = new Set<string>();
  private readonly listed = new Map<string, ReadonlySet<string>>();
  /** Texts of files under `keptRoot`, as read (null: unreadable), within MAX_KEPT_CHARS. */
  private kept = new Map<string, string | null>();
  private keptRoot: string | undefined;
  private keptChars = 0;
  /**
   * Texts of the edited files as read since their last edit (undefined: unreadable). Every carried answer is
   * checked against every edited file: reading and decoding the file again for each (in an editor, the linted
   * file itself, megabytes for a bundle's chunk) cost a re-lint one read per word the last lint asked.
   */
  private readonly changedTexts = new Map<string, string | undefined>();

  constructor(
    private readonly read: (file: string) => string | undefined,
    private readonly list: (root: string) => string[],
  ) {}

  /**
   * Files under `root` whose text spells `word` (at most MAX_MENTIONS; none when more do: too common to
   * follow). `spelling` receives the files found spelling it, those of an answer too common to return too.
   */
  filesMentioning(root: string, word: string, spelling?: string[]): string[] {
    const key = `${root}\0${word}`;
    let matches = this.answers.get(key);
    if (!matches) {
      if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
      matches = this.reused(key, word) ?? this.search(root, word);
      this.answers.set(key, matches);
    }
    spelling?.push(...matches);
    if (matches.length <= MAX_MENTIONS) return [...matches];
    // A published package ships compiled copies (.js, .mjs) beside its TypeScript sources: the sources,
    // when few enough, are the answer; past that the word is too common to follow.
    const typed = matches.filter((file) => TYPESCRIPT_SOURCE.test(file));
    return typed.length > 0 && typed.length <= MAX_MENTIONS && matches.length <= MAX_MENTIONS * 4 ? typed : [];
  }

  /** `file` changed: answers are carried over, to be checked against it (and other edited files) when asked again. */
  refresh(file: string): void {
    for (const [key, matches] of this.answers) if (this.carried.size < MAX_ANSWERS) this.carried.set(key, matches);
    this.answers.clear();
    this.changed.add(file);
    this.changedTexts.delete(file);
    const text = this.kept.get(file);
    if (text !== undefined) {
      this.kept.delete(file);
      this.keptChars -= text?.length ?? 0;
    }
    // A file the listing did not hold (new, or past its bounds) may change the listing itself.
    const unlisted = [...this.listed].some(
      ([root, files]) => file.startsWith(root + path.sep) && !files.has(file) && this.changedText(file) !== undefined,
    );
    if (unlisted || this.changed.size > MAX_CHANGED) this.dropCarried();
  }

  private dropCarried(): void {
    this.carried.clear();
    this.changed.clear();
    this.changedTexts.clear();
  }

  /** A carried answer that no edited file's text contradicts. */
  private reused(key: string, word: string): Matches | undefined {
    const matches = this.carried.get(key);
    if (!matches) return undefined;
    this.carried.delete(key);
    const holds = [...this.changed].every((file) => this.stillHolds(matches, file, word));
    // The edited files matter only to answers still carried.
    if (this.carried.size === 0) {
      this.changed.clear();
      this.changedTexts.clear();
    }
    return holds ? matches : undefined;
  }

  /**
   * The matches are the first files of the listing that spell the word. An edited file still spelling it,
   * or still not spelling it, leaves them as they were; a deleted file (which changes the listing) does not.
   */
  private stillHolds(matches: Matches, file: string, word: string): boolean {
    const text = this.changedText(file);
    if (text === undefined) return !this.isListed(file);
    return text.includes(word) === matches.includes(file);
  }

  private changedText(file: string): string | undefined {
    if (this.changedTexts.has(file)) return this.changedTexts.get(file);
    const text = this.read(file);
    this.changedTexts.set(file, text);
    return text;
  }

  private isListed(file: string): boolean {
    return [...this.listed.values()].some((files) => files.has(file));
  }

  private search(root: string, word: string): Matches {
    const files = this.list(root);
    if (this.listed.size >= MAX_LISTED_ROOTS) {
      // A carried answer is checked against the listing of its package: without it, it cannot be.
      this.listed.clear();
      this.dropCarried();
    }
    this.listed.set(root, new Set(files));
    const found: string[] = [];
    for (const file of files) {
      if (!this.textOf(root, file)?.includes(word)) continue;
      found.push(file);
      if (found.length > MAX_MENTIONS * 4) break;
    }
    return found;
  }

  /** A file's text for a search under `root`: kept while the package's texts fit, read again otherwise. */
  private textOf(root: string, file: string): string | undefined {
    if (this.keptRoot !== root) {
      this.kept = new Map();
      this.keptRoot = root;
      this.keptChars = 0;
    }
    const known = this.kept.get(file);
    if (known !== undefined) return known ?? undefined;
    const text = this.read(file);
    if (this.keptChars + (text?.length ?? 0) <= MAX_KEPT_CHARS) {
      this.kept.set(file, text ?? null);
      this.keptChars += text?.length ?? 0;
    }
    return text;
  }
}
