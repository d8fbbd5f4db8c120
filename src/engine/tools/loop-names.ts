// Tools declared once inside a loop over a constant list (`for (const { id } of DATASETS) addTool({ name: `web_data_${id}`, … })`): the name each list entry gives the declaration.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, unwrapExpression, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import type { Binding } from '../scope';
import { constantString } from './constant-name';
import { arrayElements, objectLiteralOf } from './navigate';
import type { RecognisedTool } from './types';

/** Lists of tool definitions run to tens or hundreds; a bound on hostile ones. */
const MAX_ENTRIES = 300;
/** `const toolName = `…${id}``: names are built in a step or two. */
const MAX_STEPS = 3;

/** One name (and the entry that gives it) per element of the list the name's loop walks; undefined when the name is not built from one. */
export function loopNames(nameNode: Node, ctx: FileContext): Array<{ name: string; node: Node }> | undefined {
  const loop = loopOf(nameNode, ctx, 0);
  const list = loop && listOf(loop);
  if (!loop || !list) return undefined;
  const entries = arrayElements(list, ctx).slice(0, MAX_ENTRIES);
  const names: Array<{ name: string; node: Node }> = [];
  for (const entry of entries) {
    const object = objectLiteralOf(entry, ctx);
    const name = object ? nameFor(nameNode, object, loop, ctx, 0) : undefined;
    if (!object || name === undefined) return undefined;
    names.push({ name, node: object });
  }
  return names.length > 0 ? names : undefined;
}

/** The for-of loop variable the name is built from (a destructured entry or the entry itself). */
function loopOf(node: Node, ctx: FileContext, steps: number): Binding | undefined {
  if (steps > MAX_STEPS) return undefined;
  const inner = unwrapExpression(node);
  const parts =
    inner.type === 'TemplateLiteral'
      ? inner.expressions
      : inner.type === 'MemberExpression'
        ? [inner.object]
        : inner.type === 'Identifier'
          ? [inner]
          : [];
  for (const part of parts) {
    const value = unwrapExpression(part);
    const base = value.type === 'MemberExpression' ? unwrapExpression(value.object) : value;
    if (base.type !== 'Identifier') continue;
    const binding = ctx.scopes.resolve(base);
    if (binding && isListCallbackEntry(binding)) return binding;
    if (binding?.kind !== 'var') continue;
    if (binding.isLoopElement) return binding;
    if (binding.init && binding.patternPath.length === 0) {
      const found = loopOf(binding.init, ctx, steps + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The name `node` spells for one list entry: constants stay, the entry's fields fill the loop's variables. */
function nameFor(
  node: Node,
  entry: TSESTree.ObjectExpression,
  loop: Binding,
  ctx: FileContext,
  steps: number,
): string | undefined {
  if (steps > MAX_STEPS) return undefined;
  const inner = unwrapExpression(node);
  if (inner.type === 'TemplateLiteral') {
    let text = inner.quasis[0]?.value.cooked ?? '';
    for (const [index, expression] of inner.expressions.entries()) {
      const part = nameFor(expression, entry, loop, ctx, steps + 1);
      if (part === undefined) return undefined;
      text += part + (inner.quasis[index + 1]?.value.cooked ?? '');
    }
    return text;
  }
  const field = entryField(inner, loop, ctx);
  if (field !== undefined) {
    const property = findProperty(entry, field);
    return property ? constantString(property.value as Node, ctx) : undefined;
  }
  if (inner.type === 'Identifier') {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'var' && !binding.isLoopElement && binding.init && binding.patternPath.length === 0)
      return nameFor(binding.init, entry, loop, ctx, steps + 1);
  }
  return constantString(inner, ctx);
}

/** The entry's field an expression reads: `id` destructured in the loop head, or `entry.id`. */
function entryField(node: Node, loop: Binding, ctx: FileContext): string | undefined {
  if (node.type === 'Identifier') {
    const binding = ctx.scopes.resolve(node);
    const sameEntry = loop.isLoopElement
      ? binding?.isLoopElement && binding.init === loop.init
      : binding?.fn === loop.fn && binding?.paramIndex === loop.paramIndex;
    if (binding && sameEntry && binding.patternPath.length === 1) return binding.patternPath[0];
    return undefined;
  }
  if (node.type !== 'MemberExpression' || node.object.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(node.object);
  return binding === loop && binding.patternPath.length === 0 ? propertyName(node) : undefined;
}

/** A generic tool whose name is built in a loop over a constant list: one tool per list entry, sharing the handler. */
export function perLoopEntry(tool: RecognisedTool, ctx: FileContext): RecognisedTool[] | undefined {
  const property = tool.nameNode.parent;
  // `[spec.name, tool({ … })]` in a list's callback: the pair's key is the name.
  const pairKey = property?.type === 'ArrayExpression' && property.elements[0] === tool.nameNode;
  // The tool's name node is the key when the name is unknown, the value when it was described (`mirror_{id}`).
  if (
    !pairKey &&
    (property?.type !== 'Property' || (property.key !== tool.nameNode && property.value !== tool.nameNode))
  )
    return undefined;
  const names = loopNames(property.type === 'Property' ? (property.value as Node) : tool.nameNode, ctx);
  return names?.map((entry) => ({
    ...tool,
    name: entry.name,
    nameNode: entry.node,
    cappedFields: new Set(tool.cappedFields),
  }));
}

/** List methods whose callback gets each entry as its first parameter. */
const LIST_CALLBACKS: ReadonlySet<string> = new Set(['map', 'flatMap', 'forEach']);

/** `SPECS.map((spec) => …)`: the callback's first parameter is one entry of the list, as a for-of variable is. */
function isListCallbackEntry(binding: Binding): boolean {
  return binding.kind === 'param' && binding.paramIndex === 0 && listCall(binding) !== undefined;
}

function listCall(binding: Binding): TSESTree.CallExpression | undefined {
  const call = binding.fn?.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== binding.fn) return undefined;
  const callee = unwrapExpression(call.callee);
  return callee.type === 'MemberExpression' && LIST_CALLBACKS.has(propertyName(callee) ?? '') ? call : undefined;
}

/** The list a loop walks: a for-of head's iterable, or the array a list method is called on. */
function listOf(loop: Binding): Node | undefined {
  if (loop.isLoopElement) return loop.init;
  const callee = listCall(loop)?.callee;
  return callee && unwrapExpression(callee).type === 'MemberExpression'
    ? (unwrapExpression(callee) as TSESTree.MemberExpression).object
    : undefined;
}
