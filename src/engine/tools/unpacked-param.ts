// A variable destructured from a parameter (`const { modules } = context`): for the audit scan, a member of that
// parameter, so `modules.filters.create(…)` is a write on a resource of the untyped context it was handed.
import { unwrapExpression } from '../ast';
import type { FileContext } from '../analysis/context';
import type { Binding } from '../scope';
import type { IsInput } from './input-carry';

/** The parameter a variable was destructured from, and how many members deep; never the model's input. */
export function unpackedParam(
  binding: Binding,
  ctx: FileContext,
  isInput: IsInput,
): { param: Binding; members: number } | undefined {
  if (binding.kind !== 'var' || binding.isLoopElement || binding.patternPath.length === 0 || !binding.init)
    return undefined;
  const init = unwrapExpression(binding.init);
  if (init.type !== 'Identifier' || isInput(init)) return undefined;
  const param = ctx.scopes.resolve(init);
  if (param?.kind !== 'param' || param.patternPath.length > 0) return undefined;
  return { param, members: binding.patternPath.length };
}
