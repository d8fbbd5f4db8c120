// Per-file indexes of nodes by a name they spell (calls by callee, constructions by class, calls by the identifiers
// they are handed), built in one bounded walk per file however many lookups ask.
import { walk, type Node } from '../ast';
import type { FileContext } from './context';

/** Nodes visited per file: a hostile file cannot make an index long to build. */
const MAX_NODES_PER_FILE = 200_000;

/** The file's nodes by the names `keysOf` gives them (none: not indexed), in source order, kept in `cache`. */
export function nodesByName<T extends Node>(
  ctx: FileContext,
  cache: WeakMap<FileContext, ReadonlyMap<string, T[]>>,
  keysOf: (node: Node) => readonly string[] | undefined,
): ReadonlyMap<string, T[]> {
  const known = cache.get(ctx);
  if (known) return known;
  const index = new Map<string, T[]>();
  let visited = 0;
  walk(ctx.ast, (node) => {
    if (++visited > MAX_NODES_PER_FILE) return false;
    for (const key of keysOf(node) ?? []) {
      const list = index.get(key);
      if (list) list.push(node as T);
      else index.set(key, [node as T]);
    }
    return undefined;
  });
  cache.set(ctx, index);
  return index;
}

/** `runServer(…)`, `(0, server_1.runServer)(…)`, `new tools_1.ShellTools(…)`: the name a callee ends in. */
export function spelledName(callee: Node): string | undefined {
  let inner: Node = callee;
  if (inner.type === 'SequenceExpression') inner = inner.expressions[inner.expressions.length - 1] ?? inner;
  if (inner.type === 'Identifier') return inner.name;
  return inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier'
    ? inner.property.name
    : undefined;
}
