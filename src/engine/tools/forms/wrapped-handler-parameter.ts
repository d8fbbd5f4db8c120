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
  const closure = localClosure(unwrapExpression(argument), outer);
  if (!isFunction(closure) || !closure.body) return undefined;
  const inputNames = inputAliases(closure as FunctionNode);
  if (inputNames.size === 0) return undefined;
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
      inputNames.has(first.name)
    )
      called.push(callee.name);
    return undefined;
  });
  return !isTooLong && called.length === 1 ? called[0] : undefined;
}

/**
 * The closure an argument is: a function literal, or a `const` of the wrapper's own body that holds one
 * (`const callback = async (args) => { … handler(args) … }; server.tool(name, description, schema, callback)`).
 */
function localClosure(argument: Node, outer: FunctionNode): Node {
  if (argument.type !== 'Identifier' || outer.body?.type !== 'BlockStatement') return argument;
  for (const statement of outer.body.body) {
    if (statement.type !== 'VariableDeclaration' || statement.kind !== 'const') continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== 'Identifier' || declarator.id.name !== argument.name || !declarator.init) continue;
      const init = unwrapExpression(declarator.init);
      return isFunction(init) ? init : argument;
    }
  }
  return argument;
}

/** Whether a call's last argument is a closure calling one of `outer`'s parameters with its input. */
export function lastArgumentCallsParameter(call: TSESTree.CallExpression, outer: FunctionNode): boolean {
  const last = call.arguments[call.arguments.length - 1];
  return last !== undefined && calledHandlerParameter(last as Node, outer) !== undefined;
}

/**
 * The names that hold the closure's input, or all of it but a few fields the wrapper takes for itself: its first
 * parameter, the rest of that parameter's pattern (`({ trace, ...args }) => cb(args)`), and, in the body's own
 * statements, a plain copy (`const args = input`) or the rest of a destructuring of it (`const { llmModel, ...args } =
 * input`). The wrapper strips its own bookkeeping fields and hands the handler the model's input otherwise unchanged.
 */
function inputAliases(closure: FunctionNode): Set<string> {
  const names = new Set<string>();
  const input = closure.params[0];
  if (input?.type === 'Identifier') names.add(input.name);
  else if (input?.type === 'ObjectPattern') {
    const rest = restName(input);
    if (rest) names.add(rest);
  }
  if (closure.body?.type !== 'BlockStatement') return names;
  for (const statement of closure.body.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init ? unwrapExpression(declarator.init) : undefined;
      if (init?.type !== 'Identifier' || !names.has(init.name)) continue;
      if (declarator.id.type === 'Identifier') names.add(declarator.id.name);
      else if (declarator.id.type === 'ObjectPattern') {
        const rest = restName(declarator.id);
        if (rest) names.add(rest);
      }
    }
  }
  return names;
}

function restName(pattern: TSESTree.ObjectPattern): string | undefined {
  const last = pattern.properties[pattern.properties.length - 1];
  return last?.type === 'RestElement' && last.argument.type === 'Identifier' ? last.argument.name : undefined;
}
