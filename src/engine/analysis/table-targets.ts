// Functions picked from a constant table by a key the code does not fix (`handlers[method](args)`, also a
// table of tables: `const h = serviceHandlers[service][method]`): the call may run any of them.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../ast';
import type { FileContext } from './context';
import { importedExport, resolveFunction, type ResolvedFunction } from './resolve';

/**
 * Bounds for hostile tables: functions returned per call, tables visited, and the hops from the callee
 * to a table. A generated API wrapper holds a few hundred handlers; a call beyond the bound sees the
 * first ones in source order.
 */
const MAX_TARGETS = 320;
const MAX_TABLES = 64;
const MAX_HOPS = 4;

interface Table {
  object: TSESTree.ObjectExpression;
  ctx: FileContext;
}

/** Every function a call may run when its callee is a lookup with a non-constant key in constant tables. */
export function tableTargets(callee: Node, ctx: FileContext): ResolvedFunction[] {
  const lookup = pickedFrom(callee, ctx, 0);
  if (!lookup) return [];
  const out: ResolvedFunction[] = [];
  for (const table of tablesOf(lookup.node.object, lookup.ctx, 0)) {
    for (const property of table.object.properties) {
      if (out.length >= MAX_TARGETS) return out;
      if (property.type !== 'Property') continue;
      const target = resolveFunction(property.value as Node, table.ctx);
      if (target && !out.some((seen) => seen.fn === target.fn)) out.push(target);
    }
  }
  return out;
}

/** The lookup a callee is, directly or through the variables that hold it (`const handler = handlers[method]`). */
function pickedFrom(
  node: Node,
  ctx: FileContext,
  hops: number,
): { node: TSESTree.MemberExpression; ctx: FileContext } | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'MemberExpression' && inner.computed && propertyName(inner) === undefined)
    return { node: inner, ctx };
  if (inner.type !== 'Identifier' || hops >= MAX_HOPS) return undefined;
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement || binding.patternPath.length > 0)
    return undefined;
  return pickedFrom(binding.init, ctx, hops + 1);
}

/** The object literals an expression may be: a table, a member of one, or any value of one picked by a variable key. */
function tablesOf(node: Node, ctx: FileContext, hops: number): Table[] {
  if (hops > MAX_HOPS) return [];
  const inner = unwrapExpression(node);
  if (inner.type === 'ObjectExpression') return [{ object: inner, ctx }];
  if (inner.type === 'Identifier') {
    const held = heldValue(inner, ctx);
    return held ? tablesOf(held.node, held.ctx, hops + 1) : [];
  }
  if (inner.type !== 'MemberExpression') return [];
  const name = propertyName(inner);
  if (name === undefined && !inner.computed) return [];
  const out: Table[] = [];
  for (const parent of tablesOf(inner.object, ctx, hops + 1)) {
    for (const property of parent.object.properties) {
      if (out.length >= MAX_TABLES) return out;
      if (property.type !== 'Property' || (name !== undefined && propertyName(property) !== name)) continue;
      out.push(...tablesOf(property.value as Node, parent.ctx, hops + 1));
    }
  }
  return out.slice(0, MAX_TABLES);
}

/** What a variable or an imported name holds, when it is initialised once. */
function heldValue(identifier: TSESTree.Identifier, ctx: FileContext): { node: Node; ctx: FileContext } | undefined {
  const binding = ctx.scopes.resolve(identifier);
  if (!binding) return undefined;
  if (binding.kind === 'var')
    return binding.init && !binding.isLoopElement && binding.patternPath.length === 0
      ? { node: binding.init, ctx }
      : undefined;
  return importedExport(binding, ctx);
}
