// A tree's nodes grouped by type, in walk order, each with its position in the walk: built in one walk per tree.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk, type Node } from './ast';

/**
 * Why: a dozen per-file indexes (references by binding, classes by method, calls by callee, reassigned
 * variables, …) each walked the whole tree once per lint to look at one or two node types; on a large bundle
 * those walks were a tenth of its lint. Each index now reads only the nodes of its types, in the same order
 * as `walk` (pre-order, source order, type annotations left out, as `walk` leaves them out), and a bound on
 * visited nodes becomes a bound on the position (`walk`'s visit count is the position plus one while
 * nothing is pruned).
 */
export interface TypedNodes<T extends Node = Node> {
  readonly nodes: readonly T[];
  /** Each node's index in the tree's walk order. */
  readonly positions: ArrayLike<number>;
}

/** A node type's name as code spells it (`'CallExpression'`), not the parser's enum member. */
export type TypeName<T extends Node> = `${T['type']}`;

interface Buckets {
  byType: Map<string, TypedNodes>;
  /** Unions of several types asked together, merged in walk order. */
  merged: Map<string, TypedNodes>;
}

const byTree = new WeakMap<TSESTree.Program, Buckets>();
const NONE: TypedNodes = { nodes: [], positions: new Int32Array(0) };

function bucketsOf(program: TSESTree.Program): Buckets {
  const known = byTree.get(program);
  if (known) return known;
  const building = new Map<string, { nodes: Node[]; positions: number[] }>();
  let position = 0;
  walk(program, (node) => {
    let bucket = building.get(node.type);
    if (!bucket) {
      bucket = { nodes: [], positions: [] };
      building.set(node.type, bucket);
    }
    bucket.nodes.push(node);
    bucket.positions.push(position++);
    return undefined;
  });
  // Positions kept as 32-bit integers: the buckets live as long as the tree, in a scan's module cache too.
  const byType = new Map<string, TypedNodes>();
  for (const [type, bucket] of building)
    byType.set(type, { nodes: bucket.nodes, positions: Int32Array.from(bucket.positions) });
  const buckets = { byType, merged: new Map<string, TypedNodes>() };
  byTree.set(program, buckets);
  return buckets;
}

/** The nodes of `program` whose type is one of `types`, in walk order. */
export function nodesOfTypes<T extends Node = Node>(
  program: TSESTree.Program,
  types: readonly TypeName<T>[],
): TypedNodes<T> {
  const buckets = bucketsOf(program);
  if (types.length === 1) return (buckets.byType.get(types[0] as string) ?? NONE) as TypedNodes<T>;
  const key = types.join('|');
  const known = buckets.merged.get(key);
  if (known) return known as TypedNodes<T>;
  const parts = types.map((type) => buckets.byType.get(type) ?? NONE);
  const pairs: Array<{ node: Node; position: number }> = [];
  for (const part of parts)
    for (let i = 0; i < part.nodes.length; i++)
      pairs.push({ node: part.nodes[i] as Node, position: part.positions[i] as number });
  pairs.sort((a, b) => a.position - b.position);
  const merged = {
    nodes: pairs.map((pair) => pair.node),
    positions: Int32Array.from(pairs, (pair) => pair.position),
  };
  buckets.merged.set(key, merged);
  return merged as unknown as TypedNodes<T>;
}

/** Calls `visit` on each node of `types` in walk order, stopping before the first at or past `limit` positions. */
export function forEachOfTypes<T extends Node = Node>(
  program: TSESTree.Program,
  types: readonly TypeName<T>[],
  visit: (node: T) => void,
  limit = Number.POSITIVE_INFINITY,
): void {
  const { nodes, positions } = nodesOfTypes<T>(program, types);
  for (let i = 0; i < nodes.length; i++) {
    if ((positions[i] as number) >= limit) return;
    visit(nodes[i] as T);
  }
}
