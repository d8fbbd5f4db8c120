// The package API a project object inherits: an instance of a project class that extends a package's class
// (`class TokenClient extends SdkClient`, also through an abstract project class between them), reached
// through an imported singleton (`export const client = cond ? new A() : new B()`); also a singleton a
// package's own factory or class built (`export const api = createClient({ baseUrl })`).
import { unwrapExpression, type Node } from '../ast';
import { extend, GLOBAL, isRelative, LOCAL, UNTYPED, type ApiRef, type ApiToken } from '../api';
import type { FileContext } from './context';
import { importedExport, resolveClass } from './resolve';

/** Members between the object and the use (`.billsApi`), and project classes climbed to the package's. */
const MAX_MEMBERS = 6;
const MAX_CLASS_LEVELS = 4;
/** Constants and conditional branches followed to the `new` that made the object. */
const MAX_STEPS = 4;

/** What `node` is when its root object is an instance of a project subclass of a package's class. */
export function inheritedApi(node: Node, ctx: FileContext): ApiRef | undefined {
  const members: ApiToken[] = [];
  let current = unwrapExpression(node);
  while (current.type === 'MemberExpression' && members.length < MAX_MEMBERS) {
    if (current.computed || current.property.type !== 'Identifier') return undefined;
    members.unshift({ kind: 'Member', name: current.property.name });
    current = unwrapExpression(current.object);
  }
  const base = current.type === 'Identifier' ? instanceApi(current, ctx, 0) : undefined;
  return base ? { ...base, tokens: [...base.tokens, ...members] } : undefined;
}

function instanceApi(node: Node, ctx: FileContext, steps: number): ApiRef | undefined {
  if (steps > MAX_STEPS) return undefined;
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case 'Identifier': {
      const binding = ctx.scopes.resolve(inner);
      if (binding?.kind === 'var' && binding.init && !binding.isLoopElement && binding.patternPath.length === 0)
        return instanceApi(binding.init, ctx, steps + 1);
      const held = binding ? importedExport(binding, ctx) : undefined;
      return held ? instanceApi(held.node, held.ctx, steps + 1) : undefined;
    }
    // Either client the configuration picks: both extend the same package class in practice; the first decides.
    case 'ConditionalExpression':
      return instanceApi(inner.consequent, ctx, steps + 1) ?? instanceApi(inner.alternate, ctx, steps + 1);
    case 'NewExpression':
      return packageBase(inner.callee, ctx) ?? packageRef(ctx.api.resolve(inner));
    // `export const api = createClient({ baseUrl })`: a client a package's factory built.
    case 'CallExpression':
      return packageRef(ctx.api.resolve(inner));
    default:
      return undefined;
  }
}

/** A package's own API (not the project's, a global's or an unknown value's). */
function packageRef(ref: ApiRef | undefined): ApiRef | undefined {
  return ref && ![GLOBAL, LOCAL, UNTYPED].includes(ref.module) && !isRelative(ref.module) ? ref : undefined;
}

/** The nearest package class a project class extends, as an instance of it. */
function packageBase(callee: Node, ctx: FileContext): ApiRef | undefined {
  let current = resolveClass(callee, ctx);
  for (let level = 0; current && level < MAX_CLASS_LEVELS; level++) {
    const superClass = current.node.superClass;
    if (!superClass) return undefined;
    const ref = current.ctx.api.resolve(superClass);
    if (ref && ![GLOBAL, LOCAL, UNTYPED].includes(ref.module) && !isRelative(ref.module))
      return extend(ref, { kind: 'Instance' });
    current = resolveClass(superClass, current.ctx, level + 1);
  }
  return undefined;
}
