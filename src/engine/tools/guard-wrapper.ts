// Middleware around a handler (`execute: withinRoot(async (args) => …)`): the function the wrapper returns runs
// first with the model's input and hands it on to the handler; what it established about the input where it
// hands it on (`return handler(args)` after a containment or host check) holds inside the handler.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { bindingKey } from '../analysis/guards';
import { resolveFunction } from '../analysis/resolve';
import type { Bound, Value } from '../analysis/value';
import type { RecognisedTool } from './types';

export interface EntryWrapper {
  /** The function the wrapper returns: it receives the model's input first. */
  closure: FunctionNode;
  ctx: FileContext;
  /** The wrapper's parameter that holds the handler (its binding's key). */
  handlerKey: string;
}

/** A wrapper's body is read this far for the function it returns (wrappers are a few lines). */
const MAX_WRAPPER_NODES = 400;
/** Input members a wrapper's checks are carried for (a tool takes a handful of fields). */
const MAX_FIELDS = 32;
const wrappers = new WeakMap<RecognisedTool, EntryWrapper[]>();

export function entryWrappersOf(tool: RecognisedTool): readonly EntryWrapper[] {
  return wrappers.get(tool) ?? [];
}

/** Remembers `call` as middleware of `tool` when the project function it calls returns a function that calls `argument`'s parameter. */
export function noteEntryWrapper(
  call: TSESTree.CallExpression,
  argument: Node,
  ctx: FileContext,
  tool: RecognisedTool,
): void {
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  const wrapper = index < 0 ? undefined : resolveFunction(call.callee, ctx);
  const param = wrapper?.fn.params[index];
  if (!wrapper || param?.type !== 'Identifier') return;
  const binding = wrapper.ctx.scopes.resolve(param);
  const closure = returnedFunction(wrapper.fn);
  if (!binding || !closure || closure.params[0]?.type !== 'Identifier') return;
  const list = wrappers.get(tool) ?? [];
  if (list.length < 4) list.push({ closure, ctx: wrapper.ctx, handlerKey: bindingKey(binding) });
  wrappers.set(tool, list);
}

/** `return async (args) => …` (or an arrow whose body is that function). */
function returnedFunction(fn: FunctionNode): FunctionNode | undefined {
  if (fn.body.type !== 'BlockStatement') return isFunction(fn.body) ? fn.body : undefined;
  let found: FunctionNode | undefined;
  let visited = 0;
  walk(fn.body, (node) => {
    if (found || ++visited > MAX_WRAPPER_NODES) return false;
    if (isFunction(node)) return false;
    if (node.type === 'ReturnStatement' && node.argument) {
      const inner = unwrapExpression(node.argument);
      if (isFunction(inner)) found = inner;
    }
    return true;
  });
  return found;
}

/**
 * The bounds on the input and on its members at every `return handler(input)` of the returned function
 * (`returns`: its return records after running it with the input), or undefined when it never hands the
 * input on that way.
 */
export function boundsHandedOn(
  wrapper: EntryWrapper,
  returns: ReadonlyArray<{ node: TSESTree.ReturnStatement | undefined; state: { env: ReadonlyMap<string, Value> } }>,
): Map<string, Set<Bound>> | undefined {
  const input = wrapper.closure.params[0] as TSESTree.Identifier;
  const inputBinding = wrapper.ctx.scopes.resolve(input);
  if (!inputBinding) return undefined;
  const inputKey = bindingKey(inputBinding);
  let out: Map<string, Set<Bound>> | undefined;
  for (const entry of returns) {
    if (!handsOn(entry.node, wrapper, inputKey)) continue;
    const here = new Map<string, Set<Bound>>();
    for (const [key, value] of entry.state.env) {
      const field = key === inputKey ? '' : key.startsWith(`${inputKey}.`) ? key.slice(inputKey.length + 1) : undefined;
      if (field === undefined || field.includes('.') || value.bounds.size === 0 || here.size >= MAX_FIELDS) continue;
      here.set(field, new Set(value.bounds));
    }
    // Every way to the handler must establish a bound for it to hold there.
    if (out === undefined) out = here;
    else
      for (const [field, bounds] of out) {
        const other = here.get(field);
        if (!other) out.delete(field);
        else for (const bound of bounds) if (!other.has(bound)) bounds.delete(bound);
      }
  }
  return out;
}

/** `return handler(args)` / `return await handler(args)` with the wrapper's handler parameter and its own input. */
function handsOn(node: TSESTree.ReturnStatement | undefined, wrapper: EntryWrapper, inputKey: string): boolean {
  let argument = node?.argument ? unwrapExpression(node.argument) : undefined;
  if (argument?.type === 'AwaitExpression') argument = unwrapExpression(argument.argument);
  if (argument?.type !== 'CallExpression' || argument.callee.type !== 'Identifier') return false;
  const callee = wrapper.ctx.scopes.resolve(argument.callee);
  const first = argument.arguments[0];
  if (!callee || bindingKey(callee) !== wrapper.handlerKey || first?.type !== 'Identifier') return false;
  const passed = wrapper.ctx.scopes.resolve(first);
  return passed !== undefined && bindingKey(passed) === inputKey;
}
