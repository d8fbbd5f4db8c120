// A tool's name held in the metadata object a helper builds (`FunctionTool.from(fn,
// this.createMethodCallMetaData('GET', info))` with `name: \`${method.toLowerCase()}_request\``): the helper's
// returned object literal, its name read with the call's constant arguments in place of the parameters.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  findProperty,
  isFunction,
  propertyName,
  stringValue,
  unwrapExpression,
  type FunctionNode,
  type Node,
} from '../ast';
import type { FileContext } from '../analysis/context';
import { resolveFunction } from '../analysis/resolve';
import { constantString } from './constant-name';
import { enclosingClassBody, fieldSources } from '../class-fields';

/** String methods whose result on a constant is still a constant (`method.toLowerCase()`). */
const CONSTANT_METHODS: Record<string, (text: string) => string> = {
  toLowerCase: (text) => text.toLowerCase(),
  toUpperCase: (text) => text.toUpperCase(),
  trim: (text) => text.trim(),
};
/** Nested template parts and concatenations read per name: a real name has a few. */
const MAX_DEPTH = 6;

/** The constant value of member `names` of the object the called helper returns, or undefined. */
export function returnedMetadataName(
  call: Node,
  names: readonly string[],
  ctx: FileContext,
): { name: string; node: Node } | undefined {
  const inner = unwrapExpression(call);
  if (inner.type !== 'CallExpression') return undefined;
  const helper = resolveFunction(inner.callee, ctx) ?? constructorArrow(inner.callee, ctx);
  const object = helper ? returnedObject(helper.fn) : undefined;
  if (!helper || !object) return undefined;
  for (const key of names) {
    const property = findProperty(object, key);
    if (!property) continue;
    const params = new Map<string, Node>();
    helper.fn.params.forEach((param, index) => {
      const argument = inner.arguments[index];
      if (param.type === 'Identifier' && argument && argument.type !== 'SpreadElement')
        params.set(param.name, argument);
    });
    const name = evaluateName(property.value as Node, params, helper.ctx, ctx, 0);
    if (name !== undefined && name !== '') return { name, node: inner };
  }
  return undefined;
}

/** `this.createMetaData` that the class's constructor assigns a function (`this.createMetaData = (m) => ({ … })`). */
function constructorArrow(callee: Node, ctx: FileContext): { fn: FunctionNode; ctx: FileContext } | undefined {
  const inner = unwrapExpression(callee);
  if (inner.type !== 'MemberExpression' || inner.object.type !== 'ThisExpression') return undefined;
  const name = propertyName(inner);
  const body = enclosingClassBody(inner);
  if (name === undefined || !body) return undefined;
  for (const source of fieldSources(body, name)) {
    const value = source.value ? unwrapExpression(source.value) : undefined;
    if (value && isFunction(value)) return { fn: value, ctx };
  }
  return undefined;
}

/** The object literal a function returns: its expression body, or the one return of its top-level block. */
function returnedObject(fn: FunctionNode): TSESTree.ObjectExpression | undefined {
  if (!fn.body) return undefined;
  if (fn.body.type !== 'BlockStatement') {
    const body = unwrapExpression(fn.body);
    return body.type === 'ObjectExpression' ? body : undefined;
  }
  const returns = fn.body.body.filter((statement) => statement.type === 'ReturnStatement');
  const only = returns.length === 1 ? returns[0] : undefined;
  const value = only?.type === 'ReturnStatement' && only.argument ? unwrapExpression(only.argument) : undefined;
  return value?.type === 'ObjectExpression' ? value : undefined;
}

/** A name's text with the helper's parameters read as the caller's constant arguments. */
function evaluateName(
  node: Node,
  params: ReadonlyMap<string, Node>,
  helperCtx: FileContext,
  callerCtx: FileContext,
  depth: number,
): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = unwrapExpression(node);
  const literal = stringValue(inner);
  if (literal !== undefined) return literal;
  if (inner.type === 'Identifier' && params.has(inner.name)) {
    const argument = params.get(inner.name) as Node;
    return stringValue(argument) ?? constantString(argument, callerCtx);
  }
  if (inner.type === 'TemplateLiteral') {
    let text = inner.quasis[0]?.value.cooked ?? '';
    for (let index = 0; index < inner.expressions.length; index++) {
      const part = evaluateName(inner.expressions[index] as Node, params, helperCtx, callerCtx, depth + 1);
      if (part === undefined) return undefined;
      text += part + (inner.quasis[index + 1]?.value.cooked ?? '');
    }
    return text;
  }
  if (inner.type === 'BinaryExpression' && inner.operator === '+') {
    const left = evaluateName(inner.left as Node, params, helperCtx, callerCtx, depth + 1);
    const right = left === undefined ? undefined : evaluateName(inner.right, params, helperCtx, callerCtx, depth + 1);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  if (inner.type === 'CallExpression' && inner.arguments.length === 0) {
    const callee = unwrapExpression(inner.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    const apply = method === undefined ? undefined : CONSTANT_METHODS[method];
    if (!apply || callee.type !== 'MemberExpression') return undefined;
    const text = evaluateName(callee.object, params, helperCtx, callerCtx, depth + 1);
    return text === undefined ? undefined : apply(text);
  }
  return constantString(inner, helperCtx);
}
