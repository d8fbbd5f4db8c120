// Decorator forms: a method decorated by a framework (`@CreateAction({...})`), in source or as compiled by tsc or esbuild.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, type Node } from '../../ast';
import { tokensMatch } from '../../api';
import type { ToolForm } from '../../catalog/load';
import type { FileContext } from '../../analysis/context';
import { collectCaps } from '../caps';
import { arrayElements, classBodyOf, navigate } from '../navigate';
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

/** Compilers turn `@CreateAction(...) method()` into `__decorate([CreateAction(...)], C.prototype, 'method')` (tsc) or `__decorateElement(init, 1, 'method', decs, C)` (esbuild). */
export function isCompiledDecoratorHelper(node: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  return (
    callee.type === 'Identifier' &&
    /^__decorate(Element)?$/.test(callee.name) &&
    node.arguments.some((argument) => stringValue(argument) !== undefined)
  );
}

export function fromCompiledDecorators(node: TSESTree.CallExpression, ctx: FileContext): RecognisedTool[] {
  const methodName = node.arguments.map((argument) => stringValue(argument)).find((value) => value !== undefined);
  if (methodName === undefined) return [];
  const decorators = node.arguments.flatMap((argument) => arrayElements(argument, ctx));
  // The class is `C.prototype` (tsc) or the last argument (esbuild); the first argument is esbuild's `_init`.
  let classBody: TSESTree.ClassBody | undefined;
  for (const argument of node.arguments) {
    const inner = unwrapExpression(argument);
    const target = inner.type === 'MemberExpression' && propertyName(inner) === 'prototype' ? inner.object : inner;
    if (target.type === 'Identifier') classBody ??= classBodyOf(target, ctx);
  }
  const method = classBody?.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === 'MethodDefinition' && propertyName(member) === methodName,
  );
  const tools: RecognisedTool[] = [];
  for (const decorator of decorators) {
    const expression = unwrapExpression(decorator);
    const form = decoratorForm(expression, ctx);
    if (!form) continue;
    if (method) {
      tools.push(fromDecorator(method, expression, form, ctx));
    } else {
      const tool = baseTool({ name: methodName, node }, form, node);
      tool.notAnalysable = `The decorated method \`${methodName}\` was not found in its class.`;
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
  const name = nameNode ? (stringValue(nameNode) as string) : (propertyName(method) ?? '(anonymous method)');
  // The finding sits on the method, where the code that needs the hook is.
  const tool = baseTool({ name, node: method.key }, form, method);
  if (method.value.type === 'FunctionExpression') attachHandlers(tool, [method.value], form, ctx, method);
  else tool.notAnalysable = 'The decorated method has no body.';
  if (call) collectCaps(call, tool);
  return tool;
}
