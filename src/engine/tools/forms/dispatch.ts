// MCP CallTool dispatchers: one tool per name the request handler switches on, directly or in the function it delegates to.
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
import { matchesPath } from '../../api';
import type { ToolForm } from '../../catalog/load';
import type { FileContext } from '../../analysis/context';
import { resolveFunction } from '../../analysis/resolve';
import { auditWrapper } from '../audit-wrapper';
import { navigate } from '../navigate';
import { attachHandlers, baseTool, unwrapHandler } from '../tool-parts';
import { constantString } from '../constant-name';
import { splitByName } from './split-by-name';
import { casesKept, isCompiledAsyncBody } from './name-dispatch';
import type { Binding } from '../../scope';
import type { RecognisedTool } from '../types';

export function dispatchMatches(node: TSESTree.CallExpression, form: ToolForm, ctx: FileContext): boolean {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' || !form.methods.includes(propertyName(callee) ?? '')) return false;
  const schema = node.arguments[0];
  if (!schema) return false;
  if (form.requestMethod !== undefined && stringValue(unwrapExpression(schema)) === form.requestMethod) return true;
  const ref = ctx.api.resolve(schema);
  if (ref !== undefined && matchesPath(ref, form.modules, form.schema)) return true;
  return form.requestMethod !== undefined && isLocalSchemaOf(schema, form.requestMethod, ctx);
}

/** Nodes of a schema's initialiser read for the method it declares: a request schema is a few lines long. */
const MAX_SCHEMA_NODES = 400;

/**
 * A bundle that inlined the protocol SDK declares the request schema itself
 * (`var CallToolRequestSchema = RequestSchema.extend({ method: z.literal("tools/call"), … })`): the schema is the
 * protocol's when its own declaration spells the protocol method.
 */
function isLocalSchemaOf(schema: Node, method: string, ctx: FileContext): boolean {
  const inner = unwrapExpression(schema);
  if (inner.type !== 'Identifier') return false;
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind !== 'var' || !binding.init || binding.patternPath.length > 0) return false;
  let seen = 0;
  let spelled = false;
  walk(binding.init, (node) => {
    if (spelled || ++seen > MAX_SCHEMA_NODES) return false;
    if (node.type === 'Literal' && node.value === method) spelled = true;
    return !spelled;
  });
  return spelled;
}

/** One tool per `case 'name':` (or `if (name === '...')`) of an MCP CallTool request handler. */
export function fromDispatch(node: TSESTree.CallExpression, form: ToolForm, ctx: FileContext): RecognisedTool[] {
  const handlerNode = navigate([node], form.handler, ctx, node)[0];
  const wrapperProbe = baseTool({ name: '(CallTool dispatcher)', node }, form, node);
  const unwrapped = handlerNode ? unwrapHandler(handlerNode, ctx, wrapperProbe) : undefined;
  const resolved = unwrapped ? resolveFunction(unwrapped, ctx) : undefined;
  if (!resolved) {
    const tool = baseTool({ name: '(CallTool dispatcher)', node }, form, node);
    tool.notAnalysable = 'The CallTool request handler is not a function the engine can resolve.';
    return [tool];
  }
  const direct = dispatchCases(resolved.fn, resolved.ctx, selectorMatcher(resolved.fn, resolved.ctx));
  const own = direct.names.length > 0 ? dispatchTools(direct, resolved, form, node, wrapperProbe, undefined) : [];
  // `async (request) => handleToolCall(request.params.name, request.params.arguments)`: follow the name into the
  // function that switches on it, also past a tool or two the handler answers itself (`if (name === 'discover')`).
  const delegated = delegatedDispatch(resolved.fn, resolved.ctx, wrapperProbe);
  if (delegated) {
    const cases = dispatchCases(delegated.target.fn, delegated.target.ctx, delegated.selector);
    const ownNames = new Set(direct.names.map((entry) => entry.name));
    cases.names = cases.names.filter((entry) => !ownNames.has(entry.name));
    if (cases.names.length > 0) {
      const tools = [...own, ...dispatchTools(cases, delegated.target, form, node, wrapperProbe, delegated)];
      // Beside a few compared names (`if (name === 'authenticate')`), the rest may be looked up in a
      // name → function map (`handlers.get(name)`): one tool per key too.
      return [...tools, ...handedOnTools(tools, resolved, form, node, ctx)];
    }
  }
  if (own.length > 0) return [...own, ...handedOnTools(own, resolved, form, node, ctx)];
  // A bundle's inlined copy of the SDK registers its own dispatcher over the registered tools: not a tool.
  if (isInlinedSdkDispatcher(node, form, ctx)) return [];
  const tool = baseTool({ name: '(CallTool dispatcher)', node: node.callee }, form, node);
  attachHandlers(tool, [resolved.fn], form, resolved.ctx, node);
  return [tool];
}

/**
 * The tools of a function the handler hands the whole request to, after the ones it answers itself
 * (`if (name === 'discover_tools') …; return handleToolCall(request.params)`), split by name as a lone
 * dispatcher would be.
 */
function handedOnTools(
  own: RecognisedTool[],
  resolved: { fn: FunctionNode; ctx: FileContext },
  form: ToolForm,
  node: TSESTree.CallExpression,
  ctx: FileContext,
): RecognisedTool[] {
  const whole = baseTool({ name: '(CallTool dispatcher)', node: node.callee }, form, node);
  attachHandlers(whole, [resolved.fn], form, resolved.ctx, node);
  const names = new Set(own.map((tool) => tool.name));
  return (splitByName(whole, ctx) ?? []).filter((tool) => !names.has(tool.name));
}

function isInlinedSdkDispatcher(node: TSESTree.CallExpression, form: ToolForm, ctx: FileContext): boolean {
  const schema = node.arguments[0];
  if (!schema || form.requestMethod === undefined) return false;
  const ref = ctx.api.resolve(schema);
  return (
    !(ref !== undefined && matchesPath(ref, form.modules, form.schema)) &&
    isLocalSchemaOf(schema, form.requestMethod, ctx)
  );
}

interface DispatchCases {
  names: Array<{ name: string; node: Node }>;
  keys: string[];
}

interface Delegation {
  call: TSESTree.CallExpression;
  target: { fn: FunctionNode; ctx: FileContext };
  selector: { keys: string[]; matches: (node: Node) => boolean };
  inputIndex: number | undefined;
  /** Where the tool's arguments sit inside that parameter (`request.params.arguments` when the request is handed on). */
  inputPath: string[];
}

function dispatchTools(
  cases: DispatchCases,
  resolved: { fn: FunctionNode; ctx: FileContext },
  form: ToolForm,
  node: TSESTree.CallExpression,
  wrapperProbe: RecognisedTool,
  delegation: Delegation | undefined,
): RecognisedTool[] {
  return cases.names.map((entry) => {
    // A tool found through a delegated function is located at the delegating call, in this file.
    const tool = baseTool(
      { name: entry.name, node: delegation ? delegation.call : entry.node },
      form,
      delegation ? delegation.call : entry.node,
    );
    if (delegation) {
      tool.handlers.push({
        fn: resolved.fn,
        ctx: resolved.ctx,
        inputIndex: delegation.inputIndex,
        inputPath: delegation.inputPath,
        reference: delegation.call,
      });
    } else {
      attachHandlers(tool, [resolved.fn], form, resolved.ctx, node);
    }
    tool.selector = { keys: cases.keys, name: entry.name };
    if (wrapperProbe.audit) tool.audit = wrapperProbe.audit;
    return tool;
  });
}

/** Delegations followed from the request handler: `handle(request)` → `run(name, args)` → `switch (name)`. */
const MAX_DELEGATION_DEPTH = 3;
/** Calls tried per function body before giving up on finding the one that dispatches. */
const MAX_CANDIDATE_CALLS = 40;

/**
 * The function the handler hands the tool name to (`handleToolCall(request.params.name, …)`), or the whole
 * request (`handleCall(request)`, `handleCall({ request, db })`), and that switches on it, a few calls deep.
 */
function delegatedDispatch(
  fn: FunctionNode,
  ctx: FileContext,
  wrapperProbe: RecognisedTool,
  depth = 0,
): Delegation | undefined {
  if (depth >= MAX_DELEGATION_DEPTH) return undefined;
  const outer = selectorMatcher(fn, ctx);
  const request = fn.params[0]?.type === 'Identifier' ? ctx.scopes.resolve(fn.params[0]) : undefined;
  let found: Delegation | undefined;
  let tried = 0;
  walk(fn.body, (inner) => {
    if (found || tried >= MAX_CANDIDATE_CALLS) return false;
    if (inner.type !== 'CallExpression') return !(isFunction(inner) && inner !== fn);
    const selectorIndex = inner.arguments.findIndex((argument) => outer.matches(argument));
    const handed = selectorIndex < 0 && request ? handedRequest(inner, request, ctx) : undefined;
    if (selectorIndex < 0 && !handed) return true;
    tried++;
    const target = resolveFunction(inner.callee, ctx);
    if (!target || target.fn === fn) return true;
    const wrapper = wrapperOf(inner.callee, ctx);
    const recorded = wrapper && !wrapperProbe.audit ? auditWrapper(wrapper, ctx) : undefined;
    if (recorded) wrapperProbe.audit = recorded;
    const selector = handed ? selectorMatcher(target.fn, target.ctx) : parameterSelector(target, selectorIndex);
    if (!selector) return true;
    const inputIndex = handed ? handed.index : argumentsIndex(inner, ctx);
    const direct: Delegation = {
      call: inner,
      target,
      selector,
      inputIndex,
      inputPath: handed ? handed.path : [],
    };
    // A request handed whole to a function that switches on its name is split by name (./split-by-name.ts).
    if (dispatchCases(target.fn, target.ctx, selector).names.length > 0) {
      if (!handed) found = direct;
    } else {
      // The target hands the name on again (`executeOperation(operation, …)`): the tool stays at this call.
      const deeper = delegatedDispatch(target.fn, target.ctx, wrapperProbe, depth + 1);
      if (deeper) found = { ...deeper, call: inner };
    }
    return !found;
  });
  return found;
}

/** A selector that is the target's parameter at `index`, when that parameter is a plain name. */
function parameterSelector(
  target: { fn: FunctionNode; ctx: FileContext },
  index: number,
): Delegation['selector'] | undefined {
  const param = target.fn.params[index];
  if (param?.type !== 'Identifier') return undefined;
  const binding = target.ctx.scopes.resolve(param);
  if (!binding) return undefined;
  return {
    keys: [`b${binding.id.range[0]}`],
    matches: (candidate) => {
      const value = unwrapExpression(candidate);
      return value.type === 'Identifier' && target.ctx.scopes.resolve(value) === binding;
    },
  };
}

/** The argument that carries the tool's arguments: `request.params.arguments`, or a name destructured from it. */
function argumentsIndex(call: TSESTree.CallExpression, ctx: FileContext): number | undefined {
  const index = call.arguments.findIndex((argument) => {
    const inner = withoutEmptyDefault(unwrapExpression(argument));
    if (/\bparams\??\.arguments\b/.test(ctx.text.slice(inner.range[0], inner.range[1]))) return true;
    const binding = inner.type === 'Identifier' ? ctx.scopes.resolve(inner) : undefined;
    return (
      binding?.kind === 'var' &&
      binding.patternPath.join('.') === 'arguments' &&
      binding.init !== undefined &&
      /\bparams$/.test(ctx.text.slice(binding.init.range[0], binding.init.range[1]))
    );
  });
  return index >= 0 ? index : undefined;
}

/** Where a call hands on the whole request: as an argument, or as a member of an object argument. */
function handedRequest(
  call: TSESTree.CallExpression,
  request: Binding,
  ctx: FileContext,
): { index: number; path: string[] } | undefined {
  const isRequest = (node: Node): boolean => {
    const inner = unwrapExpression(node);
    return inner.type === 'Identifier' && ctx.scopes.resolve(inner) === request;
  };
  for (const [index, argument] of call.arguments.entries()) {
    if (isRequest(argument)) return { index, path: ['params', 'arguments'] };
    const inner = unwrapExpression(argument);
    // `handleToolCall(request.params)`: the request's params, whose `name` the target switches on.
    if (inner.type === 'MemberExpression' && propertyName(inner) === 'params' && isRequest(inner.object))
      return { index, path: ['arguments'] };
    if (inner.type !== 'ObjectExpression') continue;
    for (const property of inner.properties) {
      const key = property.type === 'Property' ? propertyName(property) : undefined;
      if (property.type === 'Property' && key !== undefined && isRequest(property.value as Node))
        return { index, path: [key, 'params', 'arguments'] };
    }
  }
  return undefined;
}

/** `const h = wrap(handleToolCall)`: the wrapper call a called variable holds. */
function wrapperOf(callee: Node, ctx: FileContext): TSESTree.CallExpression | undefined {
  const inner = unwrapExpression(callee);
  if (inner.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(inner);
  const init = binding?.kind === 'var' && binding.init ? unwrapExpression(binding.init) : undefined;
  return init?.type === 'CallExpression' ? init : undefined;
}

function dispatchCases(
  fn: FunctionNode,
  ctx: FileContext,
  selector: { keys: string[]; matches: (node: Node) => boolean },
): DispatchCases {
  const names: Array<{ name: string; node: Node }> = [];
  walk(fn.body, (inner) => {
    if (inner.type === 'SwitchStatement' && selector.matches(inner.discriminant)) {
      // Within the same step budget as any name dispatcher: each case's tool steps over the whole switch.
      for (const switchCase of inner.cases.slice(0, casesKept(inner))) {
        // `case ToolName.Navigate:`: a member of an enum or constant object names the tool as a literal would.
        const literal = switchCase.test ? constantString(switchCase.test, ctx) : undefined;
        if (literal !== undefined && switchCase.test) names.push({ name: literal, node: switchCase.test });
      }
    }
    // `if (name !== 'fetch') throw …` guards a one-tool dispatcher: its tool is `fetch`.
    if (inner.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(inner.operator)) {
      for (const [subject, other] of [
        [inner.left, inner.right],
        [inner.right, inner.left],
      ] as Array<[Node, Node]>) {
        const literal = constantString(other, ctx);
        if (literal !== undefined && selector.matches(subject)) names.push({ name: literal, node: other });
      }
    }
    // A down-levelled async handler (`(request) => __awaiter(this, void 0, void 0, function* () {…})`) switches in its generator.
    return !(isFunction(inner) && inner !== fn && !isCompiledAsyncBody(inner));
  });
  const seen = new Set<string>();
  return {
    names: names.filter((entry) => {
      if (seen.has(entry.name)) return false;
      seen.add(entry.name);
      return true;
    }),
    keys: selector.keys,
  };
}

/** Recognises the expression that holds the requested tool name (`request.params.name` or a name destructured from it). */
function selectorMatcher(fn: FunctionNode, ctx: FileContext): { keys: string[]; matches: (node: Node) => boolean } {
  const first = fn.params[0];
  const keys: string[] = [];
  if (first && first.type === 'Identifier') {
    const binding = ctx.scopes.resolve(first);
    if (binding) keys.push(`b${binding.id.range[0]}.params.name`);
  }
  // `const operation = name`: an alias of the selector is the selector; a couple of hops are plenty.
  const matches = (node: Node, hops = 0): boolean => {
    const inner = unwrapExpression(node);
    const text = ctx.text.slice(inner.range[0], inner.range[1]);
    if (/\bparams\??\.name$/.test(text)) return true;
    if (inner.type === 'Identifier') {
      const binding = ctx.scopes.resolve(inner);
      if (!binding) return false;
      const path = binding.patternPath.join('.');
      if (binding.kind === 'param' && (path === 'params.name' || path === 'name')) {
        keys.push(`b${binding.id.range[0]}`);
        return true;
      }
      if (binding.kind === 'var' && binding.init) {
        const initText = ctx.text.slice(binding.init.range[0], binding.init.range[1]);
        if (
          (path === 'name' && /\bparams$/.test(initText)) ||
          path === 'params.name' ||
          (path === '' && /\bparams\??\.name$/.test(initText))
        ) {
          keys.push(`b${binding.id.range[0]}`);
          return true;
        }
        const init = unwrapExpression(binding.init);
        if (path === '' && init.type === 'Identifier' && hops < 2 && matches(init, hops + 1)) {
          keys.push(`b${binding.id.range[0]}`);
          return true;
        }
      }
    }
    return false;
  };
  return { keys, matches };
}
