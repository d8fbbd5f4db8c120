// Whether an expression reads a parameter's value as it is (`saveTo`, `args.output`, `const p = input.path`):
// then where it is falsy the value itself is empty or missing, which a flag computed from it
// (`const isUnix = p.startsWith('/')`) being false does not say about the value it was computed from.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type Node } from '../../ast';
import type { Evaluator } from '../evaluator';

/** Variables followed back to the parameter at most this many times (`const a = b; const b = args.x`). */
const MAX_HOPS = 4;

export function readsParameterAsIs(node: Node, interpreter: Evaluator, hops = 0): boolean {
  const inner = unwrapExpression(node);
  if (hops > MAX_HOPS) return false;
  if (inner.type === 'MemberExpression') {
    // A member named by a computed key may be anything the program picked (`flags[key]`): only literal keys.
    if (inner.computed && inner.property.type !== 'Literal') return false;
    return readsParameterAsIs(inner.object, interpreter, hops);
  }
  if (inner.type !== 'Identifier') return false;
  const binding = interpreter.ctx.scopes.resolve(inner as TSESTree.Identifier);
  if (!binding) return false;
  // A variable assigned again may hold something computed (`p = p.length > 3`).
  const assigned = interpreter.ctx.scopes.assignedValues(binding);
  if (!assigned || assigned.length > 0) return false;
  if (binding.kind === 'param') return true;
  if (binding.kind !== 'var' || binding.isLoopElement || !binding.init) return false;
  return readsParameterAsIs(binding.init as Node, interpreter, hops + 1);
}
