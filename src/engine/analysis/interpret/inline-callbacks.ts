// Inline callbacks a call hands on (`items.map((x) => …)`, `run(req, (r) => send(r))`, down-levelled async
// generators): they run as part of the function being analysed, with the values they would receive.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type FunctionNode, isFunction, propertyName, type Node } from '../../ast';
import type { State } from '../evaluator';
import { resolveFunctions } from '../resolve';
import { CLEAN, elementOf, joinValues, type Value } from '../value';
import { MAX_NESTED_FUNCTIONS } from './closures';
import { forwardedToCallback } from './helper-callbacks';
import { cloneState } from './state';
import { bindParams, runBody } from './statements';
import type { Interpreter } from './types';

/** Array methods whose callback receives the receiver's elements. */
export const ITERATION_METHODS = new Set([
  'map',
  'forEach',
  'flatMap',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'reduce',
  'sort',
]);

/** Inline callbacks run as part of the handler: their sinks count; iteration callbacks see the elements. */
export function visitCallbacks(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  callee: Node,
  receiver: Value | undefined,
  args: readonly Value[],
  state: State,
): Value | undefined {
  let mapped: Value | undefined;
  node.arguments.forEach((argument, index) => {
    if (!isFunction(argument)) return;
    if (interpreter.nested++ > MAX_NESTED_FUNCTIONS) return;
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    const params = new Map<number, Value>();
    if (receiver && method && ITERATION_METHODS.has(method)) {
      params.set(method === 'reduce' ? 1 : 0, elementOf(receiver));
    } else if (receiver && method === 'then') {
      params.set(0, receiver);
    } else if (argument.generator) {
      // Down-levelled async (`__async(this, [input], function* ({ url }) {…})`): the generator runs with
      // the array of arguments handed in before it.
      const packed = node.arguments.findIndex((candidate) => candidate.type === 'ArrayExpression');
      const values =
        packed >= 0 && packed < index ? args[packed]?.elements : forwardedArguments(interpreter, node, index, state);
      for (const [position, value] of (values ?? []).entries()) params.set(position, value);
    } else {
      for (const [position, value] of helperArguments(interpreter, node, index, args)) params.set(position, value);
    }
    const inner = cloneState(state);
    bindParams(interpreter, argument, params, inner);
    const saved = interpreter.returns.length;
    runBody(interpreter, argument, inner);
    if (method === 'map' && index === 0)
      for (const entry of interpreter.returns.slice(saved)) mapped = joinValues(mapped, entry.value);
    // Returns inside a callback are not returns of the function being analysed.
    interpreter.returns.length = saved;
  });
  const thunks = node.arguments.flatMap((argument) =>
    argument.type === 'ObjectExpression' ? optionThunks(argument) : [],
  );
  // A project helper's own code says when (and whether) it runs what it is handed (`paginate({ produce })`, a
  // confirmation prompt's `askForConfirmation`): its summary reads it. A package's runner runs it.
  if (thunks.length > 0 && resolveFunctions(node.callee, interpreter.ctx).length === 0)
    for (const thunk of thunks) {
      if (interpreter.nested++ > MAX_NESTED_FUNCTIONS) break;
      const saved = interpreter.returns.length;
      runBody(interpreter, thunk, cloneState(state));
      interpreter.returns.length = saved;
    }
  return mapped;
}

/**
 * `Effect.tryPromise({ try: async () => fetch(args.url), catch })`, `retry({ fn: () => … })`: a function written
 * inline as a member of an options object handed to a package's call runs as part of the caller, like one handed
 * directly, with the variables it closes over and nothing bound to its parameters. Only thunks (no parameters): a
 * member that takes arguments (`catch: (e) => …`, `onMessage(event)`) is a hook the callee feeds, not the work it runs.
 */
function optionThunks(object: TSESTree.ObjectExpression): FunctionNode[] {
  const out: FunctionNode[] = [];
  for (const property of object.properties) {
    if (property.type !== 'Property' || property.kind !== 'init') continue;
    const value = property.value;
    if (isFunction(value) && value.params.length === 0) out.push(value);
  }
  return out;
}

/**
 * A callback handed to one project helper receives the helper's own parameters it calls it with
 * (`run(req, (r) => send(r))`, `helper-callbacks.ts`): the caller's arguments at those positions.
 */
function helperArguments(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  args: readonly Value[],
): [number, Value][] {
  // Only a call that hands something besides the callback can forward it.
  if (node.type !== 'CallExpression' || node.arguments.length < 2) return [];
  const targets = resolveFunctions(node.callee, interpreter.ctx);
  const [target] = targets;
  if (!target || targets.length !== 1) return [];
  const forwarded = forwardedToCallback(target.fn, index) ?? [];
  const out: [number, Value][] = [];
  forwarded.forEach((from, position) => {
    const value = from === undefined || from === index ? undefined : args[from];
    if (value) out.push([position, value]);
  });
  return out;
}

/**
 * tsc's `__awaiter(this, arguments, void 0, function* (command, cwd, timeout = 30000) {…})`, written for a
 * function with default parameters: the generator receives the enclosing function's own arguments.
 */
function forwardedArguments(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  state: State,
): Value[] | undefined {
  const forwards = node.arguments
    .slice(0, index)
    .some((candidate) => candidate.type === 'Identifier' && candidate.name === 'arguments');
  if (!forwards) return undefined;
  let outer: Node | undefined = node.parent;
  while (outer && !isFunction(outer)) outer = outer.parent;
  if (!outer || !isFunction(outer) || outer.type === 'ArrowFunctionExpression') return undefined;
  const generator = node.arguments[index];
  const arity = generator && isFunction(generator) ? generator.params.length : 0;
  return Array.from({ length: Math.max(arity, outer.params.length) }, (_unused, position) => {
    const param = outer.params[position];
    const name = param?.type === 'AssignmentPattern' ? param.left : param;
    if (name?.type === 'Identifier') return interpreter.evaluate(name, state);
    // Undeclared: what the caller passed, as the function's analysis was given it.
    return outer === interpreter.fn && !param ? (interpreter.options.params.get(position) ?? CLEAN) : CLEAN;
  });
}
