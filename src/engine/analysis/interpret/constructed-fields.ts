// Fields typed by the construction: `new Payouts(stripe)` whose constructor stores its argument
// (`this.client = client`, or a parameter property) gives `this.client` in the instance's methods the
// package API of what the caller passed, so rows keyed on the package match `this.client.transfers.create`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../../ast';
import { forEachOfTypes } from '../../typed-nodes';
import { enclosingClassBody, fieldSources } from '../../class-fields';
import type { FileContext } from '../context';
import type { State } from '../evaluator';
import { importedExport, resolveClass, type ResolvedClass } from '../resolve';
import { CLEAN, isTainted, type Value } from '../value';
import { apiKey, expressionApi } from './typed-arguments';
import type { Interpreter } from './types';

/** Steps from the receiver back to its `new` expression; classes climbed for a constructor; fields kept. */
const MAX_STEPS = 3;
const MAX_CLASS_LEVELS = 4;
const MAX_FIELDS = 8;
/** Nodes read, and constructions of the class tried, when looking for a tool class's construction. */
const MAX_WALK = 50_000;
const MAX_CONSTRUCTIONS = 4;

type NewCall = { node: TSESTree.NewExpression; ctx: FileContext };

/**
 * The package clients the receiver's fields hold, for a method call on it: an instance built with `new`
 * (in a variable, an imported singleton, a field) whose constructor stores an argument that is a client.
 * A call on `this` keeps the fields the current analysis already knows.
 */
export function receiverFields(
  interpreter: Interpreter,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  state: State,
): ReadonlyMap<string, Value> | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const object = unwrapExpression(callee.object);
  if (object.type === 'ThisExpression') return interpreter.options.thisFields;
  const created = newCallOf(object, interpreter.ctx, 0);
  // Built in this function from a client it holds (a helper's typed parameter), or a client the code names.
  const held = (argument: Node): Value['api'] =>
    created?.ctx === interpreter.ctx && argument.type === 'Identifier'
      ? interpreter.readIdentifier(argument, state).api
      : undefined;
  return created ? constructionFields(created, held) : undefined;
}

/**
 * For a tool whose handler is a method of a class (`class RefundTool extends StructuredTool`): the clients
 * its fields hold, from the first construction in the handler's file that stores one (`new RefundTool(stripe)`).
 */
export function handlerFields(fn: Node, ctx: FileContext): ReadonlyMap<string, Value> | undefined {
  const body = enclosingClassBody(fn);
  const classNode = body?.parent;
  if (classNode?.type !== 'ClassDeclaration' && classNode?.type !== 'ClassExpression') return undefined;
  // Every tool of a class (a dispatcher's cases) asks the same question: the file is walked once per class.
  const cached = handlerFieldsCache.get(classNode);
  if (cached !== undefined) return cached ?? undefined;
  let found: ReadonlyMap<string, Value> | undefined;
  let constructions = 0;
  forEachOfTypes<TSESTree.NewExpression>(
    ctx.ast,
    ['NewExpression'],
    (node) => {
      if (found || constructions >= MAX_CONSTRUCTIONS || node.arguments.length === 0) return;
      if (resolveClass(node.callee, ctx)?.node !== classNode) return;
      constructions++;
      found = constructionFields({ node, ctx }, () => undefined);
    },
    MAX_WALK,
  );
  handlerFieldsCache.set(classNode, found ?? null);
  return found;
}

const handlerFieldsCache = new WeakMap<Node, ReadonlyMap<string, Value> | null>();

/** The clients a construction's constructor stores in fields, by field name. */
function constructionFields(created: NewCall, held: (argument: Node) => Value['api']): Map<string, Value> | undefined {
  const resolved = resolveClass(created.node.callee, created.ctx);
  const stored = resolved ? storedParams(resolved) : undefined;
  if (!stored || stored.size === 0) return undefined;
  const out = new Map<string, Value>();
  for (const [index, field] of stored) {
    const argument = created.node.arguments[index];
    if (!argument || argument.type === 'SpreadElement') continue;
    const api = held(argument) ?? expressionApi(argument, created.ctx);
    if (api) out.set(field, { ...CLEAN, api });
  }
  return out.size > 0 ? out : undefined;
}

/** A key telling apart field shapes, for specialised summaries. */
export function fieldsKey(fields: ReadonlyMap<string, Value> | undefined): string {
  if (!fields) return '';
  return [...fields]
    .map(([name, value]) => `${name}=${value.api ? apiKey(value.api) : ''}${symbolShape(value)}`)
    .sort()
    .join(',');
}

/** A field symbol (instance-fields.ts): its constant leading text and its members, which change what it reads as. */
function symbolShape(value: Value): string {
  if (!isTainted(value)) return '';
  const lead = value.parts?.[0];
  const members = value.props ? [...value.props.keys()].slice(0, 8).join('.') : '';
  return `s${lead?.kind === 'const' ? lead.text.slice(0, 200) : ''}{${members}}`;
}

/** The `new C(...)` an expression holds: directly, in a `const`, in an imported singleton, in a field. */
function newCallOf(node: Node, ctx: FileContext, steps: number): NewCall | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'NewExpression') return { node: inner, ctx };
  if (steps >= MAX_STEPS) return undefined;
  if (inner.type === 'AwaitExpression') return newCallOf(inner.argument, ctx, steps + 1);
  if (inner.type === 'Identifier') {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement && binding.patternPath.length === 0)
      return newCallOf(binding.init, ctx, steps + 1);
    const exported = binding ? importedExport(binding, ctx) : undefined;
    return exported ? newCallOf(exported.node, exported.ctx, steps + 1) : undefined;
  }
  if (inner.type === 'MemberExpression' && inner.object.type === 'ThisExpression') {
    const name = propertyName(inner);
    const body = enclosingClassBody(inner);
    for (const source of name !== undefined && body ? fieldSources(body, name) : []) {
      const found = source.value ? newCallOf(source.value, ctx, steps + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** Which constructor parameter each field stores: parameter properties and `this.f = p` (`p ?? fallback`). */
function storedParams(resolved: ResolvedClass): Map<number, string> | undefined {
  const found = constructorOf(resolved);
  return found ? fieldsOfConstructor(found.method.value) : undefined;
}

/** The constructor `new` runs: the class's own, or the nearest one it inherits (a few levels up). */
export function constructorOf(
  resolved: ResolvedClass | undefined,
): { method: TSESTree.MethodDefinition; ctx: FileContext } | undefined {
  let current = resolved;
  for (let level = 0; current && level < MAX_CLASS_LEVELS; level++) {
    const method = current.node.body.body.find(
      (member): member is TSESTree.MethodDefinition =>
        member.type === 'MethodDefinition' && member.kind === 'constructor',
    );
    if (method) return { method, ctx: current.ctx };
    current = current.node.superClass ? resolveClass(current.node.superClass, current.ctx) : undefined;
  }
  return undefined;
}

function fieldsOfConstructor(
  fn: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression,
): Map<number, string> {
  const out = new Map<number, string>();
  fn.params.forEach((param, index) => {
    if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier')
      out.set(index, param.parameter.name);
  });
  for (const statement of fn.body?.body ?? []) {
    if (out.size >= MAX_FIELDS) break;
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') continue;
    const { left, right } = statement.expression;
    if (left.type !== 'MemberExpression' || left.object.type !== 'ThisExpression') continue;
    const field = propertyName(left);
    const value = unwrapExpression(right.type === 'LogicalExpression' ? right.left : right);
    if (field === undefined || value.type !== 'Identifier') continue;
    const index = fn.params.findIndex((param) => param.type === 'Identifier' && param.name === value.name);
    if (index >= 0) out.set(index, field);
  }
  return out;
}
