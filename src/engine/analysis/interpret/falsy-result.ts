// A check that answers with an error message and stays silent to accept (`validatePathAccess(p)` returns a
// message, or null where the path is allowed): what holds on a parameter wherever the helper's result is falsy.
import { unwrapExpression, type Node } from '../../ast';
import { factsOf } from '../guards';
import type { State } from '../evaluator';
import type { Bound } from '../value';
import { applyFacts, cloneState, readKey } from './state';
import type { Interpreter, ParamFact, ReturnRecord } from './types';

/** Returns whose falsy side is read with a copy of their state (generated code may return thousands of times). */
const MAX_FALSY_RETURNS = 64;
/** Nested conditionals read in a returned value (`a ? null : b ? null : 'message'`). */
const MAX_CONDITIONAL_DEPTH = 4;

/** How a return's value can be read for truth. */
type Truth = 'truthy' | 'falsy' | 'either';

/**
 * Facts on parameters that hold on every return whose value may be falsy: `return null`, `return;`, falling off
 * the end, or a value whose own falsy side says so (`return this.check(p)`, forwarding another such check).
 * Only for a helper that also answers with a value that is always truthy (a message, an object): otherwise a
 * falsy result is no answer to anything, and the facts would only repeat what holds on exit.
 */
export function falsyResultFacts(
  interpreter: Interpreter,
  returns: readonly ReturnRecord[],
  argumentOf: (entry: ReturnRecord) => Node | undefined,
  paramKeys: ReadonlyMap<string, number>,
  bounds: readonly Bound[],
): ParamFact[] {
  if (returns.length > MAX_FALSY_RETURNS) return [];
  let answers = false;
  const states: State[] = [];
  for (const entry of returns) {
    const sides = falsySides(argumentOf(entry), entry.state, interpreter, 0);
    if (sides.answers) answers = true;
    // A value whose own falsy side says something (`return check(p)`, `return problem`), as it was returned:
    // read again, a branch the run did not take would be run.
    const whenFalse = sides.whole ? entry.value.predicateWhenFalse : undefined;
    states.push(
      ...(whenFalse
        ? sides.states.map((state) => applyFacts(cloneState(state), { facts: whenFalse, approved: false }))
        : sides.states),
    );
  }
  // A forwarder (`return this.config.validatePathAccess(p)`) answers as the check it forwards to.
  const only = returns.length === 1 ? argumentOf(returns[0] as ReturnRecord) : undefined;
  if (!answers && !(only && isCall(only))) return [];
  if (states.length === 0) return [];
  const out: ParamFact[] = [];
  for (const [key, index] of paramKeys) {
    for (const bound of bounds) {
      if (states.every((state) => readKey(key, state)?.bounds.has(bound) === true))
        out.push({ index, path: '', bound });
    }
  }
  return out;
}

/**
 * The states in which a returned value may be falsy, and whether some side of it is always truthy (an answer
 * that refuses). `cond ? null : 'message'` is falsy only where `cond` holds.
 */
function falsySides(
  argument: Node | undefined,
  state: State,
  interpreter: Interpreter,
  depth: number,
): { states: State[]; answers: boolean; whole?: boolean } {
  const node = argument ? unwrapExpression(argument) : undefined;
  if (node?.type === 'ConditionalExpression' && depth < MAX_CONDITIONAL_DEPTH) {
    // The test ran whichever branch was taken; the branches are read by their spelling only.
    const whenTrue = applyFacts(cloneState(state), factsOf(node.test, interpreter, state, true));
    const whenFalse = applyFacts(cloneState(state), factsOf(node.test, interpreter, state, false));
    const a = falsySides(node.consequent, whenTrue, interpreter, depth + 1);
    const b = falsySides(node.alternate, whenFalse, interpreter, depth + 1);
    return { states: [...a.states, ...b.states], answers: a.answers || b.answers };
  }
  const truth = truthOf(node);
  if (truth === 'truthy') return { states: [], answers: true };
  return { states: [state], answers: false, whole: truth === 'either' && depth === 0 };
}

/** `check(p)`, `await check(p)`: a call whose answer a forwarder hands on as its own. */
function isCall(argument: Node): boolean {
  const inner = unwrapExpression(argument);
  return (
    inner.type === 'CallExpression' || (inner.type === 'AwaitExpression' && inner.argument.type === 'CallExpression')
  );
}

function truthOf(argument: Node | undefined): Truth {
  if (!argument) return 'falsy';
  const node = unwrapExpression(argument);
  switch (node.type) {
    case 'Literal':
      if ('regex' in node && node.regex) return 'truthy';
      return node.value ? 'truthy' : 'falsy';
    case 'Identifier':
      return node.name === 'undefined' ? 'falsy' : 'either';
    case 'UnaryExpression':
      return node.operator === 'void' ? 'falsy' : 'either';
    case 'TemplateLiteral':
      return node.quasis.some((quasi) => quasi.value.raw !== '') ? 'truthy' : 'either';
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'NewExpression':
      return 'truthy';
    default:
      return 'either';
  }
}
