// A function value a project function hands back, called where it lands: `const launch = getSpawner(config);
// launch(cmd, args)` where the getter returns the host's `spawn` as the default of a pluggable execution world.
import { unwrapExpression, type Node } from '../ast';
import { GLOBAL, LOCAL, type ApiRef } from '../api';
import type { FileContext } from './context';
import { returnedApi } from './returned-api';

/**
 * The package function `callee` is when it is a project function's return value: `getSpawner(config)(…)`, or a
 * constant holding one. The cheap shape test (a call, or a constant initialised by a call) runs before any
 * return is read. Undefined for the project's own functions and runtime values, which name no sink row.
 */
export function returnedFunction(callee: Node, ctx: FileContext): ApiRef | undefined {
  const inner = unwrapExpression(callee);
  if (inner.type === 'Identifier') {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind !== 'var' || binding.declarationKind !== 'const' || !binding.init) return undefined;
    if (binding.patternPath.length > 0 || binding.isLoopElement) return undefined;
    if (unwrapExpression(binding.init).type !== 'CallExpression') return undefined;
  } else if (inner.type !== 'CallExpression') return undefined;
  const returned = returnedApi(inner, ctx);
  return returned && returned.module !== LOCAL && returned.module !== GLOBAL ? returned : undefined;
}
