// Parts of a bundle that hold a dependency's code, as bundlers mark them: rolldown's `//#region <path>` …
// `//#endregion`, and esbuild's or Bun's `// <path>` header before each module. A tool declared inside one
// whose path runs through node_modules is the dependency's (a provider SDK's own tool definitions), not the
// project's, so it is not recognised.

/** Region markers read per file; a hostile file with more gets no more regions. */
const MAX_MARKERS = 20_000;
const REGION = /^\/\/#(region|endregion)\b[^\S\n]*(.*)$/gm;
/** A module header: a comment line that is only a relative source path. */
const HEADER = /^\/\/ ((?:[\w@.+-]+\/)*[\w@.+-]+\.(?:[cm]?[jt]sx?))$/gm;
const VENDORED = /(^|\/)node_modules\//;

export type Ranges = ReadonlyArray<readonly [number, number]>;

/** The offsets of vendored regions, sorted; empty for a file no bundler marked. */
export function vendoredRanges(text: string): Ranges {
  if (!text.includes('node_modules/')) return [];
  const out: Array<[number, number]> = [];
  collect(text, REGION, (match) => (match[1] === 'region' ? (match[2] ?? '') : undefined), out);
  if (out.length === 0) collect(text, HEADER, (match) => match[1] ?? '', out);
  return out;
}

/**
 * Each marker opens a section that runs to the next marker (a header) or to its end marker (a region,
 * where `pathOf` answers undefined); a section is kept when its path is vendored.
 */
function collect(
  text: string,
  pattern: RegExp,
  pathOf: (match: RegExpExecArray) => string | undefined,
  out: Array<[number, number]>,
): void {
  let open: { start: number; vendored: boolean } | undefined;
  let count = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match && count < MAX_MARKERS; match = pattern.exec(text), count++) {
    if (open?.vendored) out.push([open.start, match.index]);
    const path = pathOf(match);
    open = path === undefined ? undefined : { start: match.index, vendored: VENDORED.test(path) };
  }
  if (open?.vendored) out.push([open.start, text.length]);
}

/** Whether an offset falls inside one of the sorted ranges. */
export function isVendored(ranges: Ranges, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle] as readonly [number, number];
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return true;
  }
  return false;
}
