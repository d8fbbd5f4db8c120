// Provider objects: a method of an object literal a project factory returns (`const cli = await create()`,
// `create = () => ({ invoke: run })`), and a factory's untyped parameter typed by the one call that passes it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import type { Binding } from '../scope';
import type { FileContext } from './context';
import { returnValues } from './returned-api';
import { onlyCallInFile } from './local-callers';

/** Factories followed through returns of other factories (`create()` returning `createDirect()`). */
const MAX_FACTORY_DEPTH = 3;

/** An object literal a factory returns, and the members the factory assigns to it by name before returning it. */
export interface FactoryObject {
  object: TSESTree.ObjectExpression;
  ctx: FileContext;
  assigned?: Map<string, { node: Node; ctx: FileContext }>;
}

/** Nodes read for one returned variable's member assignments. */
const MAX_ASSIGNMENT_NODES = 5_000;

/** `name.member = value` statements in `fn` on the variable `binding`, by member (the last one wins). */
function assignedMembers(
  fn: FunctionNode,
  binding: Binding,
  ctx: FileContext,
): Map<string, { node: Node; ctx: FileContext }> {
  const out = new Map<string, { node: Node; ctx: FileContext }>();
  let visited = 0;
  walk(fn.body ?? fn, (node) => {
    if (++visited > MAX_ASSIGNMENT_NODES) return false;
    if (node.type !== 'AssignmentExpression' || node.operator !== '=' || node.left.type !== 'MemberExpression')
      return true;
    const target = node.left.object;
    const member = propertyName(node.left);
    if (target.type === 'Identifier' && member !== undefined && ctx.scopes.resolve(target) === binding)
      out.set(member, { node: node.right, ctx });
    return true;
  });
  return out;
}

/**
 * The object literals a factory call evaluates to: `await create()` where `create` returns `{ … }`
 * (directly, through a variable, or through another factory's call), with the file each is in.
 */
export function factoryObjects(
  init: Node,
  ctx: FileContext,
  resolveCallee: (callee: Node, ctx: FileContext) => { fn: FunctionNode; ctx: FileContext } | undefined,
  depth = 0,
): FactoryObject[] {
  if (depth > MAX_FACTORY_DEPTH) return [];
  let value = unwrapExpression(init);
  if (value.type === 'AwaitExpression') value = unwrapExpression(value.argument);
  if (value.type !== 'CallExpression') return [];
  const factory = resolveCallee(value.callee, ctx);
  if (!factory) return [];
  const out: FactoryObject[] = [];
  for (const returned of returnValues(factory.fn)) {
    let inner = unwrapExpression(returned);
    if (inner.type === 'AwaitExpression') inner = unwrapExpression(inner.argument);
    if (inner.type === 'ConditionalExpression') {
      for (const branch of [inner.consequent, inner.alternate])
        out.push(...factoryObjects(branch, factory.ctx, resolveCallee, depth + 1));
    } else if (inner.type === 'ObjectExpression') out.push({ object: inner, ctx: factory.ctx });
    else if (inner.type === 'CallExpression' || inner.type === 'AwaitExpression')
      out.push(...factoryObjects(inner, factory.ctx, resolveCallee, depth + 1));
    else if (inner.type === 'Identifier') {
      const binding = factory.ctx.scopes.resolve(inner);
      if (binding?.kind === 'var' && binding.init && binding.patternPath.length === 0 && !binding.isLoopElement) {
        // `const adapted = { read(p) { … } }; …; return adapted`: the literal the variable starts as.
        const held = unwrapExpression(binding.init);
        const made =
          held.type === 'ObjectExpression'
            ? [{ object: held, ctx: factory.ctx }]
            : factoryObjects(binding.init, factory.ctx, resolveCallee, depth + 1);
        // `adapted.execute = (cmd) => sandbox.execute(cmd)` before the return: a member the literal lacks.
        const assigned = assignedMembers(factory.fn, binding, factory.ctx);
        for (const entry of made)
          out.push(
            assigned.size > 0 ? { ...entry, assigned: new Map([...(entry.assigned ?? []), ...assigned]) } : entry,
          );
      }
      // `static transfers() { return transfers; }` with `import transfers from './lib/transfers'`: the module's
      // object literal of request functions, which the factory hands out as a client.
      const imported = binding?.kind === 'import' ? importedObject(binding, factory.ctx) : undefined;
      if (imported) out.push(imported);
    }
  }
  return out;
}

/** The object literal an import binding names in a project module (`export default { create, get }`). */
function importedObject(binding: Binding, ctx: FileContext): FactoryObject | undefined {
  if (!binding.importSource || binding.importName === '*') return undefined;
  const target = ctx.modules.resolveImport(ctx, binding.importSource);
  const exported = target ? ctx.modules.exportedNode(target, binding.importName ?? binding.name) : undefined;
  const object = exported ? unwrapExpression(exported.node) : undefined;
  return exported && object?.type === 'ObjectExpression' ? { object, ctx: exported.ctx } : undefined;
}

/**
 * What the one call of a function in its file passes for the parameter `binding` (an unannotated,
 * undestructured parameter): `createRunCommand(cli, acl)` types `gcloud` in
 * `createRunCommand = (gcloud, acl) => …`. None when the function is called from several places or is
 * handed on as a value; an exported function counts (a bundle's chunk exports its helpers), its other
 * files' calls unread.
 */
export function onlyCallArgument(binding: Binding, ctx: FileContext): Node | undefined {
  const fn = binding.fn;
  if (binding.kind !== 'param' || !fn || binding.patternPath.length > 0 || binding.paramIndex === undefined)
    return undefined;
  const param = fn.params[binding.paramIndex];
  if (param?.type !== 'Identifier' || param.typeAnnotation) return undefined;
  const argument = onlyCallInFile(fn, ctx)?.arguments[binding.paramIndex];
  return argument && argument.type !== 'SpreadElement' ? argument : undefined;
}
