// Registration loops that join a tool list to a handler map by name (`TOOLS.forEach((t) => server.tool(t.name, …, HANDLERS[t.name]))`): one tool per list entry, its handler the map's entry of that name, in this file or imported.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, stringValue, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { importedExport } from '../../analysis/resolve';
import { collectCaps } from '../caps';
import { constantString } from '../constant-name';
import { attachHandlers, baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';

/** A node with the file it belongs to: list entries and handlers may come from imported modules. */
interface Located<T extends Node = Node> {
  node: T;
  ctx: FileContext;
}

/** Tool lists are tens to hundreds of entries; a bound on hostile ones. */
const MAX_ENTRIES = 500;
/** Constants handed on to constants (and through re-exports) are followed a few steps. */
const MAX_STEPS = 4;

/**
 * `handler` is `HANDLERS[tool.name]` (or a `const` holding it) where `tool` walks a constant list of tool
 * objects: one tool per entry, named by its `name` and handled by `HANDLERS[name]`.
 */
export function fromLoopHandlerMap(
  node: TSESTree.CallExpression,
  handlerNode: Node,
  elementsOf: (variable: TSESTree.Identifier) => Node | undefined,
  form: FormLike,
  ctx: FileContext,
): RecognisedTool[] | undefined {
  const lookup = mapLookup(handlerNode, ctx);
  if (!lookup) return undefined;
  const iterable = elementsOf(lookup.variable);
  const list = iterable ? constantValue(iterable, ctx, 0) : undefined;
  const map = constantValue(lookup.map, ctx, 0);
  if (list?.node.type !== 'ArrayExpression' || map?.node.type !== 'ObjectExpression') return undefined;
  const handlers = map as Located<TSESTree.ObjectExpression>;
  const tools: RecognisedTool[] = [];
  for (const element of list.node.elements.slice(0, MAX_ENTRIES)) {
    const entry = element ? constantValue(element, list.ctx, 0) : undefined;
    if (entry?.node.type !== 'ObjectExpression') return undefined;
    const nameProperty = findProperty(entry.node, lookup.key);
    const name = nameProperty ? constantString(nameProperty.value as Node, entry.ctx) : undefined;
    if (name === undefined || !nameProperty) return undefined;
    const handler = findProperty(handlers.node, name);
    const tool = baseTool({ name, node: nameProperty.value as Node }, form, entry.node);
    attachHandlers(tool, handler ? [handler.value as Node] : [], form, handlers.ctx, node);
    collectCaps(entry.node, tool);
    tools.push(tool);
  }
  return tools.length > 0 ? tools : undefined;
}

/** `MAP[v.name]`, directly or through the `const` that holds it: the map, the loop variable and the key read. */
function mapLookup(
  handlerNode: Node,
  ctx: FileContext,
): { map: Node; variable: TSESTree.Identifier; key: string } | undefined {
  let inner = unwrapExpression(handlerNode);
  if (inner.type === 'Identifier') {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind !== 'var' || !binding.init || binding.patternPath.length > 0) return undefined;
    inner = unwrapExpression(binding.init);
  }
  if (inner.type !== 'MemberExpression' || !inner.computed) return undefined;
  const property = unwrapExpression(inner.property);
  if (property.type !== 'MemberExpression' || property.object.type !== 'Identifier') return undefined;
  const key = propertyName(property);
  return key === undefined ? undefined : { map: inner.object, variable: property.object, key };
}

/** What a constant expression stands for: a literal, a `const` (bundlers write `var`) or an imported export. */
function constantValue(node: Node, ctx: FileContext, steps: number): Located | undefined {
  const inner = unwrapExpression(node);
  if (inner.type !== 'Identifier') return stringValue(inner) === undefined ? { node: inner, ctx } : undefined;
  if (steps >= MAX_STEPS) return undefined;
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind === 'var' && binding.init && binding.patternPath.length === 0 && !binding.isLoopElement)
    return constantValue(binding.init, ctx, steps + 1);
  const imported = binding ? importedExport(binding, ctx) : undefined;
  return imported ? constantValue(imported.node, imported.ctx, steps + 1) : undefined;
}
