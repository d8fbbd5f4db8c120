// A project host over an in-memory map of files, counting reads, for tests of the project model and loader.
import * as path from 'node:path';
import type { ProjectHost } from '../../src/engine/types';

export interface MemoryHost extends ProjectHost {
  /** Reads of any file so far. */
  reads: number;
  /** Reads so far, per absolute path. */
  readsOf: Map<string, number>;
  /** The files by absolute path: a test edits, adds or deletes them here. */
  files: Map<string, string>;
}

/** A host over `files` (paths relative to `root`); folders are derived from the paths. */
export function memoryHost(root: string, files: Record<string, string>): MemoryHost {
  const full = new Map(Object.entries(files).map(([name, text]) => [path.join(root, name), text]));
  const host: MemoryHost = {
    reads: 0,
    readsOf: new Map(),
    files: full,
    readFile(file: string): string | undefined {
      const resolved = path.resolve(file);
      host.reads++;
      host.readsOf.set(resolved, (host.readsOf.get(resolved) ?? 0) + 1);
      return full.get(resolved);
    },
    listDirectory(dir: string): string[] | undefined {
      const names = new Set<string>();
      for (const file of full.keys()) {
        const rest = path.relative(path.resolve(dir), file);
        if (rest.startsWith('..')) continue;
        const [head, ...tail] = rest.split(path.sep);
        if (head) names.add(tail.length > 0 ? `${head}/` : head);
      }
      return [...names];
    },
  };
  return host;
}
