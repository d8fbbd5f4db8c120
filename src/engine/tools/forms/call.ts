// Call forms: `tool({...})`, `new DynamicTool({...})`, method calls on framework objects (`server.tool(...)`), and registration loops over constant arrays.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, findProperty, isFunction, propertyName, stringValue, unwrapExpression, type Node } from '../../ast';
import { GLOBAL, LOCAL, tokensMatch, UNTYPED, type ApiRef } from '../../api';
import type { ToolForm } from '../../catalog/load';
import type { FileContext } from '../../analysis/context';
import { resolveFunction } from '../../analysis/resolve';
import { collectCaps } from '../caps';
import { arrayElements, navigate, objectLiteralOf } from '../navigate';
import { constantString } from '../constant-name';
import { toolName } from '../tool-name';
import { fromLoopHandlerMap } from './loop-handler-map';
import { fromLoopWrappedHandler } from './loop-wrapped-handler';
import { fromLoopEntryMethod } from './loop-entry-method';
import {
  approvalPropertyName,
  attachHandlers,
  baseTool,
  isLiteralFalse,
  modulesMatch,
  wrappingAudit,
} from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';

export function calleeMatches(ref: ApiRef, form: ToolForm): boolean {
  return modulesMatch(ref, form) && tokensMatch(ref.tokens, form.callee);
}

/** `server.tool(...)`: the receiver is a known instance, or untyped in a file that imports the framework. */
export function methodMatches(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  form: ToolForm,
  ctx: FileContext,
): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' || !form.methods.includes(propertyName(callee) ?? '')) return false;
  const receiver = ctx.api.resolve(callee.object);
  // A receiver of the project's own class or of an undeclared global is not the framework's, except in a bundle that
  // inlined the framework's classes (`class McpServer` beside `this.server = new McpServer(…)`): the untyped shape decides.
  if (receiver && receiver.module !== UNTYPED) {
    if (modulesMatch(receiver, form) && tokensMatch(receiver.tokens, form.receiver)) return true;
    // `const server = createMcpServer({ name })` from a workspace's shared package: what another package's
    // server factory builds is a server, so the untyped shape decides; other packages' values are not.
    if (receiver.module !== LOCAL && receiver.module !== GLOBAL)
      return (
        form.untypedReceiver !== undefined &&
        madeByServerFactory(receiver, form.untypedReceiver) &&
        hasUntypedToolShape(node, callee, form.untypedReceiver, ctx)
      );
  } else if (form.modules.some((module) => ctx.imports.has(module))) return true;
  return form.untypedReceiver !== undefined && hasUntypedToolShape(node, callee, form.untypedReceiver, ctx);
}

/** A package's value built by a function or class whose name says it makes a server (`createMcpServer()`). */
function madeByServerFactory(receiver: ApiRef, pattern: RegExp): boolean {
  const { tokens } = receiver;
  const last = tokens[tokens.length - 1];
  const maker = tokens[tokens.length - 2];
  return (
    (last?.kind === 'ReturnValue' || last?.kind === 'Instance') && maker?.kind === 'Member' && pattern.test(maker.name)
  );
}

/**
 * `server.tool('transfer', '…', schema, async (args) => …)` on an untyped `server`: named by a string (a literal
 * or a constant, as compiled servers that keep `const name = 'echo'` beside the config write it), ending in a function.
 */
function hasUntypedToolShape(
  node: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  pattern: RegExp,
  ctx: FileContext,
): boolean {
  if (!pattern.test(describe(callee.object, ctx.text))) return false;
  const first = node.arguments[0];
  const last = node.arguments[node.arguments.length - 1];
  return (
    node.arguments.length >= 2 &&
    first !== undefined &&
    constantString(first, ctx) !== undefined &&
    last !== undefined &&
    // `server.registerTool('jira_post', config, post)` with `const post = createHandler('POST', controller.post)`.
    (isFunction(unwrapExpression(last)) || resolveFunction(last, ctx) !== undefined)
  );
}

/**
 * `for (const def of TOOLS) server.registerTool(def.name, def.config, def.handler)` (or `TOOLS.forEach`):
 * one tool per element of the constant array the loop walks.
 */
export function fromLoopCall(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  form: FormLike,
  ctx: FileContext,
): RecognisedTool[] | undefined {
  const handlerNode = navigate([node], form.handler, ctx, node)[0];
  const handler = handlerNode ? unwrapExpression(handlerNode) : undefined;
  if (!handler) return undefined;
  // `HANDLERS[tool.name]`, or a `const` holding it: the handler comes from a map keyed by the listed name.
  if (handler.type === 'Identifier' || (handler.type === 'MemberExpression' && handler.computed))
    return node.type === 'CallExpression'
      ? fromLoopHandlerMap(node, handler, (variable) => loopIterable(variable, ctx), form, ctx)
      : undefined;
  // `(args) => tool.invoke(client, args)`: the listed entry's own function handles the input.
  if (isFunction(handler))
    return (
      fromLoopEntryMethod(node, handler, (variable) => loopIterable(variable, ctx), form, ctx) ??
      (node.type === 'CallExpression'
        ? fromLoopWrappedHandler(node, handler, (variable) => loopIterable(variable, ctx), form, ctx)
        : undefined)
    );
  if (handler.type !== 'MemberExpression' || handler.object.type !== 'Identifier') return undefined;
  const member = propertyName(handler);
  const elements = member === undefined ? undefined : loopElements(handler.object, ctx);
  if (!member || !elements) return undefined;
  return elements.map((element) => {
    const nameProperty = ['name', 'id']
      .map((key) => findProperty(element, key))
      .find((property) => property !== undefined);
    const name = nameProperty ? stringValue(nameProperty.value as Node) : undefined;
    const tool = baseTool(
      { name: name ?? '(anonymous tool)', node: nameProperty ? (nameProperty.value as Node) : element },
      form,
      element,
    );
    const value = findProperty(element, member);
    attachHandlers(tool, value ? [value.value as Node] : [], form, ctx, element);
    collectCaps(element, tool, ctx);
    return tool;
  });
}

/** The object literals a loop variable takes: a for-of over, or a forEach/map callback on, a constant array. */
function loopElements(variable: TSESTree.Identifier, ctx: FileContext): TSESTree.ObjectExpression[] | undefined {
  const iterable = loopIterable(variable, ctx);
  if (!iterable) return undefined;
  const array = arrayElements(iterable, ctx).map((element) => objectLiteralOf(element, ctx));
  return array.length > 0 && array.every((element): element is TSESTree.ObjectExpression => element !== undefined)
    ? array
    : undefined;
}

/** What a loop variable walks: the iterable of a for-of, or the receiver of a forEach/map callback. */
function loopIterable(variable: TSESTree.Identifier, ctx: FileContext): Node | undefined {
  const binding = ctx.scopes.resolve(variable);
  let iterable: Node | undefined;
  if (binding?.kind === 'var' && binding.isLoopElement && binding.patternPath.length === 0) iterable = binding.init;
  if (binding?.kind === 'param' && binding.paramIndex === 0 && binding.fn?.parent?.type === 'CallExpression') {
    const call = binding.fn.parent;
    const callee = unwrapExpression(call.callee);
    if (
      callee.type === 'MemberExpression' &&
      ['forEach', 'map', 'flatMap'].includes(propertyName(callee) ?? '') &&
      call.arguments[0] === binding.fn
    )
      iterable = callee.object;
  }
  return iterable;
}

export function fromCall(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  form: FormLike,
  ctx: FileContext,
): RecognisedTool {
  const handlerNodes = navigate([node], form.handler, ctx, node);
  const nameInfo = toolName(node, form, ctx, node);
  const tool = baseTool(nameInfo, form, node);
  attachHandlers(tool, handlerNodes, form, ctx, node);
  const approvalNode = form.approval.length > 0 ? navigate([node], form.approval, ctx, node)[0] : undefined;
  if (approvalNode && !isLiteralFalse(approvalNode)) tool.approval = approvalPropertyName(form);
  const wrapper = wrappingAudit(node, ctx);
  if (wrapper) tool.audit = wrapper;
  collectCaps(node, tool, ctx);
  if (form.inputNeedsSchema && !hasSchemaArgument(node)) {
    for (const handler of tool.handlers) handler.inputIndex = undefined;
  }
  return tool;
}

function hasSchemaArgument(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return node.arguments.slice(1, -1).some((argument) => {
    const inner = unwrapExpression(argument);
    return inner.type !== 'Literal' && inner.type !== 'TemplateLiteral';
  });
}
