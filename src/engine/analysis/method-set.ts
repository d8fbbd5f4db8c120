// A pluggable backend's implementations: an untyped receiver whose called methods match classes of the package.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, propertyName, unwrapExpression, walk, type Node } from '../ast';
import type { Binding } from '../scope';
import type { ClassRef, FileContext } from './context';

/** Nodes read to collect one receiver's members: a bundle's function is large, a hostile one larger. */
const MAX_NODES = 20_000;
/** Member names kept per receiver. */
const MAX_NAMES = 64;
/**
 * Names every object answers to, or that say nothing about which interface a value implements: a match on
 * them is no evidence.
 */
export const NO_EVIDENCE: ReadonlySet<string> = new Set([
  ...['then', 'catch', 'finally', 'bind', 'call', 'apply', 'toJSON'],
  ...Object.getOwnPropertyNames(Object.prototype),
]);
/**
 * Methods of the runtime's strings, arrays and collections (`s.indexOf(x); s.slice(i)` on an untyped string):
 * weak evidence, like the engine's list of common member names.
 */
export const BUILTIN_METHODS: ReadonlySet<string> = new Set(
  [String.prototype, Array.prototype, Map.prototype, Set.prototype].flatMap((proto) =>
    Object.getOwnPropertyNames(proto),
  ),
);

/**
 * The classes a call `receiver.name(…)` may run, when nothing types `receiver` (an untyped parameter or
 * a variable holding what an unresolved call returned) and the package ships several implementations of
 * the interface the code uses (`backend.ls(p)`, `backend.read(p)` beside an in-memory store and a
 * real-disk backend): every class of the package (`implementers`, bounded) that declares `name` and at
 * least one other member the same function reads on the same receiver. Two members are needed, and when
 * `name` is one runtime objects answer to (`get`, `write`, `read`) the other must not be, so `out.write(s);
 * out.end()` on a stream, `cache.get(k); cache.set(k, v)` on a map or `s.indexOf(x); s.slice(i)` never reaches a project class that
 * happens to declare those names.
 */
export function methodSetClasses(
  receiver: Node,
  name: string,
  ctx: FileContext,
  common: ReadonlySet<string>,
): ClassRef[] {
  const others = evidenceMembers(receiver, name, ctx, common);
  return others.length > 0 ? ctx.modules.methodSetOwners(ctx, name, others) : [];
}

/**
 * The other members the function reads on the receiver that count as evidence of which interface it is:
 * not names every object answers to, and not two runtime names (`get` beside `set`).
 */
export function evidenceMembers(receiver: Node, name: string, ctx: FileContext, common: ReadonlySet<string>): string[] {
  const path = memberPath(receiver);
  if (!path) return [];
  const binding = ctx.scopes.resolve(path.root);
  if (!binding) return [];
  const weak = (member: string) => common.has(member) || BUILTIN_METHODS.has(member);
  return readMembers(binding, path.steps, ctx).filter(
    (other) => other !== name && !NO_EVIDENCE.has(other) && !(weak(name) && weak(other)),
  );
}

/** Plain member steps followed from a receiver to its variable (`context.api`: one). */
const MAX_PATH_STEPS = 2;

/**
 * `backend` or `context.api`: the variable a receiver is read from and the plain member steps on the way. A
 * handler's `context.api.dashboards(…)` beside `context.api.getProjectBaseUrl(…)` uses one client's members.
 */
function memberPath(receiver: Node): { root: TSESTree.Identifier; steps: string[] } | undefined {
  const steps: string[] = [];
  let current = receiver;
  while (current.type === 'MemberExpression' && !current.computed && steps.length < MAX_PATH_STEPS) {
    const step = propertyName(current);
    if (step === undefined) return undefined;
    steps.unshift(step);
    current = unwrapExpression(current.object) as Node;
  }
  return current.type === 'Identifier' ? { root: current, steps } : undefined;
}

/** Cached per binding and path: every call on the receiver asks for the same set. */
const membersByBinding = new WeakMap<Binding, Map<string, string[]>>();

/** The member names read on `binding` (or on the same member path of it), called or not, inside the function that declares it. */
function readMembers(binding: Binding, steps: readonly string[], ctx: FileContext): string[] {
  const key = steps.join('.');
  let byPath = membersByBinding.get(binding);
  if (!byPath) {
    byPath = new Map();
    membersByBinding.set(binding, byPath);
  }
  const cached = byPath.get(key);
  if (cached) return cached;
  const scope: Node | undefined = binding.kind === 'param' ? binding.fn : enclosingFunction(binding.id);
  const names: string[] = [];
  let visited = 0;
  if (scope)
    walk(scope, (node) => {
      if (++visited > MAX_NODES || names.length >= MAX_NAMES) return false;
      if (node.type !== 'MemberExpression') return true;
      const path = memberPath(unwrapExpression(node.object) as Node);
      const member = propertyName(node as TSESTree.MemberExpression);
      if (
        path !== undefined &&
        path.root.name === binding.name &&
        path.steps.join('.') === key &&
        member !== undefined &&
        !names.includes(member) &&
        ctx.scopes.resolve(path.root) === binding
      )
        names.push(member);
      return true;
    });
  byPath.set(key, names);
  return names;
}
