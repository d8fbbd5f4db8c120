// Package clients a dispatch hands a handler beside the input (`handler(args, neonClient)`, `paramApis`), followed
// through the handler's own parameters into the helpers it passes them to (`handleCreate(params, neonClient)`):
// a method of such a parameter is a method of the package's client, for the write scan that reads code by its syntax.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type FunctionNode, type Node } from '../ast';
import type { ApiRef } from '../api';
import type { FileContext } from '../analysis/context';

/** The package API a receiver expression holds as a carried parameter, if any. */
export type CarriedApis = (node: Node) => ApiRef | undefined;

export const NO_CARRIED: CarriedApis = () => undefined;

/** `fn`'s parameters by index that hold a package client: a plain identifier parameter reads as it. */
export function carriedBy(
  fn: FunctionNode,
  ctx: FileContext,
  apis: ReadonlyMap<number, ApiRef> | undefined,
): CarriedApis {
  if (!apis || apis.size === 0) return NO_CARRIED;
  return (node) => {
    const inner = unwrapExpression(node);
    if (inner.type !== 'Identifier') return undefined;
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind !== 'param' || binding.fn !== fn || binding.patternPath.length > 0) return undefined;
    return binding.paramIndex === undefined ? undefined : apis.get(binding.paramIndex);
  };
}

/** The clients a call hands a helper, by the helper's parameter index. */
export function handedApis(call: TSESTree.CallExpression, carried: CarriedApis): Map<number, ApiRef> | undefined {
  if (carried === NO_CARRIED) return undefined;
  let out: Map<number, ApiRef> | undefined;
  call.arguments.forEach((argument, index) => {
    const api = argument.type === 'SpreadElement' ? undefined : carried(argument);
    if (!api) return;
    out ??= new Map();
    out.set(index, api);
  });
  return out;
}
