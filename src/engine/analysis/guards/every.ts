// `[from, to].every((p) => p.startsWith(ROOT + sep))` where true: the callback's check holds for each listed
// value (`some` would hold for one of them only, so it bounds none).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type Node } from '../../ast';
import type { Evaluator, State } from '../evaluator';
import { elementOf, type Fact } from '../value';
import { bindingKey, cloneEnv, keysOf, NONE, type Facts } from './keys';

const MAX_ELEMENTS = 8;

type Callback = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;
type FactsOf = (test: Node, interpreter: Evaluator, state: State, polarity: boolean) => Facts;

export function everyFacts(
  receiver: Node,
  callback: Callback,
  interpreter: Evaluator,
  state: State,
  factsOf: FactsOf,
): Facts {
  const list = unwrapExpression(receiver);
  if (list.type !== 'ArrayExpression') return listFacts(receiver, callback, interpreter, state, factsOf);
  if (list.elements.length === 0 || list.elements.length > MAX_ELEMENTS) return NONE;
  const keys: string[] = [];
  for (const element of list.elements) {
    if (!element || element.type === 'SpreadElement') return NONE;
    const own = keysOf(element, interpreter, state);
    if (own.length === 0) return NONE;
    keys.push(...own);
  }
  const checked = elementFacts(list, callback, interpreter, state, factsOf, keys);
  return checked ? { facts: checked.facts, approved: false } : NONE;
}

/** What the callback's test establishes with its parameter bound to an element of `list` (named `keys`, if given). */
function elementFacts(
  list: Node,
  callback: Callback,
  interpreter: Evaluator,
  state: State,
  factsOf: FactsOf,
  keys?: string[],
): { facts: Fact[]; elementKey: string } | undefined {
  const param = callback.params[0];
  const test = callbackTest(callback);
  if (param?.type !== 'Identifier' || !test) return undefined;
  const binding = interpreter.ctx.scopes.resolve(param);
  if (!binding) return undefined;
  const elementKey = bindingKey(binding);
  const inner = cloneEnv(state);
  const element = elementOf(interpreter.evaluate(list, cloneEnv(state)));
  inner.env.set(elementKey, keys ? { ...element, keys } : element);
  // A changed scratch copy must not share remembered values with the state it copies (see interpret/memo.ts).
  inner.version = (inner.version ?? 0) + 1;
  return { facts: factsOf(test, interpreter, inner, true).facts, elementKey };
}

/**
 * `args.every((a) => /^[\w.-]+$/.test(a))` on a list the model chose: what the callback establishes on its
 * element holds for each element, so the list is bounded the same way.
 */
function listFacts(receiver: Node, callback: Callback, interpreter: Evaluator, state: State, factsOf: FactsOf): Facts {
  const keys = keysOf(receiver, interpreter, state);
  const checked = keys.length > 0 ? elementFacts(receiver, callback, interpreter, state, factsOf) : undefined;
  if (!checked) return NONE;
  const facts = checked.facts.filter((fact) => fact.keys.includes(checked.elementKey));
  return { facts: facts.map((fact) => ({ keys, bound: fact.bound })), approved: false };
}

/** The expression an arrow returns, or the argument of a body that is a single return. */
export function callbackTest(callback: Callback): Node | undefined {
  if (callback.body.type !== 'BlockStatement') return callback.body;
  const [only] = callback.body.body;
  return callback.body.body.length === 1 && only?.type === 'ReturnStatement' && only.argument
    ? only.argument
    : undefined;
}
