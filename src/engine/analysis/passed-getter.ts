// The project function a helper is handed for a parameter it calls: `registerCmsTools(server, getClient)`
// with `getClient2().collections.create(…)` inside runs the module's `getClient()`, which returns the SDK
// client, so the call is that package's (a getter handed down, often through a registry function or two).
import { unwrapExpression, type Node } from '../ast';
import type { Binding } from '../scope';
import { passedArguments } from './caller-arguments';
import type { FileContext } from './context';
import { resolveFunction, type ResolvedFunction } from './resolve';

/** Registry functions a getter is handed through before it is called (`run → registerTools → registerCmsTools`). */
const MAX_HOPS = 3;
const known = new WeakMap<Binding, ResolvedFunction | null>();
const open = new Set<Binding>();

/**
 * The one project function every caller passes for the unannotated parameter `callee` names; undefined when
 * the callee is no such parameter, a caller passes something else or nothing, or callers disagree.
 */
export function passedGetter(callee: Node, ctx: FileContext, hops = 0): ResolvedFunction | undefined {
  const inner = unwrapExpression(callee);
  // Cheap checks first: only a plain identifier naming a parameter of its own (no pattern, no type).
  if (inner.type !== 'Identifier' || hops > MAX_HOPS) return undefined;
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind !== 'param' || binding.patternPath.length > 0 || binding.id.typeAnnotation) return undefined;
  const cached = known.get(binding);
  if (cached !== undefined) return cached ?? undefined;
  if (open.has(binding)) return undefined;
  open.add(binding);
  let found: ResolvedFunction | undefined;
  try {
    found = agreedFunction(binding, ctx, hops);
  } finally {
    open.delete(binding);
  }
  known.set(binding, found ?? null);
  return found;
}

function agreedFunction(binding: Binding, ctx: FileContext, hops: number): ResolvedFunction | undefined {
  const { passed, complete } = passedArguments(binding, ctx, (callee, at) => resolveFunction(callee, at));
  if (!complete || passed.length === 0) return undefined;
  let found: ResolvedFunction | undefined;
  for (const argument of passed) {
    // An identifier of the caller's own parameter is what the caller's callers pass, a hop further up.
    const fn = resolveFunction(argument.node, argument.ctx) ?? passedGetter(argument.node, argument.ctx, hops + 1);
    if (!fn || (found && found.fn !== fn.fn)) return undefined;
    found ??= fn;
  }
  return found;
}
