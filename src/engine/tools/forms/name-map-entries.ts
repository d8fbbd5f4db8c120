// The entries of a constant name → handler map a dispatcher looks its tool up in: an object literal,
// `new Map([...])`, a registry filled with `set` calls, or the object a project function returns; also imported.
import { propertyName, stringValue, unwrapExpression, type FunctionNode, type Node } from '../../ast';
import type { Binding } from '../../scope';
import type { FileContext } from '../../analysis/context';
import { importedExport, resolveFunction } from '../../analysis/resolve';
import { constantString } from '../constant-name';
import { copiedMapSources, fromEntriesSource, type CopySource } from './copied-map';

/** Entries kept per map. */
const MAX_ENTRIES = 200;

export interface MapEntry {
  key: string;
  keyNode: Node;
  value: Node;
  ctx: FileContext;
  /** The audit call of a wrapper every handler of a copied map runs in (`forms/copied-map.ts`). */
  audit?: string;
}

/** The entries of a constant name → function map: an object literal or `new Map([[k, fn], …])`, also imported. */
export function mapEntries(node: Node, ctx: FileContext, depth: number): MapEntry[] {
  if (depth > 6) return [];
  const inner = unwrapExpression(node);
  if (inner.type === 'ObjectExpression') {
    return inner.properties.flatMap((property) => {
      // `{ ...ordersFunctions(context), ...paymentsFunctions(context) }`: a map assembled from other maps.
      if (property.type === 'SpreadElement') return mapEntries(property.argument, ctx, depth + 1);
      if (property.type !== 'Property') return [];
      // `[TOOL_METHODS.CREATE]: create`: a computed key named by a constant stands for its string.
      const key = propertyName(property) ?? (property.computed ? constantString(property.key, ctx) : undefined);
      return key === undefined ? [] : [{ key, keyNode: property.key as Node, value: property.value as Node, ctx }];
    });
  }
  if (inner.type === 'NewExpression' && inner.callee.type === 'Identifier' && inner.callee.name === 'Map') {
    const list = inner.arguments[0] ? unwrapExpression(inner.arguments[0]) : undefined;
    if (list?.type !== 'ArrayExpression') return [];
    return list.elements.flatMap((element) => {
      const pair = element ? unwrapExpression(element) : undefined;
      if (pair?.type !== 'ArrayExpression') return [];
      const [keyNode, value] = pair.elements;
      const key = keyNode ? stringValue(keyNode) : undefined;
      return key === undefined || !keyNode || !value || value.type === 'SpreadElement'
        ? []
        : [{ key, keyNode, value, ctx }];
    });
  }
  if (inner.type === 'MemberExpression' && inner.object.type === 'ThisExpression') return [];
  // `registerToolHandlers(service)`: a project function that returns the name → handler object.
  if (inner.type === 'CallExpression') {
    const copied = fromEntriesSource(inner, ctx);
    if (copied) return copiedEntries(copied, ctx, depth);
    const factory = resolveFunction(inner.callee, ctx);
    if (!factory) return [];
    return returnedValues(factory.fn).flatMap((returned) => mapEntries(returned, factory.ctx, depth + 1));
  }
  if (inner.type !== 'Identifier') return [];
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind === 'var' && binding.init && !binding.isLoopElement && binding.patternPath.length === 0)
    return [
      ...mapEntries(binding.init, ctx, depth + 1),
      ...registeredEntries(binding, ctx),
      // `const wrapped = {}` filled from another map in a loop, each handler wrapped: the other map's entries.
      ...copiedMapSources(binding, ctx).flatMap((copied) => copiedEntries(copied, ctx, depth)),
    ];
  const exported = binding === undefined ? undefined : importedExport(binding, ctx);
  return exported ? mapEntries(exported.node, exported.ctx, depth + 1) : [];
}

/** The source map's entries, each carrying the copy's wrapper audit, if any. */
function copiedEntries(copied: CopySource, ctx: FileContext, depth: number): MapEntry[] {
  const entries = mapEntries(copied.source, ctx, depth + 1);
  const audit = copied.audit;
  return audit === undefined ? entries : entries.map((entry) => ({ ...entry, audit }));
}

/**
 * A registry filled after it is made: `const handlers = new Map(); handlers.set('create_invoice', fn);`,
 * one entry per `set` statement at the top level of the map's module.
 */
function registeredEntries(binding: Binding, ctx: FileContext): MapEntry[] {
  const init = binding.init ? unwrapExpression(binding.init) : undefined;
  if (init?.type !== 'NewExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'Map') return [];
  const out: MapEntry[] = [];
  for (const statement of ctx.ast.body) {
    if (out.length >= MAX_ENTRIES) break;
    const call = statement.type === 'ExpressionStatement' ? unwrapExpression(statement.expression) : undefined;
    if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') continue;
    const target = unwrapExpression(call.callee.object);
    if (propertyName(call.callee) !== 'set' || target.type !== 'Identifier') continue;
    if (ctx.scopes.resolve(target) !== binding) continue;
    const [keyNode, value] = call.arguments;
    const key = keyNode ? (stringValue(keyNode) ?? constantString(keyNode, ctx)) : undefined;
    if (key !== undefined && keyNode && value && value.type !== 'SpreadElement') out.push({ key, keyNode, value, ctx });
  }
  return out;
}

/** Returns read per function: a map's factory has one, or one per configuration it tells apart. */
const MAX_RETURNS = 4;

/**
 * What a function returns: an arrow's expression body, or the values of its `return` statements at the top
 * level of its body and inside its `if` blocks (`if (context.isAdmin) return { … }; return {};`), in order.
 */
export function returnedValues(fn: FunctionNode): Node[] {
  if (!fn.body) return [];
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const out: Node[] = [];
  const visit = (statements: readonly Node[]): void => {
    for (const statement of statements) {
      if (out.length >= MAX_RETURNS) return;
      if (statement.type === 'ReturnStatement' && statement.argument) out.push(statement.argument);
      else if (statement.type === 'BlockStatement') visit(statement.body);
      else if (statement.type === 'IfStatement') {
        visit([statement.consequent]);
        if (statement.alternate) visit([statement.alternate]);
      }
    }
  };
  visit(fn.body.body);
  return out;
}
