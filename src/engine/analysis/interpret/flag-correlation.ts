// Flags set per branch (`let isTemporary = false; if (url) { input = tmp; isTemporary = true } else input = path`):
// a later `if (isTemporary)` runs with the values of the branch that set the flag so, not their join.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type Node } from '../../ast';
import type { Correlation, State } from '../evaluator';
import type { Value } from '../value';

/** A few flags per join and a few dozen keys beside each bound what a hostile function can make a join keep. */
const MAX_FLAGS = 4;
const MAX_KEYS = 32;

function booleanConstant(value: Value | undefined): boolean | undefined {
  if (value?.constant === 'true') return true;
  if (value?.constant === 'false') return false;
  return undefined;
}

/** The flags of a join of `a` and `b` into `joined`, with the other keys the two branches disagreed on. */
export function correlationsOf(a: State, b: State, joined: State): Correlation[] | undefined {
  const flags: Correlation[] = [];
  for (const [key, value] of a.env) {
    if (flags.length >= MAX_FLAGS) break;
    const onA = booleanConstant(value);
    const onB = booleanConstant(b.env.get(key));
    const joinedFlag = joined.env.get(key);
    if (onA === undefined || onB === undefined || onA === onB || !joinedFlag) continue;
    const [whenTrueState, whenFalseState] = onA ? [a, b] : [b, a];
    const keys: Correlation['keys'] = [];
    for (const [other, joinedValue] of joined.env) {
      if (other === key || keys.length >= MAX_KEYS) continue;
      const whenTrue = whenTrueState.env.get(other);
      const whenFalse = whenFalseState.env.get(other);
      if (whenTrue && whenFalse && whenTrue !== whenFalse)
        keys.push({ key: other, joined: joinedValue, whenTrue, whenFalse });
    }
    if (keys.length > 0) flags.push({ flag: key, joinedFlag, keys });
  }
  return flags.length > 0 ? flags : undefined;
}

/**
 * For `if (flag)` / `if (!flag)` on a flag the state still holds as joined: the values each branch should
 * start from (only keys unchanged since the join); undefined when the test is no such flag.
 */
export function correlatedBranches(
  test: Node,
  state: State,
  keyOf: (identifier: TSESTree.Identifier) => string | undefined,
): { whenTrue: Map<string, Value>; whenFalse: Map<string, Value> } | undefined {
  let inner = unwrapExpression(test);
  let negated = false;
  if (inner.type === 'UnaryExpression' && inner.operator === '!') {
    inner = unwrapExpression(inner.argument);
    negated = true;
  }
  const name = inner.type === 'Identifier' ? keyOf(inner) : undefined;
  if (name === undefined) return undefined;
  const correlation = state.correlations?.find(
    (candidate) => candidate.flag === name && state.env.get(name) === candidate.joinedFlag,
  );
  if (!correlation) return undefined;
  const onTrue = new Map<string, Value>();
  const onFalse = new Map<string, Value>();
  for (const entry of correlation.keys) {
    if (state.env.get(entry.key) !== entry.joined) continue;
    onTrue.set(entry.key, entry.whenTrue);
    onFalse.set(entry.key, entry.whenFalse);
  }
  return negated ? { whenTrue: onFalse, whenFalse: onTrue } : { whenTrue: onTrue, whenFalse: onFalse };
}
