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
const compiled = new Map<string, Minimatch>();

/** Why `glob` cannot be used, or undefined: today only too many brace expansions. */
export function globError(glob: string): string | undefined {
  const count = braceExpand(glob, { braceExpandMax: MAX_GLOB_EXPANSIONS + 1 }).length;
  return count > MAX_GLOB_EXPANSIONS
    ? `The glob \`${glob.length > 80 ? `${glob.slice(0, 80)}…` : glob}\` expands to more than ${MAX_GLOB_EXPANSIONS} patterns; split it or use wildcards.`
    : undefined;
}

/**
 * The compiled matcher of `glob` (dot files included), built once per process. Expansion is capped
 * at MAX_GLOB_EXPANSIONS, so a glob that slipped past validation matches less, never stalls.
 */
export function compileGlob(glob: string): Minimatch {
  let matcher = compiled.get(glob);
  if (matcher === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    matcher = new Minimatch(glob, OPTIONS);
    compiled.set(glob, matcher);
  }
  return matcher;
}

/** `minimatch(path, glob, { dot: true })` through the compiled cache. */
export function matchesGlob(file: string, glob: string): boolean {
  return compileGlob(glob).match(file);
}
