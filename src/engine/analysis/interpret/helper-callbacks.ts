// What a project helper hands the callback it is given: `run(req, (r) => this.send(r))` with
// `function run(req, fn) { return fn(req) }` (also through the closures of a middleware chain,
// `let next = async () => fn(req)`) calls the callback with its own `req`, so the callback's `r` is the caller's
// argument at that position, and what the callback sends carries the caller's method and input.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, walk, type FunctionNode, type Node } from '../../ast';

/** For each callback parameter position, the helper parameter index it receives (undefined: something else). */
type Forwarding = readonly (number | undefined)[];

/** Per helper, per callback position: computed once (helpers are shared by many calls). */
const cache = new WeakMap<FunctionNode, Map<number, Forwarding | null>>();

/** Helper bodies are small; a bound on generated ones. */
const MAX_NODES = 4000;

/**
 * The helper's parameters the callback at `callbackIndex` is called with: `fn(req)` → `[indexOf(req)]`.
 * Undefined when the helper never calls that parameter by name, or calls it with its own parameters in
 * different places (two calls that disagree leave the position unknown).
 */
export function forwardedToCallback(helper: FunctionNode, callbackIndex: number): Forwarding | undefined {
  let perHelper = cache.get(helper);
  if (!perHelper) {
    perHelper = new Map();
    cache.set(helper, perHelper);
  }
  const known = perHelper.get(callbackIndex);
  if (known !== undefined) return known ?? undefined;
  const found = compute(helper, callbackIndex);
  perHelper.set(callbackIndex, found ?? null);
  return found;
}

function compute(helper: FunctionNode, callbackIndex: number): Forwarding | undefined {
  const names = helper.params.map((param) => (param.type === 'Identifier' ? param.name : undefined));
  const callbackName = names[callbackIndex];
  if (!callbackName || helper.body.type !== 'BlockStatement') return undefined;
  let result: (number | undefined)[] | undefined;
  let nodes = 0;
  walk(helper.body, (node: Node) => {
    if (++nodes > MAX_NODES) return false;
    // A nested function that declares one of the names again speaks of its own values.
    if (isFunction(node) && node.params.some((param) => param.type === 'Identifier' && names.includes(param.name)))
      return false;
    if (node.type !== 'CallExpression') return true;
    const callee = node.callee;
    if (callee.type !== 'Identifier' || callee.name !== callbackName) return true;
    const positions = node.arguments.map((argument: TSESTree.CallExpressionArgument) =>
      argument.type === 'Identifier' && argument.name !== callbackName ? indexOf(names, argument.name) : undefined,
    );
    result = result === undefined ? positions : agreed(result, positions);
    return true;
  });
  return nodes > MAX_NODES || !result?.some((at) => at !== undefined) ? undefined : result;
}

function indexOf(names: readonly (string | undefined)[], name: string): number | undefined {
  const at = names.indexOf(name);
  return at >= 0 ? at : undefined;
}

function agreed(a: readonly (number | undefined)[], b: readonly (number | undefined)[]): (number | undefined)[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_unused, at) => (a[at] === b[at] ? a[at] : undefined));
}
