// A handler looked up through a project function that returns the lookup: `const handler = getToolHandler(name)`
// with `function getToolHandler(n) { return handlers[n] || null }`: the map is the getter's, keyed by its parameter.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { resolveFunction } from '../../analysis/resolve';
import { returnedValues } from './name-map-entries';

export interface GetterLookup {
  map: Node;
  ctx: FileContext;
}

/**
 * The map a getter call looks its argument up in: the argument `selected` picks is handed to a function whose
 * every return is `map[param]`, `map.get(param)`, optionally defaulted (`|| null`, `?? undefined`). A getter
 * that returns anything else (a computed route, a constant) is no lookup, so its caller is not split by name.
 */
export function getterLookup(
  call: TSESTree.CallExpression,
  ctx: FileContext,
  selected: (node: Node) => boolean,
): GetterLookup | undefined {
  const index = call.arguments.findIndex((argument) => selected(argument));
  if (index < 0) return undefined;
  const target = resolveFunction(call.callee, ctx);
  const param = target?.fn.params[index];
  if (!target || param?.type !== 'Identifier') return undefined;
  const binding = target.ctx.scopes.resolve(param);
  if (!binding) return undefined;
  const isParam = (node: Node): boolean => {
    const inner = unwrapExpression(node);
    return inner.type === 'Identifier' && target.ctx.scopes.resolve(inner) === binding;
  };
  const returns = returnedValues(target.fn);
  if (returns.length !== 1) return undefined;
  const looked = lookupIn(withoutDefault(returns[0] as Node), isParam);
  return looked ? { map: looked, ctx: target.ctx } : undefined;
}

/** `x || null`, `x ?? undefined`: the lookup with its not-found default. */
function withoutDefault(node: Node): Node {
  const inner = unwrapExpression(node);
  if (inner.type !== 'LogicalExpression' || inner.operator === '&&') return inner;
  const fallback = unwrapExpression(inner.right);
  const empty =
    (fallback.type === 'Literal' && fallback.value === null) ||
    (fallback.type === 'Identifier' && fallback.name === 'undefined');
  return empty ? unwrapExpression(inner.left) : inner;
}

/** The object of `map[key]` or `map.get(key)` where `key` is the getter's parameter. */
function lookupIn(node: Node, isKey: (node: Node) => boolean): Node | undefined {
  if (node.type === 'MemberExpression' && node.computed && isKey(node.property)) return node.object;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const [key] = node.arguments;
    if (propertyName(node.callee) === 'get' && key && isKey(key)) return node.callee.object;
  }
  return undefined;
}
