// Compiles each glob once per process, with brace expansion capped, so hostile globs cost neither time nor memory.
import { braceExpand, Minimatch } from 'minimatch';

/**
 * The most patterns one glob may expand to. `{a,b}` seventeen times is 131,072 patterns (4 GB and
 * minutes per compile); real configurations use a handful.
 */
export const MAX_GLOB_EXPANSIONS = 256;
/** Compiled globs kept; a configuration or a .gitignore has far fewer, and the map is cleared past this. */
const MAX_COMPILED = 10_000;

const OPTIONS = { dot: true, braceExpandMax: MAX_GLOB_EXPANSIONS };
const compiled = new Map<string, GlobMatcher>();

/** Why `glob` cannot be used, or undefined: today only too many brace expansions. */
export function globError(glob: string): string | undefined {
  const count = braceExpand(glob, { braceExpandMax: MAX_GLOB_EXPANSIONS + 1 }).length;
  return count > MAX_GLOB_EXPANSIONS
    ? `The glob \`${glob.length > 80 ? `${glob.slice(0, 80)}…` : glob}\` expands to more than ${MAX_GLOB_EXPANSIONS} patterns; split it or use wildcards.`
    : undefined;
}

/** A compiled glob: `match` is minimatch's, with the same answers. */
export interface GlobMatcher {
  match(file: string): boolean;
}

/**
 * The compiled matcher of `glob` (dot files included), built once per process. Expansion is capped
 * at MAX_GLOB_EXPANSIONS, so a glob that slipped past validation matches less, never stalls.
 */
export function compileGlob(glob: string): GlobMatcher {
  let matcher = compiled.get(glob);
  if (matcher === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    matcher = withLastSegmentCheck(glob, new Minimatch(glob, OPTIONS));
    compiled.set(glob, matcher);
  }
  return matcher;
}

/** `minimatch(path, glob, { dot: true })` through the compiled cache. */
export function matchesGlob(file: string, glob: string): boolean {
  return compileGlob(glob).match(file);
}

/** A last glob segment of plain characters and single stars, whose meaning does not depend on minimatch's options. */
const PLAIN_SEGMENT = /^[\w.@+-]*(?:\*[\w.@+-]*)*$/;

/**
 * A walk tests every entry against every exclude glob, and minimatch's globstar search costs most of a
 * cached re-scan. Each glob segment but `**` takes exactly one of the path's segments, and both end
 * together: a glob whose last segment is plain text and single stars (`*.d.ts`, `node_modules`) matches
 * only paths whose last segment that segment matches, and one ending in such a segment and `/**` only
 * paths with some segment it matches. Other paths are answered no without the search. Anything else
 * (negation, braces, classes, paths ending in a slash, `.` or `..`) keeps minimatch's answer alone; the
 * check only ever says no where minimatch says no.
 */
function withLastSegmentCheck(glob: string, full: Minimatch): GlobMatcher {
  const underFolder = glob.endsWith('/**');
  const body = underFolder ? glob.slice(0, -3) : glob;
  const last = body.slice(body.lastIndexOf('/') + 1);
  if (glob.startsWith('!') || glob.startsWith('#') || last === '' || last === '.' || last === '..') return full;
  if (last.includes('**') || !PLAIN_SEGMENT.test(last)) return full;
  const segmentPattern = new RegExp(
    `^${last
      .split('*')
      .map((text) => text.replace(/[.+]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  const anySegment = new RegExp(`(?:^|/)${segmentPattern.source.slice(1, -1)}(?:/|$)`);
  return {
    match(file: string): boolean {
      const segment = file.slice(file.lastIndexOf('/') + 1);
      if (segment === '' || segment === '.' || segment === '..') return full.match(file);
      const may = underFolder ? anySegment.test(file) : segmentPattern.test(segment);
      return may && full.match(file);
    },
  };
}
