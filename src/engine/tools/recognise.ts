// Finds the agent tools a file declares, with their handlers and which handler parameter the model controls, by walking the file and handing each node to the tool forms in ./forms/.
import { unwrapExpression, walk, type Node } from '../ast';
import { parseAccessPath } from '../catalog/access-path';
import type { FileContext } from '../analysis/context';
import { calleeMatches, fromCall, fromLoopCall, methodMatches } from './forms/call';
import { classForm, declaresTool, fromClass } from './forms/class';
import { compiledDecoration, decoratorForm, fromCompiledDecorators, fromDecorator } from './forms/decorator';
import { dispatchMatches, fromDispatch } from './forms/dispatch';
import { fromGenericClass } from './forms/generic-class';
import { fromGenericObject } from './forms/generic-object';
import { fromGenericBuilder } from './forms/generic-builder';
import { fromCurriedRegistration } from './forms/curried-registration';
import { fromHandlerMap } from './forms/handler-map';
import { fromInferredFactory, isForwardedRegistration } from './forms/inferred-factory';
import { fromOptionsFactory } from './forms/options-factory';
import { fromModelToolCalls } from './forms/model-tool-calls';
import { splitByName } from './forms/split-by-name';
import { perLoopEntry } from './loop-names';
import { reexportedCallee } from './reexported-callee';
import { spelledName } from './tool-name';
import type { FormLike, RecognisedTool } from './types';
import { cachedVendoredRanges, isVendored } from './vendored-regions';

export type { RecognisedTool, ToolHandler } from './types';

const MAX_TOOLS_PER_FILE = 5000;
/** What the generic object is named when its name is computed at run time. */
const DYNAMIC_NAME = '(dynamic name)';

export function recogniseTools(ctx: FileContext): RecognisedTool[] {
  const tools: RecognisedTool[] = [];
  const consumed = new Set<Node>();
  const { forms } = ctx.catalogs;
  const factories = ctx.config.toolFactories.map((factory) => ({
    factory,
    form: {
      id: `factory:${factory.name}`,
      framework: 'configured-factory',
      handler: parseAccessPath(factory.handler),
      input: parseAccessPath(factory.input),
      names: factory.nameAt
        ? [parseAccessPath(factory.nameAt)]
        : [parseAccessPath('Argument[0].Member[name]'), parseAccessPath('Argument[0]')],
      approval: [],
    } satisfies FormLike,
  }));

  // A dependency bundled into the file declares its own tools; they are not the project's.
  const vendored = cachedVendoredRanges(ctx.ast, ctx.text);
  walk(ctx.ast, (node) => {
    if (tools.length >= MAX_TOOLS_PER_FILE) return false;
    if (vendored.length > 0 && node.type !== 'Program' && isVendored(vendored, node.range[0])) return false;
    switch (node.type) {
      case 'CallExpression':
      case 'NewExpression': {
        const decoration = node.type === 'CallExpression' ? compiledDecoration(node, ctx) : undefined;
        if (node.type === 'CallExpression' && decoration) {
          for (const tool of fromCompiledDecorators(node, decoration, ctx)) pushTool(tools, tool, consumed, node, ctx);
          return;
        }
        const resolved = ctx.api.resolve(node.callee);
        const ref = reexportedCallee(node.callee, resolved, ctx) ?? resolved;
        // Several forms can share a callee (`tool(fn, opts)` and `tool({ execute })`): the first whose handler resolves wins.
        let fallback: RecognisedTool | undefined;
        for (const form of forms) {
          if ((form.kind === 'call' || form.kind === 'provider') && ref && calleeMatches(ref, form)) {
            const mapped = form.handlerMap ? fromHandlerMap(node, form, ctx) : undefined;
            if (mapped) {
              for (const tool of mapped) pushTool(tools, tool, consumed, node, ctx);
              return;
            }
            const tool = fromCall(node, form, ctx);
            if (tool.notAnalysable === undefined) {
              pushTool(tools, tool, consumed, node, ctx);
              return;
            }
            fallback ??= tool;
            continue;
          }
          if (form.kind === 'method' && methodMatches(node, form, ctx)) {
            // Inside a wrapper that forwards its own name and handler, the wrapper's callers are the tools.
            if (node.type === 'CallExpression' && isForwardedRegistration(node, ctx)) return;
            const looped = fromLoopCall(node, form, ctx);
            if (looped) for (const tool of looped) pushTool(tools, tool, consumed, tool.definition, ctx);
            else pushTool(tools, fromCall(node, form, ctx), consumed, node, ctx);
            return;
          }
          if (form.kind === 'dispatch' && node.type === 'CallExpression' && dispatchMatches(node, form, ctx)) {
            for (const tool of fromDispatch(node, form, ctx)) pushTool(tools, tool, consumed, node, ctx);
            return;
          }
        }
        if (fallback) {
          // A project's own `defineTool({ name, description, inputSchema, handler })` may share a catalogued
          // local callee's name but not its handler key: the options object, read as a generic tool, is the tool.
          const options = node.arguments.length === 1 ? unwrapExpression(node.arguments[0] as Node) : undefined;
          const generic = options?.type === 'ObjectExpression' ? fromGenericObject(options, ctx) : undefined;
          pushTool(tools, generic?.notAnalysable === undefined && generic ? generic : fallback, consumed, node, ctx);
          return;
        }
        // A configured factory called inside a recognised tool object (`logic: createToolHandler(fn)`) is that tool's handler.
        if (consumed.has(node)) return;
        const curried = node.type === 'CallExpression' ? fromCurriedRegistration(node, ctx) : undefined;
        if (curried && node.type === 'CallExpression') {
          // The describing call is part of this declaration, not a call of its own.
          consumed.add(unwrapExpression(node.callee));
          pushTool(tools, curried, consumed, node, ctx);
          return;
        }
        const built = node.type === 'CallExpression' ? fromGenericBuilder(node, ctx) : undefined;
        if (built) {
          pushTool(tools, built, consumed, node, ctx);
          return;
        }
        for (const { factory, form } of factories) {
          const callee = unwrapExpression(node.callee);
          const name = spelledName(callee);
          if (name === factory.name) {
            pushTool(tools, fromCall(node, form, ctx), consumed, node, ctx);
            return;
          }
        }
        if (node.type === 'CallExpression')
          pushTool(tools, fromOptionsFactory(node, ctx) ?? fromInferredFactory(node, ctx), consumed, node, ctx);
        return;
      }
      case 'ClassDeclaration':
      case 'ClassExpression': {
        const form = classForm(node, ctx);
        if (form && declaresTool(node, form, ctx)) pushTool(tools, fromClass(node, form, ctx), consumed, node, ctx);
        else pushTool(tools, fromGenericClass(node, ctx), consumed, node, ctx);
        return;
      }
      case 'MethodDefinition': {
        for (const decorator of node.decorators ?? []) {
          const expression = unwrapExpression(decorator.expression);
          const form = decoratorForm(expression, ctx);
          if (form) pushTool(tools, fromDecorator(node, expression, form, ctx), consumed, node, ctx);
        }
        return;
      }
      case 'ObjectExpression': {
        if (consumed.has(node)) return;
        const tool = fromGenericObject(node, ctx);
        if (tool) {
          // A run-time name, or one described with placeholders (`mirror_{id}`), may be one name per loop entry.
          const perEntry = tool.name === DYNAMIC_NAME || tool.name.includes('{') ? perLoopEntry(tool, ctx) : undefined;
          for (const each of perEntry ?? [tool]) pushTool(tools, each, consumed, node, ctx);
          walk(node, (inner) => {
            if (inner.type === 'CallExpression') consumed.add(inner);
            return undefined;
          });
        }
        return;
      }
      default:
        return;
    }
  });
  const handled = new Set(tools.flatMap((tool) => tool.handlers.map((handler) => handler.fn)));
  const loops = fromModelToolCalls(ctx, (fn) => handled.has(fn));
  tools.push(...loops.filter((tool) => !isVendored(vendored, tool.definition.range[0])));
  return tools;
}

function pushTool(
  tools: RecognisedTool[],
  tool: RecognisedTool | undefined,
  consumed: Set<Node>,
  node: Node,
  ctx: FileContext,
): void {
  if (!tool) return;
  // `SPECS.map((spec) => [spec.name, tool({ … })])`: one tool per entry of a constant list, unless the
  // handler already dispatches on the entry's name (then each case is a tool).
  const pairEntries =
    tool.name === DYNAMIC_NAME && tool.nameNode.parent?.type === 'ArrayExpression'
      ? perLoopEntry(tool, ctx)
      : undefined;
  tools.push(...(splitByName(tool, ctx) ?? pairEntries ?? [tool]));
  consumed.add(node);
  // The options object of a recognised call is not a second, generic tool.
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    for (const argument of node.arguments) consumed.add(unwrapExpression(argument));
  }
}
