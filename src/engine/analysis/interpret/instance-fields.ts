// Fields an instance carries from its construction: `new ApiClient({ baseUrl })` whose constructor stores
// `this.baseUrl = options.baseUrl` gives the instance that field, so a method called on it later reads
// `this.baseUrl` as what the caller passed (a model-chosen origin stays the model's, through any helper that
// builds and returns the client). Inside a method's summary such a field is a symbol, mapped back at each call.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, walk, type FunctionNode } from '../../ast';
import { resolveClass, type ResolvedClass } from '../resolve';
import { CLEAN, isTainted, joinValues, memberOf, type Origin, type Value } from '../value';
import { constructorOf } from './constructed-fields';
import { cloneState } from './state';
import type { FunctionSummary, Interpreter, ReturnRecord } from './types';

/** The parameter index a field symbol's origin carries: the instance, which no argument list holds. */
export const FIELD_PARAM = -1;
/** Fields read from one constructor; classes climbed for an inherited constructor. */
const MAX_FIELDS = 16;
/** A part step of a field symbol's path: the field's value after its constant leading text. */
const TAIL = '#tail';

/** The `this.f = …` assignments of a constructor's own body (not of functions inside it), cached per constructor. */
const assignmentsCache = new WeakMap<FunctionNode, readonly TSESTree.AssignmentExpression[]>();

function fieldAssignments(fn: FunctionNode): readonly TSESTree.AssignmentExpression[] {
  const cached = assignmentsCache.get(fn);
  if (cached) return cached;
  const out: TSESTree.AssignmentExpression[] = [];
  walk(fn.body, (node) => {
    if (out.length >= MAX_FIELDS) return false;
    if (node !== fn.body && isFunction(node)) return false;
    if (
      node.type === 'AssignmentExpression' &&
      node.operator === '=' &&
      node.left.type === 'MemberExpression' &&
      !node.left.computed &&
      node.left.object.type === 'ThisExpression'
    )
      out.push(node);
    return true;
  });
  assignmentsCache.set(fn, out);
  return out;
}

function isConstructor(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return parent?.type === 'MethodDefinition' && parent.kind === 'constructor';
}

/**
 * For a constructor's summary: the value each `this.f = …` leaves in the instance, read with the state at
 * each way out (joined), in terms of the constructor's symbolic parameters. Reading them records nothing.
 */
export function constructorFields(
  fn: FunctionNode,
  interpreter: Interpreter,
  returns: readonly ReturnRecord[],
): Map<string, Value> | undefined {
  if (!isConstructor(fn)) return undefined;
  const assignments = fieldAssignments(fn);
  if (assignments.length === 0 || returns.length === 0) return undefined;
  const hits = interpreter.hits.length;
  const audits = interpreter.audits.length;
  const approvals = interpreter.approvals.length;
  const out = new Map<string, Value>();
  for (const assignment of assignments) {
    const name = propertyName(assignment.left as TSESTree.MemberExpression);
    if (name === undefined) continue;
    let joined: Value | undefined;
    for (const entry of returns)
      joined = joinValues(joined, interpreter.evaluate(assignment.right, cloneState(entry.state)));
    // A later assignment of the same field (a fallback after a check) replaces an earlier one only with model input.
    const before = out.get(name);
    if (joined && (!before || !isTainted(before))) out.set(name, joined);
  }
  interpreter.hits.length = hits;
  interpreter.audits.length = audits;
  interpreter.approvals.length = approvals;
  return out.size > 0 ? out : undefined;
}

/**
 * `new C(args)` of a project class whose constructor stores model input: the instance's fields, with the
 * caller's values in place of the constructor's parameters. Undefined when no argument carries input.
 */
export function newInstanceFields(
  interpreter: Interpreter,
  node: TSESTree.NewExpression,
  args: readonly Value[],
  mapOrigins: (value: Value, actual: (index: number, path?: readonly string[]) => Value) => Value,
): Map<string, Value> | undefined {
  if (!args.some(isTainted)) return undefined;
  const ctor = constructorBody(resolveClass(node.callee, interpreter.ctx));
  if (!ctor || fieldAssignments(ctor.fn).length === 0) return undefined;
  const summary: FunctionSummary | undefined = interpreter.summarise(ctor.fn, ctor.ctx);
  if (!summary?.fields) return undefined;
  const actual = (index: number, path: readonly string[] = []): Value =>
    path.reduce<Value>((value, name) => memberOf(value, name), args[index] ?? CLEAN);
  const out = new Map<string, Value>();
  for (const [name, value] of summary.fields) {
    const mapped = mapOrigins(value, actual);
    if (isTainted(mapped) && isWhole(mapped)) out.set(name, mapped);
  }
  return out.size > 0 ? out : undefined;
}

/** The constructor `new C(…)` runs, when it has a body (a declared overload has none). */
function constructorBody(
  resolved: ResolvedClass | undefined,
): { fn: TSESTree.FunctionExpression; ctx: ResolvedClass['ctx'] } | undefined {
  const found = constructorOf(resolved);
  return found?.method.value.body
    ? { fn: found.method.value as TSESTree.FunctionExpression, ctx: found.ctx }
    : undefined;
}

/**
 * The instance fields a method called on `receiver` sees, as they came: the receiver's own members when it
 * was built with model input (or is an object literal holding it), the current method's when called on `this`.
 */
export function receiverInstanceFields(
  interpreter: Interpreter,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  fn: FunctionNode,
  receiver: Value | undefined,
): ReadonlyMap<string, Value> | undefined {
  if (fn.type === 'ArrowFunctionExpression' || call.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  if (unwrapExpression(callee.object).type === 'ThisExpression') return taintedOnly(interpreter.options.thisFields);
  return receiver?.props ? taintedOnly(receiver.props) : undefined;
}

function taintedOnly(fields: ReadonlyMap<string, Value> | undefined): ReadonlyMap<string, Value> | undefined {
  if (!fields) return undefined;
  let out: Map<string, Value> | undefined;
  for (const [name, value] of fields) {
    if (!isTainted(value)) continue;
    out ??= new Map();
    out.set(name, value);
  }
  return out;
}

/** The fields a method's summary is analysed with: each model-carrying one a symbol, beside the typed clients. */
export function withFieldSymbols(
  typed: ReadonlyMap<string, Value> | undefined,
  fields: ReadonlyMap<string, Value> | undefined,
): ReadonlyMap<string, Value> | undefined {
  if (!fields || fields.size === 0) return typed;
  const out = new Map(typed ?? []);
  for (const [name, value] of fields) if (isWhole(value)) out.set(name, fieldSymbol(value, [name], 0));
  return out.size > 0 ? out : undefined;
}

/**
 * A field the symbol stands for as a whole: model text on its own, or after constant text. A string built of
 * several pieces (`${protocol}://${host}/api/0`) keeps bounds on its pieces that one symbol would lose, so such
 * a field, like a checked one, is left as the method reads it without the construction.
 */
function isWhole(value: Value): boolean {
  // A checked field (an allowlisted host) reads as checked without its construction; a symbol could drop the check
  // where the caller's value holds it on the whole string but not on its pieces.
  if (value.bounds.size > 0) return false;
  const parts = value.parts;
  if (!parts || parts.length === 1) return true;
  return parts.length === 2 && parts[0]?.kind === 'const' && parts[1]?.kind === 'tainted';
}

function fieldSymbol(value: Value, path: readonly string[], depth: number): Value {
  const origin: Origin = { kind: 'param', index: FIELD_PARAM, display: `this.${path.join('.')}`, path };
  const symbol: Value = { origins: [origin], bounds: value.bounds };
  const out: Value = { ...symbol, parts: [{ kind: 'tainted', value: symbol }] };
  // A field whose text starts with a constant (`https://api.example.com/${tenant}`) keeps it in front.
  const lead = value.parts?.[0];
  if (lead?.kind === 'const' && value.parts && value.parts.length > 1) {
    const tail: Origin = { ...origin, path: [...path, TAIL] };
    const rest: Value = { origins: [tail], bounds: value.bounds };
    out.parts = [lead, { kind: 'tainted', value: rest }];
  }
  if (value.props && depth < 3) {
    out.props = new Map(
      [...value.props].map(([key, member]) => [
        key,
        isTainted(member) ? fieldSymbol(member, [...path, key], depth + 1) : member,
      ]),
    );
    if (value.isObjectLiteral) out.isObjectLiteral = true;
  }
  if (value.isUrl) out.isUrl = true;
  if (value.isResolvedPath) out.isResolvedPath = true;
  return out;
}

/** What a field symbol's path names in the fields the call's receiver holds. */
export function fieldActual(fields: ReadonlyMap<string, Value> | undefined, path: readonly string[]): Value {
  const [name, ...rest] = path;
  let value = (name === undefined ? undefined : fields?.get(name)) ?? CLEAN;
  for (const step of rest) {
    value = step === TAIL ? { ...value, parts: (value.parts ?? []).slice(1) } : memberOf(value, step);
  }
  return value;
}

/** Whether a method's fields hold a symbol for model input (so a summary without them would lose it). */
export function hasFieldSymbols(fields: ReadonlyMap<string, Value> | undefined): boolean {
  for (const value of fields?.values() ?? []) if (isTainted(value)) return true;
  return false;
}
