// A condition stored in a variable (`const ok = host === D || host.endsWith('.' + D); if (!ok) throw …`):
// the variable carries what the condition establishes when it is truthy, and when it is falsy.
import { unwrapExpression, type Node } from '../../ast';
import type { Evaluator, State } from '../evaluator';
import { factsOf } from '../guards';
import type { Value } from '../value';

const COMPARISONS = new Set(['===', '==', '!==', '!=', '<', '<=', '>', '>=', 'in']);
/** Methods whose result is a check worth remembering (others are left to helper summaries). */
const CHECK_METHODS = new Set([
  'has',
  'includes',
  'startsWith',
  'endsWith',
  'test',
  'some',
  'hasOwnProperty',
  'hasOwn',
]);

export function withCondition(init: Node, value: Value, interpreter: Evaluator, state: State): Value {
  if (value.predicate || value.predicateWhenFalse) return value;
  const inner = unwrapExpression(init);
  if (!isCondition(inner)) return value;
  const whenTrue = factsOf(inner, interpreter, state, true);
  const whenFalse = factsOf(inner, interpreter, state, false);
  if (whenTrue.facts.length === 0 && whenFalse.facts.length === 0 && !whenTrue.approved) return value;
  const out: Value = { ...value, predicate: whenTrue.facts, predicateWhenFalse: whenFalse.facts };
  if (whenTrue.approved) out.isApproval = true;
  return out;
}

function isCondition(node: Node): boolean {
  switch (node.type) {
    case 'BinaryExpression':
      return COMPARISONS.has(node.operator);
    case 'LogicalExpression':
      return true;
    case 'UnaryExpression':
      return node.operator === '!';
    case 'CallExpression': {
      const callee = unwrapExpression(node.callee);
      return (
        callee.type === 'MemberExpression' &&
        callee.property.type === 'Identifier' &&
        !callee.computed &&
        CHECK_METHODS.has(callee.property.name)
      );
    }
    default:
      return false;
  }
}
