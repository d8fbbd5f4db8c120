// The classes a project function may return a new instance of (`getRobot(id)` returning `new AndroidRobot(id)` or `new IosRobot(id)`), so a method called on its result runs each class's method.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrapExpression, walk, type Node } from '../ast';
import type { FileContext } from './context';
import { MAX_DEPTH, resolveFunction, type ResolvedFunction } from './resolve';
import { methodOf, resolveClass, type ResolvedClass } from './resolve-class';

/** Factories that call factories (`getRobot` → `createRobot`) are followed this many calls deep. */
const MAX_FACTORY_CALLS = 3;
/** A factory that may make more classes than this is a registry, not a choice among implementations. */
const MAX_CLASSES = 8;

/**
 * `const robot = getRobotFromDevice(device); robot.launchApp(name)`: the method `name` of each class the project
 * function behind the receiver's initialiser returns a new instance of (directly, through a `const` that holds one,
 * or through another such function). A cached copy it returns on another path (`cache.get(id)`) was made by the
 * same calls, so it adds no class; a function that returns no instance gives nothing.
 */
export function returnedInstanceMethods(
  object: Node,
  name: string,
  ctx: FileContext,
  depth: number,
): ResolvedFunction[] {
  if (depth >= MAX_DEPTH) return [];
  const call = initialisingCall(object, ctx);
  if (!call) return [];
  const out: ResolvedFunction[] = [];
  for (const made of returnedClasses(call, ctx, depth, 0, ctx.file)) {
    const method = methodOf(made, name, depth + 1);
    if (method && !out.some((seen) => seen.fn === method.fn)) out.push(method);
  }
  return out;
}

/** The call a receiver is: the call itself, or the initialiser of the `const` it names (awaited or not). */
function initialisingCall(node: Node, ctx: FileContext): TSESTree.CallExpression | undefined {
  let value: Node | undefined = unwrapExpression(node);
  if (value.type === 'Identifier') {
    const binding = ctx.scopes.resolve(value);
    if (binding?.kind !== 'var' || binding.declarationKind !== 'const' || binding.patternPath.length > 0)
      return undefined;
    value = binding.init ? unwrapExpression(binding.init) : undefined;
  }
  if (value?.type === 'AwaitExpression') value = unwrapExpression(value.argument);
  return value?.type === 'CallExpression' ? value : undefined;
}

function returnedClasses(
  call: TSESTree.CallExpression,
  ctx: FileContext,
  depth: number,
  calls: number,
  /** The file of the call the receiver is made by: lazy holders count only there (see `initialisedInstances`). */
  home: string,
): ResolvedClass[] {
  if (calls >= MAX_FACTORY_CALLS) return [];
  const target = resolveFunction(call.callee, ctx, depth + 1);
  if (!target?.fn.body) return [];
  const out: ResolvedClass[] = [];
  const add = (found: ResolvedClass | undefined) => {
    if (found && out.length <= MAX_CLASSES && !out.some((seen) => seen.node === found.node)) out.push(found);
  };
  for (const returned of returnedExpressions(target.fn.body).flatMap(alternativesOf)) {
    let value = unwrapExpression(returned);
    if (value.type === 'AwaitExpression') value = unwrapExpression(value.argument);
    if (value.type === 'NewExpression') add(resolveClass(value.callee, target.ctx, depth + 1));
    else {
      const inner = initialisingCall(value, target.ctx);
      const made = initialisedInstances(value, target.ctx, target.ctx.file === home);
      for (const instance of made) add(resolveClass(instance.callee, target.ctx, depth + 1));
      if (made.length === 0 && inner)
        for (const found of returnedClasses(inner, target.ctx, depth + 1, calls + 1, home)) add(found);
    }
  }
  return out.length > MAX_CLASSES ? [] : out;
}

/**
 * `const robot = new MobileDevice(id); return robot;`: the `new` a returned `const` holds. A returned `let` (a
 * lazy singleton: `let browser = null; … if (!browser) browser = new Scraper(); return browser;`) holds each
 * `new` it is declared with or assigned, when nothing else is ever assigned to it but an empty value; only a
 * holder of the caller's own file (`withLazy`) for now: followed across modules, the classes it opened ran
 * into reads the engine does not yet bound (a path `path.resolve` made, checked for a URL scheme; JSON-RPC
 * frames written to a language server's stdin).
 */
function initialisedInstances(node: Node, ctx: FileContext, withLazy: boolean): TSESTree.NewExpression[] {
  if (node.type !== 'Identifier') return [];
  const binding = ctx.scopes.resolve(node);
  if (binding?.kind !== 'var' || binding.patternPath.length > 0) return [];
  const init = binding.init ? unwrapExpression(binding.init) : undefined;
  if (binding.declarationKind === 'const') return init?.type === 'NewExpression' ? [init] : [];
  if (!withLazy) return [];
  const assigned = ctx.scopes.assignedValues(binding);
  if (!assigned) return [];
  const made: TSESTree.NewExpression[] = [];
  for (const value of init ? [init, ...assigned] : assigned) {
    const inner = unwrapExpression(value);
    if (inner.type === 'NewExpression') made.push(inner);
    else if (!isEmptyValue(inner)) return [];
  }
  return made;
}

/** `null`, `undefined` or `void 0`: what a lazy singleton holds before its first use. */
function isEmptyValue(node: Node): boolean {
  if (node.type === 'Literal') return node.value === null;
  if (node.type === 'Identifier') return node.name === 'undefined';
  return node.type === 'UnaryExpression' && node.operator === 'void';
}

/** The values an expression may be: both sides of `c ? a : b`, `a ?? b` and `a || b`. */
function alternativesOf(node: Node): Node[] {
  const inner = unwrapExpression(node);
  if (inner.type === 'ConditionalExpression')
    return [...alternativesOf(inner.consequent), ...alternativesOf(inner.alternate)];
  if (inner.type === 'LogicalExpression' && inner.operator !== '&&')
    return [...alternativesOf(inner.left), ...alternativesOf(inner.right)];
  return [inner];
}

/** What a function body returns: an arrow's expression, or each `return` outside nested functions. */
function returnedExpressions(body: Node): Node[] {
  if (body.type !== 'BlockStatement') return [body];
  const out: Node[] = [];
  walk(body, (node) => {
    if (isFunction(node)) return false;
    if (node.type === 'ReturnStatement' && node.argument) out.push(node.argument);
    return undefined;
  });
  return out;
}
