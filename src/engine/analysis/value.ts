// The abstract values the interpreter computes: where a value came from, what bounds it, and how a
// string is built (so a constant origin in front of model input can be told from a model-chosen host).
import { extend, type ApiRef } from '../api';
import type { FunctionNode, Node } from '../ast';
import { step } from './budget';
import { joinParts } from './join-parts';
import { childOrigin, ELEMENT, MAX_ORIGINS, originKey } from './origins';

export { childOrigin } from './origins';

/** Where model control starts: the tool's input (as written) or, inside a helper summary, a parameter. */
export type Origin = InputOrigin | ParamOrigin;

export interface InputOrigin {
  readonly kind: 'input';
  /** How the source names the value (`input.url`); derived origins build it only when it is read. */
  readonly display: string;
  readonly node: Node;
  readonly file: string;
  /** On the input itself: the fields its schema validates as numbers before the handler runs (`z.number()`). */
  readonly numberFields?: ReadonlySet<string>;
}

export interface ParamOrigin {
  readonly kind: 'param';
  readonly index: number;
  readonly display: string;
  /** The members read from the parameter (`settings.browserType` is `['browserType']`). */
  readonly path: readonly string[];
}

/** What a guard established about a value. */
export type Bound =
  | 'allowlist'
  | 'host'
  | 'path'
  | 'amount'
  | 'segment'
  // A number (`Math.round(x)`, `Number(x)`, `parseInt(x)`): written out, digits and a sign, never a command word.
  | 'numeric'
  // An absolute path (`path.resolve(…)`, realpath, or checked by `path.isAbsolute`): it starts with a root or a
  // drive, never with '-', so a program never reads it as an option.
  | 'absolute'
  // Escaped for a quoted string of another language (see `quoteEscape` in sanitisers.ts).
  | 'backslash-escaped'
  | 'double-quote-escaped'
  | 'single-quote-escaped'
  // Single quotes doubled (`'` → `''`), the SQL way; with backslashes doubled too, `sql-quote-escaped`: text that
  // cannot leave a SQL string literal in any dialect (MySQL reads `\'` as an escaped quote, so both are needed).
  | 'quote-doubled'
  | 'sql-quote-escaped';

/** One piece of a string, in order: constant text, something unknown but not model-controlled, or model input. */
export type Part = { kind: 'const'; text: string } | { kind: 'opaque' } | { kind: 'tainted'; value: Value };

/** A condition that holds when a value is truthy (`const ok = ALLOWED.has(h)`). */
export interface Fact {
  keys: string[];
  bound: Bound;
  /** The value is known to be undefined (`x === undefined`): values derived only from its origins carry no input. */
  absent?: boolean;
}

export interface Value {
  origins: Origin[];
  bounds: ReadonlySet<Bound>;
  /** String structure; undefined when nothing useful is known. */
  parts?: Part[];
  /** Object literal members (for `{ url }` options and `{ amount }`). */
  props?: Map<string, Value>;
  /** An object literal: members not in `props` do not exist (for a model-supplied object they may). */
  isObjectLiteral?: boolean;
  /** Array literal elements. */
  elements?: Value[];
  /**
   * Indices of `elements` that need not follow the element before them: where a join put two lists end to
   * end, or a method other than `push` added them. Elsewhere each element follows the one before it.
   */
  elementSeams?: number[];
  /** Indices of `elements` pushed in one call right after a fixed long option (`args.push('--glob', glob)`). */
  optionValues?: number[];
  /** Indices of `elements` that are a spread list nothing is known of here (`[...base, ...args]`, `args` a parameter). */
  spreadAt?: number[];
  /** Env keys this value aliases, so a guard on it bounds them too. */
  keys?: string[];
  /**
   * Env keys of values this one is a derived copy of (what a project helper such as `normalizePath(p)`
   * returns): a containment or host check on the copy bounds them too, a membership check does not
   * (`ALLOWED_EXTENSIONS.has(extensionOf(p))` says nothing about where p points).
   */
  copyOf?: string[];
  /**
   * Env keys of the one model-chosen name this path joins under roots the model does not choose
   * (`path.resolve(ROOT, p)` names p): a containment check on it makes p a name that stays inside when
   * joined under a root (`segment`), not a path that is safe on its own (read raw, p is relative to the
   * working folder).
   */
  rootedCopyOf?: string[];
  /** Produced by path.resolve or realpath: a startsWith check on it is a containment guard. */
  isResolvedPath?: boolean;
  /** Produced by path.relative(root, x): holds the keys of x. */
  relativeOf?: string[];
  /** Produced by new URL(x): `.hostname` of it bounds the host of x. */
  isUrl?: boolean;
  /** Truthiness implies these facts. */
  predicate?: Fact[];
  /** Falsiness implies these facts (`const blocked = !ALLOWED.has(h)`). */
  predicateWhenFalse?: Fact[];
  /** The literal `false`: never truthy, so joined with a flag set under a check it keeps the check (see joinValues). */
  isFalse?: boolean;
  /** Truthiness implies a human approved. */
  isApproval?: boolean;
  /** A function value (a callback or a handler reference). */
  fn?: FunctionNode;
  /** Computed from its origins (a call's result, a conversion), not one of them: a member of it is no member of a parameter. */
  isDerived?: boolean;
  /** A constant string or number. */
  constant?: string;
  /** The constants a value joined from branches may be (`let method = 'POST'; … method = 'PUT'`), at most 4. */
  alternatives?: readonly string[];
  /** A package's object handed in by a caller (`new Paddle(key)` passed to a helper): its API, for sink rows. */
  api?: ApiRef;
  /** Known to be undefined (an argument the caller omitted, a member an object literal lacks): never truthy. */
  isAbsent?: boolean;
}

const NO_BOUNDS: ReadonlySet<Bound> = new Set();
/** A client's API followed through this many members at most (catalog paths are a few steps long). */
const MAX_API_TOKENS = 12;

export const CLEAN: Value = { origins: [], bounds: NO_BOUNDS };
/** Undefined for certain: a branch that needs it truthy cannot run. */
export const ABSENT: Value = { origins: [], bounds: NO_BOUNDS, isAbsent: true };

export function isTainted(value: Value): boolean {
  return value.origins.length > 0;
}

export function constantValue(text: string): Value {
  return { origins: [], bounds: NO_BOUNDS, parts: [{ kind: 'const', text }], constant: text };
}

/** A constant string after a method that only changes its case or trims it (`'post'.toUpperCase()`); else undefined. */
export function convertedConstant(receiver: Value, method: string): Value | undefined {
  const text = receiver.constant;
  if (text === undefined) return undefined;
  switch (method) {
    case 'toUpperCase':
    case 'toLocaleUpperCase':
      return constantValue(text.toUpperCase());
    case 'toLowerCase':
    case 'toLocaleLowerCase':
      return constantValue(text.toLowerCase());
    case 'trim':
      return constantValue(text.trim());
    case 'toString':
    case 'valueOf':
      return constantValue(text);
    default:
      return undefined;
  }
}

/**
 * `url.replace('/transaction', '/estimation')` with a constant text and replacement: the first occurrence
 * is replaced; when it lies in the constant text in front, that text changes and the rest is kept, and
 * when it does not, the text in front (the origin of a URL) is kept as it is. Undefined when the value's
 * front is not constant text.
 */
export function replacedFront(receiver: Value, pattern: string, replacement: string): Value | undefined {
  const [front, ...rest] = receiver.parts ?? [];
  if (front?.kind !== 'const' || pattern === '') return undefined;
  const text = front.text.includes(pattern) ? front.text.replace(pattern, () => replacement) : front.text;
  return { ...receiver, parts: [{ kind: 'const', text }, ...rest] };
}

export function opaqueValue(): Value {
  return { origins: [], bounds: NO_BOUNDS, parts: [{ kind: 'opaque' }] };
}

/** Parts of a value used inside a larger string. */
export function partsOf(value: Value): Part[] {
  if (value.parts) return value.parts;
  return isTainted(value) ? [{ kind: 'tainted', value }] : [{ kind: 'opaque' }];
}

/** A value derived from several: model control is the union, bounds only those every tainted input has. */
export function combine(values: Value[], keepBounds: readonly Bound[] = ['allowlist']): Value {
  const origins = uniqueOrigins(values.flatMap((value) => value.origins));
  if (origins.length === 0) return { origins: [], bounds: NO_BOUNDS };
  const tainted = values.filter(isTainted);
  const bounds = new Set<Bound>();
  for (const bound of keepBounds) {
    if (tainted.every((value) => value.bounds.has(bound))) bounds.add(bound);
  }
  return { origins, bounds };
}

export function withBounds(value: Value, bounds: Iterable<Bound>): Value {
  const next = new Set(value.bounds);
  for (const bound of bounds) next.add(bound);
  return { ...value, bounds: next };
}

/** Keeps only the bounds that survive a transformation of the value. */
export function derived(value: Value, keep: readonly Bound[]): Value {
  const bounds = new Set<Bound>([...value.bounds].filter((bound) => keep.includes(bound)));
  const out: Value = { origins: value.origins, bounds };
  if (out.origins.length > 0) out.isDerived = true;
  return out;
}

/**
 * Origins without repeats, at most MAX_ORIGINS of them: the first ones in order (so results stay
 * deterministic), plus the first origin of every helper parameter not among them, because a summary
 * needs to know each parameter that reaches a sink.
 */
export function uniqueOrigins(origins: readonly Origin[]): Origin[] {
  step(origins.length);
  const seen = new Set<string>();
  const out: Origin[] = [];
  const params = new Set<number>();
  for (const origin of origins) {
    const key = originKey(origin);
    if (seen.has(key)) continue;
    if (out.length >= MAX_ORIGINS && (origin.kind !== 'param' || params.has(origin.index))) continue;
    if (out.length >= 2 * MAX_ORIGINS) break;
    seen.add(key);
    out.push(origin);
    if (origin.kind === 'param') params.add(origin.index);
  }
  return out;
}

/** A container (object or array literal) holding a capped amount carries the cap to whatever receives it. */
export function container(values: Value[]): Value {
  const out = combine(values, []);
  // Only a capped member the model chose caps the container: a capped configured tip beside it does not.
  if (values.some((value) => value.bounds.has('amount') && isTainted(value)))
    return { ...out, bounds: new Set<Bound>(['amount']) };
  return out;
}

/** At a join point: model control is the union, a bound holds only if it holds on every path. */
/** A value the model fills only with segments: `${safe}.md`, or a sanitised name itself. */
export function isSegment(value: Value): boolean {
  if (value.bounds.has('segment')) return true;
  if (!value.parts?.some((part) => part.kind === 'tainted')) return false;
  // Constant and opaque text is the author's; only the model's parts must be single segments.
  return value.parts.every((part) => part.kind !== 'tainted' || part.value.bounds.has('segment'));
}

/** Bounds the elements a join of known lists keeps (a loop joins its states again and again). */
const MAX_JOINED_ELEMENTS = 16;

const MAX_ALTERNATIVES = 4;

/** The constants either side may be, when both are known constants (none when tainted, unknown or too many). */
function joinedConstants(a: Value, b: Value): string[] | undefined {
  if (isTainted(a) || isTainted(b)) return undefined;
  const left = a.constant !== undefined ? [a.constant] : a.alternatives;
  const right = b.constant !== undefined ? [b.constant] : b.alternatives;
  if (!left || !right) return undefined;
  const all = [...new Set([...left, ...right])];
  return all.length <= MAX_ALTERNATIVES ? all : undefined;
}

/** Keys both sides are a copy or an alias of. */
function joinedCopies(a: Value, b: Value): string[] {
  if (!a.copyOf && !b.copyOf) return [];
  const left = [...(a.copyOf ?? []), ...(a.keys ?? [])];
  const right = new Set([...(b.copyOf ?? []), ...(b.keys ?? [])]);
  return [...new Set(left.filter((key) => right.has(key)))];
}

export function joinValues(a: Value | undefined, b: Value | undefined): Value {
  if (!a) return b ?? CLEAN;
  if (!b) return a;
  if (a === b) return a;
  const origins = uniqueOrigins([...a.origins, ...b.origins]);
  const bounds = new Set<Bound>();
  const aTainted = isTainted(a);
  const bTainted = isTainted(b);
  for (const bound of a.bounds) if (!bTainted || b.bounds.has(bound)) bounds.add(bound);
  if (!aTainted) for (const bound of b.bounds) bounds.add(bound);
  // `if (!dot) return clean(s); return clean(a) + '.' + clean(b)`: single segments on every path are one.
  if (aTainted && bTainted && isSegment(a) && isSegment(b)) bounds.add('segment');
  const out: Value = { origins, bounds };
  if (a.isResolvedPath && b.isResolvedPath) out.isResolvedPath = true;
  if (a.parts && b.parts && !isTainted(a) && !isTainted(b)) out.parts = [{ kind: 'opaque' }];
  else if (aTainted && !bTainted && a.parts) out.parts = a.parts;
  else if (bTainted && !aTainted && b.parts) out.parts = b.parts;
  else if (aTainted && bTainted && a.parts && b.parts) out.parts = joinParts(a.parts, b.parts, combine);
  if (a.fn && a.fn === b.fn) out.fn = a.fn;
  const alternatives = joinedConstants(a, b);
  if (alternatives) out.alternatives = alternatives;
  // A copy of the same value on both paths (a loop's iterations joined) is still a copy of it, so a check
  // after the join still bounds the original.
  const keys = a.keys?.filter((key) => b.keys?.includes(key));
  if (keys && keys.length > 0) out.keys = keys;
  // An alias on one path and a copy on the other (`let c = resolve(p); try { c = canonical(c) } catch {}`) is
  // at least a copy of it after the join: an alias is the stronger of the two.
  const copyOf = joinedCopies(a, b);
  if (copyOf.length > 0) out.copyOf = copyOf;
  // `rel === '' ? [] : rel.split(sep)`: a list known on both sides holds the elements of either.
  if (a.elements && b.elements) {
    out.elements = [...a.elements, ...b.elements].slice(0, MAX_JOINED_ELEMENTS);
    const offset = a.elements.length;
    const seams = [...(a.elementSeams ?? []), offset, ...(b.elementSeams ?? []).map((at) => at + offset)];
    // What is pushed next follows the end of either list, not the last element written here.
    seams.push(out.elements.length);
    out.elementSeams = seams.filter((at) => at <= MAX_JOINED_ELEMENTS);
    const paired = [...(a.optionValues ?? []), ...(b.optionValues ?? []).map((at) => at + offset)];
    if (paired.length > 0) out.optionValues = paired;
    const spreads = [...(a.spreadAt ?? []), ...(b.spreadAt ?? []).map((at) => at + offset)];
    if (spreads.length > 0) out.spreadAt = spreads.filter((at) => at < MAX_JOINED_ELEMENTS);
  }
  // `let ok = false; for (…) if (check) ok = true`: where the joined flag is truthy, it was set where the check held.
  if (a.isFalse && b.isFalse) out.isFalse = true;
  else if (a.isFalse && b.predicate) out.predicate = b.predicate;
  else if (b.isFalse && a.predicate) out.predicate = a.predicate;
  // `settings ?? {}`: the object keeps its members, each joined with the other side's.
  if (a.props || b.props) {
    const props = new Map<string, Value>();
    for (const [key, value] of a.props ?? []) props.set(key, b.props ? joinValues(value, b.props.get(key)) : value);
    for (const [key, value] of b.props ?? [])
      if (!props.has(key)) props.set(key, a.props ? joinValues(value, a.props.get(key)) : value);
    const bothLiteral = (a.isObjectLiteral || !a.props) && (b.isObjectLiteral || !b.props);
    if ((a.props || !isTainted(a)) && (b.props || !isTainted(b))) {
      out.props = props;
      if (bothLiteral) out.isObjectLiteral = true;
    }
  }
  return out;
}

export function describeOrigins(value: Value): string {
  const names = [...new Set(value.origins.map((origin) => origin.display))];
  return names.slice(0, 3).join('`, `');
}

/** The value of `value.name`. */
export function memberOf(value: Value, name: string): Value {
  const prop = value.props?.get(name);
  if (prop) return prop;
  // A member of an approval's answer (`result.action`) is still the answer.
  if (value.isApproval && !value.props) return { ...memberOf({ ...value, isApproval: false }, name), isApproval: true };
  if (value.isObjectLiteral || value.isAbsent) return ABSENT;
  if (!isTainted(value)) {
    if (value.props) return CLEAN;
    if (name === 'length') return CLEAN;
    // `paddle.adjustments` of a client the caller passed in is that client's resource.
    return value.api && value.api.tokens.length < MAX_API_TOKENS
      ? { ...opaqueValue(), api: extend(value.api, { kind: 'Member', name }) }
      : opaqueValue();
  }
  if (name === 'length') return CLEAN;
  // `(await fetch(url(p))).tx` depends on the parameter p as a whole: a caller's `p.tx` is not what it reads.
  const origins = value.origins.map((origin) =>
    value.isDerived && origin.kind === 'param' ? origin : childOrigin(origin, name),
  );
  const keep: Bound[] = value.isUrl ? ['allowlist', 'host'] : ['allowlist', 'host', 'amount'];
  const out: Value = {
    origins: uniqueOrigins(origins),
    bounds: new Set([...value.bounds].filter((bound) => keep.includes(bound))),
  };
  if (value.isDerived) out.isDerived = true;
  return out;
}

/** One element of an iterable: an array literal's elements joined, or model input indexed. */
export function elementOf(value: Value): Value {
  // Joined among themselves (not with CLEAN), so what every element shares (a resolved path) is kept.
  if (value.elements && value.elements.length > 0)
    return value.elements.reduce<Value | undefined>((acc, item) => joinValues(acc, item), undefined) ?? CLEAN;
  if (!isTainted(value)) return value.props ? CLEAN : opaqueValue();
  return {
    origins: uniqueOrigins(value.origins.map((origin) => childOrigin(origin, ELEMENT))),
    bounds: new Set([...value.bounds].filter((bound) => bound === 'allowlist')),
  };
}
