// A tool object kept in a list that the package registers through a recording wrapper
// (`for (const tool of allTools) server.tool(tool.name, …, createToolHandler(tool))`): the wrapper is its audit hook.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrapExpression, walk, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { auditWrapper } from '../audit-wrapper';

/** Nodes visited per file, lists followed through spreads, and files read: a hostile package cannot make this long. */
const MAX_NODES_PER_FILE = 200_000;
const MAX_LIST_DEPTH = 3;
const MAX_LIST_NAMES = 64;
const MAX_FILES = 6;

/** Per file: the names of the lists its registration loops wrap in a recording wrapper, and that wrapper. */
const wrappedLists = new WeakMap<FileContext, ReadonlyMap<string, string>>();

/**
 * The recording wrapper that registers the list holding `node` (`var orderTools = [{ name, handler }]`), found
 * in this file or, when the list is exported, in the package's files that spell its name; else undefined.
 */
export function listWrapperAudit(node: TSESTree.ObjectExpression, ctx: FileContext): string | undefined {
  const name = listName(node);
  if (name === undefined) return undefined;
  const here = registeredLists(ctx).get(name);
  if (here !== undefined) return here;
  for (const other of ctx.modules.filesMentioning(ctx, name).slice(0, MAX_FILES)) {
    const found = registeredLists(other).get(name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `const orderTools = [{ … }, { … }]`: the variable whose array literal holds the tool object. */
function listName(node: Node): string | undefined {
  const array = node.parent;
  if (array?.type !== 'ArrayExpression') return undefined;
  const declarator = array.parent;
  return declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier'
    ? declarator.id.name
    : undefined;
}

function registeredLists(ctx: FileContext): ReadonlyMap<string, string> {
  const known = wrappedLists.get(ctx);
  if (known) return known;
  const lists = new Map<string, string>();
  const arrays = new Map<string, TSESTree.ArrayExpression>();
  const loops: { list: Node; variable: string; body: Node }[] = [];
  let visited = 0;
  walk(ctx.ast, (node) => {
    if (++visited > MAX_NODES_PER_FILE) return false;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      const init = unwrapExpression(node.init);
      if (init.type === 'ArrayExpression') arrays.set(node.id.name, init);
    } else if (node.type === 'ForOfStatement' && node.left.type === 'VariableDeclaration') {
      const id = node.left.declarations[0]?.id;
      if (id?.type === 'Identifier') loops.push({ list: node.right, variable: id.name, body: node.body });
    } else if (node.type === 'CallExpression') {
      // `allTools.forEach((tool) => server.tool(…, wrap(tool)))`, also `.map`.
      const callee = node.callee;
      const fn = node.arguments[0];
      const param = fn && isFunction(fn) ? fn.params[0] : undefined;
      if (
        callee.type === 'MemberExpression' &&
        callee.property.type === 'Identifier' &&
        (callee.property.name === 'forEach' || callee.property.name === 'map') &&
        fn &&
        isFunction(fn) &&
        param?.type === 'Identifier'
      )
        loops.push({ list: callee.object, variable: param.name, body: fn.body });
    }
    return true;
  });
  for (const loop of loops) {
    const wrapper = wrapperOf(loop.variable, loop.body, ctx);
    if (wrapper === undefined) continue;
    for (const name of listNames(loop.list, arrays)) if (!lists.has(name)) lists.set(name, wrapper);
  }
  wrappedLists.set(ctx, lists);
  return lists;
}

/** A call in the loop's body that hands the element (or its handler) to a wrapper that records every call. */
function wrapperOf(variable: string, body: Node, ctx: FileContext): string | undefined {
  let found: string | undefined;
  walk(body, (node) => {
    if (found !== undefined) return false;
    if (node.type !== 'CallExpression') return true;
    const passes = node.arguments.some((argument) => {
      const inner = unwrapExpression(argument as Node);
      const base = inner.type === 'MemberExpression' ? unwrapExpression(inner.object) : inner;
      return base.type === 'Identifier' && base.name === variable;
    });
    if (passes) found = auditWrapper(node, ctx);
    return true;
  });
  return found;
}

/** The list a loop walks and the lists spread into it (`[...orderTools, ...refundTools]`), a few levels deep. */
function listNames(list: Node, arrays: ReadonlyMap<string, TSESTree.ArrayExpression>): string[] {
  const names: string[] = [];
  const pending: { node: Node; depth: number }[] = [{ node: list, depth: 0 }];
  while (pending.length > 0 && names.length < MAX_LIST_NAMES) {
    const { node, depth } = pending.pop() as { node: Node; depth: number };
    const inner = unwrapExpression(node);
    if (inner.type === 'Identifier') {
      if (names.includes(inner.name)) continue;
      names.push(inner.name);
      const array = arrays.get(inner.name);
      if (array && depth < MAX_LIST_DEPTH) pending.push({ node: array, depth: depth + 1 });
    } else if (inner.type === 'ArrayExpression' && depth <= MAX_LIST_DEPTH) {
      for (const element of inner.elements) {
        if (element?.type === 'SpreadElement') pending.push({ node: element.argument, depth });
        else if (element?.type === 'Identifier') pending.push({ node: element, depth });
      }
    }
  }
  return names;
}
