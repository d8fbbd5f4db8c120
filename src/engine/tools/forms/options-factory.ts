// Project tool factories that take a declaration object and register a closure of their own: `createApiHandler({ name: 'close_tasks', method: 'POST', path: '/tasks/{id}/close' })`, where the factory builds `const handler = async (args) => … options.method …` and hands `options.name` and `handler` to a registering factory; each call with a literal declaration is a tool whose handler is that closure, reading the declaration's values.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, isFunction, propertyName, unwrapExpression, type FunctionNode, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { bindingKey } from '../../analysis/guards';
import { resolveFunction } from '../../analysis/resolve';
import { CLEAN, constantValue, opaqueValue, type Value } from '../../analysis/value';
import { collectCaps } from '../caps';
import { constantString } from '../constant-name';
import { objectLiteralOf } from '../navigate';
import { baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';
import { factoryShape } from './inferred-factory';

/** Where the declaration sits among the factory's parameters, which member names the tool, and the closure registered. */
interface OptionsShape {
  paramIndex: number;
  nameKey: string;
  handler: FunctionNode;
  /** The environment key of the declaration parameter, which the closure reads. */
  paramKey: string;
}

/** An HTTP method written as a key's constant (`method: 'POST'`), as an endpoint declaration gives it. */
const ENDPOINT_METHOD = /\bmethod['"]?\s*:\s*['"](?:GET|POST|PUT|PATCH|DELETE)['"]/i;
const NAME_KEY = /\bname['"]?\s*:/;
const DESCRIPTION_KEY = /\bdescription['"]?\s*:/;

/**
 * A file that declares tools as endpoint declarations for a project factory to register
 * (`createApiHandler({ name, description, method: 'POST', path })`, tools/forms/options-factory.ts): a name key,
 * a description key and an HTTP method written as a constant. Three linear scans, never one pattern spanning the file.
 */
export function spellsEndpointDeclaration(text: string): boolean {
  return ENDPOINT_METHOD.test(text) && NAME_KEY.test(text) && DESCRIPTION_KEY.test(text);
}

const shapes = new WeakMap<FunctionNode, OptionsShape | null>();
const spellsPerFile = new WeakMap<FileContext, boolean>();

function fileSpellsEndpoints(ctx: FileContext): boolean {
  let spells = spellsPerFile.get(ctx);
  if (spells === undefined) {
    spells = spellsEndpointDeclaration(ctx.text);
    spellsPerFile.set(ctx, spells);
  }
  return spells;
}

function isDescribedLiteral(argument: Node, ctx: FileContext): boolean {
  const literal = objectLiteralOf(argument, ctx);
  return literal !== undefined && findProperty(literal, 'description') !== undefined;
}

/**
 * The options shape of `fn`: one statement of its body (an expression or a `return`) calls a registering factory
 * (`factoryShape`) with a member of one of `fn`'s parameters as the name and a closure declared in `fn` as the
 * handler. Undefined for any other function.
 */
export function optionsShape(fn: FunctionNode, ctx: FileContext): OptionsShape | undefined {
  const cached = shapes.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  shapes.set(fn, null);
  const shape = findShape(fn, ctx);
  shapes.set(fn, shape ?? null);
  return shape;
}

function findShape(fn: FunctionNode, ctx: FileContext): OptionsShape | undefined {
  if (fn.body?.type !== 'BlockStatement' || fn.params.length === 0) return undefined;
  for (const statement of fn.body.body) {
    const expression =
      statement.type === 'ExpressionStatement'
        ? statement.expression
        : statement.type === 'ReturnStatement'
          ? statement.argument
          : undefined;
    const call = expression ? unwrapAwait(unwrapExpression(expression)) : undefined;
    if (call?.type !== 'CallExpression') continue;
    const shape = registeringCall(fn, call, ctx);
    if (shape) return shape;
  }
  return undefined;
}

function unwrapAwait(node: Node): Node {
  return node.type === 'AwaitExpression' ? unwrapExpression(node.argument) : node;
}

function registeringCall(fn: FunctionNode, call: TSESTree.CallExpression, ctx: FileContext): OptionsShape | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return undefined;
  const target = resolveFunction(callee, ctx);
  if (!target || target.fn === fn) return undefined;
  const inner = factoryShape(target.fn, target.ctx);
  const nameNode = inner ? call.arguments[inner.nameIndex] : undefined;
  const handlerNode = inner ? call.arguments[inner.handlerIndex] : undefined;
  if (!nameNode || !handlerNode) return undefined;
  const name = unwrapExpression(nameNode as Node);
  if (name.type !== 'MemberExpression' || name.computed) return undefined;
  const object = unwrapExpression(name.object);
  const nameKey = propertyName(name);
  if (object.type !== 'Identifier' || nameKey === undefined) return undefined;
  const binding = ctx.scopes.resolve(object);
  if (binding?.kind !== 'param' || binding.fn !== fn || binding.patternPath.length > 0) return undefined;
  const handler = ownClosure(unwrapExpression(handlerNode as Node), fn, ctx);
  if (!handler || binding.paramIndex === undefined) return undefined;
  return { paramIndex: binding.paramIndex, nameKey, handler, paramKey: bindingKey(binding) };
}

/** A function literal declared inside `fn`: the argument itself, or the `const` it names. */
function ownClosure(node: Node, fn: FunctionNode, ctx: FileContext): FunctionNode | undefined {
  let found: Node | undefined = node;
  if (node.type === 'Identifier') {
    const binding = ctx.scopes.resolve(node);
    found = binding?.kind === 'var' && binding.declarationKind === 'const' ? binding.init : undefined;
  }
  const inner = found ? unwrapExpression(found) : undefined;
  if (!inner || !isFunction(inner)) return undefined;
  return inner.range[0] > fn.range[0] && inner.range[1] <= fn.range[1] ? (inner as FunctionNode) : undefined;
}

/** Whether a call inside an options factory registers the factory's own closure: its callers are the tools. */
export function isOptionsRegistration(node: TSESTree.CallExpression, ctx: FileContext): boolean {
  let current: Node | undefined = node.parent;
  for (let depth = 0; current && depth < 4; depth++, current = current.parent) {
    if (isFunction(current)) return optionsShape(current as FunctionNode, ctx) !== undefined;
  }
  return false;
}

/** `createApiHandler({ name: 'create_tasks', method: 'POST', … })`: a call of an options factory with a literal declaration. */
export function fromOptionsFactory(node: TSESTree.CallExpression, ctx: FileContext): RecognisedTool | undefined {
  const first = node.arguments[0];
  if (!first || isFunction(unwrapExpression(first as Node))) return undefined;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return undefined;
  // Before the callee is resolved (resolving every call's callee in a bundle sent package-wide searches after
  // its receivers' classes: a scan of one package took 1.9x): the file spells an endpoint declaration, as the
  // prefilter reads it (a file it drops holds none), and some argument is a described object literal.
  if (!fileSpellsEndpoints(ctx) || !node.arguments.some((argument) => isDescribedLiteral(argument as Node, ctx)))
    return undefined;
  const factory = resolveFunction(callee, ctx);
  if (!factory) return undefined;
  const shape = optionsShape(factory.fn, factory.ctx);
  const argument = shape ? node.arguments[shape.paramIndex] : undefined;
  const declaration = argument ? objectLiteralOf(argument as Node, ctx) : undefined;
  const nameProperty = shape && declaration ? findProperty(declaration, shape.nameKey) : undefined;
  const name = nameProperty ? constantString(nameProperty.value as Node, ctx) : undefined;
  if (!shape || !declaration || !nameProperty || name === undefined) return undefined;
  // The declaration itself must be described (the file's spelling, what the prefilter reads, was checked above).
  if (!findProperty(declaration, 'description')) return undefined;
  const form: FormLike = {
    id: 'options-tool-factory',
    framework: ctx.catalogs.genericObject.framework,
    handler: [],
    input: [],
    names: [],
    approval: [],
  };
  const tool = baseTool({ name, node: nameProperty.value as Node }, form, node);
  tool.handlers.push({
    fn: shape.handler,
    ctx: factory.ctx,
    inputIndex: shape.handler.params.length > 0 ? 0 : undefined,
    inputPath: [],
    reference: node,
    closure: new Map([[shape.paramKey, declarationValue(declaration, ctx)]]),
    isSharedClosure: true,
  });
  collectCaps(node, tool, ctx);
  return tool;
}

/**
 * The declaration as the closure reads it: its constant strings (the method, the path), other members opaque.
 * Functions it carries are not run (they are code of the caller's file, which the closure's file cannot read).
 */
function declarationValue(declaration: TSESTree.ObjectExpression, ctx: FileContext): Value {
  const props = new Map<string, Value>();
  for (const property of declaration.properties) {
    if (property.type !== 'Property') continue;
    const key = propertyName(property);
    if (key === undefined) continue;
    const text = isFunction(unwrapExpression(property.value as Node))
      ? undefined
      : constantString(property.value as Node, ctx);
    props.set(key, text === undefined ? opaqueValue() : constantValue(text));
  }
  return { ...CLEAN, props, isObjectLiteral: true };
}
