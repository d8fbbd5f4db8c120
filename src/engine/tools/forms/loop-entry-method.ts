// Registration loops whose one inline handler hands the model's input to the listed entry's own function (`for (const tool of getTools(config)) server.registerTool(tool.name, {…}, (args) => tool.invoke(client, args))`): one tool per list entry, its handler that entry's function.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  findProperty,
  isFunction,
  propertyName,
  unwrapExpression,
  walk,
  type FunctionNode,
  type Node,
} from '../../ast';
import type { FileContext } from '../../analysis/context';
import { importedExport, resolveFunction } from '../../analysis/resolve';
import { collectCaps } from '../caps';
import { constantString } from '../constant-name';
import { attachHandlers, baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';

/** A node with the file it belongs to: the list, its entries and their functions may be imported. */
interface Located<T extends Node = Node> {
  node: T;
  ctx: FileContext;
}

/** Tool lists are tens to hundreds of entries; a bound on hostile ones. */
const MAX_ENTRIES = 500;
/** Constants, imports, spreads and a list-returning function are followed a few steps. */
const MAX_STEPS = 6;
/** Returns of a list-returning function that are read. */
const MAX_RETURNS = 4;
/** Calls that copy or filter a list (`new Set(tools)`, `tools.filter(…)`): the list they start from. */
const LIST_COPIES: ReadonlySet<string> = new Set(['Set', 'from', 'filter', 'slice', 'concat', 'values']);

/**
 * `handler` is a function whose body calls `entry.member(…, input, …)` on the loop variable `entry` of a
 * list of tool objects: one tool per entry, named by its `name`, handled by its `member` with the model's
 * input at the index the handler passes it. Entries the engine cannot read leave the loop to `fromCall`.
 */
export function fromLoopEntryMethod(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  handler: FunctionNode,
  iterableOf: (variable: TSESTree.Identifier) => Node | undefined,
  form: FormLike,
  ctx: FileContext,
): RecognisedTool[] | undefined {
  const input = handler.params[0];
  if (input?.type !== 'Identifier') return undefined;
  const forwarded = entryCall(handler, input.name);
  if (!forwarded) return undefined;
  const iterable = iterableOf(forwarded.variable);
  const entries = iterable ? listEntries({ node: iterable, ctx }, 0) : undefined;
  if (!entries || entries.length === 0) return undefined;
  const tools: RecognisedTool[] = [];
  for (const entry of entries.slice(0, MAX_ENTRIES)) {
    // An entry the engine cannot read (built at run time) is left out; the others are still tools.
    const spec = entrySpec(entry, forwarded.member, forwarded.index);
    if (!spec) continue;
    const tool = baseTool({ name: spec.name, node: spec.nameNode }, form, spec.object.node);
    attachHandlers(tool, [spec.handler], form, spec.object.ctx, spec.object.node);
    // The entry's function takes the input where the loop's handler passes it (`invoke(client, args)`).
    for (const attached of tool.handlers) {
      attached.inputIndex = spec.index;
      attached.inputPath = [];
      attached.reference = node;
    }
    collectCaps(spec.object.node, tool, spec.object.ctx);
    tools.push(tool);
  }
  return tools.length > 0 ? tools : undefined;
}

interface EntrySpec {
  name: string;
  nameNode: Node;
  object: Located<TSESTree.ObjectExpression>;
  handler: Node;
  index: number;
}

/**
 * One entry's name and function: an object literal's `name` and `member`, or, for an entry a project
 * factory builds (`createTool({ name, apiCall })` returning `{ name: config.name, invoke }` whose `invoke`
 * calls `config.apiCall(api, args)`), the options' name and the options' function the member forwards to.
 */
function entrySpec(entry: Located, member: string, index: number): EntrySpec | undefined {
  const value = located(entry, 0);
  if (value?.node.type === 'ObjectExpression') {
    const object = value as Located<TSESTree.ObjectExpression>;
    const name = nameOf(object);
    const property = findProperty(object.node, member);
    return name && property ? { ...name, object, handler: property.value as Node, index } : undefined;
  }
  if (value?.node.type !== 'CallExpression') return undefined;
  const options = value.node.arguments[0] ? located({ node: value.node.arguments[0], ctx: value.ctx }, 0) : undefined;
  const factory = resolveFunction(value.node.callee, value.ctx);
  const param = factory?.fn.params[0];
  if (options?.node.type !== 'ObjectExpression' || !factory || param?.type !== 'Identifier') return undefined;
  const object = options as Located<TSESTree.ObjectExpression>;
  const returned = returnArguments(factory.fn)
    .map((node) => located({ node, ctx: factory.ctx }, 0))
    .find((found) => found?.node.type === 'ObjectExpression');
  const forwarder = returned && findProperty(returned.node as TSESTree.ObjectExpression, member);
  const fn = forwarder && resolveFunction(forwarder.value as Node, factory.ctx);
  const input = fn?.fn.params[index];
  if (!fn || input?.type !== 'Identifier') return undefined;
  const inner = entryCall(fn.fn, input.name);
  const name = nameOf(object);
  const property = inner?.variable.name === param.name ? findProperty(object.node, inner.member) : undefined;
  return name && property && inner
    ? { ...name, object, handler: property.value as Node, index: inner.index }
    : undefined;
}

function nameOf(object: Located<TSESTree.ObjectExpression>): { name: string; nameNode: Node } | undefined {
  const property = ['name', 'id'].map((key) => findProperty(object.node, key)).find((found) => found !== undefined);
  const name = property ? constantString(property.value as Node, object.ctx) : undefined;
  return property && name !== undefined ? { name, nameNode: property.value as Node } : undefined;
}

/** The call `entry.member(…, input, …)` in the handler: the loop variable, the member and the input's index. */
function entryCall(
  handler: FunctionNode,
  inputName: string,
): { variable: TSESTree.Identifier; member: string; index: number } | undefined {
  let found: { variable: TSESTree.Identifier; member: string; index: number } | undefined;
  walk(handler.body ?? handler, (candidate) => {
    if (found) return false;
    if (candidate !== handler && isFunction(candidate)) return false;
    if (candidate.type !== 'CallExpression') return undefined;
    const callee = unwrapExpression(candidate.callee);
    if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
    const object = unwrapExpression(callee.object);
    const member = propertyName(callee);
    const index = candidate.arguments.findIndex((argument) => {
      const inner = unwrapExpression(argument);
      return inner.type === 'Identifier' && inner.name === inputName;
    });
    if (object.type === 'Identifier' && member !== undefined && index >= 0) found = { variable: object, member, index };
    return undefined;
  });
  return found;
}

/** The entries of a constant list: an array literal (spreads of other lists flattened), through constants, imports and a function that returns (a copy of) one. */
function listEntries(list: Located, steps: number): Located[] | undefined {
  if (steps > MAX_STEPS) return undefined;
  const inner = unwrapExpression(list.node);
  if (inner.type === 'ArrayExpression') {
    const out: Located[] = [];
    for (const element of inner.elements) {
      if (!element) continue;
      if (element.type !== 'SpreadElement') {
        out.push({ node: element, ctx: list.ctx });
        continue;
      }
      const spread = listEntries({ node: element.argument, ctx: list.ctx }, steps + 1);
      if (!spread) return undefined;
      out.push(...spread);
      if (out.length > MAX_ENTRIES) return undefined;
    }
    return out;
  }
  if (inner.type === 'Identifier') {
    const next = located(list, steps);
    return next && next.node !== inner ? listEntries(next, steps + 1) : undefined;
  }
  if (inner.type !== 'CallExpression' && inner.type !== 'NewExpression') return undefined;
  const callee = unwrapExpression(inner.callee);
  const name =
    callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  // `new Set(tools)`, `Array.from(tools)`, `tools.filter(isEnabled)`: the entries of the list it copies.
  if (name !== undefined && LIST_COPIES.has(name)) {
    const source = callee.type === 'MemberExpression' && name !== 'from' ? callee.object : inner.arguments[0];
    return source ? listEntries({ node: source, ctx: list.ctx }, steps + 1) : undefined;
  }
  // `getActiveTools(config)`: the list a project function returns (the first return that is one).
  const target = inner.type === 'CallExpression' ? resolveFunction(inner.callee, list.ctx) : undefined;
  if (!target) return undefined;
  for (const returned of returnArguments(target.fn).slice(0, MAX_RETURNS)) {
    const entries = listEntries({ node: returned, ctx: target.ctx }, steps + 1);
    if (entries) return entries;
  }
  return undefined;
}

/** The values a function returns (an arrow's expression body, or its own `return` statements). */
function returnArguments(fn: FunctionNode): Node[] {
  if (fn.body && fn.body.type !== 'BlockStatement') return [fn.body];
  const out: Node[] = [];
  walk(fn.body ?? fn, (candidate) => {
    if (candidate !== fn && isFunction(candidate)) return false;
    if (candidate.type === 'ReturnStatement' && candidate.argument) out.push(candidate.argument);
    return undefined;
  });
  return out;
}

/** What an identifier stands for: a `const`'s initialiser or an imported export, followed a few steps. */
function located(value: Located, steps: number): Located | undefined {
  const inner = unwrapExpression(value.node);
  if (inner.type !== 'Identifier') return { node: inner, ctx: value.ctx };
  if (steps > MAX_STEPS) return undefined;
  const binding = value.ctx.scopes.resolve(inner);
  if (binding?.kind === 'var' && binding.init && binding.patternPath.length === 0 && !binding.isLoopElement)
    return located({ node: binding.init, ctx: value.ctx }, steps + 1);
  const imported = binding ? importedExport(binding, value.ctx) : undefined;
  return imported ? located({ node: imported.node, ctx: imported.ctx }, steps + 1) : undefined;
}
