// The environment along one path: copying it at a branch, joining it where branches meet, reading a key,
// and adding the bounds a condition established.
import type { State } from '../evaluator';
import type { Facts } from '../guards';
import { namesAmount } from '../amount-fields';
import { correlationsOf } from './flag-correlation';
import { originKey } from '../origins';
import { isTainted, joinValues, memberOf, withBounds, type Bound, type Origin, type Value } from '../value';

const MAX_ALIAS_SCAN = 256;
/** Bounds a check on a derived copy puts on the original: where it points, not what it is (see `Value.copyOf`). */
const COPY_BOUNDS: ReadonlySet<Bound> = new Set<Bound>(['path', 'host']);

export function cloneState(state: State): State {
  const copy: State = { env: new Map(state.env), approved: state.approved };
  if (state.correlations) copy.correlations = state.correlations;
  return copy;
}

export function joinStates(a: State | undefined, b: State | undefined): State | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a === b) return a;
  const env = new Map<string, Value>();
  // A member only one branch bounded (`if (!inside(args.file)) console.warn(…)`) is read from its parent on the
  // other branch, so the join keeps only what both branches know.
  for (const [key, value] of a.env)
    env.set(key, joinValues(value, b.env.get(key) ?? memberKey(key, b) ?? (isTainted(value) ? undefined : value)));
  for (const [key, value] of b.env) if (!a.env.has(key)) env.set(key, joinValues(memberKey(key, a) ?? value, value));
  const joined: State = { env, approved: a.approved && b.approved };
  const correlations = correlationsOf(a, b, joined);
  if (correlations) joined.correlations = correlations;
  return joined;
}

/** A member key's value derived from its parent; undefined for a variable's own key. */
function memberKey(key: string, state: State): Value | undefined {
  return key.includes('.') ? readKey(key, state) : undefined;
}

/** The value stored under an env key, derived from its parent key when only the parent is known. */
export function readKey(key: string, state: State): Value | undefined {
  const known = state.env.get(key);
  if (known) return known;
  const dot = key.lastIndexOf('.');
  if (dot < 0) return undefined;
  const parent = readKey(key.slice(0, dot), state);
  return parent ? memberOf(parent, key.slice(dot + 1)) : undefined;
}

/** Stores `value` under `key`: every change to a state goes through here or `approve`, so remembered values go stale. */
export function setKey(state: State, key: string, value: Value): void {
  state.env.set(key, value);
  state.version = (state.version ?? 0) + 1;
}

export function approve(state: State): void {
  if (state.approved) return;
  state.approved = true;
  state.version = (state.version ?? 0) + 1;
}

/** Applies what a condition established to the state (a new fact only adds bounds). */
export function applyFacts(state: State, facts: Facts): State {
  const target = state;
  for (const fact of facts.facts) {
    for (const key of fact.keys) {
      const current = readKey(key, target);
      if (!current) continue;
      setKey(target, key, withBounds(current, [fact.bound]));
      const aliases = COPY_BOUNDS.has(fact.bound) ? [...(current.keys ?? []), ...(current.copyOf ?? [])] : current.keys;
      for (const alias of aliases ?? []) {
        const aliased = readKey(alias, target);
        if (aliased) setKey(target, alias, withBounds(aliased, [fact.bound]));
      }
      boundAliasesOf(target, key, fact.bound);
      if (fact.absent) dropOrigins(target, current.origins);
      // A contained path joined from a fixed root and one name: the name stays inside joined under a root.
      if (fact.bound === 'path')
        for (const name of current.rootedCopyOf ?? []) {
          const named = readKey(name, target);
          if (named) setKey(target, name, withBounds(named, ['segment']));
        }
    }
  }
  if (facts.approved) approve(target);
  return target;
}

/**
 * Where a model value is known to be undefined, an env entry derived from it alone (`requested ?? tempPath()`,
 * then a helper's result on that) holds what the program chose: it keeps its shape but no longer its origins.
 */
function dropOrigins(state: State, absent: readonly Origin[]): void {
  if (absent.length === 0 || state.env.size > MAX_ALIAS_SCAN) return;
  const gone = new Set(absent.map(originKey));
  for (const [key, value] of state.env) {
    if (!isTainted(value) || !value.origins.every((origin) => gone.has(originKey(origin)))) continue;
    setKey(state, key, { origins: [], bounds: value.bounds, ...(value.api ? { api: value.api } : {}) });
  }
}

/** Env entries naming the same value as `key` (`const { resolvedUrl } = check(url)` aliases url) get the bound too. */
function boundAliasesOf(state: State, key: string, bound: Bound): void {
  // A large environment is left alone: the forward aliases above cover the common cases.
  if (state.env.size > MAX_ALIAS_SCAN) return;
  for (const [other, value] of state.env) {
    if (other !== key && value.keys?.includes(key) && !value.bounds.has(bound))
      state.env.set(other, withBounds(value, [bound]));
  }
}

/** A value that names other keys (`check.resolvedUrl` names url) holds the bounds a guard has since put on them. */
export function withAliasBounds(value: Value, state: State): Value {
  if (!value.keys || !isTainted(value)) return value;
  const added: Bound[] = [];
  for (const key of value.keys) {
    const other = state.env.get(key);
    if (!other) continue;
    for (const bound of other.bounds) if (!value.bounds.has(bound) && !added.includes(bound)) added.push(bound);
  }
  return added.length > 0 ? withBounds(value, added) : value;
}

/**
 * A model-supplied object whose amount member a guard bounded (`if (BigInt(req.maxAmountRequired) > MAX) throw`)
 * carries that member, bounded, when the whole object is handed on (`createPaymentHeader(wallet, 1, req)`).
 */
export function withBoundAmountMembers(value: Value, keys: readonly string[], state: State): Value {
  if (!isTainted(value) || value.props || state.env.size > MAX_ALIAS_SCAN) return value;
  let props: Map<string, Value> | undefined;
  for (const key of keys) {
    const prefix = `${key}.`;
    for (const [other, member] of state.env) {
      if (!other.startsWith(prefix) || !member.bounds.has('amount') || !isTainted(member)) continue;
      const name = other.slice(prefix.length);
      if (name.includes('.') || !namesAmount(name)) continue;
      props ??= new Map();
      props.set(name, member);
    }
  }
  return props ? { ...value, props } : value;
}
