// A handler looked up through a project function that returns the lookup: `const handler = getToolHandler(name)`
// with `function getToolHandler(n) { return handlers[n] || null }`: the map is the getter's, keyed by its parameter.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { resolveFunction } from '../../analysis/resolve';
import { returnedValues } from './name-map-entries';

export interface GetterLookup {
  map: Node;
  ctx: FileContext;
}

/**
 * The map a getter call looks its argument up in: the argument `selected` picks is handed to a function whose
 * one return is `map[param]`, `map.get(param)`, optionally defaulted (`|| null`, `?? undefined`), and whose other
 * returns, if any, are function literals or empty. A getter that returns anything else (a computed route, a
 * constant) is no lookup, so its caller is not split by name.
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
  // One return is the lookup; the others may only answer names the map does not hold: a handler made on the
  // spot for a run-time family of names (`if (name.startsWith('ai_')) return (args) => invoke(name, args)`),
  // or nothing. Those names are not the map's keys, so the map's tools are the same.
  const returns = returnedValues(target.fn);
  const lookups = returns.flatMap((value) => {
    const looked = lookupIn(withoutDefault(value), isParam);
    return looked ? [looked] : [];
  });
  const looked = lookups.length === 1 ? lookups[0] : undefined;
  if (!looked || returns.some((value) => !lookupIn(withoutDefault(value), isParam) && !isOtherNameAnswer(value)))
    return undefined;
  return { map: looked, ctx: target.ctx };
}

/** A return beside the lookup that answers other names: a function literal, or an empty value. */
function isOtherNameAnswer(node: Node): boolean {
  const inner = unwrapExpression(node);
  return isFunction(inner) || isEmpty(inner);
}

function isEmpty(node: Node): boolean {
  return (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
}

/** `x || null`, `x ?? undefined`: the lookup with its not-found default. */
function withoutDefault(node: Node): Node {
  const inner = unwrapExpression(node);
  if (inner.type !== 'LogicalExpression' || inner.operator === '&&') return inner;
  return isEmpty(unwrapExpression(inner.right)) ? unwrapExpression(inner.left) : inner;
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
