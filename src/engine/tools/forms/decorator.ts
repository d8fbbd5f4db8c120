// Decorator forms: a method decorated by a framework (`@CreateAction({...})`), in source or as compiled by tsc or esbuild.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, type Node } from '../../ast';
import { tokensMatch } from '../../api';
import type { ToolForm } from '../../catalog/load';
import type { FileContext } from '../../analysis/context';
import { collectCaps } from '../caps';
import {
  decoratedClass,
  methodNamed,
  readCompiledDecoration,
  type CompiledDecoration,
} from '../../compiled-decorators';
import { arrayElements, navigate } from '../navigate';
import { attachHandlers, baseTool, modulesMatch } from '../tool-parts';
import type { RecognisedTool } from '../types';

/** The decorator form a decorator expression (`CreateAction({...})`) belongs to. */
export function decoratorForm(expression: Node, ctx: FileContext): ToolForm | undefined {
  const callee = expression.type === 'CallExpression' ? expression.callee : expression;
  const ref = ctx.api.resolve(callee);
  return ref
    ? ctx.catalogs.forms.find(
        (candidate) =>
          candidate.kind === 'decorator' &&
          modulesMatch(ref, candidate) &&
          tokensMatch(ref.tokens, candidate.decorator),
      )
    : undefined;
}

/**
 * Compilers turn `@CreateAction(...) method()` into `helper([CreateAction(...)], C.prototype, 'method')`
 * (tsc, tslib, esbuild's `__decorateClass`, under any minified name: read by shape) or
 * `__decorateElement(init, 1, 'method', decs, C)` (esbuild's standard decorators).
 */
export function compiledDecoration(node: TSESTree.CallExpression, ctx: FileContext): CompiledDecoration | undefined {
  const byShape = readCompiledDecoration(node, ctx.scopes);
  if (byShape) return byShape;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'Identifier' || callee.name !== '__decorateElement') return undefined;
  const key = node.arguments.map((argument) => stringValue(argument)).find((value) => value !== undefined);
  if (key === undefined) return undefined;
  const decorators = node.arguments.flatMap((argument) => arrayElements(argument, ctx));
  // The class is the last argument; the first is esbuild's `_init`.
  const target = node.arguments[node.arguments.length - 1];
  const classBody = target && decoratedClass(target, ctx.scopes);
  const method = classBody && methodNamed(classBody, key);
  return { decorators, key, ...(classBody && { classBody }), ...(method && { method }) };
}

export function fromCompiledDecorators(
  node: TSESTree.CallExpression,
  decoration: CompiledDecoration,
  ctx: FileContext,
): RecognisedTool[] {
  const tools: RecognisedTool[] = [];
  for (const decorator of decoration.decorators) {
    const expression = unwrapExpression(decorator);
    const form = decoratorForm(expression, ctx);
    if (!form) continue;
    if (decoration.method) {
      tools.push(fromDecorator(decoration.method, expression, form, ctx));
    } else {
      const tool = baseTool({ name: methodToolName(decoration.key, form), node }, form, node);
      tool.notAnalysable = `The decorated method \`${decoration.key}\` was not found in its class.`;
      tools.push(tool);
    }
  }
  return tools;
}

export function fromDecorator(
  method: TSESTree.MethodDefinition,
  decorator: Node,
  form: ToolForm,
  ctx: FileContext,
): RecognisedTool {
  const call = decorator.type === 'CallExpression' ? decorator : undefined;
  const nameNode = call
    ? form.names
        .flatMap((path) => navigate([call], path, ctx, call))
        .find((candidate) => stringValue(candidate) !== undefined)
    : undefined;
  const methodName = propertyName(method);
  const name = nameNode
    ? (stringValue(nameNode) as string)
    : methodName !== undefined
      ? methodToolName(methodName, form)
      : '(anonymous method)';
  // The finding sits on the method, where the code that needs the hook is.
  const tool = baseTool({ name, node: method.key }, form, method);
  if (method.value.type === 'FunctionExpression') attachHandlers(tool, [method.value], form, ctx, method);
  else tool.notAnalysable = 'The decorated method has no body.';
  if (call) collectCaps(call, tool, ctx);
  return tool;
}

/** A decorator without a name names the tool after the method, as its framework spells it (GOAT: `transferFrom` → `transfer_from`). */
function methodToolName(methodName: string, form: ToolForm): string {
  if (form.nameFromMethod !== 'snake_case') return methodName;
  return methodName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
