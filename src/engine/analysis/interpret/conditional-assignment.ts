// An assignment on the right of `??`, `||` or `&&` (`cs ?? (cs = config.url)`, what TypeScript compiles
// `cs ??= config.url` to for older targets; `found && (target = found.url)`) runs on one path only: the
// variable afterwards holds either value, so the state after the expression is the join of both paths.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression } from '../../ast';
import type { State } from '../evaluator';
import { joinStates, setKey } from './state';

/** The right side of a logical expression assigns a variable or member (directly or in a sequence). */
export function assignsOnRight(node: TSESTree.LogicalExpression): boolean {
  const right = unwrapExpression(node.right);
  if (right.type === 'AssignmentExpression') return true;
  return right.type === 'SequenceExpression' && right.expressions.some((item) => item.type === 'AssignmentExpression');
}

/** Joins the state a conditional branch left (`branch`, a copy of `state`) back into `state`, in place. */
export function joinBranchInto(state: State, branch: State): void {
  const joined = joinStates(state, branch);
  if (!joined || joined === state) return;
  for (const [key, value] of joined.env) if (state.env.get(key) !== value) setKey(state, key, value);
}
