// Calls that never come back: a project helper whose body always throws (`function invalid(m) { throw new
// McpError(m) }`) ends the path that calls it, so `if (!inside(root, p)) invalid('…')` guards what follows.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrapExpression, walk, type FunctionNode, type Node } from '../../ast';
import type { FileContext } from '../context';
import { resolveFunction } from '../resolve';

/** A helper longer than this is not read for an unconditional throw: bounded work on hostile input. */
const MAX_STATEMENTS = 32;
const alwaysThrowsCache = new WeakMap<FunctionNode, boolean>();

/** Whether the expression statement `expression` calls a project function that always throws. */
export function callNeverReturns(expression: Node, ctx: FileContext): boolean {
  let inner = unwrapExpression(expression);
  const awaited = inner.type === 'AwaitExpression';
  if (inner.type === 'AwaitExpression') inner = unwrapExpression(inner.argument);
  if (inner.type !== 'CallExpression') return false;
  const target = resolveFunction(inner.callee, ctx);
  // A class method that throws is often a stub a subclass overrides (`validate() { throw 'not implemented' }`).
  const owner = target?.fn.parent?.type;
  if (!target || owner === 'MethodDefinition' || owner === 'PropertyDefinition') return false;
  // An async helper's throw is a rejected promise: it stops the caller only where the call is awaited.
  if (target.fn.generator || (target.fn.async && !awaited)) return false;
  return alwaysThrows(target.fn);
}

/** A body that reaches a top-level `throw` with no `return` before it. */
function alwaysThrows(fn: FunctionNode): boolean {
  const cached = alwaysThrowsCache.get(fn);
  if (cached !== undefined) return cached;
  let result = false;
  if (fn.body.type === 'BlockStatement' && fn.body.body.length <= MAX_STATEMENTS) {
    for (const statement of fn.body.body) {
      if (statement.type === 'ThrowStatement') {
        result = true;
        break;
      }
      if (mayLeave(statement)) break;
    }
  }
  alwaysThrowsCache.set(fn, result);
  return result;
}

/** A statement that may return (or break out of the body) before the throw: nested functions do not count. */
function mayLeave(statement: TSESTree.Statement): boolean {
  let leaves = false;
  walk(statement, (node) => {
    if (leaves || (node !== statement && isFunction(node))) return false;
    if (node.type === 'ReturnStatement') leaves = true;
    return !leaves;
  });
  return leaves;
}
