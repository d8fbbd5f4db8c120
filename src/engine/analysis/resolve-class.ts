// Which project class an expression names, and the methods found on it through `extends`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, type Node } from '../ast';
import { constructedFields, enclosingClass } from '../class-fields';
import type { Binding } from '../scope';
import { constructedAssignments } from './constructed-instances';
import type { FileContext } from './context';
import { moduleObject } from './receivers';
import { isProjectCode, MAX_DEPTH, type ResolvedFunction } from './resolve';

export interface ResolvedClass {
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  ctx: FileContext;
}

/** A method of a class, looked up through `extends` as far as the project's own classes go. */
export function methodOf(resolved: ResolvedClass, name: string, depth = 0): ResolvedFunction | undefined {
  let current: ResolvedClass | undefined = resolved;
  for (let level = 0; current && level < 4; level++) {
    for (const member of current.node.body.body) {
      if (
        member.type === 'MethodDefinition' &&
        member.kind === 'method' &&
        propertyName(member) === name &&
        member.value.type === 'FunctionExpression'
      ) {
        return { fn: member.value, ctx: current.ctx };
      }
      if (
        member.type === 'PropertyDefinition' &&
        propertyName(member) === name &&
        member.value &&
        isFunction(member.value)
      ) {
        return { fn: member.value, ctx: current.ctx };
      }
    }
    current = current.node.superClass ? resolveClass(current.node.superClass, current.ctx, depth + 1) : undefined;
  }
  return undefined;
}

/** The class an expression names (`NavigationTool`, an imported class, a class expression); not a bundled package's. */
export function resolveClass(node: Node, ctx: FileContext, depth = 0): ResolvedClass | undefined {
  const found = anyClass(node, ctx, depth);
  return found && isProjectCode(found) ? found : undefined;
}

function anyClass(node: Node, ctx: FileContext, depth: number): ResolvedClass | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = unwrapExpression(node);
  if (inner.type === 'ClassDeclaration' || inner.type === 'ClassExpression') return { node: inner, ctx };
  if (inner.type === 'MemberExpression') return requiredClass(inner, ctx, depth);
  if (inner.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(inner);
  if (!binding) {
    const own = namedClassExpression(inner);
    return own && { node: own, ctx };
  }
  if (binding.kind === 'class' && binding.declaration?.type === 'ClassDeclaration')
    return { node: binding.declaration, ctx };
  if (binding.kind === 'var' && binding.init && !binding.isLoopElement)
    return resolveClass(binding.init, ctx, depth + 1);
  const exported = importedExport(binding, ctx);
  return exported ? resolveClass(exported.node, exported.ctx, depth + 1) : undefined;
}

/** The class expression a name inside it calls itself by (`var F = class _F { static i = new _F(); }`, a bundler's). */
export function namedClassExpression(name: TSESTree.Identifier): TSESTree.ClassExpression | undefined {
  for (let node: Node | undefined = name.parent; node; node = node.parent)
    if (node.type === 'ClassExpression' && node.id?.name === name.name) return node;
  return undefined;
}

/** `core_1.BaseTool` after `const core_1 = require('./core')` (compiled CommonJS, `import * as core`): that module's export. */
function requiredClass(node: TSESTree.MemberExpression, ctx: FileContext, depth: number): ResolvedClass | undefined {
  const name = propertyName(node);
  const module = name === undefined ? undefined : moduleObject(unwrapExpression(node.object), ctx);
  const exported = module && name !== undefined ? ctx.modules.exportedNode(module, name) : undefined;
  return exported ? resolveClass(exported.node, exported.ctx, depth + 1) : undefined;
}

/** What an import binding names in the project module it imports: the exported node and that module's context. */
export function importedExport(binding: Binding, ctx: FileContext): { node: Node; ctx: FileContext } | undefined {
  if (binding.kind !== 'import' || !binding.importSource) return undefined;
  const target = ctx.modules.resolveImport(ctx, binding.importSource);
  const name = binding.importName === '*' ? binding.name : (binding.importName ?? binding.name);
  return target ? ctx.modules.exportedNode(target, name) : undefined;
}

/** The class of an object made with `new C(...)`: in its initialiser or in an assignment in the file. */
export function instanceClass(node: Node, ctx: FileContext, depth: number): ResolvedClass | undefined {
  if (node.type === 'NewExpression') return resolveClass(node.callee, ctx, depth + 1);
  if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') return fieldClass(node, ctx, depth);
  if (node.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(node);
  if (binding?.kind !== 'var' || binding.patternPath.length > 0) return undefined;
  if (binding.init) {
    const init = unwrapExpression(binding.init);
    return init.type === 'NewExpression' ? resolveClass(init.callee, ctx, depth + 1) : undefined;
  }
  for (const made of constructedAssignments(ctx).get(binding) ?? []) {
    const found = resolveClass(made.callee, ctx, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `this.client` made with `new HttpClient(...)` in a field initialiser or an assignment inside the class. */
export function fieldClass(
  node: TSESTree.MemberExpression,
  ctx: FileContext,
  depth: number,
): ResolvedClass | undefined {
  const name = propertyName(node);
  const classNode = enclosingClass(node);
  if (name === undefined || !classNode) return undefined;
  for (const callee of constructedFields(classNode.body).get(name) ?? []) {
    const found = resolveClass(callee, ctx, depth + 1);
    if (found) return found;
  }
  return undefined;
}
