// Parts of a bundle that hold a dependency's code, as bundlers mark them: rolldown's `//#region <path>` …
// `//#endregion`, and esbuild's or Bun's `// <path>` header before each module. A tool declared inside one
// whose path runs through node_modules is the dependency's (a provider SDK's own tool definitions), not the
// project's, so it is not recognised; a function or class defined there is that package's export, not a project
// function to follow (`vendoredPackageAt`). webpack's module map is read from the tree (tools/webpack-modules.ts).
import type { Node } from '../ast';
import { webpackModuleRanges } from './webpack-modules';

/** Region markers read per file; a hostile file with more gets no more regions. */
const MAX_MARKERS = 20_000;
const REGION = /^\/\/#(region|endregion)\b[^\S\r\n]*(.*)$/gm;
/** A module header: a comment line that is only a relative source path. */
const HEADER = /^\/\/ ((?:[\w@.+-]+\/)*[\w@.+-]+\.(?:[cm]?[jt]sx?))$/gm;
const VENDORED = /(^|\/)node_modules\//;
/** The package at the front of what follows a path's last `node_modules/`: a name, with its scope. */
const PACKAGE = /^((?:@[\w.+-]+\/)?[\w.+-]+)\//;

/** A vendored region: its start and end offsets and the package its path names. */
export type Range = readonly [number, number, string];
export type Ranges = ReadonlyArray<Range>;

/** Ranges by file text: every tool, API lookup and callee of a file asks again, and a bundle is megabytes long. */
const cache = new WeakMap<object, Ranges>();

/** `vendoredRanges` of a parsed file, computed once per tree (the tree lives as long as the file's context). */
export function cachedVendoredRanges(tree: object, text: string): Ranges {
  let ranges = cache.get(tree);
  if (!ranges) {
    ranges = vendoredRanges(text);
    // A webpack or rspack bundle marks no region in comments: its module map's keys name each module's path.
    if (ranges.length === 0 && text.includes('__webpack_require__') && text.includes('node_modules/'))
      ranges = webpackModuleRanges(tree as Node, packageOf);
    cache.set(tree, ranges);
  }
  return ranges;
}

/** The offsets of vendored regions, sorted; empty for a file no bundler marked. */
export function vendoredRanges(text: string): Ranges {
  if (!text.includes('node_modules/')) return [];
  const out: Range[] = [];
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
  out: Range[],
): void {
  let open: { start: number; pkg: string | undefined } | undefined;
  let count = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match && count < MAX_MARKERS; match = pattern.exec(text), count++) {
    if (open?.pkg !== undefined) out.push([open.start, match.index, open.pkg]);
    const path = pathOf(match);
    open = path === undefined ? undefined : { start: match.index, pkg: packageOf(path) };
  }
  if (open?.pkg !== undefined) out.push([open.start, text.length, open.pkg]);
}

/** `../node_modules/.pnpm/ai@6.0.64_zod@4/node_modules/ai/dist/index.mjs` → `ai`; '' for a vendored path naming none. */
function packageOf(path: string): string | undefined {
  if (!VENDORED.test(path)) return undefined;
  // Found by position, not by a pattern that looks ahead for later ones: a hostile path may repeat it.
  return PACKAGE.exec(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))?.[1] ?? '';
}

/** Whether an offset falls inside one of the sorted ranges. */
export function isVendored(ranges: Ranges, offset: number): boolean {
  return vendoredPackageAt(ranges, offset) !== undefined;
}

/** The package of the vendored region holding an offset ('' when its path names none), or undefined outside them. */
export function vendoredPackageAt(ranges: Ranges, offset: number): string | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end, pkg] = ranges[middle] as Range;
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return pkg;
  }
  return undefined;
}
