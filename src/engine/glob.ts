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
    const full = new Minimatch(glob, OPTIONS);
    matcher = segmentMatcher(glob, full) ?? withLastSegmentCheck(glob, full);
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

/** The regular expression source of a plain segment: `*` is any run of characters but `/`. */
export function plainSegmentSource(segment: string): string {
  return segment
    .split('*')
    .map((text) => text.replace(/[.+]/g, '\\$&'))
    .join('[^/]*');
}

/** Stands for `**` in a compiled segment list. */
const GLOBSTAR = 0;
/** Any one segment: what a trailing `**` must take at least (minimatch's `a/**` matches `a/b`, never `a`). */
const ANY = 1;
type Segment = string | RegExp | typeof GLOBSTAR | typeof ANY;

/**
 * Globs made of `**` and plain segments (`/repo/**\/*.d.ts`, `**\/node_modules/**`: every default, most
 * configuration and .gitignore excludes) are matched segment by segment, the linear wildcard walk over
 * whole segments, instead of by minimatch's recursive globstar search, which was a third of a cached
 * re-scan. Paths whose segments minimatch treats specially (empty but a leading one, `.` and `..`) still
 * go to minimatch; test/unit/glob.test.ts compares both on generated globs and paths.
 */
function segmentMatcher(glob: string, full: Minimatch): GlobMatcher | undefined {
  if (glob.startsWith('!') || glob.startsWith('#')) return undefined;
  const parts = glob.split('/');
  const segments: Segment[] = [];
  for (const [index, part] of parts.entries()) {
    if (part === '**') segments.push(GLOBSTAR);
    else if (part === '' && index === 0) segments.push('');
    else if (part === '' || part === '.' || part === '..' || !PLAIN_SEGMENT.test(part)) return undefined;
    else segments.push(part.includes('*') ? new RegExp(`^${plainSegmentSource(part)}$`) : part);
  }
  if (segments.at(-1) === GLOBSTAR) segments.splice(segments.length - 1, 0, ANY);
  const absolute = parts[0] === '';
  // Most paths a walk tests fail on the glob's last named segment: the path's last name for `…/*.d.ts`,
  // any name but the last for `…/dist/**`. That check comes first and is all most paths pay.
  // (A plain segment's characters are [\w.@+-]: only `.` and `+` need escaping in a regular expression.)
  const last = segments.at(-1);
  const beforeAny = segments.at(-3);
  const tail: ((names: readonly string[]) => boolean) | undefined =
    last !== GLOBSTAR && last !== ANY && last !== undefined
      ? (names) => segmentMatches(last, names.at(-1) ?? '')
      : undefined;
  // A non-empty name before the last one that matches the segment before `/**`, in one scan of the path.
  const folder =
    beforeAny !== GLOBSTAR && beforeAny !== ANY && beforeAny !== undefined && beforeAny !== '' && last === GLOBSTAR
      ? new RegExp(
          `(?:^|/)(?=[^/])${typeof beforeAny === 'string' ? beforeAny.replace(/[.+]/g, '\\$&') : beforeAny.source.slice(1, -1)}/`,
        )
      : undefined;
  return {
    match(file: string): boolean {
      const names = namesOf(file);
      if (names === undefined) return full.match(file);
      // A path from the file system root against a relative glob: only a leading `**` may take its empty segment.
      if (names[0] === '' && !absolute && segments[0] !== GLOBSTAR) return full.match(file);
      if ((tail !== undefined && !tail(names)) || (folder !== undefined && !folder.test(file))) return false;
      return matchSegments(segments, names);
    },
  };
}

function segmentMatches(segment: string | RegExp, name: string): boolean {
  return typeof segment === 'string' ? segment === name : name !== '' && segment.test(name);
}

/** The last path split: every exclude rule of a walk tests the same path in turn. */
let lastFile = '';
let lastNames: string[] | undefined;

/** The path's names, or undefined when one is a name minimatch treats apart (empty but a leading one, `.`, `..`). */
function namesOf(file: string): string[] | undefined {
  if (file === lastFile) return lastNames;
  const names: string[] | undefined = file.split('/');
  lastFile = file;
  lastNames = names.every((name, index) => name !== '.' && name !== '..' && (name !== '' || index === 0))
    ? names
    : undefined;
  return lastNames;
}

/** Wildcard matching over whole segments; only the last `**` seen is ever widened, so the walk is linear per try. */
function matchSegments(pattern: readonly Segment[], names: readonly string[]): boolean {
  let at = 0;
  let name = 0;
  let star = -1;
  let starName = 0;
  while (name < names.length) {
    const segment = pattern[at];
    const text = names[name] as string;
    if (segment === GLOBSTAR) {
      star = at++;
      starName = name;
    } else if (segment !== undefined && (segment === ANY ? text !== '' : segmentMatches(segment, text))) {
      at++;
      name++;
    } else if (star >= 0) {
      at = star + 1;
      name = ++starName;
    } else return false;
  }
  while (pattern[at] === GLOBSTAR) at++;
  return at === pattern.length;
}

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
  const segmentPattern = new RegExp(`^${plainSegmentSource(last)}$`);
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
