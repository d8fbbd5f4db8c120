// A path built from one model-chosen name and roots the model does not choose (`path.resolve(ROOT, p)`,
// `path.normalize(path.join(ROOT, p))`) remembers that name (`Value.rootedCopyOf`): a containment check on the
// path makes the name one that stays inside when joined under a root again, so code that checks one spelling
// and opens another (`path.join(ROOT, p)`, or hands p to a helper that joins it) stays credited. The root must come
// first: in `path.resolve(p, 'x')` the model's path is the root, so it is no rooted copy (only one already rooted
// passes through, as in `path.normalize(path.join(ROOT, p))`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../ast';
import type { State } from '../evaluator';
import { keysOf } from '../guards';
import { isTainted, type Value } from '../value';
import type { Interpreter } from './types';

/** At most this many keys are carried per copy (a path is built from a handful of names). */
const MAX_COPY_KEYS = 16;

/** `out` marked as rooted at the one model-controlled argument, when every other argument is fixed. */
export function withPathCopy(
  out: Value,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  args: readonly Value[],
  interpreter: Interpreter,
  state: State,
): Value {
  const tainted = args.flatMap((arg, index) => (isTainted(arg) ? [index] : []));
  if (tainted.length !== 1) return out;
  const index = tainted[0] as number;
  const argument = node.arguments[index];
  if (!argument || argument.type === 'SpreadElement') return out;
  // Leading, the name is itself the root: only a copy already rooted (`path.normalize(path.join(ROOT, p))`) stays one.
  const own = index === 0 ? [] : keysOf(argument as Node, interpreter, state);
  const keys = [...own, ...(args[index]?.rootedCopyOf ?? [])];
  if (keys.length === 0) return out;
  return { ...out, rootedCopyOf: [...new Set(keys)].slice(0, MAX_COPY_KEYS) };
}
