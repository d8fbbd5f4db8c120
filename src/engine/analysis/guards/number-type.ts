// `typeof x === 'number'` where it holds: x is a number (digits and a sign), so it names no command,
// option, host or path, whatever the model sent; a test for any other type bounds nothing.
import { stringValue, unwrapExpression, type Node } from '../../ast';
import type { Evaluator, State } from '../evaluator';
import { cloneEnv, keysOf, type Facts } from './keys';

/** Types whose values print as digits, a sign or a word of the language (`true`). */
const NUMBER_TYPES = new Set(['number', 'bigint', 'boolean']);

/**
 * The facts of `typeof x === 'number'` (either side) where it is true: x is numeric. Undefined when the
 * comparison is no `typeof` test, so the caller goes on with its own reading of the equality.
 */
export function typeofFacts(left: Node, right: Node, interpreter: Evaluator, state: State): Facts | undefined {
  const [operand, type] = typeofOperand(left, right) ?? typeofOperand(right, left) ?? [];
  if (operand === undefined) return undefined;
  if (type === undefined || !NUMBER_TYPES.has(type)) return { facts: [], approved: false };
  const keys = keysOf(operand, interpreter, cloneEnv(state));
  return keys.length > 0 ? { facts: [{ keys, bound: 'numeric' }], approved: false } : { facts: [], approved: false };
}

/** `typeof <operand>` on one side, and the type name the other side spells. */
function typeofOperand(side: Node, other: Node): [Node, string | undefined] | undefined {
  const inner = unwrapExpression(side);
  if (inner.type !== 'UnaryExpression' || inner.operator !== 'typeof') return undefined;
  return [inner.argument, stringValue(other)];
}
