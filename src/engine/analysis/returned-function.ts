// A function value a project function hands back, called where it lands: `const launch = getSpawner(config);
// launch(cmd, args)` where the getter returns the host's `spawn` as the default of a pluggable execution world,
// or `const fetchImpl = await getFetch(); fetchImpl(url, { method: 'POST' })` where it returns the global `fetch`.
import { unwrapExpression, type Node } from '../ast';
import { LOCAL, type ApiRef } from '../api';
import type { FileContext } from './context';
import { returnedApi } from './returned-api';

/**
 * The package or runtime function `callee` is when it is a project function's return value: `getSpawner(c)(…)`,
 * or a local copy made from a call (awaited or not). The cheap shape test runs before any return is read, so an
 * ordinary local function is never looked up. Undefined for the project's own functions.
 */
export function returnedFunction(callee: Node, ctx: FileContext): ApiRef | undefined {
  const inner = unwrapExpression(callee);
  if (inner.type === 'Identifier') {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind !== 'var' || !binding.init || binding.patternPath.length > 0 || binding.isLoopElement)
      return undefined;
    let init = unwrapExpression(binding.init);
    if (init.type === 'AwaitExpression') init = unwrapExpression(init.argument);
    if (init.type !== 'CallExpression') return undefined;
  } else if (inner.type !== 'CallExpression') return undefined;
  const returned = returnedApi(inner, ctx);
  return returned && returned.module !== LOCAL ? returned : undefined;
}
