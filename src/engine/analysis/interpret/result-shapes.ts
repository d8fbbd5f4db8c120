// Helpers that return their verdict with the value (`return { isAllowed: HOSTS.has(u.hostname), resolvedUrl:
// u.href }`, `{ ok, path }`): a member of the result can carry what a check on a parameter established when it
// is truthy, and a member can name the parameter itself, so a caller's `if (!r.isAllowed) throw` bounds the
// argument and the `resolvedUrl` it goes on with.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../../ast';
import type { State } from '../evaluator';
import { factsOf, keysOf } from '../guards';
import { isTainted, type Bound, type Fact, type Value } from '../value';
import { readKey, setKey } from './state';
import type { Interpreter, MemberFact, ParamFact, ReturnRecord } from './types';

const MAX_MEMBERS = 16;
/** Bounds a literal `true` status member carries from the state of its return. */
const HELD_BOUNDS: readonly Bound[] = ['allowlist', 'host', 'path', 'segment', 'amount'];

export function collectMemberFacts(
  interpreter: Interpreter,
  returns: readonly ReturnRecord[],
  paramKeys: ReadonlyMap<string, number>,
): MemberFact[] {
  const objects = returns.flatMap((entry) => {
    const argument = entry.node?.argument ? unwrapExpression(entry.node.argument) : undefined;
    return argument?.type === 'ObjectExpression' ? [{ object: argument, state: entry.state }] : [];
  });
  if (objects.length === 0 || paramKeys.size === 0) return [];
  const names = new Set<string>();
  for (const { object } of objects)
    for (const property of object.properties) {
      const name = property.type === 'Property' ? propertyName(property) : undefined;
      if (name !== undefined && names.size < MAX_MEMBERS) names.add(name);
    }
  const out: MemberFact[] = [];
  for (const member of names) {
    let predicate: ParamFact[] | undefined;
    let aliasOf: number | undefined | null;
    let siblings: Array<{ member: string; bound: Bound }> | undefined;
    for (const { object, state } of objects) {
      const expression = memberExpression(object, member);
      // Absent or literally false: never truthy on this return, so it restricts nothing.
      if (!expression || (expression.type === 'Literal' && expression.value === false)) continue;
      // `return { valid: true }` after the checks: what they established on the parameters holds where it is truthy.
      const here =
        expression.type === 'Literal' && expression.value === true
          ? boundsHeld(state, paramKeys)
          : paramFacts(factsOf(expression, interpreter, state, true).facts, paramKeys);
      predicate = predicate === undefined ? here : predicate.filter((fact) => here.some((other) => same(fact, other)));
      const alias = aliasIndex(expression, interpreter, state, paramKeys);
      aliasOf = aliasOf === undefined ? alias : aliasOf === alias ? aliasOf : null;
      const bounded = boundedSiblings(object, member, interpreter, state, ownFacts(expression, interpreter, state));
      siblings =
        siblings === undefined
          ? bounded
          : siblings.filter((a) => bounded.some((b) => a.member === b.member && a.bound === b.bound));
    }
    const fact: MemberFact = { member, predicate: predicate ?? [] };
    if (typeof aliasOf === 'number') fact.aliasOf = aliasOf;
    if (siblings && siblings.length > 0) fact.siblings = siblings;
    if (fact.predicate.length > 0 || fact.aliasOf !== undefined || fact.siblings) out.push(fact);
  }
  return out;
}

/** The call's result with its members' facts instantiated with the caller's arguments. */
export function applyMemberFacts(
  result: Value,
  facts: readonly MemberFact[],
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  interpreter: Interpreter,
  state: State,
): Value {
  if (facts.length === 0 || !result.props) return result;
  const props = new Map(result.props);
  for (const fact of facts) {
    const value = props.get(fact.member);
    if (!value) continue;
    const predicate: Fact[] = [];
    for (const param of fact.predicate) {
      const argument = call.arguments[param.index];
      if (argument) predicate.push({ keys: keysOf(argument, interpreter, state), bound: param.bound });
    }
    for (const sibling of fact.siblings ?? []) {
      // A key of its own for the sibling member, so `if (!r.ok) throw` can bound `r.path` (or a destructured copy).
      const member = props.get(sibling.member);
      if (!member) continue;
      const key = `$result${call.range[0]}.${sibling.member}`;
      const named: Value = { ...member, keys: [...new Set([...(member.keys ?? []), key])] };
      setKey(state, key, named);
      props.set(sibling.member, named);
      predicate.push({ keys: [key], bound: sibling.bound });
    }
    const next: Value = { ...(props.get(fact.member) ?? value) };
    if (predicate.length > 0) next.predicate = [...(value.predicate ?? []), ...predicate];
    const aliased = fact.aliasOf === undefined ? undefined : call.arguments[fact.aliasOf];
    if (aliased) next.keys = [...new Set([...(value.keys ?? []), ...keysOf(aliased, interpreter, state)])];
    props.set(fact.member, next);
  }
  return { ...result, props };
}

const SIBLING_BOUNDS: Bound[] = ['path', 'host', 'allowlist'];

/** Members of a returned object (variables or members, nothing that calls) that carry a bound here. */
function boundedSiblings(
  object: TSESTree.ObjectExpression,
  member: string,
  interpreter: Interpreter,
  state: State,
  checked: readonly Fact[],
): Array<{ member: string; bound: Bound }> {
  const out: Array<{ member: string; bound: Bound }> = [];
  for (const property of object.properties) {
    if (property.type !== 'Property') continue;
    const name = propertyName(property);
    const expression = unwrapExpression(property.value as Node);
    if (name === undefined || name === member) continue;
    if (expression.type !== 'Identifier' && expression.type !== 'MemberExpression') continue;
    const value = interpreter.evaluate(expression, { env: new Map(state.env), approved: state.approved });
    if (!isTainted(value)) continue;
    for (const bound of SIBLING_BOUNDS) if (value.bounds.has(bound)) out.push({ member: name, bound });
    // `{ ok: resolved.startsWith(ROOT + sep), resolved }`: where `ok` is truthy, the member it checked is bounded.
    const keys = keysOf(expression, interpreter, state);
    for (const fact of checked)
      if (SIBLING_BOUNDS.includes(fact.bound) && fact.keys.some((key) => keys.includes(key)))
        if (!out.some((entry) => entry.member === name && entry.bound === fact.bound))
          out.push({ member: name, bound: fact.bound });
  }
  return out;
}

/** What the member's own expression establishes where it is truthy (nothing for a value that is not a check). */
function ownFacts(expression: Node, interpreter: Interpreter, state: State): Fact[] {
  if (expression.type === 'Literal' || expression.type === 'ObjectExpression') return [];
  return factsOf(expression, interpreter, state, true).facts;
}

function memberExpression(object: TSESTree.ObjectExpression, member: string): Node | undefined {
  for (const property of object.properties) {
    if (property.type === 'Property' && propertyName(property) === member)
      return unwrapExpression(property.value as Node);
  }
  return undefined;
}

/** The bounds each parameter holds in the state of a return. */
function boundsHeld(state: State, paramKeys: ReadonlyMap<string, number>): ParamFact[] {
  const out: ParamFact[] = [];
  for (const [key, index] of paramKeys) {
    const bounds = readKey(key, state)?.bounds;
    for (const bound of HELD_BOUNDS) if (bounds?.has(bound)) out.push({ index, path: '', bound });
  }
  return out;
}

function paramFacts(facts: readonly Fact[], paramKeys: ReadonlyMap<string, number>): ParamFact[] {
  const out: ParamFact[] = [];
  for (const fact of facts)
    for (const key of fact.keys) {
      const index = paramKeys.get(key);
      if (index !== undefined && !out.some((other) => other.index === index && other.bound === fact.bound))
        out.push({ index, path: '', bound: fact.bound as Bound });
    }
  return out;
}

function aliasIndex(
  expression: Node,
  interpreter: Interpreter,
  state: State,
  paramKeys: ReadonlyMap<string, number>,
): number | undefined {
  for (const key of keysOf(expression, interpreter, state)) {
    const index = paramKeys.get(key);
    if (index !== undefined) return index;
  }
  return undefined;
}

function same(a: ParamFact, b: ParamFact): boolean {
  return a.index === b.index && a.bound === b.bound && a.path === b.path;
}
