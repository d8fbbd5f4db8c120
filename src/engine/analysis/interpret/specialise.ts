// Helper summaries instantiated with the caller's arguments: a helper that takes the allowed root or the
// allowlist as a parameter bounds the value only when the caller passes a root or list the model does not
// choose, so a call that passes such a value gets a summary analysed with it in place of a symbol.
import { isFunction, walk, type FunctionNode } from '../../ast';
import { ABSENT, CLEAN, isTainted, type Origin, type Value } from '../value';
import type { FunctionSummary } from './types';
import { apiKey } from './typed-arguments';
import { comparedParams } from './constant-branch';
import { editGeneration, usedInThisLint } from '../summary-deps';
import { literalDefault } from './param-defaults';

/** Distinct argument shapes analysed per helper; beyond this, calls fall back to the symbolic summary. */
const MAX_SPECIALISATIONS = 4;
const MAX_KEY_TEXT = 200;
const MAX_KEY_MEMBERS = 8;

/** A specialised summary, the exact values it was analysed with (see value-signature.ts), and the edit it is valid at. */
interface Entry {
  summary: FunctionSummary | undefined;
  signature: string | undefined;
  generation: number;
  /** Shapes are counted per family: the whole argument shape, or only the arguments that decide branches. */
  family: SlotFamily;
}
/**
 * `shape`: every fixed argument; `branch`: only those deciding a comparison inside (see branchDecidingArguments);
 * `fields`: none, only the instance's field symbols (instance-fields.ts).
 */
export type SlotFamily = 'shape' | 'branch' | 'fields';
type Cache = WeakMap<FunctionNode, Map<string, Entry>>;
/** Per summary cache (one per project or lint run), so specialised summaries live and die with it. */
const caches = new WeakMap<object, Cache>();

/**
 * The arguments to analyse the helper with: the caller's values for parameters the model does not
 * control, when at least one other argument carries model input (otherwise the symbolic summary serves).
 */
export function fixedArguments(fn: FunctionNode, args: Value[]): Map<number, Value> | undefined {
  const count = Math.min(fn.params.length, args.length);
  const fixed = new Map<number, Value>();
  let tainted = false;
  let typed = false;
  for (let index = 0; index < count; index++) {
    const param = fn.params[index];
    if (param?.type === 'RestElement') break;
    const value = args[index] as Value;
    const clients = typedMembers(value);
    if (value.api || clients) typed = true;
    // `callRestV1('GET', path)` into `if (method === 'PUT') …`: the caller's constant decides a branch inside.
    if (value.constant !== undefined && !isTainted(value) && comparedParams(fn).has(index)) typed = true;
    if (!isTainted(value)) fixed.set(index, value);
    else {
      tainted = true;
      // A context object carrying the model's input and a client: still a symbol, but its client member is typed.
      if (clients) fixed.set(index, { ...symbolicParam(fn, index), props: clients });
      // A path the caller resolved (`isInsideDir(path.resolve(dir, name), base)`): still a symbol, but resolved, so
      // a `startsWith(root + sep)` on it inside is a containment check, as it would be in the caller.
      else if (value.isResolvedPath) fixed.set(index, { ...symbolicParam(fn, index), isResolvedPath: true });
    }
  }
  // `safePath(p)` of `function safePath(p, root = ROOT)`: an omitted argument takes the author's default. Without
  // a default it is undefined inside (`readFile(p)` of `readFile(p, options)`), so a branch on one of its members
  // (`const { isUrl } = options ?? {}; isUrl ? fetch(p) : …`) cannot run.
  for (let index = args.length; index < fn.params.length; index++) {
    if (authorDefault(fn, index)) fixed.set(index, literalDefault(fn, index) ?? CLEAN);
    else if (tainted && fn.params[index]?.type === 'Identifier') fixed.set(index, ABSENT);
  }
  // A package client handed in decides which rows match inside, with or without model input beside it.
  return (tainted || typed) && fixed.size > 0 ? fixed : undefined;
}

/** A parameter's default written by the author that names no other parameter (`root = ROOT`, not `root = p`). */
function authorDefault(fn: FunctionNode, index: number): boolean {
  const param = fn.params[index];
  if (param?.type !== 'AssignmentPattern') return false;
  const names = new Set(
    fn.params.flatMap((other) => {
      const id = other.type === 'AssignmentPattern' ? other.left : other;
      return id.type === 'Identifier' ? [id.name] : [];
    }),
  );
  let namesParam = false;
  walk(param.right, (node) => {
    if (namesParam) return false;
    if (node.type === 'Identifier' && names.has(node.name)) namesParam = true;
    return !isFunction(node);
  });
  return !namesParam;
}

/** The members of an object argument that are package clients (`{ calendar, query }`), or undefined. */
function typedMembers(value: Value): Map<string, Value> | undefined {
  let out: Map<string, Value> | undefined;
  for (const [name, member] of value.props ?? []) {
    if (!member.api || isTainted(member)) continue;
    out ??= new Map();
    out.set(name, { ...CLEAN, api: member.api });
  }
  return out;
}

/** A helper's parameter as a symbol: its uses inside are traced back to whatever a caller passes. */
export function symbolicParam(fn: FunctionNode, index: number): Value {
  const param = fn.params[index];
  const display = param?.type === 'Identifier' ? param.name : `argument ${index + 1}`;
  const origin: Origin = { kind: 'param', index, display, path: [] };
  return {
    origins: [origin],
    bounds: new Set(),
    parts: [{ kind: 'tainted', value: { origins: [origin], bounds: new Set() } }],
  };
}

/** A key telling apart argument shapes that can change what the helper's guards establish. */
export function fixedKey(fixed: ReadonlyMap<number, Value>): string {
  return [...fixed].map(([index, value]) => `${index}=${shapeKey(value)}`).join('|');
}

/**
 * The fixed arguments that still matter once the per-helper shapes are used up: the caller's constants for
 * parameters the helper compares with a string (`callRestV1('GET', '/orders', data)` keeps `'GET'`, drops the
 * path), package clients, and the symbols and absences that mark model input. Every dropped argument becomes a
 * symbol, as in the symbolic summary, so this summary is never less sound than that one; it only decides the
 * branches a constant decides. A helper called from ~100 sites with 100 paths and 4 methods then needs 4
 * summaries, not 100. Undefined when nothing would be dropped (the full shape is this one) or nothing decides.
 */
export function branchDecidingArguments(
  fn: FunctionNode,
  fixed: ReadonlyMap<number, Value>,
): Map<number, Value> | undefined {
  const compared = comparedParams(fn);
  const kept = new Map<number, Value>();
  let decides = false;
  for (const [index, value] of fixed) {
    if (isTainted(value) || value.isAbsent || value.api) kept.set(index, value);
    else if (value.constant !== undefined && compared.has(index)) {
      kept.set(index, value);
      decides = true;
    }
  }
  return decides && kept.size < fixed.size ? kept : undefined;
}

/** A constant's text; for an options object, its written members (`{ method: 'POST' }` differs from GET). */
function shapeKey(value: Value): string {
  if (isTainted(value)) return value.isResolvedPath ? 'r' : 's';
  if (value.isAbsent) return 'u';
  if (value.api) return `a${apiKey(value.api).slice(0, MAX_KEY_TEXT)}`;
  if (value.constant !== undefined) return `c${value.constant.slice(0, MAX_KEY_TEXT)}`;
  // A template literal has parts, no constant: its leading text tells documents apart (`query getMenu…` from
  // `mutation addMeal…`), which would otherwise share one summary and one document.
  const lead = value.parts?.[0];
  if (lead?.kind === 'const') return `t${lead.text.slice(0, MAX_KEY_TEXT)}`;
  const members: string[] = [];
  for (const [name, member] of value.props ?? []) {
    if (members.length >= MAX_KEY_MEMBERS) break;
    if (member.constant !== undefined)
      members.push(`${name.slice(0, MAX_KEY_TEXT)}:${member.constant.slice(0, MAX_KEY_TEXT)}`);
    else if (member.api) members.push(`${name.slice(0, MAX_KEY_TEXT)}:a${apiKey(member.api).slice(0, MAX_KEY_TEXT)}`);
  }
  return members.length > 0 ? `o{${members.join(',')}}` : 'o';
}

export interface SpecialisedSlot {
  /** The summary analysed with this key; one from before the latest edit only when `signature` matches its own. */
  get(signature: () => string | undefined): FunctionSummary | undefined;
  has(): boolean;
  set(summary: FunctionSummary | undefined, signature: string | undefined): void;
  /** Too many shapes already: use the symbolic summary. */
  full: boolean;
}

/** Entries whose values cannot be compared across an edit (they hold the caller's tree), per summary cache. */
const unsigned = new WeakMap<object, { entries: [Map<string, Entry>, string][]; overflowed: boolean }>();
/** Beyond this many, an edit drops every specialised summary of the cache instead. */
const MAX_UNSIGNED = 4096;

/**
 * After an edit (summary-deps.ts logs it), a specialised summary may be reused only when a caller passes the very
 * values it was analysed with, and when nothing it read changed; one analysed with the caller's tree (a callback)
 * is dropped, so no old tree stays reachable and it is analysed again with the new one.
 */
export function retireSpecialised(owner: object): void {
  const list = unsigned.get(owner);
  unsigned.delete(owner);
  if (list?.overflowed) {
    caches.delete(owner);
    return;
  }
  for (const [map, key] of list?.entries ?? []) if (map.get(key)?.signature === undefined) map.delete(key);
}

export function specialisedSlot(
  owner: object,
  fn: FunctionNode,
  key: string,
  family: SlotFamily = 'shape',
): SpecialisedSlot {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new WeakMap();
    caches.set(owner, cache);
  }
  let byKey = cache.get(fn);
  if (!byKey) {
    byKey = new Map();
    cache.set(fn, byKey);
  }
  const map = byKey;
  const generation = editGeneration(owner);
  const entry = map.get(key);
  // Only shapes this lint used count, as they would in a lint on a fresh cache: a scan's earlier files (or
  // an editor's earlier lints) filling a helper's slots must not change this file's result.
  let current = 0;
  for (const other of map.values()) if (other.family === family && usedInThisLint(other.summary)) current++;
  return {
    get: (signature) => {
      if (!entry) return undefined;
      if (entry.generation !== generation) {
        if (entry.signature === undefined || entry.signature !== signature()) return undefined;
        entry.generation = generation;
      }
      return entry.summary;
    },
    has: () => entry?.generation === generation,
    set: (summary, signature) => {
      map.delete(key);
      map.set(key, { summary, signature, generation, family });
      // Shapes of earlier edits go first (oldest first) once the map holds twice the shapes a lint may use.
      for (const [oldKey, old] of map) {
        if (map.size <= 2 * MAX_SPECIALISATIONS) break;
        if (old.generation !== generation) map.delete(oldKey);
      }
      if (signature === undefined) noteUnsigned(owner, map, key);
    },
    full: !usedInThisLint(entry?.summary) && current >= MAX_SPECIALISATIONS,
  };
}

function noteUnsigned(owner: object, map: Map<string, Entry>, key: string): void {
  let list = unsigned.get(owner);
  if (!list) {
    list = { entries: [], overflowed: false };
    unsigned.set(owner, list);
  }
  if (list.overflowed) return;
  if (list.entries.length >= MAX_UNSIGNED) {
    list.overflowed = true;
    list.entries = [];
    return;
  }
  list.entries.push([map, key]);
}
