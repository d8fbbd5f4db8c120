// A helper's branch on a parameter its caller fixed (`callRestV1('GET', path)` reaching `if (method === 'PUT')`):
// analysed with the caller's constant in place, the comparison is decided, and the other branch cannot run
// for that call, so its writes are not this call's.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, stringValue, unwrapExpression, walk, type FunctionNode, type Node } from '../../ast';
import type { State } from '../evaluator';
import { isTainted } from '../value';
import type { Interpreter } from './types';

const EQUALITY = new Set(['===', '==']);
const INEQUALITY = new Set(['!==', '!=']);

/**
 * True or false when the test compares a parameter holding a constant string (never reassigned in its
 * function) with a string literal; undefined otherwise (a symbolic parameter, a variable, model input).
 */
export function constantParamDecision(interpreter: Interpreter, test: Node, state: State): boolean | undefined {
  const inner = unwrapExpression(test);
  if (inner.type === 'UnaryExpression' && inner.operator === '!') {
    const decision = constantParamDecision(interpreter, inner.argument, state);
    return decision === undefined ? undefined : !decision;
  }
  if (inner.type !== 'BinaryExpression' || !(EQUALITY.has(inner.operator) || INEQUALITY.has(inner.operator)))
    return undefined;
  const pair = paramAndText(inner.left, inner.right) ?? paramAndText(inner.right, inner.left);
  if (!pair) return undefined;
  const binding = interpreter.ctx.scopes.resolve(pair.param);
  if (binding?.kind !== 'param' || binding.patternPath.length > 0) return undefined;
  if ((interpreter.ctx.scopes.assignedValues(binding) ?? [undefined]).length > 0) return undefined;
  const value = interpreter.evaluate(pair.param, state);
  if (isTainted(value) || value.constant === undefined) return undefined;
  return (value.constant === pair.text) === EQUALITY.has(inner.operator);
}

function paramAndText(side: Node, other: Node): { param: TSESTree.Identifier; text: string } | undefined {
  const param = unwrapExpression(side);
  const text = stringValue(other);
  return param.type === 'Identifier' && text !== undefined ? { param, text } : undefined;
}

/** Nodes of a function body read for its comparisons (helpers are short; a generated one is not read whole). */
const MAX_COMPARED_NODES = 2_000;
const comparedCache = new WeakMap<FunctionNode, ReadonlySet<number>>();

/**
 * The indexes of the parameters a function compares with a string literal (`method === 'PUT'`): a caller's
 * constant for one of them is worth a specialised analysis, since it decides branches inside.
 */
export function comparedParams(fn: FunctionNode): ReadonlySet<number> {
  const cached = comparedCache.get(fn);
  if (cached) return cached;
  const names = new Map<string, number>();
  fn.params.forEach((param, index) => {
    if (param.type === 'Identifier') names.set(param.name, index);
  });
  const found = new Set<number>();
  let visited = 0;
  if (fn.body && names.size > 0)
    walk(fn.body, (node) => {
      if (++visited > MAX_COMPARED_NODES) return false;
      if (node !== fn.body && isFunction(node)) return false;
      if (node.type !== 'BinaryExpression' || !(EQUALITY.has(node.operator) || INEQUALITY.has(node.operator)))
        return true;
      const pair = paramAndText(node.left, node.right) ?? paramAndText(node.right, node.left);
      const index = pair ? names.get(pair.param.name) : undefined;
      if (index !== undefined) found.add(index);
      return true;
    });
  comparedCache.set(fn, found);
  return found;
}
