// A registration wrapper's own closure around its handler parameter (`(args, extra) => { trace(…); return cb(args, t) }`): the parameter it hands the tool input to is the handler.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrapExpression, walk, type FunctionNode, type Node } from '../../ast';

/** A closure that times, logs and catches around the call is a few statements; a longer one does its own work. */
const MAX_CLOSURE_NODES = 600;

/**
 * The name of the outer function's parameter that `argument` (the handler handed to a registration) calls with
 * its own first parameter, when `argument` is a function literal that does so exactly once; else undefined.
 * `server.registerTool(name, config, async (args, extra) => { const r = await cb(args, t); return wrap(r); })`
 * registers `cb`: the wrapper's callers pass the tools' handlers, and each receives the model's input unchanged.
 */
export function calledHandlerParameter(argument: Node, outer: FunctionNode): string | undefined {
  const closure = unwrapExpression(argument);
  if (!isFunction(closure) || !closure.body) return undefined;
  const input = (closure as FunctionNode).params[0];
  if (input?.type !== 'Identifier') return undefined;
  const outerParams = new Set(outer.params.flatMap((param) => (param.type === 'Identifier' ? [param.name] : [])));
  // The closure's own names shadow the outer parameters.
  const shadowed = new Set((closure as FunctionNode).params.flatMap((p) => (p.type === 'Identifier' ? [p.name] : [])));
  const called: string[] = [];
  let visited = 0;
  let isTooLong = false;
  walk(closure.body, (node) => {
    if (++visited > MAX_CLOSURE_NODES) isTooLong = true;
    if (isTooLong || isFunction(node)) return false;
    if (node.type !== 'CallExpression') return undefined;
    const callee = unwrapExpression(node.callee);
    const first = node.arguments[0] ? unwrapExpression(node.arguments[0] as Node) : undefined;
    if (
      callee.type === 'Identifier' &&
      outerParams.has(callee.name) &&
      !shadowed.has(callee.name) &&
      first?.type === 'Identifier' &&
      first.name === input.name
    )
      called.push(callee.name);
    return undefined;
  });
  return !isTooLong && called.length === 1 ? called[0] : undefined;
}

/** Whether a call's last argument is a closure calling one of `outer`'s parameters with its input. */
export function lastArgumentCallsParameter(call: TSESTree.CallExpression, outer: FunctionNode): boolean {
  const last = call.arguments[call.arguments.length - 1];
  return last !== undefined && calledHandlerParameter(last as Node, outer) !== undefined;
}
