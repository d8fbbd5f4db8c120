// Builds the parts every tool form shares: the tool record, its handler functions, the model's parameter, approval and audit.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import { moduleIn, type ApiRef } from '../api';
import { selectIndexes } from '../catalog/access-path';
import type { ToolForm } from '../catalog/load';
import type { FileContext } from '../analysis/context';
import { boundTarget, resolveFunction, type ResolvedFunction } from '../analysis/resolve';
import { throughForwarder } from '../analysis/forwarders';
import { auditWrapper } from './audit-wrapper';
import { noteEntryWrapper } from './guard-wrapper';
import type { FormLike, RecognisedTool, ToolHandler } from './types';

/**
 * Whether a ref comes from one of the form's modules. Inside a framework's own package, its relative
 * imports are its API (`class WebCrawlerTool extends Tool` with `Tool` from `../base.js`).
 */
export function modulesMatch(ref: ApiRef, form: ToolForm): boolean {
  return moduleIn(ref, form.modules);
}

export function baseTool(name: { name: string; node: Node }, form: FormLike, definition: Node): RecognisedTool {
  const tool: RecognisedTool = {
    name: name.name,
    nameNode: name.node,
    formId: form.id,
    framework: form.framework,
    definition,
    handlers: [],
    cappedFields: new Set(),
  };
  const [first, second] = form.approval;
  if (
    form.approval.length === 2 &&
    first?.kind === 'Argument' &&
    second?.kind === 'Member' &&
    second.names.length === 1
  )
    tool.approvalFlag = second.names[0] as string;
  return tool;
}

/** Resolves handler expressions to functions (unwrapping wrappers); a shape without a resolvable handler is reported as not analysable. */
export function attachHandlers(
  tool: RecognisedTool,
  nodes: Node[],
  form: FormLike,
  ctx: FileContext,
  definition: Node,
): void {
  if (nodes.length === 0) {
    tool.notAnalysable = 'No handler function was found where the framework expects it.';
    return;
  }
  for (const node of nodes) {
    const produced = factoryProduct(node, ctx);
    const unwrapped = produced ? undefined : unwrapHandler(node, ctx, tool);
    const found = produced ?? (unwrapped ? resolveFunction(unwrapped, ctx) : undefined);
    const resolved = found && throughForwarder(found);
    if (!resolved) {
      tool.notAnalysable = `The handler \`${ctx.text.slice(node.range[0], node.range[1]).slice(0, 60)}\` is not a function the engine can resolve (defined outside the project or computed at run time).`;
      continue;
    }
    const { index, path } = inputOf(resolved.fn, form, ctx);
    const handler: ToolHandler = { fn: resolved.fn, ctx: resolved.ctx, inputIndex: index, inputPath: path };
    if (form.inputAliases && form.inputAliases.length > 0) handler.inputAliases = form.inputAliases;
    if (resolved.ctx !== ctx || !containsNode(definition, resolved.fn)) handler.reference = node;
    tool.handlers.push(handler);
  }
}

/**
 * `execute: makePatcher(ROOT)`: a call of a project function that returns a function (a handler
 * factory) stands for the function it returns. Only direct returns are followed, one call deep.
 */
function factoryProduct(node: Node, ctx: FileContext): ResolvedFunction | undefined {
  const call = unwrapExpression(node);
  if (call.type !== 'CallExpression') return undefined;
  // A call that is handed a function wraps it (`withAudit(handler)`); that is unwrapped elsewhere.
  if (call.arguments.some((argument) => isFunction(argument) || resolveFunction(argument, ctx) !== undefined))
    return undefined;
  const factory = resolveFunction(call.callee, ctx);
  if (!factory) return undefined;
  const { fn } = factory;
  if (fn.body?.type !== 'BlockStatement') {
    const body = fn.body ? unwrapExpression(fn.body) : undefined;
    return body && isFunction(body) ? { fn: body, ctx: factory.ctx } : undefined;
  }
  let product: FunctionNode | undefined;
  walk(fn.body, (inner) => {
    if (product) return false;
    if (inner.type === 'ReturnStatement' && inner.argument) {
      const value = unwrapExpression(inner.argument);
      if (isFunction(value)) product = value;
      return false;
    }
    return !isFunction(inner);
  });
  return product ? { fn: product, ctx: factory.ctx } : undefined;
}

function containsNode(outer: Node, inner: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** `withAudit(async (args) => ...)` or `wrap(handler)`: the function inside; an audit-named wrapper counts as the audit hook. */
export function unwrapHandler(node: Node, ctx: FileContext, tool: RecognisedTool): Node | undefined {
  let current = unwrapExpression(node);
  for (let i = 0; i < 4 && current.type === 'CallExpression'; i++) {
    // `this.getRequest.bind(this)`: the bound function is the handler.
    const bound = boundFunction(current);
    if (bound) {
      current = bound;
      continue;
    }
    // `tool_fn(tool_name, async (data) => …)`: a function written in place is the wrapped one, before any name.
    const inner =
      current.arguments.find((argument) => isFunction(argument)) ??
      current.arguments.find((argument) => argument.type === 'Identifier' || argument.type === 'CallExpression');
    if (!inner) return current;
    // `toolHandler(client)`: an argument that is no function leaves the call to stand for what the factory returns.
    if (!isFunction(inner) && !resolveFunction(inner, ctx) && resolveFunction(current, ctx)) return current;
    const recorded = tool.audit ? undefined : auditWrapper(current, ctx);
    if (recorded) tool.audit = recorded;
    else noteEntryWrapper(current, inner, ctx, tool);
    current = unwrapExpression(inner);
  }
  return current;
}

/** `fn.bind(thisArg, …)`: the function bound (its leading bound arguments are not the model's). */
function boundFunction(call: TSESTree.CallExpression): Node | undefined {
  const target = boundTarget(call);
  return target && call.arguments.length <= 1 ? target : undefined;
}

/** The model's parameter: as the form says, else by the catalog's naming conventions. */
export function inputOf(
  fn: FunctionNode,
  form: FormLike,
  ctx: FileContext,
): { index: number | undefined; path: string[] } {
  const count = fn.params.length;
  const first = form.input[0];
  if (first && first.kind === 'Parameter') {
    const index = selectIndexes(first.indexes, Math.max(count, 1))[0];
    const path = form.input.slice(1).flatMap((token) => (token.kind === 'Member' ? [token.names[0] as string] : []));
    return { index: index !== undefined && index < Math.max(count, 1) ? index : undefined, path };
  }
  const names = fn.params.map((param) => {
    const pattern = param.type === 'TSParameterProperty' ? param.parameter : param;
    return pattern.type === 'Identifier'
      ? pattern.name
      : pattern.type === 'AssignmentPattern' && pattern.left.type === 'Identifier'
        ? pattern.left.name
        : '';
  });
  // `(params, args)`: when two names qualify, the one the catalog lists first is the input (`args`).
  const ranks = names.map((name) => ctx.catalogs.inputParamNames.indexOf(name));
  const best = Math.min(...ranks.filter((rank) => rank >= 0));
  const named = ranks.indexOf(best);
  if (named >= 0) return { index: named, path: [] };
  if (count > 1 && ctx.catalogs.contextParamNames.includes(names[0] ?? '')) return { index: count - 1, path: [] };
  // `execute(_toolCallId, { path }, signal, ctx)`: the runtime hands the call's id first and the model's
  // arguments next; the id (used or not, hence the leading `_` dropped) carries nothing the model chose.
  if (count > 1 && ctx.catalogs.callIdParamNames.includes((names[0] ?? '').replace(/^_+/, ''))) {
    return { index: 1, path: [] };
  }
  return { index: count > 0 ? 0 : undefined, path: count > 0 ? requestInputPath(fn, names[0] ?? '', ctx) : [] };
}

/** `request.params` when the first parameter is named like a request and the body reads that member. */
function requestInputPath(fn: FunctionNode, name: string, ctx: FileContext): string[] {
  const { requestParamNames, requestInputMembers } = ctx.catalogs;
  if (!requestParamNames.includes(name)) return [];
  let found: string | undefined;
  walk(fn.body, (node) => {
    if (found !== undefined) return false;
    if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === name) {
      const member = propertyName(node);
      if (member !== undefined && requestInputMembers.includes(member)) found = member;
    }
    return true;
  });
  return found === undefined ? [] : [found];
}

export function approvalPropertyName(form: FormLike): string {
  const last = form.approval[form.approval.length - 1];
  return last && last.kind === 'Member' ? (last.names[0] as string) : 'approval';
}

export function isLiteralFalse(node: Node): boolean {
  const inner = unwrapExpression(node);
  return inner.type === 'Literal' && (inner.value === false || inner.value === null || inner.value === 0);
}

/** `withAudit(tool({...}))`: a wrapper around the whole tool. */
export function wrappingAudit(node: Node, ctx: FileContext): string | undefined {
  let current: Node = node;
  for (let i = 0; i < 3 && current.parent; i++) {
    const parent: Node = current.parent;
    if (parent.type === 'CallExpression' && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      const audit = auditWrapper(parent, ctx);
      if (audit) return audit;
      current = parent;
      continue;
    }
    if (parent.type === 'AwaitExpression' || parent.type === 'TSAsExpression') {
      current = parent;
      continue;
    }
    break;
  }
  return undefined;
}
