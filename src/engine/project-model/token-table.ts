// Which files of a package listing spell a word, from one pass over their texts: every run of word characters
// of each file is hashed into a table of postings, so a search costs a lookup instead of a read of the package.
// Before it, each search re-listed the package and re-read (and re-decoded) every file past the kept texts: a
// compiled framework asked about a thousand words, each one a read of tens of megabytes.

/** Postings the table holds (files past it are read at each search instead): a hostile package cannot fill memory. */
const MAX_POSTINGS = 1_500_000;

/** `[A-Za-z0-9_$]`: the characters an identifier's run is made of (JavaScript's `\w` and `$`). */
export function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 36
  );
}

/**
 * Whether `text` spells `word` as a whole: not as part of a longer run of word characters (`createProject` does
 * not spell `create`). Edges of the word that are not word characters need no boundary.
 */
export function spellsWord(text: string, word: string): boolean {
  if (word === '') return false;
  const open = isWordChar(word.charCodeAt(0));
  const close = isWordChar(word.charCodeAt(word.length - 1));
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (open && isWordChar(text.charCodeAt(at - 1))) continue;
    if (close && isWordChar(text.charCodeAt(at + word.length))) continue;
    return true;
  }
  return false;
}

/**
 * Two 32-bit hashes of a run folded into 53 bits (a safe integer): a collision would only add a file to a
 * search's answer, and at this width none is expected in a package; a hostile package gains nothing from one
 * that spelling the word in a comment would not give it.
 */
function runKey(h1: number, h2: number): number {
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** The keys of the runs of word characters in `text`, in order (repeats included). */
function forEachRun(text: string, visit: (key: number) => void): void {
  let h1 = FNV_OFFSET;
  let h2 = 0;
  let inRun = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (isWordChar(code)) {
      h1 = Math.imul(h1 ^ code, FNV_PRIME);
      h2 = (Math.imul(h2, 31) + code) | 0;
      inRun = true;
    } else if (inRun) {
      visit(runKey(h1, h2));
      h1 = FNV_OFFSET;
      h2 = 0;
      inRun = false;
    }
  }
}

/** The distinct run keys of one text: an edited file's, asked about many words in one lint. */
export function runSet(text: string): Set<number> {
  const keys = new Set<number>();
  forEachRun(text, (key) => keys.add(key));
  return keys;
}

/** The keys of a word's runs: a file spelling the word as a whole spells each of them as a whole run. */
export function runKeys(word: string): number[] {
  const keys: number[] = [];
  forEachRun(word, (key) => keys.push(key));
  return keys;
}

/** A package's listing and the word runs of its files as read when the table was built. */
export class TokenTable {
  readonly listed: ReadonlySet<string>;
  private readonly postings = new Map<number, number[]>();
  private held = 0;
  private added = 0;

  /** An empty table over a listing: its files' texts are added in listing order. */
  constructor(readonly files: readonly string[]) {
    this.listed = new Set(files);
  }

  /** A table of the listing's files as `read` gives them. */
  static read(files: readonly string[], read: (file: string) => string | undefined): TokenTable {
    const table = new TokenTable(files);
    for (const file of files) if (!table.add(read(file))) break;
    return table;
  }

  /** Files (a prefix of the listing) whose runs the table holds; later ones are read at each search. */
  get indexedCount(): number {
    return this.added;
  }

  /** Adds the next file's text (undefined: unreadable); false once the table is full (the file is left out). */
  add(text: string | undefined): boolean {
    if (this.held >= MAX_POSTINGS || this.added >= this.files.length) return false;
    const index = this.added++;
    if (text === undefined) return true;
    forEachRun(text, (key) => {
      let list = this.postings.get(key);
      if (!list) {
        list = [];
        this.postings.set(key, list);
      }
      if (list[list.length - 1] !== index) {
        list.push(index);
        this.held++;
      }
    });
    return true;
  }

  /**
   * Listing positions (ascending) of indexed files that may spell a word with these runs: each run is in
   * them, as built. A word of one run needs no further check; a longer one is confirmed on the text.
   */
  candidates(keys: readonly number[]): readonly number[] {
    if (keys.length === 0) return Array.from({ length: this.indexedCount }, (_, index) => index);
    let found: readonly number[] = this.postings.get(keys[0] as number) ?? [];
    for (const key of keys.slice(1)) {
      const other = new Set(this.postings.get(key) ?? []);
      found = found.filter((index) => other.has(index));
    }
    return found;
  }
}
