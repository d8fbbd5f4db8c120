// Calls to a function declared inside the one being analysed (`const op = async () => read(requested);
// return withTimeout(op(), …)`) run in place, with the variables they close over as they are at the
// call: a summary, analysed on its own, would see those variables as unknown and lose the model's input.
// Likewise a promise's executor: `new Promise((resolve) => … resolve(x))` holds what it is resolved with.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrapExpression, type FunctionNode, type Node } from '../../ast';
import { GLOBAL } from '../../api';
import type { FileContext } from '../context';
import type { State } from '../evaluator';
import { bindingKey, keysOf } from '../guards';
import { CLEAN, joinValues, withBounds, type Bound, type Value } from '../value';
import { bindParams, runBody } from './statements';
import { approve, cloneState, joinStates, setKey } from './state';
import type { Interpreter } from './types';

/** Closures run in place per analysis, shared with inline callbacks; beyond it calls use summaries. */
export const MAX_NESTED_FUNCTIONS = 200;

/** Whether `fn` is declared inside the function this analysis runs (so it may read that function's variables). */
export function isClosureOf(interpreter: Interpreter, fn: FunctionNode, ctx: FileContext): boolean {
  const outer = interpreter.fn;
  return (
    ctx.file === interpreter.ctx.file &&
    fn !== outer &&
    fn.range[0] >= outer.range[0] &&
    fn.range[1] <= outer.range[1] &&
    !interpreter.inlining.has(fn) &&
    interpreter.nested < MAX_NESTED_FUNCTIONS
  );
}

/** Runs a closure at its call: its sinks are recorded here, its returns joined into the call's value. */
export function callClosure(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  fn: FunctionNode,
  args: Value[],
  state: State,
): Value {
  interpreter.nested++;
  interpreter.inlining.add(fn);
  const saved = interpreter.returns.length;
  const saveBreaks = interpreter.breakStack.length;
  try {
    const inner = cloneState(state);
    // Each parameter names what the caller passed, so a check on it inside bounds the caller's value.
    const params = new Map<number, Value>();
    args.forEach((value, index) => {
      const argument = node.arguments[index];
      const keys = argument ? keysOf(argument, interpreter, state) : [];
      params.set(index, keys.length > 0 ? { ...value, keys: [...new Set([...(value.keys ?? []), ...keys])] } : value);
    });
    bindParams(interpreter, fn, params, inner);
    runBody(interpreter, fn, inner);
    const exits = interpreter.returns.slice(saved);
    let result: Value | undefined;
    let exit: State | undefined;
    for (const entry of exits) {
      result = joinValues(result, entry.value);
      exit = joinStates(exit, entry.state);
    }
    if (exit) keepExitBounds(state, exit);
    return result ?? CLEAN;
  } finally {
    // Returns inside the closure are not returns of the function being analysed.
    interpreter.returns.length = saved;
    interpreter.breakStack.length = saveBreaks;
    interpreter.inlining.delete(fn);
  }
}

/**
 * `return { action: async () => page.goto(params.url) }`: a function the handler defines and hands back is
 * run by the framework later, with everything the handler saw; its effects are the handler's.
 */
export function runReturnedFunctions(interpreter: Interpreter, value: Value, state: State): void {
  // A helper that returns functions (`boards(team) { return { get, remove } }`) hands back an API: its caller
  // calls one member by name, and that call runs it; running every member here gave `get` the effects of `remove`.
  if (interpreter.options.depth > 0) return;
  const candidates = [value.fn, ...[...(value.props?.values() ?? [])].map((member) => member.fn)];
  for (const fn of candidates) {
    if (!fn || !isClosureOf(interpreter, fn, interpreter.ctx)) continue;
    interpreter.nested++;
    interpreter.inlining.add(fn);
    const saved = interpreter.returns.length;
    try {
      const inner = cloneState(state);
      bindParams(interpreter, fn, new Map(), inner);
      runBody(interpreter, fn, inner);
    } finally {
      interpreter.returns.length = saved;
      interpreter.inlining.delete(fn);
    }
  }
}

/** What the closure established on every way out (`const check = () => { if (!ok(input.url)) throw … }`) holds after the call. */
function keepExitBounds(state: State, exit: State): void {
  for (const [key, before] of [...state.env]) {
    const after = exit.env.get(key);
    if (!after || after === before) continue;
    const added: Bound[] = [...after.bounds].filter((bound) => !before.bounds.has(bound));
    if (added.length > 0) setKey(state, key, withBounds(before, added));
  }
  if (exit.approved) approve(state);
}

/**
 * For `new Promise(executor)`: starts collecting what the executor passes to its first parameter and
 * returns that parameter's key (undefined for any other call).
 */
export function openPromise(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): string | undefined {
  if (node.type !== 'NewExpression') return undefined;
  const ref = interpreter.ctx.api.resolve(unwrapExpression(node.callee));
  const [first] = ref?.tokens ?? [];
  if (ref?.module !== GLOBAL || ref.tokens.length !== 1 || first?.kind !== 'Member' || first.name !== 'Promise')
    return undefined;
  const executor = node.arguments[0];
  const param = executor && isFunction(executor) ? executor.params[0] : undefined;
  const binding = param?.type === 'Identifier' ? interpreter.ctx.scopes.resolve(param) : undefined;
  if (!binding) return undefined;
  const key = bindingKey(binding);
  interpreter.resolved.set(key, CLEAN);
  return key;
}

/** `resolve(x)` inside a promise's executor: x is (one of) the values the promise holds. */
export function resolvesPromise(interpreter: Interpreter, callee: Node, args: readonly Value[]): boolean {
  if (callee.type !== 'Identifier' || interpreter.resolved.size === 0) return false;
  const binding = interpreter.ctx.scopes.resolve(callee);
  const key = binding ? bindingKey(binding) : undefined;
  const sofar = key === undefined ? undefined : interpreter.resolved.get(key);
  if (key === undefined || sofar === undefined) return false;
  interpreter.resolved.set(key, sofar === CLEAN ? (args[0] ?? CLEAN) : joinValues(sofar, args[0] ?? CLEAN));
  return true;
}

/** The value of `new Promise(executor)` once the executor has run: what it resolved the promise with. */
export function closePromise(interpreter: Interpreter, key: string): Value {
  const value = interpreter.resolved.get(key) ?? CLEAN;
  interpreter.resolved.delete(key);
  return value;
}
