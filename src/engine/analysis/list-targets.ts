// Functions picked from a list of objects by a search the code does not fix: a generated server's dynamic
// tool runs `endpoints.find((e) => e.tool.name === name).handler(client, args)`, so the call may run the
// handler of any element. The list is followed where the package builds it: array literals, copies and
// filters, a parameter's callers, and an exported array filled by `push` (also through a helper).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import { callerArguments } from './caller-arguments';
import type { FileContext } from './context';
import type { Binding } from '../scope';
import { importedExport, resolveFunction, type ResolvedFunction } from './resolve';

/** Bounds for hostile lists: functions returned, element expressions gathered, hops and nodes read per file. */
const MAX_TARGETS = 320;
const MAX_ELEMENTS = 640;
const MAX_HOPS = 10;
const MAX_NODES = 200_000;
/** Searches that return one element of the list they are called on. */
const PICKS = new Set(['find', 'findLast']);
/** Calls on a list that return (some of) its elements. */
const COPIES = new Set(['slice', 'filter', 'concat', 'toSorted', 'toReversed']);

interface Expr {
  node: Node;
  ctx: FileContext;
}

/**
 * A file's own pushes and calls are read once per parse (they depend on that file alone): a hostile file's many
 * look-alike calls do not re-walk it. Other files' callers are asked each time (bounded by `callerArguments`).
 */
const pushedByArray = new WeakMap<Node, Expr[]>();
const passedByFunction = new WeakMap<FunctionNode, Map<number, Expr[]>>();

/** Every function a call `picked.member(…)` may run when `picked` is an element found in a list. */
export function listTargets(callee: Node, ctx: FileContext): ResolvedFunction[] {
  const inner = unwrapExpression(callee);
  if (inner.type !== 'MemberExpression' || inner.computed) return [];
  const member = propertyName(inner);
  const list = member === undefined ? undefined : pickedFrom(inner.object, ctx, 0);
  if (!list || member === undefined) return [];
  const elements: Expr[] = [];
  elementsOf(list, elements, new Set(), 0);
  const out: ResolvedFunction[] = [];
  for (const element of elements) {
    if (out.length >= MAX_TARGETS) break;
    const target = memberFunction(element, member);
    if (target && !out.some((seen) => seen.fn === target.fn)) out.push(target);
  }
  return out;
}

/** The list an element was found in: `list.find(…)` directly or through the variable that holds it. */
function pickedFrom(node: Node, ctx: FileContext, hops: number): Expr | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'CallExpression') {
    const callee = unwrapExpression(inner.callee);
    const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    return callee.type === 'MemberExpression' && name !== undefined && PICKS.has(name)
      ? { node: callee.object, ctx }
      : undefined;
  }
  if (inner.type !== 'Identifier' || hops >= 4) return undefined;
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement || binding.patternPath.length > 0)
    return undefined;
  return pickedFrom(binding.init, ctx, hops + 1);
}

/** The element expressions a list expression may hold. */
function elementsOf(list: Expr, out: Expr[], seen: Set<Node>, hops: number): void {
  const inner = unwrapExpression(list.node);
  if (hops > MAX_HOPS || out.length >= MAX_ELEMENTS || seen.has(inner)) return;
  seen.add(inner);
  const next = (node: Node, ctx: FileContext = list.ctx) => elementsOf({ node, ctx }, out, seen, hops + 1);
  switch (inner.type) {
    case 'ArrayExpression':
      for (const element of inner.elements) {
        if (!element) continue;
        if (element.type === 'SpreadElement') next(element.argument);
        else if (out.length < MAX_ELEMENTS) out.push({ node: element, ctx: list.ctx });
      }
      for (const pushed of pushedInto(inner, list.ctx)) out.length < MAX_ELEMENTS && out.push(pushed);
      return;
    case 'CallExpression': {
      const callee = unwrapExpression(inner.callee);
      const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
      if (callee.type === 'MemberExpression' && name !== undefined && COPIES.has(name)) {
        next(callee.object);
        for (const argument of inner.arguments) if (argument.type !== 'SpreadElement') next(argument);
        return;
      }
      // `query(filters, endpoints)`: a project function that filters a list it is handed returns its elements.
      if (resolveFunction(inner.callee, list.ctx))
        for (const argument of inner.arguments) if (argument.type !== 'SpreadElement') next(argument);
      return;
    }
    case 'LogicalExpression':
      next(inner.left);
      next(inner.right);
      return;
    case 'Identifier': {
      const binding = list.ctx.scopes.resolve(inner);
      if (!binding) return;
      if (binding.kind === 'var' && binding.init && binding.patternPath.length === 0 && !binding.isLoopElement) {
        next(binding.init);
        for (const value of list.ctx.scopes.assignedValues(binding) ?? []) next(value);
        return;
      }
      if (binding.kind === 'param') {
        for (const passed of passedFor(binding, list.ctx)) next(passed.node, passed.ctx);
        return;
      }
      const imported = importedExport(binding, list.ctx);
      if (imported) next(imported.node, imported.ctx);
      return;
    }
    default:
      return;
  }
}

/**
 * What the package passes at parameter `index` of `fn`: its own file's calls by name, and the other
 * files' through `callerArguments` (which reads only other files).
 */
function passedFor(param: Binding, ctx: FileContext): Expr[] {
  const { fn, paramIndex: index } = param;
  if (!fn || index === undefined) return [];
  return [...ownFileCalls(fn, index, ctx), ...callerArguments(param, ctx, (callee, at) => resolveFunction(callee, at))];
}

/** What the declaring file's own calls of `fn` by name pass at `index`. */
function ownFileCalls(fn: FunctionNode, index: number, ctx: FileContext): Expr[] {
  const byIndex = passedByFunction.get(fn) ?? new Map<number, Expr[]>();
  passedByFunction.set(fn, byIndex);
  const cached = byIndex.get(index);
  if (cached) return cached;
  const name = functionName(fn);
  const out: Expr[] = [];
  let visited = 0;
  if (name !== undefined)
    walk(ctx.ast, (node) => {
      if (++visited > MAX_NODES || out.length >= MAX_ELEMENTS) return false;
      if (node.type !== 'CallExpression') return undefined;
      const callee = unwrapExpression(node.callee);
      const argument = node.arguments[index];
      if (callee.type === 'Identifier' && callee.name === name && argument && argument.type !== 'SpreadElement')
        out.push({ node: argument, ctx });
      return undefined;
    });
  byIndex.set(index, out);
  return out;
}

/**
 * `export const endpoints = []` filled in its module: `endpoints.push(x)`, or a helper that pushes its
 * parameter (`function addEndpoint(e) { endpoints.push(e) }`) called with each element.
 */
function pushedInto(array: TSESTree.ArrayExpression, ctx: FileContext): Expr[] {
  const cached = pushedByArray.get(array);
  if (cached) return cached;
  const found = pushesOf(array, ctx);
  pushedByArray.set(array, found);
  return found;
}

function pushesOf(array: TSESTree.ArrayExpression, ctx: FileContext): Expr[] {
  const declarator = array.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return [];
  const name = declarator.id.name;
  const out: Expr[] = [];
  const helpers: Binding[] = [];
  let visited = 0;
  walk(ctx.ast, (node) => {
    if (++visited > MAX_NODES || out.length >= MAX_ELEMENTS) return false;
    if (node.type !== 'CallExpression') return undefined;
    const callee = unwrapExpression(node.callee);
    if (
      callee.type !== 'MemberExpression' ||
      propertyName(callee) !== 'push' ||
      unwrapExpression(callee.object).type !== 'Identifier' ||
      (unwrapExpression(callee.object) as TSESTree.Identifier).name !== name
    )
      return undefined;
    for (const argument of node.arguments) {
      if (argument.type === 'SpreadElement') continue;
      const binding = argument.type === 'Identifier' ? ctx.scopes.resolve(argument) : undefined;
      if (binding?.kind === 'param') helpers.push(binding);
      else out.push({ node: argument, ctx });
    }
    return undefined;
  });
  // A registration helper is called in its own module (`addEndpoint(create_payout)` beside it).
  for (const helper of helpers)
    if (helper.fn && helper.paramIndex !== undefined) out.push(...ownFileCalls(helper.fn, helper.paramIndex, ctx));
  return out.slice(0, MAX_ELEMENTS);
}

/** The function an element's member holds: `{ metadata, tool, handler }` written, held or imported. */
function memberFunction(element: Expr, member: string): ResolvedFunction | undefined {
  let current: Expr | undefined = element;
  for (let hops = 0; current && hops < 4; hops++) {
    const inner = unwrapExpression(current.node);
    if (inner.type === 'ObjectExpression') {
      const property = inner.properties.find(
        (candidate) => candidate.type === 'Property' && propertyName(candidate) === member,
      );
      return property?.type === 'Property' ? resolveFunction(property.value as Node, current.ctx) : undefined;
    }
    if (inner.type !== 'Identifier') return undefined;
    const binding = current.ctx.scopes.resolve(inner);
    if (!binding) return undefined;
    current =
      binding.kind === 'var' && binding.init && binding.patternPath.length === 0
        ? { node: binding.init, ctx: current.ctx }
        : importedExport(binding, current.ctx);
  }
  return undefined;
}

function functionName(fn: FunctionNode): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const parent = fn.parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}
