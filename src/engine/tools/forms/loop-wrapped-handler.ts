// Registration loops whose inline handler wraps the handler a map holds for the listed name
// (`TOOLS.forEach((tool) => { const handler = HANDLERS[tool.name]; server.tool(tool.name, …, async (args) =>
// startSpan(…, () => handler(args, client))) })`): one tool per list entry, its handler the map's function, which
// takes the model's input where the wrapper passes its own.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrapExpression, walk, type FunctionNode, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import type { FormLike, RecognisedTool } from '../types';
import type { ApiRef } from '../../api';
import { argumentApis, packageApi } from '../../analysis/interpret/typed-arguments';
import { returnedApi } from '../../analysis/returned-api';
import { fromLoopHandlerMap } from './loop-handler-map';

/** `const a = b` steps from the called name back to the map lookup. */
const MAX_STEPS = 3;
/** Wrappers are a few statements; a bound on generated ones. */
const MAX_NODES = 2000;

/**
 * The tools of a loop whose handler `wrapper` calls, with its own input, a function looked up in a map by the
 * loop variable's name (through `const` copies). Undefined when it calls none.
 */
export function fromLoopWrappedHandler(
  node: TSESTree.CallExpression,
  wrapper: FunctionNode,
  elementsOf: (variable: TSESTree.Identifier) => Node | undefined,
  form: FormLike,
  ctx: FileContext,
): RecognisedTool[] | undefined {
  const input = wrapper.params[0];
  if (input?.type !== 'Identifier') return undefined;
  const call = lookedUpCall(wrapper, input.name, ctx);
  if (!call) return undefined;
  const tools = fromLoopHandlerMap(node, call.lookup, elementsOf, form, ctx);
  // A package client the wrapper hands in beside the input (`handler(args, neonClient)`) types that parameter.
  const paramApis = tools ? handedClients(call, ctx) : undefined;
  for (const tool of tools ?? [])
    for (const handler of tool.handlers) {
      handler.inputIndex = call.index;
      handler.inputPath = [];
      handler.reference = node;
      if (paramApis && paramApis.size > 0) handler.paramApis = paramApis;
    }
  return tools;
}

/** The package clients the call hands in: named by the code, or what a project factory returns (`createNeonClient(key)`). */
function handedClients(call: LookedUpCall, ctx: FileContext): Map<number, ApiRef> {
  const apis = argumentApis(call.call, ctx, call.index);
  call.call.arguments.forEach((argument, index) => {
    if (index === call.index || apis.has(index) || argument.type === 'SpreadElement') return;
    const api = packageApi(returnedApi(argument, ctx));
    if (api) apis.set(index, api);
  });
  return apis;
}

/** The call of a looked-up function with the wrapper's input: the lookup (`MAP[v.name]`) and the input's place. */
interface LookedUpCall {
  call: TSESTree.CallExpression;
  lookup: TSESTree.MemberExpression;
  index: number;
}

function lookedUpCall(wrapper: FunctionNode, inputName: string, ctx: FileContext): LookedUpCall | undefined {
  let found: LookedUpCall | undefined;
  let nodes = 0;
  walk(wrapper.body, (candidate) => {
    if (found || ++nodes > MAX_NODES) return false;
    // A nested function that names its own parameter like the input speaks of another value.
    if (isFunction(candidate) && candidate.params.some((p) => p.type === 'Identifier' && p.name === inputName))
      return false;
    if (candidate.type !== 'CallExpression') return true;
    const callee = unwrapExpression(candidate.callee);
    if (callee.type !== 'Identifier') return true;
    const index = candidate.arguments.findIndex((argument) => {
      const inner = unwrapExpression(argument);
      return inner.type === 'Identifier' && inner.name === inputName;
    });
    const lookup = index >= 0 ? lookupOf(callee, ctx) : undefined;
    if (lookup) found = { call: candidate, lookup, index };
    return true;
  });
  return found;
}

/** `handler` after `const handler = MAP[tool.name]` (or a copy of such a constant). */
function lookupOf(name: TSESTree.Identifier, ctx: FileContext): TSESTree.MemberExpression | undefined {
  let current: Node = name;
  for (let step = 0; step < MAX_STEPS && current.type === 'Identifier'; step++) {
    const binding = ctx.scopes.resolve(current);
    if (binding?.kind !== 'var' || !binding.init || binding.patternPath.length > 0) return undefined;
    current = unwrapExpression(binding.init);
  }
  if (current.type !== 'MemberExpression' || !current.computed) return undefined;
  return unwrapExpression(current.property).type === 'MemberExpression' ? current : undefined;
}
