// The project functions a call in a tool's handler may run, for the audit scan: the one its callee names, or
// every function of a constant table it picks from by a key the model chooses (`actionHandlers[action](ctx, p)`).
import type { Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { isProjectCode, resolveFunction, type ResolvedFunction } from '../analysis/resolve';
import { tableTargets } from '../analysis/table-targets';

/**
 * A tool that runs whichever action the model names from a table can do what any of them does, so each is
 * read for writes; the scan stops at the first write it finds, and its file budget still applies.
 */
export function calledFunctions(callee: Node, ctx: FileContext): ResolvedFunction[] {
  const target = resolveFunction(callee, ctx);
  if (target) return [target];
  return tableTargets(callee, ctx).filter(isProjectCode);
}
