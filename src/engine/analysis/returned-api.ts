// The package API a project function or method hands back: `(await this.getClient()).users.messages.send(...)`
// where `getClient()` (perhaps inherited from a base class in another file) returns `google.gmail(...)`,
// also through a local copy (`const client = await this.client()`) or a member of a returned object
// (`const { vaultClient } = await initClients(agent)` where the function returns `{ vaultClient, … }`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import { GLOBAL, isFrozenLiteral, LOCAL, type ApiRef, type ApiToken } from '../api';
import type { FileContext } from './context';
import { resolveFunction } from './resolve';
import { passedGetter } from './passed-getter';
import { instanceFieldApi } from './instance-field-api';
import { assignedMemberValues } from './lazy-fields';

/** Members between the call and the use (`.users.messages`), and returns read per function. */
const MAX_MEMBERS = 6;
const MAX_RETURNS = 8;
/** Local variables followed back to the call (`const c = await this.client()`). */
const MAX_COPIES = 2;
/** Project functions that hand another's return value on (`getSpawner()` returning `worldOf(o).spawn`). */
const MAX_HOPS = 2;

/**
 * What `node` is when it is a project function's return value, or a member of one: the first return
 * statement whose value names a module's API. Undefined when the function is not the project's or no
 * return names an API.
 */
export function returnedApi(node: Node, ctx: FileContext, hops = 0): ApiRef | undefined {
  const members: ApiToken[] = [];
  let current = unwrapExpression(node);
  let copies = 0;
  while (members.length <= MAX_MEMBERS) {
    if (current.type === 'AwaitExpression') current = unwrapExpression(current.argument);
    else if (current.type === 'Identifier' && copies++ < MAX_COPIES) {
      // `const client = await this.client(); client.upsert(...)`.
      const binding = ctx.scopes.resolve(current);
      if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement) break;
      // `const { vaultClient } = await initClients(agent)`: a member of what the function returns.
      members.unshift(...binding.patternPath.map((name): ApiToken => ({ kind: 'Member', name })));
      current = unwrapExpression(binding.init);
    } else if (current.type === 'MemberExpression') {
      const name = propertyName(current);
      if (name === undefined) return undefined;
      members.unshift({ kind: 'Member', name });
      current = unwrapExpression(current.object);
    } else if (current.type === 'CallExpression' && isPackageMethodCall(current, ctx)) {
      // `storage.bucket(name).file(key)` on what `factory.getStorageClient()` returns: the package's own calls.
      members.unshift({ kind: 'ReturnValue' });
      current = unwrapExpression(current.callee);
    } else break;
  }
  if (current.type !== 'CallExpression') return undefined;
  // `getClient2()` where the helper was handed the module's getter: what the getter returns.
  const target = resolveFunction(current.callee, ctx) ?? passedGetter(current.callee, ctx);
  if (!target) return undefined;
  // A package's client wins over a runtime value: `getClient()` returning a cached `this.clients.get(key)` (a
  // Map's value) or a `new Client()` it makes hands back the client either way.
  let runtime: ApiRef | undefined;
  for (const returned of returnValues(target.fn)) {
    const [value, rest] = pickedMember(returned, members, target.ctx);
    const resolved = target.ctx.api.resolve(value) ?? lazyFieldApi(value, target.fn, target.ctx);
    // `return Client.instance.api`: the project object's field, which its class fills with the package's client;
    // otherwise another getter's return value, a hop further.
    const ref =
      resolved === undefined || resolved.module === LOCAL
        ? (instanceFieldApi(value, target.ctx) ??
          resolved ??
          (hops < MAX_HOPS ? returnedApi(value, target.ctx, hops + 1) : undefined))
        : resolved;
    if (ref && ref.module === GLOBAL) runtime ??= withMembers(ref, rest);
    else if (ref && ref.module === LOCAL && hops < MAX_HOPS) {
      // `return worldOf(options).spawn`: another project function's return value, followed a step further.
      const further = returnedApi(value, target.ctx, hops + 1);
      if (further) return withMembers(further, rest);
    } else if (ref) return withMembers(ref, rest);
  }
  if (runtime) return runtime;
  // `clientFor(account): Exchange { return this.clients[account]; }`: the declared return type says what
  // comes back when the returned value (a lookup in a typed record) names no API itself.
  const declared = declaredReturnType(target.fn);
  const typed = declared && target.ctx.api.fromType(declared, 0);
  return typed ? withMembers(typed, members) : undefined;
}

/**
 * `getClient() { if (!this.client) this.client = new Client(); return this.client; }`: the field a
 * getter returns holds what the getter itself assigns it.
 */
function lazyFieldApi(value: Node, fn: FunctionNode, ctx: FileContext): ApiRef | undefined {
  const field = unwrapExpression(value);
  if (field.type !== 'MemberExpression' || unwrapExpression(field.object).type !== 'ThisExpression') return undefined;
  const name = propertyName(field);
  if (name === undefined || !fn.body) return undefined;
  for (const assigned of assignedMemberValues(fn.body, name, (object) => object.type === 'ThisExpression')) {
    const ref = ctx.api.resolve(assigned);
    if (ref) return ref;
  }
  return undefined;
}

/** A member call the project does not define (`client.bucket(name)`): a step inside the package's API. */
function isPackageMethodCall(call: TSESTree.CallExpression, ctx: FileContext): boolean {
  const callee = unwrapExpression(call.callee);
  return callee.type === 'MemberExpression' && !resolveFunction(callee, ctx);
}

function withMembers(ref: ApiRef, members: ApiToken[]): ApiRef {
  const out: ApiRef = { module: ref.module, tokens: [...ref.tokens, ...members] };
  if (ref.pkg !== undefined) out.pkg = ref.pkg;
  return out;
}

/** A function's declared return type, with `Promise<T>` read as `T`. */
export function declaredReturnType(fn: FunctionNode): TSESTree.TypeNode | undefined {
  const type = fn.returnType?.typeAnnotation;
  if (type?.type !== 'TSTypeReference') return type;
  const isPromise = type.typeName.type === 'Identifier' && type.typeName.name === 'Promise';
  return isPromise ? type.typeArguments?.params[0] : type;
}

/**
 * `return { driftClient, vaultClient, cleanUp }` read for `.vaultClient`: that property's value, and the members
 * after it; also a constant the function returns that holds such an object (`return hostWorld` with
 * `const hostWorld = Object.freeze({ spawn })`).
 */
function pickedMember(returned: Node, members: ApiToken[], ctx: FileContext): [Node, ApiToken[]] {
  const inner = heldObject(unwrapExpression(returned), ctx);
  const [first, ...rest] = members;
  if (inner.type !== 'ObjectExpression' || first?.kind !== 'Member') return [returned, members];
  for (const property of inner.properties)
    if (property.type === 'Property' && propertyName(property) === first.name) return [property.value as Node, rest];
  return [returned, members];
}

/** A constant's object literal (also frozen), else the node itself. */
export function heldObject(node: Node, ctx: FileContext): Node {
  if (node.type !== 'Identifier') return node;
  const binding = ctx.scopes.resolve(node);
  if (binding?.kind !== 'var' || binding.declarationKind !== 'const' || !binding.init) return node;
  if (binding.patternPath.length > 0) return node;
  const init = unwrapExpression(binding.init);
  const frozen =
    init.type === 'CallExpression' && isFrozenLiteral(init) ? unwrapExpression(init.arguments[0] as Node) : init;
  return frozen.type === 'ObjectExpression' ? frozen : node;
}

/** Each function's body is read once, however many calls ask for its returns. */
const returnsOf = new WeakMap<FunctionNode, Node[]>();

/** The values a function returns (its own returns, not those of functions nested in it). */
export function returnValues(fn: FunctionNode): Node[] {
  const cached = returnsOf.get(fn);
  if (cached) return cached;
  const body = fn.body;
  if (!body) return [];
  if (body.type !== 'BlockStatement') return [body];
  const out: Node[] = [];
  returnsOf.set(fn, out);
  walk(body, (node) => {
    if (out.length >= MAX_RETURNS) return false;
    if (node !== body && isFunction(node)) return false;
    if (node.type === 'ReturnStatement' && node.argument) out.push(node.argument);
    return undefined;
  });
  return out;
}
