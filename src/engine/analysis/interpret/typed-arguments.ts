// Receivers typed by the caller: an SDK client built once (`new Paddle(key)`, a client factory's result, a
// module namespace) and handed to a helper as an untyped parameter keeps its package API inside the helper,
// so catalog rows keyed on the package match `paddle.adjustments.create(params)` there too.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../../ast';
import { extend, GLOBAL, LOCAL, UNTYPED, type ApiRef } from '../../api';
import { enclosingClassBody, fieldSources } from '../../class-fields';
import type { FileContext } from '../context';
import { returnedApi } from '../returned-api';
import { isTainted, type Value } from '../value';

/** Field initialisers read for `this.client` (a field may be assigned in a few places). */
const MAX_FIELD_SOURCES = 4;
/** Members of a context object written at the call that are looked at. */
const MAX_MEMBERS = 16;

/**
 * The caller's arguments, each one that is a package's object (and carries no model input) marked with
 * that API, so the helper's parameter carries it. Values that already carry an API (a parameter of an
 * outer helper) keep it, which is how the API travels through several helper levels.
 */
export function withArgumentApis(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  args: readonly Value[],
  ctx: FileContext,
): Value[] {
  return args.map((value, index) => {
    const argument = call.arguments[index];
    if (!argument || argument.type === 'SpreadElement' || value.api || value.fn) return value;
    if (unwrapExpression(argument).type === 'ObjectExpression') return withMemberApis(argument, value, ctx);
    if (isTainted(value)) return value;
    const api = expressionApi(argument, ctx);
    return api ? { ...value, api } : value;
  });
}

/**
 * A context object written at the call (`run(query, { calendar: await this.client(), model })`): each member
 * that is a package client carries its API, so the helper's destructured `{ calendar }` does too.
 */
function withMemberApis(argument: Node, value: Value, ctx: FileContext): Value {
  const object = unwrapExpression(argument);
  if (object.type !== 'ObjectExpression' || !value.props) return value;
  let props: Map<string, Value> | undefined;
  for (const property of object.properties.slice(0, MAX_MEMBERS)) {
    if (property.type !== 'Property' || property.computed || property.kind !== 'init') continue;
    const name = propertyName(property);
    const member = name === undefined ? undefined : value.props.get(name);
    if (name === undefined || !member || member.api || isTainted(member) || member.fn) continue;
    const api = expressionApi(property.value as Node, ctx);
    if (!api) continue;
    props ??= new Map(value.props);
    props.set(name, { ...member, api });
  }
  return props ? { ...value, props } : value;
}

/** The arguments of a call that are package clients, by index, leaving out the model's input at `skip`. */
export function argumentApis(call: TSESTree.CallExpression, ctx: FileContext, skip: number): Map<number, ApiRef> {
  const out = new Map<number, ApiRef>();
  call.arguments.forEach((argument, index) => {
    const api = index === skip || argument.type === 'SpreadElement' ? undefined : expressionApi(argument, ctx);
    if (api) out.set(index, api);
  });
  return out;
}

/** What package object an expression is, when the project's code says so: its own API, a helper's return, a field's source. */
export function expressionApi(node: Node, ctx: FileContext): ApiRef | undefined {
  const inner = unwrapExpression(node);
  // Literals, templates and object literals are the project's own values, never a client.
  if (!['Identifier', 'MemberExpression', 'NewExpression', 'CallExpression', 'AwaitExpression'].includes(inner.type))
    return undefined;
  const resolved = ctx.api.resolve(inner);
  if (resolved === undefined) return packageApi(returnedApi(inner, ctx) ?? thisFieldApi(inner, ctx));
  if (isPackageApi(resolved)) return resolved;
  // `const client = await getClient()` resolves to the project's own getter, whose return is the question; there
  // only a client the package constructed counts (`return qbo` after `qbo = new QuickBooks(…)`): a getter
  // returning a package function's answer (`return parseKeyValueXml(text)`) hands back data, not a client.
  const returned = packageApi(returnedApi(inner, ctx));
  return returned?.tokens.some((token) => token.kind === 'Instance') ? returned : undefined;
}

/**
 * `this.paddle` whose constructor assigned `this.createPaddleClient()` (a method returning `new Paddle()`):
 * the API resolver follows field values that name an API directly; a project method's return needs the
 * function resolver, which sits above it.
 */
function thisFieldApi(node: Node, ctx: FileContext): ApiRef | undefined {
  if (node.type !== 'MemberExpression' || node.object.type !== 'ThisExpression') return undefined;
  const name = propertyName(node);
  const body = enclosingClassBody(node);
  if (name === undefined || !body) return undefined;
  for (const source of fieldSources(body, name).slice(0, MAX_FIELD_SOURCES)) {
    const ref = source.value ? returnedApi(source.value, ctx) : undefined;
    if (ref) return ref;
  }
  return undefined;
}

/** The reference when it is an installed package's object, else undefined. */
export function packageApi(ref: ApiRef | undefined): ApiRef | undefined {
  return ref && isPackageApi(ref) ? ref : undefined;
}

/** An installed package's object: not the project's own code, not a global, not an untyped marker. */
function isPackageApi(ref: ApiRef): boolean {
  return ref.module !== LOCAL && ref.module !== GLOBAL && ref.module !== UNTYPED && ref.module !== '';
}

/** The API a member call reaches on a receiver that carries one: `paddle.adjustments` + `create`. */
export function calleeOnReceiver(callee: Node, receiver: Value | undefined): ApiRef | undefined {
  const inner = unwrapExpression(callee);
  if (!receiver?.api || inner.type !== 'MemberExpression') return undefined;
  const name = propertyName(inner);
  return name === undefined ? undefined : extend(receiver.api, { kind: 'Member', name });
}

/** A stable text for an API, for specialisation keys. */
export function apiKey(ref: ApiRef): string {
  return `${ref.module}:${ref.tokens.map((token) => (token.kind === 'Member' ? token.name : token.kind)).join('.')}`;
}
