// Dispatch by tool name, in general: a function that hands the tool's name to another function which
// switches on it (`run(method, args)` → `switch (method) { case 'create_order': … }`) or looks the
// handler up in a name → function map (`handlers[name](args)`, `new Map([...]).get(name)`), possibly
// in another file; one tool per case or key.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  isFunction,
  propertyName,
  stringValue,
  unwrapExpression,
  walk,
  withoutEmptyDefault,
  type FunctionNode,
  type Node,
} from '../../ast';
import type { ApiRef } from '../../api';
import type { FileContext } from '../../analysis/context';
import type { Binding } from '../../scope';
import { argumentApis } from '../../analysis/interpret/typed-arguments';
import { resolveFunction, type ResolvedFunction } from '../../analysis/resolve';
import { handlerObjectMethods } from './handler-objects';
import { spelledName } from '../tool-name';
import { constantString } from '../constant-name';
import { mapEntries } from './name-map-entries';
import { packedInputArgument } from './packed-input';
import { getterLookup } from './lookup-getter';
import { readsModelAnswer } from './model-answer';

/** Hand-offs followed from the entry point, keys kept per name → function map, calls read per function. */
const MAX_DEPTH = 3;
const MAX_CASES = 1000;
const MAX_CALLS = 400;
/**
 * Each case of a switch becomes a tool whose analysis runs the dispatcher again, walking the switch to find
 * its own case: a switch costs about its length in characters per tool kept. Real dispatchers of a few
 * hundred cases (a 308-case switch of 78,000 characters) are kept whole; a hostile one keeps only as many
 * cases as this many characters pay for, so the cost of the whole set stays bounded.
 */
const MAX_CASE_CHARS = 32_000_000;

/** How many cases of a switch become tools, within the budget. */
export function casesKept(statement: TSESTree.SwitchStatement): number {
  const length = statement.range[1] - statement.range[0];
  return Math.min(MAX_CASES, Math.floor(MAX_CASE_CHARS / Math.max(1, length)));
}

/** Parameters and members named like the selected tool's name. */
const SELECTOR_NAME =
  /^(name|method|tool|toolName|tool_name|toolId|action|actionName|operation|command|fn|functionName)$/;

export interface Selector {
  /** Binding keys the interpreter compares against (`b<offset>` of the selecting variable). */
  keys: string[];
  matches: (node: Node) => boolean;
}

/** Where the model's input is in a function: which expressions are it, and the member path inside them. */
export interface InputTrack {
  /** The member path inside the expression that is the model's input, or undefined when it is not. */
  pathOf: (node: Node) => string[] | undefined;
}

export interface NamedCase {
  name: string;
  nameNode: Node;
  fn: FunctionNode;
  ctx: FileContext;
  inputIndex: number | undefined;
  inputPath: string[];
  /** Set for a case of a switch: the interpreter takes only this case's branch. */
  keys?: string[];
  /** The first hand-off from the entry function, when the case is found in a function it calls. */
  via?: TSESTree.CallExpression;
  /** Package clients the lookup call hands the case function beside the input (`toolMap[m](this.paddle, args)`). */
  paramApis?: Map<number, ApiRef>;
  /** Other functions the same name maps to in maps the configuration picks between (admin, store, customer). */
  alternatives?: NamedCase[];
  /** The audit call of a wrapper the map runs every handler in (a copied map, `forms/copied-map.ts`). */
  audit?: string;
}

/**
 * The model's input of an entry function: its parameter `index`, with `path` inside it (MCP requests
 * carry it at `params.arguments`), and what is read or destructured from that parameter.
 */
export function entryInput(fn: FunctionNode, ctx: FileContext, index: number | undefined, path: string[]): InputTrack {
  return {
    pathOf: (node) => {
      const chain = index === undefined ? undefined : paramChain(node, fn, ctx, index, 0);
      return chain ? remainderOf(path, chain) : undefined;
    },
  };
}

/** The member chain an expression reads from parameter `index` of `fn` (`req.params.name` → [params, name]), through destructuring and `const` copies. */
function paramChain(
  node: Node,
  fn: FunctionNode,
  ctx: FileContext,
  index: number,
  depth: number,
): string[] | undefined {
  if (depth > 3) return undefined;
  let inner = withoutEmptyDefault(unwrapExpression(node));
  const chain: string[] = [];
  for (let i = 0; i < 8 && inner.type === 'MemberExpression'; i++) {
    const name = propertyName(inner);
    if (name === undefined) return undefined;
    chain.unshift(name);
    inner = unwrapExpression(inner.object);
  }
  if (inner.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind === 'param' && binding.fn === fn && binding.paramIndex === index)
    return [...binding.patternPath, ...chain];
  if (binding?.kind === 'var' && binding.init && !binding.isLoopElement) {
    const base = paramChain(binding.init, fn, ctx, index, depth + 1);
    return base ? [...base, ...binding.patternPath, ...chain] : undefined;
  }
  return undefined;
}

/** What is left of the input path `base` after reading `chain` from it; undefined when the read leaves it. */
function remainderOf(base: string[], chain: string[]): string[] | undefined {
  const shared = Math.min(base.length, chain.length);
  for (let at = 0; at < shared; at++) if (base[at] !== chain[at]) return undefined;
  return chain.length <= base.length ? base.slice(chain.length) : [];
}

/** Selector-named expressions of a function that do not come from the model's input (`t.method`, `toolName`). */
export function namedSelector(input: InputTrack, ctx: FileContext): Selector {
  return {
    keys: [],
    matches: (node) => {
      const inner = unwrapExpression(node);
      const name = spelledName(inner);
      if (name === undefined || !SELECTOR_NAME.test(name)) return false;
      // A name the model chose among the tool's own arguments is one tool's option, not a dispatch.
      if (input.pathOf(inner) !== undefined) return false;
      // So is one the model filled in through a model call (`content.object.operation` of `generateObject`).
      if (readsModelAnswer(inner, ctx)) return false;
      // A constant name (`const name = 'search'`) selects one case, so it is one tool.
      const binding = inner.type === 'Identifier' ? ctx.scopes.resolve(inner) : undefined;
      return !(binding?.kind === 'var' && binding.init && stringValue(binding.init) !== undefined);
    },
  };
}

/** The cases or keys a function selects among with the selector, directly or in functions it hands the name to. */
export function namedCases(
  fn: FunctionNode,
  ctx: FileContext,
  selector: Selector,
  input: InputTrack,
  depth = 0,
  via?: TSESTree.CallExpression,
): NamedCase[] {
  if (depth > MAX_DEPTH) return [];
  const cases: NamedCase[] = [];
  const inputParam = inputParameter(fn, input);
  let calls = 0;
  walk(fn.body ?? fn, (node) => {
    if (cases.length > 0 || calls > MAX_CALLS) return false;
    // Past the dispatcher itself, a closure the function runs (`const run = async () => handler(client, args)`,
    // handed to a retry helper) still looks the handler up with the name the function was given.
    // A down-levelled async body (`__awaiter(this, void 0, void 0, function* () {…})`) is the function's own.
    if (
      isFunction(node) &&
      node !== fn &&
      (depth === 0 || node.type === 'FunctionDeclaration') &&
      !isCompiledAsyncBody(node)
    )
      return false;
    if (node.type === 'SwitchStatement' && depth > 0 && selector.matches(node.discriminant)) {
      const keep = casesKept(node);
      for (const switchCase of node.cases) {
        if (cases.length >= keep) break;
        const name = switchCase.test ? constantString(switchCase.test, ctx) : undefined;
        if (name === undefined || !switchCase.test) continue;
        const entry: NamedCase = { name, nameNode: switchCase.test, fn, ctx, keys: selector.keys, ...inputParam };
        if (via) entry.via = via;
        cases.push(entry);
      }
      return false;
    }
    if (node.type !== 'CallExpression') return undefined;
    calls++;
    const mapped = mapLookup(node, ctx, selector, input);
    if (mapped.length > 0) {
      cases.push(...mapped.map((entry) => ({ ...entry, via: via ?? node })));
      return false;
    }
    const handOff = followHandOff(node, ctx, selector, input, depth, via);
    if (handOff.length > 0) cases.push(...handOff);
    return undefined;
  });
  return dedupe(cases);
}

/** A generator handed to a call: how tsc, esbuild and Babel write an async function's body for older targets. */
export function isCompiledAsyncBody(node: FunctionNode): boolean {
  const parent = node.parent;
  return (
    node.type === 'FunctionExpression' &&
    node.generator &&
    parent?.type === 'CallExpression' &&
    parent.arguments[parent.arguments.length - 1] === node
  );
}

/** `run(method, args)`: the called function's parameter that receives the name selects among its cases. */
export function followHandOff(
  call: TSESTree.CallExpression,
  ctx: FileContext,
  selector: Selector,
  input: InputTrack,
  depth: number,
  via: TSESTree.CallExpression | undefined,
): NamedCase[] {
  const selectorIndex = call.arguments.findIndex((argument) => selector.matches(argument));
  if (selectorIndex < 0) {
    const packed = followPacked(call, ctx, selector, input, depth, via);
    return packed.length > 0 ? packed : followRequest(call, ctx, input, depth, via);
  }
  const target = resolveFunction(call.callee, ctx);
  // `handler.handleCall(name, args)` on a handler object looked up at run time: each object's method.
  const targets = target ? [target] : handlerObjectMethods(call.callee, ctx);
  return targets.flatMap((each) => handOffCases(call, each, selectorIndex, input, depth, via));
}

/** The cases of one function a hand-off may run, its parameter `selectorIndex` receiving the name. */
function handOffCases(
  call: TSESTree.CallExpression,
  target: ResolvedFunction,
  selectorIndex: number,
  input: InputTrack,
  depth: number,
  via: TSESTree.CallExpression | undefined,
): NamedCase[] {
  const param = target.fn.params[selectorIndex];
  if (param?.type !== 'Identifier') return [];
  const binding = target.ctx.scopes.resolve(param);
  if (!binding) return [];
  const inputs = new Map<number, string[]>();
  call.arguments.forEach((argument, index) => {
    const path = input.pathOf(argument);
    if (path) inputs.set(index, path);
  });
  const nextInput: InputTrack = {
    pathOf: (node) => {
      const inner = unwrapExpression(node);
      if (inner.type !== 'Identifier') return undefined;
      const bound = target.ctx.scopes.resolve(inner);
      return bound?.kind === 'param' && bound.fn === target.fn && bound.paramIndex !== undefined
        ? inputs.get(bound.paramIndex)
        : undefined;
    },
  };
  const keys = [`b${binding.id.range[0]}`];
  const nextSelector: Selector = {
    keys,
    matches: (candidate) => {
      const value = unwrapExpression(candidate);
      if (value.type !== 'Identifier') return false;
      const bound = target.ctx.scopes.resolve(value);
      if (bound === binding) return true;
      // `const { canonical } = this.normalizeToolName(name)`: a name copied or normalised from the one received.
      if (!bound || !isNameCopy(bound, binding, target.ctx)) return false;
      const key = `b${bound.id.range[0]}`;
      if (!keys.includes(key)) keys.push(key);
      return true;
    },
  };
  return namedCases(target.fn, target.ctx, nextSelector, nextInput, depth + 1, via ?? call);
}

/**
 * A `const` that holds the received name or what a function makes of it (`const canonical = name`,
 * `const { canonical } = normalize(name)`, `const tool = aliases(name).id`): it still selects the tool, so
 * a switch on it has one tool per case. One step only; the copy is declared in the same function.
 */
function isNameCopy(copy: Binding, name: Binding, ctx: FileContext): boolean {
  if (copy.kind !== 'var' || copy.declarationKind !== 'const' || !copy.init || copy.isLoopElement) return false;
  if (copy.patternPath.length > 1) return false;
  let init = unwrapExpression(copy.init);
  if (init.type === 'AwaitExpression') init = unwrapExpression(init.argument);
  for (let i = 0; i < 2 && init.type === 'MemberExpression'; i++) init = unwrapExpression(init.object);
  const isName = (node: Node): boolean => {
    const inner = unwrapExpression(node);
    return inner.type === 'Identifier' && ctx.scopes.resolve(inner) === name;
  };
  if (isName(init)) return copy.patternPath.length === 0 && copy.init === init;
  return init.type === 'CallExpression' && init.arguments.length <= 2 && init.arguments.some(isName);
}

/**
 * `handleCall(request)`: an MCP request handed on whole (the input sits at `params.arguments` inside
 * it); the callee selects with `request.params.name`.
 */
function followRequest(
  call: TSESTree.CallExpression,
  ctx: FileContext,
  input: InputTrack,
  depth: number,
  via: TSESTree.CallExpression | undefined,
): NamedCase[] {
  const index = call.arguments.findIndex((argument) => {
    const path = input.pathOf(argument);
    return path !== undefined && path.length > 0 && path[path.length - 1] === 'arguments';
  });
  const argument = call.arguments[index];
  const path = argument ? input.pathOf(argument) : undefined;
  const target = path ? resolveFunction(call.callee, ctx) : undefined;
  const param = target?.fn.params[index];
  if (!target || !path || param?.type !== 'Identifier') return [];
  const binding = target.ctx.scopes.resolve(param);
  if (!binding) return [];
  const selectorPath = [...path.slice(0, -1), 'name'];
  const keys = [`b${binding.id.range[0]}.${selectorPath.join('.')}`];
  const nextSelector: Selector = {
    keys,
    matches: (candidate) => {
      const chain = paramChain(candidate, target.fn, target.ctx, index, 0);
      if (!chain || chain.join('.') !== selectorPath.join('.')) return false;
      const inner = unwrapExpression(candidate);
      const bound = inner.type === 'Identifier' ? target.ctx.scopes.resolve(inner) : undefined;
      if (bound && bound !== binding) keys.push(`b${bound.id.range[0]}`);
      return true;
    },
  };
  return namedCases(
    target.fn,
    target.ctx,
    nextSelector,
    entryInput(target.fn, target.ctx, index, path),
    depth + 1,
    via ?? call,
  );
}

/**
 * `handleRequest({ name, args })`: the name and the input packed into one object; the callee selects
 * with that parameter's member (`req.name`) and takes the input from the others (`req.args`).
 */
function followPacked(
  call: TSESTree.CallExpression,
  ctx: FileContext,
  selector: Selector,
  input: InputTrack,
  depth: number,
  via: TSESTree.CallExpression | undefined,
): NamedCase[] {
  const index = call.arguments.findIndex((argument) => packedKeys(argument, selector, input) !== undefined);
  const packed = index >= 0 ? packedKeys(call.arguments[index] as Node, selector, input) : undefined;
  const target = packed ? resolveFunction(call.callee, ctx) : undefined;
  const param = target?.fn.params[index];
  if (!packed || !target || !param) return [];
  const binding = param.type === 'Identifier' ? target.ctx.scopes.resolve(param) : undefined;
  const keys = binding ? [`b${binding.id.range[0]}.${packed.selectorKey}`] : [];
  const chainOf = (node: Node) => paramChain(node, target.fn, target.ctx, index, 0);
  const nextSelector: Selector = {
    keys,
    matches: (candidate) => {
      const chain = chainOf(candidate);
      if (chain?.length !== 1 || chain[0] !== packed.selectorKey) return false;
      const inner = unwrapExpression(candidate);
      const bound = inner.type === 'Identifier' ? target.ctx.scopes.resolve(inner) : undefined;
      if (bound && bound !== binding && !keys.includes(`b${bound.id.range[0]}`)) keys.push(`b${bound.id.range[0]}`);
      return true;
    },
  };
  const nextInput: InputTrack = {
    pathOf: (node) => {
      const chain = chainOf(node);
      const base = chain?.[0] === undefined ? undefined : packed.inputs.get(chain[0]);
      return base && chain ? [...base, ...chain.slice(1)] : undefined;
    },
  };
  return namedCases(target.fn, target.ctx, nextSelector, nextInput, depth + 1, via ?? call);
}

/** The key of an object argument that carries the selected name, and the input path of each key that carries input. */
function packedKeys(
  argument: Node,
  selector: Selector,
  input: InputTrack,
): { selectorKey: string; inputs: Map<string, string[]> } | undefined {
  const object = unwrapExpression(argument);
  if (object.type !== 'ObjectExpression') return undefined;
  let selectorKey: string | undefined;
  const inputs = new Map<string, string[]>();
  for (const property of object.properties.slice(0, 20)) {
    const key = property.type === 'Property' ? propertyName(property) : undefined;
    if (key === undefined || property.type !== 'Property') continue;
    const path = input.pathOf(property.value as Node);
    if (path) inputs.set(key, path);
    else if (selectorKey === undefined && selector.matches(property.value as Node)) selectorKey = key;
  }
  return selectorKey !== undefined && inputs.size > 0 ? { selectorKey, inputs } : undefined;
}

/** `handlers[name](args)`, `handlers.get(name)?.(args)`, `const h = HANDLERS[name]; await h(args)`. */
function mapLookup(
  call: TSESTree.CallExpression,
  ctx: FileContext,
  selector: Selector,
  input: InputTrack,
): NamedCase[] {
  const callee = lookedUp(unwrapExpression(call.callee), ctx, selector);
  if (!callee) return [];
  const direct = call.arguments.findIndex((argument) => input.pathOf(argument) !== undefined);
  // `HANDLERS[name]({ token, parameters: request.params.arguments }, config)`: the input packed in a request object.
  const packed = direct < 0 ? packedInputArgument(call, input, ctx) : undefined;
  const inputIndex = packed?.index ?? direct;
  const inputPath = packed?.path ?? (direct >= 0 ? (input.pathOf(call.arguments[direct] as Node) ?? []) : []);
  const out: NamedCase[] = [];
  const paramApis = argumentApis(call, ctx, inputIndex);
  for (const entry of mapEntries(callee.map, callee.ctx ?? ctx, 0)) {
    if (out.length >= MAX_CASES) break;
    const resolved = resolveFunction(entry.value, entry.ctx);
    if (!resolved) continue;
    out.push({
      name: entry.key,
      // A map in another file: the tool is located at the lookup, in this one.
      nameNode: entry.ctx === ctx ? entry.keyNode : call,
      fn: resolved.fn,
      ctx: resolved.ctx,
      inputIndex: inputIndex >= 0 ? inputIndex : undefined,
      inputPath,
      ...(paramApis.size > 0 ? { paramApis } : {}),
      ...(entry.audit !== undefined ? { audit: entry.audit } : {}),
    });
  }
  return out;
}

function lookedUp(
  callee: Node,
  ctx: FileContext,
  selector: Selector,
  depth = 0,
): { map: Node; ctx?: FileContext } | undefined {
  if (callee.type === 'MemberExpression' && callee.computed && selector.matches(callee.property))
    return { map: callee.object };
  if (callee.type === 'CallExpression') {
    const inner = unwrapExpression(callee.callee);
    if (inner.type === 'MemberExpression' && propertyName(inner) === 'get' && callee.arguments[0]) {
      if (selector.matches(callee.arguments[0])) return { map: inner.object };
    }
    // `const handler = getToolHandler(name)`: a project function that returns the lookup.
    const getter = getterLookup(callee, ctx, selector.matches);
    if (getter) return getter;
  }
  if (callee.type === 'Identifier' && depth < 2) {
    const binding = ctx.scopes.resolve(callee);
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement && binding.patternPath.length === 0)
      return lookedUp(unwrapExpression(binding.init), ctx, selector, depth + 1);
  }
  return undefined;
}

function inputParameter(fn: FunctionNode, input: InputTrack): { inputIndex: number | undefined; inputPath: string[] } {
  const index = fn.params.findIndex((param) => input.pathOf(param) !== undefined);
  return index >= 0
    ? { inputIndex: index, inputPath: input.pathOf(fn.params[index] as Node) ?? [] }
    : { inputIndex: undefined, inputPath: [] };
}

/** Functions kept per name beside the first: one per configuration a map factory tells apart. */
const MAX_ALTERNATIVES = 4;

/**
 * One case per name. A name that maps to other functions in the maps a factory returns per configuration
 * (`if (context.storeKey) return { create_cart: createCartInStore }; if (context.isAdmin) return { create_cart:
 * createCartAsAdmin }`) keeps them as alternatives: the tool runs whichever the configuration picks.
 */
function dedupe(cases: NamedCase[]): NamedCase[] {
  const first = new Map<string, NamedCase>();
  const out: NamedCase[] = [];
  for (const entry of cases) {
    const kept = first.get(entry.name);
    if (!kept) {
      first.set(entry.name, entry);
      out.push(entry);
      continue;
    }
    if (kept.keys || entry.fn === kept.fn || kept.alternatives?.some((other) => other.fn === entry.fn)) continue;
    kept.alternatives ??= [];
    if (kept.alternatives.length < MAX_ALTERNATIVES) kept.alternatives.push(entry);
  }
  return out;
}
