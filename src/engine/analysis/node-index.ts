// Per-file indexes of nodes by a name they spell (calls by callee, constructions by class, calls by the identifiers
// they are handed), built in one bounded walk per file however many lookups ask.
import type { Node } from '../ast';
import { forEachOfTypes, type TypeName } from '../typed-nodes';
import type { FileContext } from './context';

/** Nodes visited per file: a hostile file cannot make an index long to build. */
const MAX_NODES_PER_FILE = 200_000;

/**
 * The file's nodes of type `type` by the names `keysOf` gives them (none: not indexed), in source order, kept in
 * `cache`; nodes past the first MAX_NODES_PER_FILE of the file's walk are not indexed.
 */
export function nodesByName<T extends Node>(
  ctx: FileContext,
  cache: WeakMap<FileContext, ReadonlyMap<string, T[]>>,
  type: TypeName<T>,
  keysOf: (node: T) => readonly string[] | undefined,
): ReadonlyMap<string, T[]> {
  const known = cache.get(ctx);
  if (known) return known;
  const index = new Map<string, T[]>();
  forEachOfTypes<T>(
    ctx.ast,
    [type],
    (node) => {
      for (const key of keysOf(node) ?? []) {
        const list = index.get(key);
        if (list) list.push(node);
        else index.set(key, [node]);
      }
    },
    MAX_NODES_PER_FILE,
  );
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
