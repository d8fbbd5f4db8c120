// Project tool factories known by their shape: a function that returns a tool-shaped object whose name and handler are its own parameters (`createTool(name, description, schema, handler) => ({ name, description, schema, handler })`), or that forwards them to a framework's registration method (`registerTool = (name, description, schema, handler) => server.tool(name, description, schema, handler)`); each call of it is a tool.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  findProperty,
  isFunction,
  propertyName,
  unwrapExpression,
  walk,
  type FunctionNode,
  type Node,
} from '../../ast';
import type { FileContext } from '../../analysis/context';
import { resolveFunction } from '../../analysis/resolve';
import { collectCaps } from '../caps';
import { constantString } from '../constant-name';
import { objectLiteralOf } from '../navigate';
import { attachHandlers, baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';
import { calledHandlerParameter, lastArgumentCallsParameter } from './wrapped-handler-parameter';
import { isOptionsRegistration } from './options-factory';

/** Which of the factory's parameters carry the tool's name and its handler. */
export interface FactoryShape {
  nameIndex: number;
  handlerIndex: number;
}

/** A factory may return a thunk that returns the object (`(…) => () => ({ … })`); deeper nesting is not a factory. */
const MAX_NESTING = 2;

const shapes = new WeakMap<FunctionNode, FactoryShape | null>();

/** The factory shape of `fn`, or undefined when the object it returns is not a tool built from its parameters. */
export function factoryShape(fn: FunctionNode, ctx: FileContext): FactoryShape | undefined {
  const cached = shapes.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  const object = returnedObject(fn, ctx, 0);
  const shape = object ? shapeOf(fn, object, ctx) : (forwardedShape(fn, ctx) ?? storedShape(fn, ctx));
  shapes.set(fn, shape ?? null);
  return shape;
}

/**
 * Whether an object literal is the template inside a factory of this shape: its callers are the tools, so the
 * template itself is not one (it would only be a tool with a run-time name).
 */
export function isFactoryTemplate(node: TSESTree.ObjectExpression, ctx: FileContext): boolean {
  let current: Node | undefined = node.parent;
  for (let depth = 0; current && depth < 2 * MAX_NESTING + 2; depth++, current = current.parent) {
    if (isFunction(current)) {
      const shape = factoryShape(current, ctx);
      if (shape) return true;
    }
  }
  return false;
}

/** `CreateXeroTool('create-invoice', '…', schema, async (args) => …)`: a call of a project function of the factory shape. */
export function fromInferredFactory(node: TSESTree.CallExpression, ctx: FileContext): RecognisedTool | undefined {
  // Cheap tests first: a tool factory is handed a name and a handler, so at least two arguments, one a function.
  if (node.arguments.length < 2 || !node.arguments.some((argument) => isFunction(unwrapExpression(argument))))
    return undefined;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return undefined;
  const factory = resolveFunction(callee, ctx);
  if (!factory || factory.fn === node.callee) return undefined;
  const shape = factoryShape(factory.fn, factory.ctx);
  const nameNode = shape ? node.arguments[shape.nameIndex] : undefined;
  const handlerNode = shape ? node.arguments[shape.handlerIndex] : undefined;
  if (!shape || !nameNode || !handlerNode) return undefined;
  // Inside a factory that registers its own closure under a member of its declaration, its callers are the tools.
  if (isOptionsRegistration(node, ctx)) return undefined;
  const form: FormLike = {
    id: 'inferred-tool-factory',
    framework: ctx.catalogs.genericObject.framework,
    handler: [],
    input: [],
    names: [],
    approval: [],
  };
  const name = constantString(nameNode, ctx);
  const tool = baseTool({ name: name ?? '(dynamic name)', node: nameNode }, form, node);
  attachHandlers(tool, [handlerNode], form, ctx, node);
  collectCaps(node, tool, ctx);
  return tool;
}

/**
 * Whether a framework registration call sits inside a wrapper that forwards its own name and handler
 * parameters to it: the wrapper's callers are the tools, so the call itself is not one (its name is a parameter).
 */
export function isForwardedRegistration(node: TSESTree.CallExpression, ctx: FileContext): boolean {
  const fn = enclosingFunction(node);
  return fn !== undefined && forwardedCall(fn, ctx) === node && factoryShape(fn, ctx) !== undefined;
}

/**
 * A wrapper whose one statement hands its own parameters to a registration method of a tool form
 * (`server.tool(name, …, handler)`, name first and handler last, as those methods take them), whatever
 * the receiver: compiled servers pass the server in untyped, from a file that imports no framework. The
 * handler may be the wrapper's own closure that traces and times a call of the parameter with the input.
 */
function forwardedShape(fn: FunctionNode, ctx: FileContext): FactoryShape | undefined {
  const call = forwardedCall(fn, ctx);
  const callee = call ? unwrapExpression(call.callee) : undefined;
  if (!call || callee?.type !== 'MemberExpression' || call.arguments.length < 2) return undefined;
  if (!isRegistration(call, ctx)) return undefined;
  const nameIndex = parameterIndex(fn, call.arguments[0] as Node, ctx);
  const last = call.arguments[call.arguments.length - 1] as Node;
  const handlerIndex = parameterIndex(fn, last, ctx) ?? wrappedHandlerIndex(fn, last);
  if (nameIndex === undefined || handlerIndex === undefined || nameIndex === handlerIndex) return undefined;
  return { nameIndex, handlerIndex };
}

/** The index of the parameter a wrapper's own closure hands the tool input to (`async (args) => cb(args, t)`). */
function wrappedHandlerIndex(fn: FunctionNode, last: Node): number | undefined {
  const name = calledHandlerParameter(last, fn);
  const index = fn.params.findIndex((param) => param.type === 'Identifier' && param.name === name);
  return name === undefined || index < 0 ? undefined : index;
}

/**
 * The one call a function's body makes: its expression body, or its only statement (an expression or a
 * return); else, in a body that also checks and logs (`if (isEnabled(name)) { server.registerTool(name,
 * schema, handler); log(…) }`), the one method call handed two of the function's own parameters first and last.
 */
function forwardedCall(fn: FunctionNode, ctx: FileContext): TSESTree.CallExpression | undefined {
  if (!fn.body) return undefined;
  let expression: Node | undefined;
  if (fn.body.type !== 'BlockStatement') expression = fn.body;
  else if (fn.body.body.length === 1) {
    const only = fn.body.body[0];
    if (only?.type === 'ExpressionStatement') expression = only.expression;
    else if (only?.type === 'ReturnStatement') expression = only.argument ?? undefined;
  }
  const inner = expression ? unwrapExpression(expression) : undefined;
  if (inner?.type === 'CallExpression') return inner;
  return fn.body.type === 'BlockStatement' ? parameterForwardingCall(fn, fn.body, ctx) : undefined;
}

/** A call of a method a tool form registers with (`registerTool`, `tool`, `addTool`), whatever the receiver. */
function isRegistration(call: TSESTree.CallExpression, ctx: FileContext): boolean {
  const callee = unwrapExpression(call.callee);
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return ctx.catalogs.forms.some(
    (form) => form.kind === 'method' && form.requestMethod === undefined && form.methods.includes(method ?? ''),
  );
}

/** A wrapper that checks and logs around its registration is a few statements; a longer body is no wrapper. */
const MAX_WRAPPER_NODES = 400;

function parameterForwardingCall(
  fn: FunctionNode,
  body: TSESTree.BlockStatement,
  ctx: FileContext,
): TSESTree.CallExpression | undefined {
  const params = new Set(fn.params.flatMap((param) => (param.type === 'Identifier' ? [param.name] : [])));
  if (params.size < 2) return undefined;
  const isParam = (node: Node | undefined) => {
    const inner = node ? unwrapExpression(node) : undefined;
    return inner?.type === 'Identifier' && params.has(inner.name);
  };
  const found: TSESTree.CallExpression[] = [];
  let visited = 0;
  let isTooLong = false;
  walk(body, (node) => {
    if (++visited > MAX_WRAPPER_NODES) isTooLong = true;
    if (isTooLong || isFunction(node)) return false;
    if (
      node.type === 'CallExpression' &&
      unwrapExpression(node.callee).type === 'MemberExpression' &&
      node.arguments.length >= 2 &&
      isParam(node.arguments[0] as Node) &&
      (isParam(node.arguments[node.arguments.length - 1] as Node) || lastArgumentCallsParameter(node, fn))
    )
      found.push(node);
    return undefined;
  });
  if (isTooLong) return undefined;
  // A wrapper that also files the handler away by name (`handlers.set(name, handler)`) registers it once.
  const calls = found.length > 1 ? found.filter((call) => isRegistration(call, ctx)) : found;
  return calls.length === 1 ? calls[0] : undefined;
}

function enclosingFunction(node: Node): FunctionNode | undefined {
  let current: Node | undefined = node.parent;
  // The call is the body, its statement, or the argument of that statement's `return` / `await`, or sits a few
  // blocks down in a wrapper that checks and logs around it (`forwardedCall` still has to pick it).
  for (let depth = 0; current && depth < 12; depth++, current = current.parent) {
    if (isFunction(current)) return current as FunctionNode;
  }
  return undefined;
}

/** The object literal `fn` returns: its expression body, its one top-level `return` (of a literal or a `const` holding one), or that of a returned thunk. */
function returnedObject(fn: FunctionNode, ctx: FileContext, depth: number): TSESTree.ObjectExpression | undefined {
  if (depth >= MAX_NESTING || !fn.body) return undefined;
  let value: Node | undefined;
  if (fn.body.type !== 'BlockStatement') value = unwrapExpression(fn.body);
  else {
    const returns = fn.body.body.filter(
      (statement): statement is TSESTree.ReturnStatement => statement.type === 'ReturnStatement',
    );
    value = returns.length === 1 && returns[0]?.argument ? unwrapExpression(returns[0].argument) : undefined;
  }
  if (!value) return undefined;
  // `const tool = { … }; return tool;` returns the literal as well.
  return isFunction(value) ? returnedObject(value, ctx, depth + 1) : objectLiteralOf(value, ctx);
}

/**
 * A project registry's own method that files a tool-shaped entry under its name parameter
 * (`registerTool(name, description, inputSchema, handler) { this.tools[name] = { description, inputSchema, handler } }`,
 * or `registry.set(name, { … })`), which its dispatcher later looks up by the model's tool name: each call is a tool.
 * The entry has no name of its own, so, as for a name -> tool map, only the strict schema keys count (an event
 * map files `{ handler }`, a command table `{ description, args, run }`). One such store in a short body only.
 */
function storedShape(fn: FunctionNode, ctx: FileContext): FactoryShape | undefined {
  if (fn.body?.type !== 'BlockStatement' || fn.params.length < 2) return undefined;
  const stores: Array<{ key: Node; entry: Node }> = [];
  let visited = 0;
  let isTooLong = false;
  walk(fn.body, (node) => {
    if (++visited > MAX_WRAPPER_NODES) isTooLong = true;
    if (isTooLong || isFunction(node)) return false;
    const store = filedEntry(node);
    if (store) stores.push(store);
    return undefined;
  });
  const store = stores.length === 1 ? stores[0] : undefined;
  if (isTooLong || !store) return undefined;
  const entry = objectLiteralOf(unwrapExpression(store.entry), ctx);
  if (!entry) return undefined;
  const generic = ctx.catalogs.genericObject;
  const first = (keys: readonly string[]): TSESTree.Property | undefined =>
    keys.map((key) => findProperty(entry, key)).find((property) => property !== undefined);
  const handler = first(generic.handlerKeys);
  if (!handler || !first(generic.descriptionKeys) || !first(generic.keyedSchemaKeys)) return undefined;
  const nameIndex = parameterIndex(fn, store.key, ctx);
  const handlerIndex = parameterIndex(fn, handler.value as Node, ctx);
  if (nameIndex === undefined || handlerIndex === undefined || nameIndex === handlerIndex) return undefined;
  return { nameIndex, handlerIndex };
}

/** `target[key] = entry` or `target.set(key, entry)`: an entry filed under a key. */
function filedEntry(node: Node): { key: Node; entry: Node } | undefined {
  if (node.type === 'AssignmentExpression' && node.operator === '=') {
    const left = unwrapExpression(node.left);
    return left.type === 'MemberExpression' && left.computed ? { key: left.property, entry: node.right } : undefined;
  }
  if (node.type !== 'CallExpression' || node.arguments.length !== 2) return undefined;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'set') return undefined;
  return { key: node.arguments[0] as Node, entry: node.arguments[1] as Node };
}

/** Name and handler taken from the outer function's parameters, beside a description and an input schema. */
function shapeOf(fn: FunctionNode, object: TSESTree.ObjectExpression, ctx: FileContext): FactoryShape | undefined {
  const generic = ctx.catalogs.genericObject;
  const first = (keys: readonly string[]): TSESTree.Property | undefined =>
    keys.map((key) => findProperty(object, key)).find((property) => property !== undefined);
  const name = first(generic.nameKeys);
  const handler = first(generic.handlerKeys);
  if (!name || !handler || !first(generic.descriptionKeys) || !first(generic.schemaKeys)) return undefined;
  const nameIndex = parameterIndex(fn, name.value as Node, ctx);
  const handlerIndex = parameterIndex(fn, handler.value as Node, ctx);
  if (nameIndex === undefined || handlerIndex === undefined || nameIndex === handlerIndex) return undefined;
  return { nameIndex, handlerIndex };
}

/** The index of the parameter of `fn` an expression names directly (`name` or `name: name`). */
function parameterIndex(fn: FunctionNode, value: Node, ctx: FileContext): number | undefined {
  const inner = unwrapExpression(value);
  if (inner.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind !== 'param' || binding.fn !== fn || binding.patternPath.length > 0) return undefined;
  return binding.paramIndex;
}
