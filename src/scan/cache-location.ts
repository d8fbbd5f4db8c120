// Where `--cache` keeps its file: the user's cache folder by default, never inside the scanned tree or behind a link.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder `--cache` uses by default: the user's cache folder (`$XDG_CACHE_HOME`, `%LOCALAPPDATA%`
 * or `~/.cache`), as ESLint and Prettier keep theirs outside the project, never the scanned tree.
 */
export function defaultCacheLocation(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, 'agent-risk');
  const local = env.LOCALAPPDATA;
  if (process.platform === 'win32' && local !== undefined && path.isAbsolute(local))
    return path.join(local, 'agent-risk', 'cache');
  return path.join(home, '.cache', 'agent-risk');
}

/**
 * Why `location` cannot hold the cache, or undefined when it can: a folder inside a scanned path
 * (its content would come from the tree under review) or a symlink (it would write elsewhere).
 * Inside the tree is refused outright rather than asking git whether it is tracked: an untracked
 * folder a build step writes is as much the attacker's as a committed one.
 */
export function cacheLocationError(location: string, scannedPaths: readonly string[]): string | undefined {
  const resolved = path.resolve(location);
  for (const scanned of scannedPaths) {
    const root = path.resolve(scanned);
    const relative = path.relative(realOrSelf(root), realOrSelf(resolved));
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative)))
      return `the cache location ${location} is inside the scanned path ${scanned}; results must not come from the tree under review. Use a folder outside it (the default is the user's cache folder).`;
  }
  let isLink = false;
  try {
    isLink = fs.lstatSync(resolved).isSymbolicLink();
  } catch {
    // A folder that does not exist yet is created when the cache is saved.
  }
  if (isLink) return `the cache location ${location} is a symlink; the cache is not written through links.`;
  return undefined;
}

/** The real path of the deepest existing ancestor, with the rest of the path appended. */
function realOrSelf(file: string): string {
  let existing = file;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) return file;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  try {
    return path.join(fs.realpathSync(existing), ...rest);
  } catch {
    return file;
  }
}
