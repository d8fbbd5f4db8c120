// Whether `x.get(…)` / `x.at(…)` on a value the model does not control is a lookup in a collection (Map,
// array, headers, search parameters) rather than a request a client makes with its arguments.
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/**
 * A collection's `get` and `at` take one key. A call with more arguments, or whose one argument is an object
 * literal (no collection is keyed by a fresh object), is a client's request, `client.get(path, { params })`,
 * `client.get({ params })`: its answer carries what the request carried, as any other call's does, so a
 * transaction a server builds from the model's price is the model's to sign.
 */
export function isKeyedLookup(method: string, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (method !== 'get' && method !== 'at') return false;
  const args = node.arguments;
  if (args.length > 1) return false;
  return args[0]?.type !== 'ObjectExpression';
}
