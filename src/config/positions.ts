// Turns offsets into the 1-based line and column that configuration errors report.

/** Line starts of `text`, computed once per file so each lookup is a binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let offset = 0; offset < text.length; offset++) {
      const char = text.charCodeAt(offset);
      // A lone \r ends a line too, as editors count it.
      if (char === 10 || (char === 13 && text.charCodeAt(offset + 1) !== 10)) this.starts.push(offset + 1);
    }
  }

  /** 1-based line and column of a 0-based offset. */
  at(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }
}
