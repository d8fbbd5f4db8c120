// Lists the real-world corpus (the project's own node_modules) and picks a deterministic, spread-out sample of it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CORPUS_EXTENSIONS = new Set(['.js', '.ts', '.mjs', '.cjs', '.tsx', '.jsx']);

/**
 * Every source file under `root`, sorted. Symlinks are not followed: `node_modules/.bin` and workspace
 * links point back into the tree, and a file must be counted once.
 */
export function corpusFiles(root: string): string[] {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile() && CORPUS_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) files.push(full);
    }
  }
  return files.sort();
}

/**
 * `count` files chosen by a hash of their path relative to `root`: the same files on every machine with
 * the same lockfile, spread over packages rather than the first few folders.
 */
export function deterministicSample(files: readonly string[], root: string, count: number): string[] {
  const keyed = files.map((file) => ({
    file,
    key: createHash('sha1').update(path.relative(root, file).split(path.sep).join('/')).digest('hex'),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed
    .slice(0, count)
    .map((entry) => entry.file)
    .sort();
}
