// A tool's name read from the declaration a project function returns, with the call's constant arguments in
// place of its parameters: `FunctionTool.from(this.get.bind(this), this.meta('GET', info))` where
// `meta = (method, info) => ({ name: `${method.toLowerCase()}_request`, … })` names the tool `get_request`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, stringValue, unwrapExpression, type FunctionNode, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { resolveFunction } from '../analysis/resolve';
import { enclosingClassBody, fieldSources } from '../class-fields';
import type { PathToken } from '../catalog/access-path';
import { constantString } from './constant-name';
import { navigate } from './navigate';

/** String methods that keep a constant constant (`method.toLowerCase()`). */
const CASE_METHODS: Readonly<Record<string, (text: string) => string>> = {
  toLowerCase: (text) => text.toLowerCase(),
  toUpperCase: (text) => text.toUpperCase(),
  trim: (text) => text.trim(),
};

/** Template parts and `+` operands read per name: a bound on hostile code. */
const MAX_PARTS = 32;

/**
 * The name at a form's name path (`Argument[1].Member[name]`) when the path's object is a call of a project
 * function that returns an object literal: that object's member, evaluated with the call's arguments.
 */
export function returnedDeclarationName(
  node: Node,
  paths: readonly PathToken[][],
  ctx: FileContext,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): { name: string; node: Node } | undefined {
  for (const path of paths) {
    const last = path[path.length - 1];
    if (path.length < 2 || last?.kind !== 'Member') continue;
    for (const holder of navigate([node], path.slice(0, -1), ctx, call)) {
      const inner = unwrapExpression(holder);
      if (inner.type !== 'CallExpression') continue;
      const found = memberOfReturned(inner, last.names, ctx);
      if (found) return found;
    }
  }
  return undefined;
}

function memberOfReturned(
  call: TSESTree.CallExpression,
  keys: readonly string[],
  ctx: FileContext,
): { name: string; node: Node } | undefined {
  const resolved = resolveFunction(call.callee, ctx) ?? fieldFunction(call.callee, ctx);
  if (!resolved) return undefined;
  const object = returnedObject(resolved.fn);
  if (!object) return undefined;
  const params = new Map<string, string>();
  resolved.fn.params.forEach((param, index) => {
    const argument = call.arguments[index];
    if (param.type !== 'Identifier' || !argument || argument.type === 'SpreadElement') return;
    const value = stringValue(argument) ?? constantString(argument, ctx);
    if (value !== undefined) params.set(param.name, value);
  });
  for (const property of object.properties) {
    if (property.type !== 'Property' || !keys.includes(propertyName(property) ?? '')) continue;
    const value = evaluate(property.value as Node, params, resolved.ctx);
    if (value !== undefined && value.length > 0) return { name: value, node: call };
  }
  return undefined;
}

/** `this.meta(…)` where the constructor assigns `this.meta = (method, info) => ({ … })`, as compilers emit fields. */
function fieldFunction(callee: Node, ctx: FileContext): { fn: FunctionNode; ctx: FileContext } | undefined {
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'ThisExpression' || callee.computed)
    return undefined;
  const name = propertyName(callee);
  const body = name === undefined ? undefined : enclosingClassBody(callee);
  for (const source of body && name !== undefined ? fieldSources(body, name) : []) {
    const value = source.value ? unwrapExpression(source.value) : undefined;
    if (value && isFunction(value)) return { fn: value as FunctionNode, ctx };
  }
  return undefined;
}

/** The one object literal a function returns: its expression body, or its only `return { … }`. */
function returnedObject(fn: Node): TSESTree.ObjectExpression | undefined {
  if (!isFunction(fn)) return undefined;
  const body = (fn as TSESTree.ArrowFunctionExpression).body;
  if (body.type !== 'BlockStatement') {
    const inner = unwrapExpression(body);
    return inner.type === 'ObjectExpression' ? inner : undefined;
  }
  const returns = body.body.filter((statement) => statement.type === 'ReturnStatement');
  const only = returns.length === 1 ? returns[0] : undefined;
  const argument = only?.type === 'ReturnStatement' && only.argument ? unwrapExpression(only.argument) : undefined;
  return argument?.type === 'ObjectExpression' ? argument : undefined;
}

/** Constant text, a parameter bound to a constant, a template or `+` of those, and case changes of them. */
function evaluate(node: Node, params: ReadonlyMap<string, string>, ctx: FileContext, depth = 0): string | undefined {
  if (depth > MAX_PARTS) return undefined;
  const inner = unwrapExpression(node);
  if (inner.type === 'Identifier' && params.has(inner.name)) return params.get(inner.name);
  const literal = stringValue(inner);
  if (literal !== undefined) return literal;
  if (inner.type === 'TemplateLiteral') {
    if (inner.expressions.length > MAX_PARTS) return undefined;
    let text = '';
    for (const [index, quasi] of inner.quasis.entries()) {
      text += quasi.value.cooked ?? quasi.value.raw;
      const expression = inner.expressions[index];
      if (!expression) continue;
      const part = evaluate(expression as Node, params, ctx, depth + 1);
      if (part === undefined) return undefined;
      text += part;
    }
    return text;
  }
  if (inner.type === 'BinaryExpression' && inner.operator === '+') {
    const left = evaluate(inner.left as Node, params, ctx, depth + 1);
    const right = left === undefined ? undefined : evaluate(inner.right, params, ctx, depth + 1);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  if (inner.type === 'CallExpression' && inner.arguments.length === 0 && inner.callee.type === 'MemberExpression') {
    const method = propertyName(inner.callee) ?? '';
    const change = Object.hasOwn(CASE_METHODS, method) ? CASE_METHODS[method] : undefined;
    const text = change ? evaluate(inner.callee.object, params, ctx, depth + 1) : undefined;
    return text !== undefined && change ? change(text) : undefined;
  }
  // A constant of the function's own module (`name: TOOL_NAME`).
  return constantString(inner, ctx);
}
