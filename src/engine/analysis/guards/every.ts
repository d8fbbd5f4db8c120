// `[from, to].every((p) => p.startsWith(ROOT + sep))` where true: the callback's check holds for each listed
// value (`some` would hold for one of them only, so it bounds none).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type Node } from '../../ast';
import type { Evaluator, State } from '../evaluator';
import { elementOf } from '../value';
import { bindingKey, cloneEnv, keysOf, NONE, type Facts } from './keys';

const MAX_ELEMENTS = 8;

type Callback = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export function everyFacts(
  receiver: Node,
  callback: Callback,
  interpreter: Evaluator,
  state: State,
  factsOf: (test: Node, interpreter: Evaluator, state: State, polarity: boolean) => Facts,
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
  const param = callback.params[0];
  const test = callbackTest(callback);
  if (param?.type !== 'Identifier' || !test) return NONE;
  const binding = interpreter.ctx.scopes.resolve(param);
  if (!binding) return NONE;
  const inner = cloneEnv(state);
  const element = elementOf(interpreter.evaluate(list, cloneEnv(state)));
  inner.env.set(bindingKey(binding), { ...element, keys });
  // A changed scratch copy must not share remembered values with the state it copies (see interpret/memo.ts).
  inner.version = (inner.version ?? 0) + 1;
  const facts = factsOf(test, interpreter, inner, true);
  return { facts: facts.facts, approved: false };
}

/**
 * `args.every((a) => /^[\w.-]+$/.test(a))` on a list the model chose: what the callback establishes on its
 * element holds for each element, so the list is bounded the same way.
 */
function listFacts(
  receiver: Node,
  callback: Callback,
  interpreter: Evaluator,
  state: State,
  factsOf: (test: Node, interpreter: Evaluator, state: State, polarity: boolean) => Facts,
): Facts {
  const keys = keysOf(receiver, interpreter, state);
  const param = callback.params[0];
  const test = callbackTest(callback);
  if (keys.length === 0 || param?.type !== 'Identifier' || !test) return NONE;
  const binding = interpreter.ctx.scopes.resolve(param);
  if (!binding) return NONE;
  const elementKey = bindingKey(binding);
  const inner = cloneEnv(state);
  inner.env.set(elementKey, elementOf(interpreter.evaluate(receiver, cloneEnv(state))));
  inner.version = (inner.version ?? 0) + 1;
  const facts = factsOf(test, interpreter, inner, true).facts.filter((fact) => fact.keys.includes(elementKey));
  return { facts: facts.map((fact) => ({ keys, bound: fact.bound })), approved: false };
}

/** The expression an arrow returns, or the argument of a body that is a single return. */
function callbackTest(callback: Callback): Node | undefined {
  if (callback.body.type !== 'BlockStatement') return callback.body;
  const [only] = callback.body.body;
  return callback.body.body.length === 1 && only?.type === 'ReturnStatement' && only.argument
    ? only.argument
    : undefined;
}
